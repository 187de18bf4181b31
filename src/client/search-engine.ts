/**
 * One search function for the header dialog and the search page. It loads Pagefind's runtime from
 * the site itself on first use (never on page load), and falls back to the compact index where
 * Pagefind cannot answer: a site opened from disk, the dev server (no index yet), or offline results
 * whose fragments were never downloaded.
 */
import { isExactTitle, type FallbackIndex, type FilterKey } from '../garden/model/search.ts';
import { searchFallback } from './fallback-search.ts';
import { pagefindFilters, pagefindSort, type SearchState } from './search-state.ts';

/** One result as the UIs show it. `excerpt` is HTML whose only markup is `<mark>`. */
export interface Hit {
  url: string;
  title: string;
  kind: string;
  breadcrumb: string;
  excerpt: string;
}

/** Counts of results per filter value. */
export type Counts = Record<string, Record<string, number>>;

/** A page of results, the total, facet counts, and how to get the next page. */
export interface Results {
  hits: Hit[];
  total: number;
  counts: Counts;
  /** Which index answered: Pagefind's, or the fallback (titles, summaries, headings). */
  engine: 'pagefind' | 'fallback';
  /** Loads `n` more hits after those already loaded. */
  more: (n: number) => Promise<Hit[]>;
}

interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface PagefindResult {
  data: () => Promise<PagefindFragment>;
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  mergeIndex: (url: string, o?: Record<string, unknown>) => Promise<void>;
  preload: (term: string, o?: Record<string, unknown>) => Promise<void>;
  search: (term: string | null, o?: Record<string, unknown>) => Promise<{ results: PagefindResult[]; filters: Counts } | null>;
  filters: () => Promise<Counts>;
}

const BASE = import.meta.env.BASE_URL;

/** Where the site's root is: the base path, or, for a site opened from disk, the folder holding it. */
export function siteRoot(): string {
  if (location.protocol !== 'file:') return BASE;
  return document.documentElement.dataset.groveRoot ?? new URL('../', location.href).href;
}

