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
  /** The frontmatter field or settings key, as a dotted path (`check.2.answer`). */
  field?: string;
  /** What is wrong, including the bad value. */
  message: string;
  /** How to fix it: allowed values, the closest existing ids. */
  hint?: string;
  /** Errors fail the build; warnings are reported and nothing is lost. */
  severity: 'error' | 'warning';
}

/** Formats one problem as `file:line → field: message (hint)`. */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const field = p.field ? `${p.field}: ` : '';
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${where} → ${field}${p.message}${hint}`;
}

/** Sorts problems by file, then line, so reports are stable and grouped. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message),
  );
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

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The up-to-`limit` candidates closest to `wanted`, best first; prefix and substring matches count as close. */
export function closest(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = wanted.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const l = c.toLowerCase();
    let score = distance(w, l);
    if (l.includes(w) || w.includes(l)) score = Math.min(score, Math.abs(l.length - w.length) / 2);
    if (score <= Math.max(2, Math.ceil(w.length / 2))) scored.push([c, score]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
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
