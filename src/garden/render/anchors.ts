/**
 * How a link reads the page it names: that page's headings (its outline, with wikilinks in headings
 * read as the page renders them), the label of a wikilink without one, and the hint for an anchor
 * that names no heading.
 */
import type { AnyEntry } from '../content/entries.ts';
import type { Garden } from '../model/garden.ts';
import { resolveWikilink, type Resolution } from '../model/links.ts';
import { closest } from '../core/near.ts';
import { outlineOf, type Outline } from '../content/headings.ts';
import { CLOBBER_PREFIX, LAYOUT_IDS } from '../policy/html-policy.ts';

/** Pages whose outline is being worked out, so two headings that link to each other's pages cannot loop. */
const outlining = new Set<AnyEntry>();

/** A page's outline, with wikilinks in its headings read as the page renders them. */
export function outlineIn(garden: Garden, e: AnyEntry): Outline {
  return outlineOf(e, (target) => {
    const r = resolveWikilink(garden.links, target, e);
    return r.type === 'page' ? labelOf(garden, r) : undefined;
  });
}

/** The id an anchor has on the published page: an untrusted page's heading that the layout also uses gets the clobber prefix (policy/html-policy.ts). */
export function publishedId(garden: Garden, target: AnyEntry, anchor: string): string {
  return garden.sources.get(target.source)?.trust === 'untrusted' && LAYOUT_IDS.has(anchor) ? CLOBBER_PREFIX + anchor : anchor;
}

/** The href of a resolved page with its anchor as the published page has it. */
export function publishedHref(garden: Garden, r: Extract<Resolution, { type: 'page' }>): string {
  if (r.anchor === undefined) return r.href;
  const id = publishedId(garden, r.entry, r.anchor);
  return id === r.anchor ? r.href : `${r.href.slice(0, r.href.indexOf('#'))}#${encodeURIComponent(id)}`;
}

/** How a wikilink or embed without a label reads: the page's title, and the heading's when it names one. */
export function labelOf(garden: Garden, r: Extract<Resolution, { type: 'page' }>): string {
  if (!r.anchor || outlining.has(r.entry)) return r.entry.title;
  outlining.add(r.entry);
  try {
    const h = outlineIn(garden, r.entry).headings.find((x) => x.slug === r.anchor);
    return h ? `${r.entry.title} › ${h.text}` : r.entry.title;
  } finally {
    outlining.delete(r.entry);
  }
}

/** The heading ids to offer for a missing anchor: the closest, else the first few; `write` shows one as the reader would write it. */
export function anchorHint(anchors: Iterable<string>, wanted: string, write: (anchor: string) => string = (a) => `#${a}`): string {
  const all = [...anchors].filter((a) => !['main', 'linked-from', 'used-in'].includes(a));
  const near = closest(wanted, all, 3);
  if (near.length) return `did you mean ${near.map(write).join(', ')}?`;
  if (all.length === 0) return 'it has no headings; link to the page without #';
  return `its headings: ${all
    .slice(0, 6)
    .map((a) => `#${a}`)
    .join(', ')}${all.length > 6 ? ', …' : ''}`;
}
