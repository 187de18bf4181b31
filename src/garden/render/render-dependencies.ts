/**
 * What a page's rendering depends on besides its own file, for the content loader's cache key.
 */
import type { AnyEntry } from '../content/entries.ts';
import type { Garden } from '../model/garden.ts';
import { resolveEmbed, resolveLink, resolveWikilink, type Resolution } from '../model/links.ts';
import { pageKey } from '../core/kinds.ts';
import { dialectOf, wikilinkParts } from '../content/dialect.ts';
import { anchoredDefinitionPathsIn, anchoredLinkPathsIn, wikilinksIn } from '../content/limits.ts';

/**
 * What a page's rendering depends on besides its own file and the set of pages: the files of pages
 * it embeds (their text is part of it) and of pages it links to with an `#anchor` (their headings
 * decide whether the link is broken). Found with a quick scan, resolved by the one resolver; the
 * content loader adds it to the page's cache key.
 */
export function renderDependencies(garden: Garden, entry: AnyEntry, seen: Set<AnyEntry> = new Set([entry])): string {
  const from = { source: entry.source, path: entry.path };
  const out: string[] = [];
  const add = (r: Resolution, deep: boolean) => {
    if (r.type !== 'page' || seen.has(r.entry)) return;
    seen.add(r.entry);
    out.push(`${pageKey(r.entry.kind, r.entry.id)}:${r.entry.digest}`);
    const deeper = deep ? renderDependencies(garden, r.entry, seen) : '';
    if (deeper) out.push(deeper);
  };
  const body = entry.body;
  if (!body.includes('#') && !body.includes('![[')) return '';
  const source = garden.sources.get(entry.source);
  const dialect = source ? dialectOf(source).dialect : 'gfm';
  for (const m of wikilinksIn(body)) {
    // The target as the page's dialect writes it (Dendron's `[[label|note]]` names the note second).
    const target = wikilinkParts(m[0], dialect).target;
    if (m[1] || target.includes('#')) add(m[1] ? resolveEmbed(garden.links, from, target) : resolveWikilink(garden.links, target, from), !!m[1]);
  }
  for (const path of anchoredLinkPathsIn(body)) if (path) add(resolveLink(garden.links, from, `${path}#x`), false);
  // Reference definitions check their anchors too: `[rule]: ../notes/b.md#the-rule`.
  for (const path of anchoredDefinitionPathsIn(body)) add(resolveLink(garden.links, from, `${path}#x`), false);
  return out.join('\n');
}
