/**
 * `npm run check`: every check the build makes on content, without building the site. It reads the
 * garden with the build's own stages (settings, sources, schemas, ids, references, prerequisites:
 * `buildGarden` with its problems collected instead of thrown), then runs each page body through the
 * build's own Sätteri link plugin (links, wikilinks, anchors, images, embeds), MDX compiler and
 * component validation (`<Question>`), and the trust policy. Nothing here resolves a link or judges
 * HTML itself, so the check and the build cannot disagree.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type GardenConfig } from '../settings/config.ts';
import { shownPath, type AnyEntry } from '../content/entries.ts';
import { buildGarden } from '../model/garden.ts';
import { git, repoRootOf } from '../sources/git.ts';
import { dialectOf } from '../content/dialect.ts';
import { slugify, splitOrderPrefix, stemOf } from '../core/ids.ts';
import { GardenError, sortProblems, type Problem } from '../core/problems.ts';
import { runPage } from './page-links.ts';
import { prepareSources } from '../sources/sync.ts';

/** What a check found. */
export interface CheckReport {
  /** Every problem, sorted by file and line. */
  problems: Problem[];
  /** Pages in the garden (files that could be read as pages). */
  pages: number;
  /** Pages whose bodies were checked (all of them, or the changed ones and those that link to them). */
  checked: number;
  /** With `--changed`: the git ref compared with. */
  changedSince?: string;
  /** Wall time in milliseconds. */
  ms: number;
  /** The link dialect of each source that reads one (a notes source, or one whose dialect is not plain Markdown), and why. */
  dialects?: Array<{ source: string; dialect: string; why: string }>;
}

/** Options of a check. */
export interface CheckOptions {
  /** The working folder (the project); settings are found from here. Default: `process.cwd()`. */
  cwd?: string;
  /** Settings already loaded; default: loaded as the build does (`GARDEN_CONFIG` or garden.config.ts). */
  config?: GardenConfig;
  /** Check only pages changed since this git ref (and the pages that refer to them). */
  changed?: string;
}