/** The link to a route: `/learning/notes/x/`, or `file:///…/dist/notes/x/index.html` from disk. */
export function hrefOfRoute(route: string): string {
  const root = siteRoot();
  const rel = route.replace(/^\//, '');
  return location.protocol === 'file:' ? `${root}${rel}index.html` : `${root}${rel}`;
}

/** The index holds one language (`languages` of `pagefind/shards.json`): no filter is needed. */
let oneLanguage = false;

/**
 * Search keeps to the page's language: Pagefind loads each index's part in the `<html lang>` of the
 * page, and a shard with no page in it gives its largest language instead, which this filter leaves
 * out (every page indexed has a `lang` filter: SearchMeta.astro). A site in one language needs none,
 * and saves loading the filter's chunk from every shard on a first query.
 */
function languageFilter(): Record<string, { any: string[] }> {
  if (oneLanguage) return {};
  const lang = document.documentElement.lang;
  return lang ? { lang: { any: [lang] } } : {};
}

let pagefind: Promise<Pagefind | undefined> | undefined;
let fallback: Promise<FallbackIndex | undefined> | undefined;

/** Pagefind, loaded and initialised once; undefined where it cannot run. */
export function loadPagefind(): Promise<Pagefind | undefined> {
  if (location.protocol === 'file:') return Promise.resolve(undefined);
  pagefind ??= import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`)
    .then(async (pf: Pagefind) => {
      // Short pages (topics, people) are the answer as often as long lessons: weigh length less than the
      // default. A match in the title counts twice Pagefind's default (5), so a page named like the
      // query outranks the pages that mention it often (exactTitleFirst then puts an exact title first).
      const options = { baseUrl: BASE, excerptLength: 22, ranking: { pageLength: 0.5, metaWeights: { title: 10 } } };
      await pf.options(options);
      await pf.init();
      // A large garden's index is in shards (src/integrations/pagefind.ts): the others merge into the first, searched as one.
      const listed: { shards?: string[]; languages?: string[] } = await fetch(`${BASE}pagefind/shards.json`)
        .then((r) => (r.ok ? r.json() : {}))
        .catch(() => ({}));
      for (const shard of listed.shards ?? []) await pf.mergeIndex(`${BASE}pagefind/${shard}`, options);
      oneLanguage = listed.languages?.length === 1;
      return pf;
    })
    .catch(() => undefined);
  return pagefind;
}

/** The fallback index, loaded once by a script tag (which works from disk, where fetch does not). */
export function loadFallback(): Promise<FallbackIndex | undefined> {
  const w = window as { __groveFallback?: FallbackIndex };
  if (w.__groveFallback) return Promise.resolve(w.__groveFallback);
  fallback ??= new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = `${siteRoot()}search-fallback.js`;
    s.onload = () => resolve(w.__groveFallback);
    s.onerror = () => resolve(undefined);
    document.head.append(s);
  });
  return fallback;
}

/** Starts loading what a search will need (on focus or the first keystroke), so results come sooner. */
export function warmUp(term = ''): void {
  void loadPagefind().then((pf) => (pf && term ? pf.preload(term) : undefined));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/**
 * Keeps Pagefind's `<mark>` and drops any other tag. Pagefind's excerpts are already HTML-escaped
 * text (`&lt;files&gt;`), so entities stay as they are; a stray `<` or `>` is escaped.
 */
export function safeExcerpt(html: string): string {
  return html
    .replace(/<(\/?)mark>/g, (_, close: string) => (close ? '\u0002' : '\u0001'))
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u0001/g, '<mark>')
    .replace(/\u0002/g, '</mark>');
}

/**
 * The hits whose title is the query, moved to the front (in their order), the others after them in
 * theirs: Pagefind ranks by words, and a page called exactly what the reader typed is the answer
 * even where another page uses the words more often.
 */
export function exactTitleFirst<T extends { title: string }>(hits: readonly T[], query: string): T[] {
  const exact = hits.filter((h) => isExactTitle(h.title, query));
  return exact.length === 0 ? [...hits] : [...exact, ...hits.filter((h) => !exact.includes(h))];
}

function hitOfFragment(f: PagefindFragment, withExcerpt: boolean): Hit {
  return {
    url: f.url,
    title: f.meta.title ?? f.url,
    kind: f.meta.kind ?? '',
    breadcrumb: f.meta.breadcrumb ?? '',
    excerpt: withExcerpt ? safeExcerpt(f.excerpt) : escapeHtml(f.meta.summary ?? ''),
  };
}

async function searchWithFallback(state: SearchState, limit: number): Promise<Results | undefined> {
  const index = await loadFallback();
  if (!index) return undefined;
  const r = searchFallback(index, state.q, state.filters);
  for (const key of Object.keys(state.filters) as FilterKey[]) {
    if (state.filters[key]?.length) r.counts[key] = searchFallback(index, state.q, { ...state.filters, [key]: [] }).counts[key] ?? {};
  }
  const toHit = (h: (typeof r.hits)[number]): Hit => ({ url: hrefOfRoute(h.route), title: h.title, kind: h.kind, breadcrumb: h.breadcrumb, excerpt: escapeHtml(h.summary) });
  let shown = limit;
  return {
    hits: r.hits.slice(0, limit).map(toHit),
    total: r.total,
    counts: r.counts,
    engine: 'fallback',
    more: async (n) => {
      const next = r.hits.slice(shown, shown + n).map(toHit);
      shown += n;
      return next;
    },
  };
}

let allFilters: Promise<unknown> | undefined;

/**
 * Runs a search and loads the first `limit` hits. Undefined when no index can be loaded at all.
 * With `counts`, every filter's chunk is loaded first (once), so results count every filter value
 * for the facets; without it (the header dialog) a search stays lean: on a 10,000-page garden,
 * loading them costs about 100 KB and makes each search about three times slower.
 */
export async function runSearch(state: SearchState, limit: number, options: { counts?: boolean } = {}): Promise<Results | undefined> {
  const pf = await loadPagefind();
  if (!pf) return searchWithFallback(state, limit);
  if (options.counts) await (allFilters ??= pf.filters());
  const found = await pf.search(state.q || null, { filters: { ...pagefindFilters(state), ...languageFilter() }, sort: pagefindSort(state) });
  if (!found) return undefined;
  const withExcerpt = state.q.length > 0;
  const load = async (from: number, n: number) => {
    const settled = await Promise.allSettled(found.results.slice(from, from + n).map((r) => r.data()));
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [hitOfFragment(s.value, withExcerpt)] : []));
  };
  const first = withExcerpt ? exactTitleFirst(await load(0, limit), state.q) : await load(0, limit);
  // A selected facet counts its other values as if it were not set (OR within a facet), so the reader
  // sees what adding "lesson" to "note" would bring, not zeros.
  const counts: Counts = { ...found.filters };
  for (const key of Object.keys(state.filters) as FilterKey[]) {
    if (!state.filters[key]?.length) continue;
    const others = await pf.search(state.q || null, { filters: { ...pagefindFilters({ ...state, filters: { ...state.filters, [key]: [] } }), ...languageFilter() } });
    if (others) counts[key] = others.filters[key] ?? {};
  }
  // Offline, a result's fragment may never have been downloaded: answer from the fallback index instead.
  if (limit > 0 && first.length === 0 && found.results.length > 0) return (await searchWithFallback(state, limit)) ?? undefined;
  let shown = limit;
  return {
    hits: first,
    total: found.results.length,
    counts,
    engine: 'pagefind',
    more: async (n) => {
      const next = await load(shown, n);
      shown += n;
      return next;
    },
  };
}

/** The filter keys a UI may show, re-exported for the search page. */
export type { FilterKey };
