/**
 * Search over the compact fallback index (src/garden/model/search.ts, `fallbackIndexOf`), for where
 * Pagefind cannot run or its result fragments are not at hand: a site opened from disk (`file://`),
 * or offline results whose text was never downloaded. Titles, summaries, aliases and headings only;
 * every query word must match the start of a word of the page.
 */
import { FILTER_KEYS, isExactTitle, wordsOf, type FallbackIndex, type FilterKey } from '../garden/model/search.ts';

/** One page found in the fallback index. */
export interface FallbackHit {
  route: string;
  title: string;
  kind: string;
  breadcrumb: string;
  summary: string;
  score: number;
}

/** Hits, their count, and how many of them carry each filter value (for facet counts). */
export interface FallbackResults {
  hits: FallbackHit[];
  total: number;
  counts: Record<string, Record<string, number>>;
}

/**
 * Points for a query word matching a title word exactly, a title word's start, any word, any word's
 * start; and for the whole query being the title, more than any number of words can score, so the
 * page whose title was typed comes first.
 */
const SCORE = { titleExact: 10, titlePrefix: 6, exact: 3, prefix: 1, wholeTitle: 1_000_000 } as const;

/** Scores one page for the query words; 0 when a word matches nothing. */
function scorePage(terms: readonly string[], titleWords: readonly string[], words: readonly string[]): number {
  let total = 0;
  for (const t of terms) {
    let best = 0;
    for (const w of titleWords) best = Math.max(best, w === t ? SCORE.titleExact : w.startsWith(t) ? SCORE.titlePrefix : 0);
    if (best < SCORE.exact) for (const w of words) best = Math.max(best, w === t ? SCORE.exact : w.startsWith(t) ? SCORE.prefix : 0);
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

/** Searches the fallback index; an empty query lists every page that passes the filters, by title. */
export function searchFallback(index: FallbackIndex, query: string, filters: Partial<Record<FilterKey, string[]>> = {}): FallbackResults {
  const terms = [...new Set(wordsOf(query))];
  const active = FILTER_KEYS.filter((k) => (filters[k]?.length ?? 0) > 0);
  const hits: FallbackHit[] = [];
  const counts: Record<string, Record<string, number>> = {};
  for (const [route, title, kind, breadcrumb, summary, words, filterText] of index.pages) {
    const tags = [`kind:${kind}`, ...(filterText ? filterText.split(' ') : [])];
    const has = (key: FilterKey) => filters[key]!.some((v) => tags.includes(`${key}:${v}`));
    if (!active.every(has)) continue;
    const matched = terms.length === 0 ? 1 : scorePage(terms, wordsOf(title), words.split(' '));
    if (matched === 0) continue;
    const score = terms.length > 0 && isExactTitle(title, query) ? matched + SCORE.wholeTitle : matched;
    hits.push({ route, title, kind, breadcrumb, summary, score });
    for (const tag of tags) {
      const i = tag.indexOf(':');
      const bucket = (counts[tag.slice(0, i)] ??= {});
      bucket[tag.slice(i + 1)] = (bucket[tag.slice(i + 1)] ?? 0) + 1;
    }
  }
  hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, globalThis.document?.documentElement.lang || undefined, { sensitivity: 'base' }));
  return { hits, total: hits.length, counts };
}