/** Files changed since `ref` (committed, staged, unstaged and untracked), as absolute paths; deleted ones included. */
export function changedFiles(ref: string, cwd: string): string[] {
  const root = repoRootOf(cwd);
  if (!root) throw new GardenError('Grove cannot compare with git', [{ file: cwd, message: 'is not in a git repository', hint: 'run the check without --changed', severity: 'error' }]);
  let base = ref;
  try {
    // On a pull request, compare with where the branch left `ref`, not with where `ref` is now.
    base = git(['merge-base', '--end-of-options', ref, 'HEAD'], root).trim();
  } catch (err) {
    try {
      git(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`], root);
    } catch {
      throw new GardenError('Grove cannot compare with git', [
        {
          file: '--changed',
          message: `"${ref}" is not a commit, branch or tag here: ${(err as Error).message}`,
          hint: 'fetch it first (git fetch origin main), or name another ref',
          severity: 'error',
        },
      ]);
    }
  }
  const listed = [...git(['diff', '--name-only', '-z', base, '--'], root).split('\0'), ...git(['ls-files', '--others', '--exclude-standard', '-z', '--'], root).split('\0')].filter(Boolean);
  return [...new Set(listed)].map((p) => join(root, p));
}

/** The real path of a file, or the path itself when it does not exist (a deleted file). */
function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * The pages to check for a change: the changed pages, and every page whose text or frontmatter
 * names one of them (its file name, id, title or route), since a rename or a deletion breaks those.
 * A text search over-approximates the links, so no page that links to a changed one is missed.
 */
export function affectedPages(entries: readonly AnyEntry[], changed: readonly string[]): Set<AnyEntry> {
  const set = new Set(changed.map(real));
  const selected = new Set(entries.filter((e) => set.has(real(e.abs))));
  const names = new Set<string>();
  for (const p of changed) {
    // A lesson is named without its order prefix (`02-branches.md` is `course/branches`).
    for (const stem of new Set([stemOf(p), splitOrderPrefix(stemOf(p))[1]])) {
      if (stem.length < 2) continue;
      names.add(stem.toLowerCase());
      names.add(slugify(stem));
    }
  }
  for (const e of selected) {
    for (const n of [e.id, e.title, e.route]) if (n.length > 1) names.add(n.toLowerCase());
  }
  const wanted = [...names].filter(Boolean);
  if (wanted.length === 0) return selected;
  for (const e of entries) {
    if (selected.has(e)) continue;
    const text = `${e.body}\n${JSON.stringify(e.data)}`.toLowerCase();
    if (wanted.some((n) => text.includes(n))) selected.add(e);
  }
  return selected;
}

/** Runs every content check; never throws for a content problem (only for settings that cannot be loaded). */
export async function checkContent(options: CheckOptions = {}): Promise<CheckReport> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ?? (await loadConfig(cwd));
  const prepared = await prepareSources(config);
  const collected: Problem[] = [...prepared.problems.filter((p) => p.severity === 'error')];
  const garden = buildGarden(config, cwd, { skip: prepared.skip, warnings: prepared.problems.filter((p) => p.severity === 'warning'), collect: collected });
  // Translations are pages too: their links are checked as the originals' are.
  const all = [...garden.entries, ...garden.translations.entries];
  let pages: readonly AnyEntry[] = all;
  let problems = [...collected, ...garden.warnings];
  if (options.changed) {
    const changed = changedFiles(options.changed, cwd);
    const selected = affectedPages(all, changed);
    pages = all.filter((e) => selected.has(e));
    // Problems of pages outside the change are not this change's; those of the settings and sources are everyone's.
    const files = new Set([...pages.map((e) => e.file), ...changed.map((p) => shownPath(cwd, p))]);
    problems = problems.filter((p) => files.has(p.file) || !/\.mdx?$/i.test(p.file));
  }
  for (const e of pages) {
    const run = await runPage(garden, e);
    problems.push(...run.otherProblems, ...run.linkProblems);
  }
  return {
    problems: sortProblems(dedupe(problems)),
    pages: all.length,
    checked: pages.length,
    changedSince: options.changed,
    ms: performance.now() - started,
    dialects: [...garden.sources.values()].flatMap((s) => {
      const d = dialectOf(s);
      return s.layout === 'notes' || d.dialect !== 'gfm' ? [{ source: s.name, ...d }] : [];
    }),
  };
}

/** Drops a problem reported twice (a page's own warning seen by the garden and by its render). */
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\0${p.line}\0${p.field}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** One problem as `path:line:col  message  (hint)`; warnings say so. */
export function formatCheckLine(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  const what = `${p.severity === 'warning' ? 'warning: ' : ''}${p.field ? `${p.field}: ` : ''}${p.message}`;
  return `${where}  ${what}${p.hint ? `  (${p.hint})` : ''}`;
}

/** The closing line: what was checked, how long it took, and what was found. */
export function summaryOf(report: CheckReport): string {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const files = new Set(report.problems.map((p) => p.file)).size;
  const scope = report.changedSince
    ? `${plural(report.checked, 'page')} of ${report.pages.toLocaleString('en')} (changed since ${report.changedSince}, and the pages that refer to them)`
    : plural(report.checked, 'page');
  const time = `${(report.ms / 1000).toFixed(1)} s`;
  if (report.problems.length === 0) return `✓ Checked ${scope} in ${time}: no problems.`;
  const found = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(' and ');
  return `${errors ? '✗' : '✓'} Checked ${scope} in ${time}: ${found} in ${plural(files, 'file')}.`;
}

/** Escapes a workflow-command value (GitHub Actions: `%`, CR and LF; in properties also `:` and `,`). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One problem as a GitHub Actions annotation, so it shows on the pull request's diff. */
export function formatGithubAnnotation(p: Problem): string {
  const props = [`file=${escapeProperty(p.file)}`];
  if (p.line) props.push(`line=${p.line}`, `col=${p.column ?? 1}`);
  if (p.field) props.push(`title=${escapeProperty(p.field)}`);
  return `::${p.severity === 'warning' ? 'warning' : 'error'} ${props.join(',')}::${escapeData(`${p.message}${p.hint ? ` (${p.hint})` : ''}`)}`;
}

/** The whole report: grouped by file (a blank line between files) and the summary; or annotations then the summary. */
export function formatReport(report: CheckReport, format: 'text' | 'github' = 'text'): string {
  if (format === 'github') return [...report.problems.map(formatGithubAnnotation), summaryOf(report)].join('\n');
  const out: string[] = [];
  let last: string | undefined;
  for (const p of report.problems) {
    if (last !== undefined && p.file !== last) out.push('');
    out.push(formatCheckLine(p));
    last = p.file;
  }
  if (out.length) out.push('');
  out.push(summaryOf(report));
  return out.join('\n');
}

/** The dialect each source's links were read in, so a user knows what was assumed (`dialect` in the settings changes it). */
export function dialectLines(report: CheckReport): string[] {
  return (report.dialects ?? []).map((d) => `Source "${d.source}": links read as ${d.dialect} (${d.why}; set \`dialect\` to change it)`);
}

/** The exit code of a check: 1 when there is an error, 0 with warnings only. */
export function exitCodeOf(report: CheckReport): number {
  return report.problems.some((p) => p.severity === 'error') ? 1 : 0;
}
