/**
 * `npm run new`: plans a new page of a kind from its template (templates.ts), in the folder the
 * source's layout gives that kind, validates it with the same schema the build uses, and writes it
 * without ever replacing a file. The command-line part (questions, output) is scripts/new.ts.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sourcesOf, type GardenConfig, type Source } from '../settings/config.ts';
import { readEntry, readSource, shownPath, type AnyEntry } from '../content/entries.ts';
import { slugify, type PageId, type Route, type SourcePath } from '../core/ids.ts';
import { formatProblem, hintForIds, type Problem } from '../core/problems.ts';
import { KINDS, type Kind } from '../content/schemas.ts';
import { pageTemplate } from '../content/templates.ts';

/** What to create. */
export interface NewPage {
  kind: Kind;
  title: string;
  /** A topic id to put it on. */
  topic?: string;
  /** The course a lesson belongs to, or the first course of a path. */
  course?: string;
  /** The source to write into, by name. Default: the first local source. */
  source?: string;
}

/** A page ready to write. */
export interface PlannedPage {
  kind: Kind;
  title: string;
  id: PageId;
  route: Route;
  /** Absolute path of the new file. */
  abs: string;
  /** The path as shown (relative to the working folder). */
  file: string;
  /** The file's text. */
  text: string;
  /** The lesson's place in its course. */
  order?: number;
}

/** Problems found when planning; nothing is written when there is one. */
export type Plan = { ok: true; page: PlannedPage } | { ok: false; problems: Problem[] };

const fail = (file: string, message: string, hint?: string): Plan => ({ ok: false, problems: [{ file, message, hint, severity: 'error' }] });

/** True when `s` names a kind. */
export function isKind(s: string): s is Kind {
  return (KINDS as readonly string[]).includes(s);
}

/** The source new pages go into: the named one, else the first folder of the project (a git source is written through its own repository). */
function targetSource(config: GardenConfig, name?: string): Source | Plan {
  const sources = sourcesOf(config);
  if (name) {
    const s = sources.find((x) => x.name === name);
    if (!s)
      return fail(
        config.file,
        `no source is called "${name}"`,
        hintForIds(
          name,
          sources.map((x) => x.name),
          'sources',
        ),
      );
    if (s.kind !== 'local')
      return fail(config.file, `source "${name}" is a git repository synced into the cache`, `add the page in that repository (${s.repo}) instead; Grove picks it up at the next sync`);
    return s;
  }
  const local = sources.find((x) => x.kind === 'local');
  return local ?? fail(config.file, 'has no local source (a `path`) to write into', 'add the page in the git repository of your source, or add a `path` source');
}

