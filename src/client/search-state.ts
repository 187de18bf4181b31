/**
 * The state of a search as the reader shares it: the query, the filters and the sort, in the URL
 * (`/search/?q=rebase&kind=note&topic=git`). Pure functions, so the round trip is unit-tested.
 */
import { FILTER_KEYS, type FilterKey } from '../garden/model/search.ts';

/** How results are ordered. */
export type SortOrder = 'relevance' | 'updated';

/** A search: query, selected filter values per key (OR within a key, AND across keys), sort. */
export interface SearchState {
  q: string;
  filters: Partial<Record<FilterKey, string[]>>;
  sort: SortOrder;
}

/** Longest query kept from a URL; longer text is cut (nobody types more, and Pagefind slows down). */
export const MAX_QUERY = 200;

const isFilterKey = (k: string): k is FilterKey => (FILTER_KEYS as readonly string[]).includes(k);

/** Reads a search from a query string (`?q=…&kind=note&kind=lesson`); unknown keys are ignored. */
export function parseSearchParams(query: string | URLSearchParams): SearchState {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const filters: SearchState['filters'] = {};
  for (const [key, raw] of params) {
    if (!isFilterKey(key)) continue;
    // `kind=note,lesson` is accepted too, as people write it by hand.
    for (const value of raw.split(',').map((v) => v.trim())) {
      if (!value) continue;
      const list = (filters[key] ??= []);
      if (!list.includes(value)) list.push(value);
    }
  }
  for (const key of FILTER_KEYS) filters[key]?.sort();
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY),
    filters,
    sort: params.get('sort') === 'updated' ? 'updated' : 'relevance',
  };
}

/** Writes a search as a query string without `?`, in a stable order: q, filters, sort. */
export function toSearchParams(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const key of FILTER_KEYS) for (const v of [...(state.filters[key] ?? [])].sort()) params.append(key, v);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  return params.toString();
}

/** Selects a filter value, or clears it when it was selected. */
export function toggleFilter(state: SearchState, key: FilterKey, value: string): SearchState {
  const current = state.filters[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value].sort();
  const filters = { ...state.filters, [key]: next };
  if (next.length === 0) delete filters[key];
  return { ...state, filters };
}

/** True when no filter value is selected. */
export function hasFilters(state: SearchState): boolean {
  return FILTER_KEYS.some((k) => (state.filters[k]?.length ?? 0) > 0);
}

/** The filters in Pagefind's form: any of the values within a key, all keys together. */
export function pagefindFilters(state: SearchState): Record<string, { any: string[] }> {
  const out: Record<string, { any: string[] }> = {};
  for (const key of FILTER_KEYS) {
    const values = state.filters[key];
    if (values && values.length > 0) out[key] = { any: [...values] };
  }
  return out;
}

/** Pagefind's sort for the state: newest first by last updated, or none (relevance). */
export function pagefindSort(state: SearchState): Record<string, 'asc' | 'desc'> | undefined {
  return state.sort === 'updated' ? { updated: 'desc' } : undefined;
}
