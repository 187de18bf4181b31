/** The search page's URL ↔ state round trip: what a shared link means, and what the page writes back. */
import { describe, expect, it } from 'vitest';
import { hasFilters, MAX_QUERY, pagefindFilters, pagefindSort, parseSearchParams, toSearchParams, toggleFilter, type SearchState } from '../../src/client/search-state.ts';

const empty: SearchState = { q: '', filters: {}, sort: 'relevance' };

describe('parseSearchParams', () => {
  it.each([
    ['', empty],
    ['?q=rebase', { q: 'rebase', filters: {}, sort: 'relevance' }],
    ['q=rebase&kind=note', { q: 'rebase', filters: { kind: ['note'] }, sort: 'relevance' }],
    ['q=%20git%20%20', { q: 'git', filters: {}, sort: 'relevance' }],
    ['q=git+rebase', { q: 'git rebase', filters: {}, sort: 'relevance' }],
    // Several values of one key, in any order and repeated, become one sorted list.
    ['kind=note&kind=lesson&kind=note', { q: '', filters: { kind: ['lesson', 'note'] }, sort: 'relevance' }],
    // Written by hand with commas.
    ['kind=note,lesson&topic=git', { q: '', filters: { kind: ['lesson', 'note'], topic: ['git'] }, sort: 'relevance' }],
    ['stage=evergreen&course=git-foundations&source=local', { q: '', filters: { stage: ['evergreen'], course: ['git-foundations'], source: ['local'] }, sort: 'relevance' }],
    // Unknown keys and empty values are ignored; an unknown sort is relevance.
    ['utm_source=mail&kind=&colour=red&sort=random', empty],
    ['sort=updated', { q: '', filters: {}, sort: 'updated' }],
    // Non-Latin queries survive.
    ['q=%D7%91%D7%A8%D7%95%D7%9B%D7%99%D7%9D', { q: 'ברוכים', filters: {}, sort: 'relevance' }],
  ])('%s', (query, expected) => {
    expect(parseSearchParams(query)).toEqual(expected);
  });

  it('cuts a very long query', () => {
    expect(parseSearchParams(`q=${'a'.repeat(500)}`).q).toHaveLength(MAX_QUERY);
  });
});

describe('toSearchParams', () => {
  it('writes q, then filters in facet order with sorted values, then a non-default sort', () => {
    const state: SearchState = { q: 'rebase', filters: { stage: ['evergreen'], kind: ['note', 'lesson'] }, sort: 'updated' };
    expect(toSearchParams(state)).toBe('q=rebase&kind=lesson&kind=note&stage=evergreen&sort=updated');
  });

  it('writes nothing for an empty search', () => {
    expect(toSearchParams(empty)).toBe('');
  });

  it.each(['q=rebase&kind=note', 'kind=lesson&kind=note&topic=git', 'q=a+b&course=sql-for-analysts&sort=updated', 'q=%C3%BCberblick'])('round-trips %s', (query) => {
    expect(toSearchParams(parseSearchParams(query))).toBe(query);
  });
});

describe('filters', () => {
  it('toggles a value on and off, dropping an emptied key', () => {
    const on = toggleFilter(empty, 'kind', 'note');
    expect(on.filters).toEqual({ kind: ['note'] });
    expect(hasFilters(on)).toBe(true);
    const two = toggleFilter(on, 'kind', 'lesson');
    expect(two.filters).toEqual({ kind: ['lesson', 'note'] });
    const off = toggleFilter(toggleFilter(two, 'kind', 'note'), 'kind', 'lesson');
    expect(off.filters).toEqual({});
    expect(hasFilters(off)).toBe(false);
    // The state it came from is left alone.
    expect(on.filters).toEqual({ kind: ['note'] });
  });

  it('gives Pagefind "any of" within a key and every key together', () => {
    const state = parseSearchParams('kind=note&kind=lesson&topic=git');
    expect(pagefindFilters(state)).toEqual({ kind: { any: ['lesson', 'note'] }, topic: { any: ['git'] } });
    expect(pagefindFilters(empty)).toEqual({});
  });

  it('sorts by last updated, newest first, only when asked', () => {
    expect(pagefindSort(parseSearchParams('sort=updated'))).toEqual({ updated: 'desc' });
    expect(pagefindSort(empty)).toBeUndefined();
  });
});
