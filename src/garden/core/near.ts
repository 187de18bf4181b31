/**
 * "Did you mean": the names closest to one that was not found, from an index built once per set of
 * names. A check of a large vault asks it for every broken link; comparing each against every name
 * was quadratic (2,000 broken links against 5,000 names took 140 s). The index groups names by
 * length, so only names that can be within reach are measured, measures with a distance that gives up
 * as soon as it is out of reach, and remembers each answer.
 */

/** A name scores as close when it is within about one edit in three characters of what was typed. */
function reachOf(length: number): number {
  return Math.max(1, Math.round(length / 3));
}

/** Names longer than this are no typos, and are not measured (the distance is quadratic). */
const LONGEST = 256;

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (Damerau, optimal string
 * alignment), or `limit + 1` as soon as it is sure to exceed `limit`.
 */
export function distanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let before = new Int32Array(n + 1);
  let previous = Int32Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Int32Array(n + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = previous[j - 1]! + cost;
      if (previous[j]! + 1 < v) v = previous[j]! + 1;
      if (current[j - 1]! + 1 < v) v = current[j - 1]! + 1;
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && before[j - 2]! + 1 < v) v = before[j - 2]! + 1;
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every later cell is at least a cell of this row: a swap reaches back two rows, to a cell that is at
    // least its diagonal neighbour in this row minus one, plus the one edit of the swap.
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[n]!, limit + 1);
}

/**
 * How many of each letter a name has, folded into 32 counts by character code. Two names differ by at
 * least as many edits as the longer has letters the other lacks (a swap moves letters, an edit changes
 * one), so a name that far away is not measured. Folding only merges letters, which can only lower
 * that count: it never skips a name within reach.
 */
function letterCounts(s: string): Uint8Array {
  const counts = new Uint8Array(32);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 31;
    if (counts[c]! < 255) counts[c]!++;
  }
  return counts;
}

/** The letters two names have in common, by their counts (`present`: the folded letters of the first). */
function inCommon(counts: Uint8Array, present: readonly number[], other: Uint8Array): number {
  let common = 0;
  for (const c of present) common += Math.min(counts[c]!, other[c]!);
  return common;
}

interface Name {
  name: string;
  lower: string;
  counts: Uint8Array;
}

/** The two-letter pieces of a name, each once. */
function pairsOf(lower: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 2 <= lower.length; i++) pairs.add(lower.slice(i, i + 2));
  return pairs;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The full edit distance (as `distanceWithin`, with no limit). */
export function distance(a: string, b: string): number {
  return distanceWithin(a, b, Infinity);
}

/** An index of names for "did you mean". */
export interface NearIndex {
  /** How many different names it holds. */
  readonly size: number;
  /** The up-to-`count` names closest to `wanted`, best first; prefix and substring matches count as close. */
  closest(wanted: string, count?: number): string[];
}

/** Builds the index once; ask it as often as needed. */
export function nearIndex(names: Iterable<string>): NearIndex {
  // Lower-cased names by length, for typos; by the two-letter pieces they hold and the one they start
  // with, for names that contain what was typed or are contained in it. A name written twice is offered once.
  const byLength = new Map<number, Name[]>();
  const byPair = new Map<string, Name[]>();
  const byFirstPair = new Map<string, Name[]>();
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const lower = name.toLowerCase();
    const n: Name = { name, lower, counts: letterCounts(lower) };
    push(byLength, lower.length, n);
    if (lower.length >= 4) {
      for (const pair of pairsOf(lower)) push(byPair, pair, n);
      push(byFirstPair, lower.slice(0, 2), n);
    }
  }
  const answers = new Map<string, string[]>();

  function search(wanted: string, count: number): string[] {
    const w = wanted.toLowerCase();
    const reach = reachOf(w.length);
    const scores = new Map<string, number>();
    const offer = (name: string, score: number) => {
      if (score <= reach && score < (scores.get(name) ?? Infinity)) scores.set(name, score);
    };
    // Typos: only names whose length and letters are within reach can be within reach.
    if (w.length <= LONGEST) {
      const counts = letterCounts(w);
      const present = [...counts.keys()].filter((c) => counts[c]! > 0);
      for (let length = Math.max(0, w.length - reach); length <= Math.min(LONGEST, w.length + reach); length++) {
        for (const n of byLength.get(length) ?? []) {
          if (Math.max(length, w.length) - inCommon(counts, present, n.counts) > reach) continue;
          offer(n.name, distanceWithin(w, n.lower, reach));
        }
      }
    }
    // A prefix, or a longer name containing what was typed, if it is a real part of it (at least four
    // characters and at least half of the longer one). A name containing it holds its first two
    // letters; a name inside it starts with one of its pairs.
    const real = (length: number) => Math.min(length, w.length) >= 4 && Math.min(length, w.length) * 2 >= Math.max(length, w.length);
    if (w.length >= 4) {
      for (const n of byPair.get(w.slice(0, 2)) ?? []) if (n.lower.length >= w.length && real(n.lower.length) && n.lower.includes(w)) offer(n.name, 1);
      for (const pair of pairsOf(w)) for (const n of byFirstPair.get(pair) ?? []) if (n.lower.length <= w.length && real(n.lower.length) && w.includes(n.lower)) offer(n.name, 1);
    }
    return [...scores]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, count)
      .map(([name]) => name);
  }

  return {
    size: seen.size,
    closest(wanted, count = 3) {
      const key = `${count}\u0000${wanted}`;
      let answer = answers.get(key);
      if (!answer) answers.set(key, (answer = search(wanted, count)));
      return answer;
    },
  };
}

/** The up-to-`count` candidates closest to `wanted`, best first: for one question; build a `nearIndex` to ask many. */
export function closest(wanted: string, candidates: Iterable<string>, count = 3): string[] {
  return nearIndex(candidates).closest(wanted, count);
}