/** Plans a new page: where it goes, its text, and every reason it cannot be written. */
export function planPage(config: GardenConfig, req: NewPage, cwd = process.cwd()): Plan {
  const source = targetSource(config, req.source);
  if ('ok' in source) return source;
  const title = req.title.trim();
  const slug = slugify(title);
  if (!slug) return fail(shownPath(cwd, source.dir), `the title "${req.title}" has no letters or digits to make a file name from`, 'give a title with words in it');
  const read = existsSync(source.dir) ? readSource(source, cwd).entries : [];
  const ofKind = (k: Kind) => read.filter((e) => e.kind === k);
  const courseIds = ofKind('course').map((e) => e.id as string);
  let path: string;
  let order: number | undefined;
  if (source.layout === 'course') {
    return fail(
      config.file,
      `source "${source.name}" has layout: 'course', where the order of numbered files and folders makes the course`,
      `add a numbered file there yourself (${shownPath(cwd, source.dir)}/NN-name.md), or choose a source with layout: 'garden' (--source <name>)`,
    );
  }
  if (source.layout === 'notes') {
    if (req.kind !== 'note')
      return fail(config.file, `source "${source.name}" has layout: 'notes', where every file is a note`, `create a note, or choose a source with layout: 'garden' (--source <name>)`);
    path = req.topic ? `${slugify(req.topic)}/${slug}.md` : `${slug}.md`;
  } else if (req.kind === 'lesson' || (req.kind === 'path' && req.course)) {
    const course = req.course ? slugify(req.course) : undefined;
    if (!course) return fail(shownPath(cwd, join(source.dir, 'courses')), 'a lesson belongs to a course: give --course <course id>', hintForIds('', courseIds, 'courses'));
    const courseEntry = ofKind('course').find((e) => e.id === course || e.id === `${source.prefix}-${course}`);
    if (!courseEntry) {
      return fail(
        shownPath(cwd, join(source.dir, 'courses')),
        `no course "${course}" in source "${source.name}"`,
        courseIds.length ? hintForIds(course, courseIds, 'courses') : 'create it first: npm run new -- course "<title>"',
      );
    }
    if (req.kind === 'lesson') {
      const courseDir = courseEntry.path.split('/').slice(0, 2).join('/');
      const lessons = ofKind('lesson').filter((e) => e.path.startsWith(`${courseDir}/`));
      const places = lessons.map((e) => (e.kind === 'lesson' ? (e.data.order ?? e.prefix ?? 0) : 0));
      order = Math.floor(Math.max(0, ...places)) + 1;
      const width = Math.max(2, ...readdirSync(join(source.dir, courseDir)).map((f) => /^(\d+)[-_. ]/.exec(f)?.[1]?.length ?? 0));
      path = `${courseDir}/${String(order).padStart(width, '0')}-${slug}.md`;
    } else path = `paths/${slug}.md`;
  } else if (req.kind === 'path') {
    return fail(shownPath(cwd, join(source.dir, 'paths')), 'a path needs at least one course: give --course <course id>', hintForIds('', courseIds, 'courses'));
  } else {
    path = { note: `notes/${slug}.md`, course: `courses/${slug}/index.md`, topic: `topics/${slug}.md`, person: `people/${slug}.md` }[req.kind];
  }
  const abs = join(source.dir, path);
  const file = shownPath(cwd, abs);
  // `new` never replaces a file: not the same path, and not another file with the same id.
  if (existsSync(abs) || (req.kind === 'course' && existsSync(dirname(abs)))) {
    return fail(file, req.kind === 'course' ? 'this course folder already exists' : 'this file already exists', 'nothing was written; choose another title, or edit the file');
  }
  const text = pageTemplate(req.kind, { title, topic: req.topic ? slugify(req.topic) : undefined, courses: req.course ? [slugify(req.course)] : [] });
  const checked = readEntry(req.kind, text, { source: source.name, path: path as SourcePath, file, abs, prefix: source.prefix, layout: source.layout });
  if ('problems' in checked) {
    // A template the schema rejects is Grove's bug, not the contributor's; say so plainly.
    return { ok: false, problems: checked.problems.map((p) => ({ ...p, message: `the template is not valid (a bug in Grove): ${p.message}` })) };
  }
  const entry: AnyEntry = checked.entry;
  const same = read.find((e) => e.kind === entry.kind && e.id === entry.id);
  if (same) return fail(file, `${same.file} already has the ${entry.kind} id "${entry.id}"`, 'nothing was written; choose another title, or edit that file');
  return { ok: true, page: { kind: req.kind, title, id: entry.id, route: entry.route, abs, file, text, order } };
}

/** Writes a planned page; refuses (with a problem) if the file appeared in the meantime. */
export function writePage(page: PlannedPage): Problem | undefined {
  mkdirSync(dirname(page.abs), { recursive: true });
  try {
    writeFileSync(page.abs, page.text, { flag: 'wx' });
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { file: page.file, message: code === 'EEXIST' ? 'this file already exists' : `cannot be written: ${code ?? (err as Error).message}`, hint: 'nothing was written', severity: 'error' };
  }
}

/** What to do after the file is written: write, check, branch, commit, push, open a pull request. */
export function nextSteps(page: PlannedPage, base = '/'): string {
  const branch = `${page.kind}/${page.id.replace(/\//g, '-')}`;
  const url = `http://localhost:4321${base.replace(/\/$/, '')}${page.route}`;
  return [
    `Created ${page.file}: a ${page.kind}, "${page.title}"${page.order !== undefined ? `, lesson ${page.order} of its course` : ''}.`,
    '',
    'Next steps:',
    `  1. Write it in your editor. \`npm run dev\` shows it at ${url} as you type.`,
    '  2. Check it: npm run check',
    `  3. Propose it: git switch -c ${branch}`,
    `                 git add ${page.file.includes(' ') ? JSON.stringify(page.file) : page.file}`,
    `                 git commit -m ${JSON.stringify(`Add ${page.kind}: ${page.title}`)}`,
    `                 git push -u origin ${branch}`,
    '     then open a pull request on your git host: the checks run on it, and the owners review it.',
  ].join('\n');
}

/** Problems as lines, for the command line. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
