/**
 * Problems a user can cause (bad frontmatter, a missing id, a bad setting), kept as data so every
 * stage reports them the same way: one line each, naming the file, the line, the field, the bad
 * value and the fix. Astro's `errors-data.ts` keeps errors as data for the same reason.
 */
import { closest } from './near.ts';

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

/** A hint naming the closest ids, or all of them when there are few. */
export function hintForIds(wanted: string, ids: readonly string[], what: string): string {
  const near = closest(wanted, ids);
  if (near.length > 0) return `did you mean ${near.map((n) => `"${n}"`).join(', ')}?`;
  if (ids.length === 0) return `there are no ${what} yet`;
  if (ids.length <= 6) return `existing ${what}: ${[...ids].sort().join(', ')}`;
  return `no ${what} id is close; see the ${what} folder for the ids`;
}
