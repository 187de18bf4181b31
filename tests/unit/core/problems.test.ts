import { describe, expect, it } from 'vitest';
import { closest, distance } from '../../../src/garden/core/problems.ts';

describe('distance', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['a', '', 1],
    ['', 'abc', 3],
    ['title', 'title', 0],
    // A swap of two neighbouring letters is one edit (Damerau), not two.
    ['titel', 'title', 1],
    ['title', 'titel', 1],
    ['ab', 'ba', 1],
    ['brnaches', 'branches', 1],
    ['titel', 'site', 2],
    ['rebase-safly', 'rebase-safely', 1],
    ['kitten', 'sitting', 3],
    // Exact characters: closest() lower-cases before it measures.
    ['A', 'a', 1],
    ['über', 'uber', 1],
  ])('%j ↔ %j is %i', (a, b, d) => {
    expect(distance(a, b)).toBe(d);
  });
});

describe('closest', () => {
  it('a swapped-letter typo finds the word meant, best first', () => {
    expect(closest('titel', ['title', 'description', 'site', 'base', 'sources'])[0]).toBe('title');
    expect(closest('gti', ['git', 'sql'])).toEqual(['git']);
  });

  it('does not suggest a one-letter id for a long word', () => {
    expect(closest('brnaches', ['a', 'branches'])).toEqual(['branches']);
    expect(closest('kubernetes', ['k', 'x', 'go', 'a'])).toEqual([]);
  });

  it('about one edit in three characters: further than that is another word', () => {
    expect(closest('rebase-safly', ['rebase-safely', 'team-only'])).toEqual(['rebase-safely']);
    expect(closest('sql', ['git'])).toEqual([]);
  });

  it('a real part of a longer name counts as close, a short or small part does not', () => {
    expect(closest('deploy', ['deployments'])).toEqual(['deployments']);
    expect(closest('git', ['git-foundations'])).toEqual([]);
    expect(closest('rebase', ['rebase-safely-with-a-long-title'])).toEqual([]);
  });

  it('ignores case', () => {
    expect(closest('Title', ['title'])).toEqual(['title']);
  });

  it('ties are broken alphabetically, and at most `count` are returned', () => {
    expect(closest('abcd', ['abdc', 'abcf', 'abce', 'abc'], 2)).toEqual(['abc', 'abce']);
    expect(closest('ab', ['b', 'a'])).toEqual(['a', 'b']);
  });

  it('no candidates, no suggestions', () => {
    expect(closest('x', [])).toEqual([]);
  });
});
