/** Helpers shared by the unit tests: pages made from strings, without touching the disk. */
import { readEntry, type AnyEntry } from '../../src/garden/content/entries.ts';
import type { SourcePath } from '../../src/garden/core/ids.ts';
import { formatProblem, type Problem } from '../../src/garden/core/problems.ts';
import type { Kind } from '../../src/garden/content/schemas.ts';

/** Where a page made in a test claims to live: `content/<path>` in source `local`. */
export function at(path: string, source = 'local') {
  return { source, path: path as SourcePath, file: `content/${path}`, abs: `/garden/content/${path}` };
}

/** Reads `raw` as a page of `kind` at `path`; throws with the formatted problems when it is not valid. */
export function entry(kind: Kind, path: string, raw: string, source = 'local'): AnyEntry {
  const r = readEntry(kind, raw, at(path, source));
  if ('problems' in r) throw new Error(`fixture ${path} is not valid:\n${r.problems.map(formatProblem).join('\n')}`);
  return r.entry;
}

/** The problems `readEntry` reports for `raw`, formatted as the user sees them; [] when it is valid. */
export function problemsOf(kind: Kind, path: string, raw: string): string[] {
  const r = readEntry(kind, raw, at(path));
  return 'problems' in r ? r.problems.map(formatProblem) : [];
}

/** Frontmatter from a plain object, as a YAML block (values written as JSON, which YAML reads). */
export function fm(data: Record<string, unknown>, body = ''): string {
  const lines = Object.entries(data).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/** Formats problems one per line, as the build prints them. */
export function lines(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
