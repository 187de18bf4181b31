/** Links inside the site, always under the base path (`/learning/`), encoded for `href`. */
import { hrefOf, type Route } from '../garden/ids.ts';

/** The `href` of a site route (`/notes/x/`), with an optional `#anchor`. */
export function url(route: string, hash?: string): string {
  return hrefOf(import.meta.env.BASE_URL, route as Route, hash);
}

/** Initials for an avatar: "Amina Haddad" → "AH". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}
