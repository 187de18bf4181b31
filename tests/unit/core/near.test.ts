import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closest, distance, distanceWithin, nearIndex } from '../../../src/garden/core/near.ts';

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

/** The rule closest() keeps, written the slow, obvious way: every name measured in full. */
function closestByHand(wanted: string, names: readonly string[], count: number): string[] {
  const w = wanted.toLowerCase();
  const reach = Math.max(1, Math.round(w.length / 3));
  const scored = new Map<string, number>();
  for (const name of names) {
    const l = name.toLowerCase();
    let score = l.length > 256 || w.length > 256 ? reach + 1 : distance(w, l);
    const shorter = Math.min(l.length, w.length);
    if (shorter >= 4 && shorter * 2 >= Math.max(l.length, w.length) && (l.includes(w) || w.includes(l))) score = Math.min(score, 1);
    if (score <= reach) scored.set(name, Math.min(score, scored.get(name) ?? Infinity));
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([n]) => n);
}

describe('the index behind closest()', () => {
  // Few letters, so random names are often near each other and every rule is exercised.
  const name = fc.stringMatching(/^[abcde-]{0,12}$/);

  it('gives the same names as measuring every name in full', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), name, fc.integer({ min: 1, max: 6 }), (names, wanted, count) => {
        expect(nearIndex(names).closest(wanted, count)).toEqual(closestByHand(wanted, names, count));
      }),
      { numRuns: 500 },
    );
  });

  it('a typo of a name in it is found, whatever else it holds', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), fc.stringMatching(/^[a-z]{6,12}$/), fc.nat(), (others, meant, at) => {
        const typo = meant.slice(0, at % meant.length) + meant.slice((at % meant.length) + 1);
        expect(nearIndex([...others, meant]).closest(typo, 50)).toContain(meant);
      }),
    );
  });

  it('distanceWithin is the distance up to the limit, and limit + 1 past it', () => {
    fc.assert(
      fc.property(name, name, fc.integer({ min: 0, max: 8 }), (a, b, limit) => {
        const d = distance(a, b);
        expect(distanceWithin(a, b, limit)).toBe(d <= limit ? d : limit + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers the same question twice with the same list', () => {
    const index = nearIndex(['branches', 'rebase', 'merge']);
    expect(index.closest('brnaches')).toBe(index.closest('brnaches'));
    expect(index.size).toBe(3);
  });
});
