/** Links inside the site, always under the base path (`/learning/`), encoded for `href`. */
import { hrefOf, type Route } from '../garden/core/ids.ts';

/** The `href` of a site route (`/notes/x/`), with an optional `#anchor`. */
export function url(route: string, hash?: string): string {
  return hrefOf(import.meta.env.BASE_URL, route as Route, hash);
}

/** Initials for an avatar: "Amina Haddad" → "AH". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

// One formatter for the whole build: `toLocaleDateString` with options builds a new one per call
// (about 3 s over 10,000 pages).
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A `YYYY-MM-DD` date as the page shows it before the reader's own words replace it: "14 April 2025". */
export function shownDate(d: string): string {
  return DATE_FORMAT.format(new Date(`${d}T12:00:00Z`));
}

/** Where the browser remembers the path the reader opened last (one per site: the base path is in the key). */
export const PATH_KEY = `grove.path:${import.meta.env.BASE_URL}`;

/** The paths a course belongs to, as breadcrumb choices: the one the reader follows replaces "Courses". */
export function pathChoices(paths: ReadonlyArray<{ entry: { id: string; title: string; route: string } }>): Array<{ id: string; label: string; href: string }> {
  return paths.map((p) => ({ id: p.entry.id, label: p.entry.title, href: url(p.entry.route) }));
}

/** True when `href` leads to another host than the site's (`https://git.example/…`, `//cdn.example/…`). */
export function isExternal(href: string): boolean {
  if (!/^(?:[a-z][a-z\d+.-]*:)?\/\//i.test(href)) return false;
  const site = import.meta.env.SITE;
  try {
    return !site || new URL(href, site).origin !== new URL(site).origin;
  } catch {
    return true;
  }
}

/**
 * The `rel` of a link Grove renders: `noopener` for another host, so a page opened from it (in a new
 * tab too) gets no `window.opener` to navigate this one with. Undefined (no attribute) for the site's own links.
 */
export function relOf(href: string): 'noopener' | undefined {
  return isExternal(href) ? 'noopener' : undefined;
}
