/**
 * Problems a user can cause (bad frontmatter, a missing id, a bad setting), kept as data so every
 * stage reports them the same way: one line each, naming the file, the line, the field, the bad
 * value and the fix. Astro's `errors-data.ts` keeps errors as data for the same reason.
 */

/** One thing wrong with the user's content or settings. */
export interface Problem {
  /** The file as the user knows it, relative to the project (`content/notes/x.md`). */
  file: string;
  /** 1-based line in the file as it is on disk (frontmatter counted), when known. */
  line?: number;
  /** 1-based column on that line, when known (raw HTML, MDX elements). */
  column?: number;
  /** The frontmatter field or settings key, as a dotted path (`check.2.answer`), or the rule broken (`no-script`). */
  field?: string;
  /** What is wrong, including the bad value. */
  message: string;
  /** How to fix it: allowed values, the closest existing ids. */
  hint?: string;
  /** Errors fail the build; warnings are reported and nothing is lost. */
  severity: 'error' | 'warning';
}

/** Formats one problem as `file:line → field: message (hint)` (`file:line:column` when the column is known). */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}` : p.file;
  const field = p.field ? `${p.field}: ` : '';
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${where} → ${field}${p.message}${hint}`;
}

/** Sorts problems by file, then line, so reports are stable and grouped. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message));
}

/** The error the build fails with: a headline plus one line per problem, never a stack trace. */
export class GardenError extends Error {
  readonly problems: Problem[];
  /** Shown by Astro under the message. */
  readonly hint = 'Fix the lines above, then build again.';
  constructor(headline: string, problems: readonly Problem[]) {
    const sorted = sortProblems(problems);
    super(`${headline}\n${sorted.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'GardenError';
    this.problems = sorted;
    // The message is the whole report; a stack trace would only bury it (Astro prints none when empty).
    this.stack = '';
  }
}

/** Throws a GardenError when any problem is an error; returns the warnings otherwise. */
export function throwIfErrors(headline: string, problems: readonly Problem[]): Problem[] {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const n = errors.length;
    throw new GardenError(`${headline}: ${n} problem${n === 1 ? '' : 's'}`, errors);
  }
  return problems.filter((p) => p.severity === 'warning');
}

/** Edit distance counting a swap of two neighbouring letters as one edit (Damerau), for "did you mean". */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The up-to-`limit` candidates closest to `wanted`, best first; prefix and substring matches count as close. */
export function closest(wanted: string, candidates: Iterable<string>, count = 3): string[] {
  const w = wanted.toLowerCase();
  const scored: Array<[string, number]> = [];
  // About one edit in three characters still reads as a typo; further than that is another word.
  const limit = Math.max(1, Math.round(w.length / 3));
  for (const c of candidates) {
    const l = c.toLowerCase();
    // The distance is at least the difference in length, so a name that much longer or shorter is not
    // measured; nor are names over 256 characters, which are no typos (distance() is quadratic: a broken
    // 1,000-character wikilink against 4,000 names took 13 s).
    let score = Math.abs(l.length - w.length) > limit || l.length > 256 || w.length > 256 ? limit + 1 : distance(w, l);
    // A prefix or a longer name containing what was typed also counts, if it is a real part of it.
    const shorter = Math.min(l.length, w.length);
    if (shorter >= 4 && shorter * 2 >= Math.max(l.length, w.length) && (l.includes(w) || w.includes(l))) score = Math.min(score, 1);
    if (score <= limit) scored.push([c, score]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([c]) => c);
}

/** A hint naming the closest ids, or all of them when there are few. */
export function hintForIds(wanted: string, ids: readonly string[], what: string): string {
  const near = closest(wanted, ids);
  if (near.length > 0) return `did you mean ${near.map((n) => `"${n}"`).join(', ')}?`;
  if (ids.length === 0) return `there are no ${what} yet`;
  if (ids.length <= 6) return `existing ${what}: ${[...ids].sort().join(', ')}`;
  return `no ${what} id is close; see the ${what} folder for the ids`;
}
