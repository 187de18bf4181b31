/**
 * Search at the scale of real repositories (#14): a result names its source (when the garden has
 * several) and its folders, and a page whose title is the query comes first, in the fallback index
 * as with Pagefind (`exactTitleFirst`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExactTitle, notePlaceOf, searchContextOf, type FallbackIndex, type FallbackRecord } from '../../../src/garden/model/search.ts';
import { searchFallback } from '../../../src/client/fallback-search.ts';
import { exactTitleFirst } from '../../../src/client/search-engine.ts';

describe('notePlaceOf', () => {
  it.each([
    ['local', 'notes/rebase-safely.md', 1, ['Notes']],
    ['local', 'notes/git/rebase-safely.md', 1, ['git']],
    ['vault', 'ops/deploys/rollback.md', 1, ['ops', 'deploys']],
    ['vault', 'ops/deploys/rollback.md', 2, ['vault', 'ops', 'deploys']],
    ['tldr', 'tar.md', 2, ['tldr']],
    ['local', 'notes/rebase-safely.md', 3, ['local']],
  ])('%s:%s with %i source(s) → %j', (source, path, sources, place) => {
    expect(notePlaceOf({ source, path }, { sources })).toEqual(place);
  });

  it('counts the sources of the pages, once per model', () => {
    const note = (source: string) => ({ entry: { source } });
    const model = { paths: [], courses: [], lessons: [], people: [note('local')], topics: [{ entry: undefined }], notes: [note('local'), note('vault'), note('vault')] };
    const context = searchContextOf(model as never);
    expect(context).toEqual({ sources: 2 });
    expect(searchContextOf(model as never)).toBe(context);
  });
});

describe('isExactTitle', () => {
  it.each([
    ['git commit', 'git commit', true],
    ['Git Commit', 'git commit', true],
    ['git commit', '  Git   COMMIT ', true],
    ['Überblick', 'uberblick', true],
    ['git-commit', 'git commit', true],
    ['tar', 'tar', true],
    ['[', '[', true],
    ['tar', 'ta', false],
    ['git commit --amend', 'git commit', false],
    ['git commit', 'git', false],
    ['anything', '', false],
    ['anything', '   ', false],
  ])('%j and the query %j: %s', (title, query, exact) => {
    expect(isExactTitle(title, query)).toBe(exact);
  });
});

const page = (route: string, title: string, words = ''): FallbackRecord => [route, title, 'note', 'Notes › Note · seedling', '', words, 'stage:seedling'];

describe('the fallback search puts an exact title first', () => {
  it('before a page whose title also has the word and sorts before it', () => {
    const index: FallbackIndex = { v: 1, pages: [page('/notes/als-ls/', 'Als ls'), page('/notes/ls/', 'ls'), page('/notes/dir/', 'dir', 'ls')] };
    expect(searchFallback(index, 'ls').hits.map((h) => h.route)).toEqual(['/notes/ls/', '/notes/als-ls/', '/notes/dir/']);
    expect(searchFallback(index, 'LS').hits[0]!.route).toBe('/notes/ls/');
  });

  it('before pages whose titles have every word of it too', () => {
    const index: FallbackIndex = { v: 1, pages: [page('/notes/a/', 'Amending a git commit', 'git commit'), page('/notes/b/', 'Git commit')] };
    expect(searchFallback(index, 'git commit').hits.map((h) => h.route)).toEqual(['/notes/b/', '/notes/a/']);
  });

  it('whatever the other pages are called (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    const title = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 30 }), fc.nat(), (titles, pick) => {
        const query = titles[pick % titles.length]!;
        if (!/[a-z]{2}/.test(query)) return; // every word of one letter: the fallback index keeps words of two letters or more
        // A rival with every word of the title that sorts before it ("aa …") is among them.
        const index: FallbackIndex = { v: 1, pages: [...titles, `aa ${query}`].map((t, i) => page(`/notes/${i}/`, t)) };
        const first = searchFallback(index, query).hits[0];
        expect(first && isExactTitle(first.title, query)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('exactTitleFirst (Pagefind results)', () => {
  const hits = (...titles: string[]) => titles.map((title, i) => ({ title, url: `/${i}/` }));
  it.each([
    ['rebase', ['Rebasing safely', 'Rebase', 'Git'], ['Rebase', 'Rebasing safely', 'Git']],
    ['tar', ['tar', 'untar'], ['tar', 'untar']],
    ['nothing', ['a', 'b'], ['a', 'b']],
    ['git', ['Git tips', 'git', 'GIT'], ['git', 'GIT', 'Git tips']],
  ])('%j: %j → %j', (query, titles, expected) => {
    expect(exactTitleFirst(hits(...titles), query).map((h) => h.title)).toEqual(expected);
  });
});
