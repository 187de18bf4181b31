/**
 * What `![[page]]` and `![[page#heading]]` show: which pages may be embedded, which part of them,
 * the figure around it, and the embeds rendered ahead with code highlighting. The link plugin
 * (link-plugin.ts) renders them, since an embedded page runs its own link plugin.
 */
import type { AnyEntry } from '../content/entries.ts';
import type { Garden } from '../model/garden.ts';
import type { Resolution } from '../model/links.ts';
import { KIND_TABLE } from '../core/kinds.ts';
import { escapeHtml } from './html-runtime.ts';
import { cleanHtml } from '../policy/html-policy.ts';
import { limitsOf } from '../content/limits.ts';
import { outlineIn, publishedHref } from './anchors.ts';
import { blocksIn } from '../content/headings.ts';

/**
 * Why page `other` cannot be embedded into `entry` (itself embedded in `embedding`, outermost first),
 * or undefined when it can: it is one of them (a cycle), it is MDX, or it is over Grove's limits.
 */
export function embedRefusal(entry: AnyEntry, other: AnyEntry, embedding: readonly AnyEntry[]): 'cycle' | 'mdx' | 'limits' | undefined {
  if (other === entry || embedding.includes(other)) return 'cycle';
  if (other.format === 'mdx') return 'mdx';
  if (limitsOf(other).length) return 'limits';
  return undefined;
}

/** What `![[page]]` or `![[page#heading]]` shows of a page: all of it, or one heading's section without its heading line; undefined when there is no such heading. */
export function sectionOf(garden: Garden, other: AnyEntry, anchor: string | undefined): { body: string; heading?: string } | undefined {
  if (anchor === undefined) return { body: other.body };
  if (anchor.startsWith('^')) {
    // `![[page#^id]]`: the one block that carries the id.
    const b = blocksIn(other.body).find((x) => x.id === anchor);
    return b ? { body: b.text } : undefined;
  }
  const h = outlineIn(garden, other).headings.find((x) => x.slug === anchor && x.start !== undefined);
  // The section without its own heading: the embed's caption names it.
  return h ? { body: other.body.slice(other.body.indexOf('\n', h.start) + 1, h.end), heading: h.text } : undefined;
}

/** The figure an embed shows: a caption naming the page (and heading), and its HTML, cleaned when its source is untrusted. */
export function embedFigure(garden: Garden, r: Extract<Resolution, { type: 'page' }>, rendered: string, heading: string | undefined): string {
  const other = r.entry;
  // An untrusted page's HTML is cleaned wherever it is shown, embedded in a trusted page too: as the
  // last step, so it goes into this page's tree as it is (its problems are reported with its own page).
  const source = garden.sources.get(other.source);
  const html = source?.trust === 'untrusted' ? cleanHtml(rendered, { externalAssets: source.externalAssets }).html : rendered;
  const caption = `${escapeHtml(other.title)}${heading ? ` › ${escapeHtml(heading)}` : ''}`;
  return `<figure class="embed" data-embed="${other.kind}:${escapeHtml(other.id)}"><figcaption class="embed-source"><span class="embed-kind">${KIND_TABLE[other.kind].label}</span> <a href="${escapeHtml(publishedHref(garden, r))}">${caption}</a></figcaption><div class="embed-body">\n${html}\n</div></figure>`;
}

// On `globalThis`, not in this module: in a site build, prerenderEmbeds runs in the content loader
// (through render-page.ts) and the link plugin that reads what it rendered is the one astro.config.mjs
// hands to Astro's Markdown processor. Astro loads the config and the content loader through
// different module graphs, so each has its own copy of this module; a module-level map written by one
// would be empty in the other, and every embed would be rendered again without highlighting.
const PRERENDERED = Symbol.for('grove.prerenderedEmbeds');
/** Embedded sections rendered ahead of their pages, by embedding page, embedded page and heading. */
export function prerendered(): Map<string, string> {
  const g = globalThis as Record<symbol, Map<string, string>>;
  return (g[PRERENDERED] ??= new Map());
}
/** Forgets the embeds rendered ahead (the dev server renders the garden again after an edit). */
export function resetPrerenderedEmbeds(): void {
  prerendered().clear();
}
/** The key of one embed in the cache of embeds rendered ahead. */
export const embedKey = (page: AnyEntry, other: AnyEntry, anchor: string | undefined) => `${page.abs}\0${other.abs}#${anchor ?? ''}`;
