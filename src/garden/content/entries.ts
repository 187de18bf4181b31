/**
 * Stage "sources → entries": reads every Markdown file of every source once, sorts it into its kind
 * by folder, parses and validates its frontmatter, and gives it an id and a route.
 */
import { createHash } from 'node:crypto';
import { Minimatch } from 'minimatch';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Source } from '../settings/config.ts';
import { countWords, firstHeading, parseFrontmatter } from './frontmatter.ts';
import { idFromPath, noteIdFromPath, routeOf, spelledSlug, splitOrderPrefix, stemOf, type PageId, type Route, type SourcePath } from '../core/ids.ts';
import { KIND_TABLE, KINDS, pageKey, type KindInfo } from '../core/kinds.ts';
import type { Problem } from '../core/problems.ts';
import { SCHEMAS, type DataOf, type Kind } from './schemas.ts';
import { validate } from '../core/validate.ts';
import { folderTopic, importedTitle, metaTitles, nameTitleOf, planCourseLayout, type CoursePlan } from './course-layout.ts';
import { ignoredWarning, lenientNote, type Ignored } from './lenient.ts';
import { dialectOf, foamTags, type Dialect } from './dialect.ts';

/** One page's file, read and validated. */
export interface Entry<K extends Kind = Kind> {
  /** What kind of page it is, from its folder. */
  kind: K;
  /** Its id within its kind. */
  id: PageId;
  /** Its site path without the base. */
  route: Route;
  /** The source's name. */
  source: string;
  /** The path inside the source (`notes/Git Cheat Sheet.md`). */
  path: SourcePath;
  /** The path shown in messages, relative to the working folder (`content/notes/x.md`). */
  file: string;
  /** The absolute path on disk. */
  abs: string;
  /** `.md` is Markdown (CommonMark + GFM); `.mdx` is compiled as MDX. */
  format: 'md' | 'mdx';
  /** The validated frontmatter. */
  data: DataOf<K>;
  /** The title shown everywhere: frontmatter, else first heading, else file name. */
  title: string;
  /** The Markdown after the frontmatter. */
  body: string;
  /** Lines before the body, so body line n is file line n + bodyOffset. */
  bodyOffset: number;
  /** Words a reader reads, for time estimates. */
  words: number;
  /** The numeric file-name prefix of a lesson (`02-…` → 2). */
  prefix?: number;
  /** A hash of the whole file, for caches. */
  digest: string;
  /** The line of each top-level frontmatter field, for messages. */
  lines: Record<string, number>;
  /** The source's id prefix, so references inside the source find its own pages first. */
  idPrefix?: string;
  /** Last updated (`YYYY-MM-DD`): the `updated` field, else git history; set by the garden stage. */
  updated?: string;
  /**
   * Set on a translation only (docs/languages.md): its language, one of the settings' `locales`. A
   * translation has its original's id and a route under `/<lang>/`; the model keeps it apart from the
   * originals (model/translations.ts).
   */
  lang?: string;
}

/** Any entry. */
export type AnyEntry = { [K in Kind]: Entry<K> }[Kind];

/** Sound and video files published beside the pages, which `![[clip.mp3]]` plays (`<audio controls>`, `<video controls>`). */
export const MEDIA_EXTENSIONS = { audio: ['mp3', 'wav', 'ogg', 'oga', 'm4a', 'flac'], video: ['mp4', 'webm', 'ogv', 'mov'] } as const;

/** File types published beside the pages and embeddable with `![[file]]`. */
export const ASSET_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'pdf', ...MEDIA_EXTENSIONS.audio, ...MEDIA_EXTENSIONS.video] as const;
const ASSET = new RegExp(`\\.(${ASSET_EXTENSIONS.join('|')})$`, 'i');

/** True when a path names a file Grove publishes as an asset (by its extension). */
export function isAssetPath(path: string): boolean {
  return ASSET.test(path);
}

const MARKDOWN = /\.(md|mdx)$/i;

/** Which kind a file is, from where it sits in its source; undefined for files Grove does not read. */
export function kindOfPath(path: SourcePath): Kind | undefined | 'misplaced-course' | 'too-deep' {
  if (!MARKDOWN.test(path)) return undefined;
  const parts = path.split('/');
  if (parts.some((p) => p.startsWith('.') || p.startsWith('_'))) return undefined;
  if (parts.length < 2) return undefined;
  // The kind table says which folder holds which kind, and how its files sit in it.
  const kinds = KINDS.filter((k) => KIND_TABLE[k].folder === parts[0]);
  const as = (files: KindInfo['files']) => kinds.find((k) => KIND_TABLE[k].files === files);
  const tree = as('tree');
  if (tree) return tree;
  const flat = as('flat');
  if (flat) return parts.length > 2 ? 'too-deep' : flat;
  const index = as('course-index');
  const page = as('course-page');
  if (index && page) {
    if (parts.length === 2) return 'misplaced-course';
    if (parts.length > 3) return 'too-deep';
    return /^index\.mdx?$/i.test(parts[2]!) ? index : page;
  }
  return undefined;
}

/**
 * A page (`.md`, `.mdx`) larger than this is reported instead of read. 1 MiB of Markdown is about
 * 150,000 words, ten hours of reading: no page a person writes comes near it, while each page is held
 * in memory several times over (text, syntax tree, HTML) and parsed by code whose worst cases grow
 * faster than the input, so a bigger file is generated or hostile.
 */
export const MAX_PAGE_BYTES = 1024 * 1024;
/**
 * A published file (an image, a PDF) larger than this is reported and not published: the offline
 * cache copies every published file to each reader's device, and a screenshot or a slide deck fits
 * in 20 MiB with room to spare.
 */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;

/** A file the walk of a source found, and may be read. */
export interface ListedFile {
  /** The path inside the source (POSIX). */
  path: SourcePath;
  /** The absolute path on disk (of the link, for a followed symbolic link). */
  abs: string;
  /** Its size in bytes (of the link's target, for a followed symbolic link). */
  size: number;
}

/** True for a file name whose contents Grove may read: a page or a published file. */
const isReadName = (name: string) => MARKDOWN.test(name) || isAssetPath(name);
/** Folders Grove never enters: `.git`, and any other whose name starts with `.` or `_`, where no page or published file can be. */
const isSkippedFolder = (name: string) => name.startsWith('.') || name.startsWith('_');

/**
 * Walks a source's folder, one `readdir` per folder and without recursion, and lists its files,
 * sorted. Nothing outside `dir` is ever read: a symbolic link to a folder is never followed, a link
 * to a file only when its real target is a file inside `dir` and not inside a `.git` folder; every
 * link refused, and every name that is not valid UTF-8, is a problem at its own path. Folders whose
 * name starts with `.` or `_` (`.git` among them) are not entered.
 */
export function walkSource(dir: string, problems: Problem[] = [], cwd = process.cwd(), show: (abs: string) => string = (abs) => shownPath(cwd, abs)): ListedFile[] {
  const out: ListedFile[] = [];
  const realDir = realpathSync(dir);
  const refuse = (abs: string, message: string, hint: string) => problems.push({ file: show(abs), message, hint, severity: 'error' });
  const folders: string[] = [''];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    // Names as bytes: a name that is not UTF-8 would be read back as another name (with U+FFFD) that does not exist.
    for (const d of readdirSync(join(dir, folder), { withFileTypes: true, encoding: 'buffer' })) {
      const name = d.name.toString('utf8');
      const rel = (folder ? `${folder}/${name}` : name) as SourcePath;
      const abs = join(dir, rel);
      if (!Buffer.from(name, 'utf8').equals(d.name)) {
        refuse(abs, 'has a name that is not valid UTF-8, so it cannot be read or published', 'rename it using UTF-8 (any editor or git client on a current system does)');
        continue;
      }
      if (d.isDirectory()) {
        if (!isSkippedFolder(name)) folders.push(rel);
        continue;
      }
      if (d.isFile()) {
        out.push({ path: rel, abs, size: lstatSync(abs).size });
        continue;
      }
      if (!d.isSymbolicLink() || rel.split('/').some(isSkippedFolder)) continue;
      let target: string;
      let isDir: boolean;
      try {
        target = realpathSync(abs);
        isDir = statSync(target).isDirectory();
      } catch {
        if (isReadName(name)) refuse(abs, 'is a symbolic link to nothing', 'remove it, or replace it with the file itself');
        continue;
      }
      if (isDir) {
        refuse(abs, 'is a symbolic link to a folder, which Grove does not follow', 'move the folder in, or add it as a source of its own');
        continue;
      }
      if (!isReadName(name)) continue;
      const inside = relative(realDir, target);
      if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
        refuse(abs, `is a symbolic link to ${show(target)}, outside the source`, "copy the file in instead; a link may only point at a file inside the source's folder");
        continue;
      }
      // `.GIT` is `.git` on a case-insensitive disk (macOS, Windows).
      if (inside.split(sep).some((part) => part.toLowerCase() === '.git')) {
        refuse(abs, 'is a symbolic link into the .git folder, which Grove never reads', 'remove the link');
        continue;
      }
      const stat = statSync(target);
      if (stat.isFile()) out.push({ path: rel, abs, size: stat.size });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The paths of `walkSource`, for tools that only need the names. */
export function listFiles(dir: string, problems: Problem[] = [], cwd = process.cwd()): SourcePath[] {
  return walkSource(dir, problems, cwd).map((f) => f.path);
}

/** A path as shown in messages: relative to the working folder when inside it, else absolute. */
export function shownPath(cwd: string, abs: string): string {
  // Only Windows separates with a backslash; elsewhere it is a character of the name (`back\slash.png`).
  const rel = sep === '\\' ? relative(cwd, abs).split('\\').join('/') : relative(cwd, abs);
  return rel.startsWith('../') ? abs : rel;
}

/**
 * A file of a source as messages name it: a local source's file by its path from the working folder
 * (an editor opens it from there); a git source's as `<source>:<path in the repository>`, as the
 * repository writes it, never by the cache folder it was cloned into.
 */
export function fileOf(source: Pick<Source, 'name' | 'kind' | 'root'>, abs: string, cwd = process.cwd()): string {
  if (source.kind !== 'git') return shownPath(cwd, abs);
  const rel = relative(source.root, abs);
  return rel.startsWith('..') ? shownPath(cwd, abs) : `${source.name}:${sep === '\\' ? rel.split('\\').join('/') : rel || '.'}`;
}

/** A file of a source that is not a page but is published beside the pages (an image, a PDF). */
export interface SourceFile {
  source: string;
  /** The path inside the source. */
  path: SourcePath;
  /** The absolute path on disk. */
  abs: string;
  /** Why it is not published, when it is kept back (an untrusted source's SVG): a link to it says so. */
  withheld?: { message: string; hint: string };
}

/**
 * Why a published file's path would not survive as a web address, or undefined when it is fine. Its
 * path becomes `/files/<source>/<path>`: a `%` would be read as an escape (`%2e%2e` is `..`), a
 * backslash as a `/`, `?` and `#` end the path, control characters are dropped, `.`/`..` segments move up, and
 * a name starting with `-` reads as an option to any command given it.
 */
export function assetNameProblem(path: string): string | undefined {
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') return `has an empty, "." or ".." part`;
    if (seg.includes('%')) return 'has a "%" in its name, which a web address reads as an escape (%2e is a dot)';
    if (seg.includes('\\')) return 'has a "\\" in its name, which a web address reads as "/"';
    if (/[\u0000-\u001f\u007f-\u009f]/.test(seg)) return 'has a control character (a tab, a newline) in its name';
    if (seg.includes('?') || seg.includes('#')) return `has a "${seg.includes('?') ? '?' : '#'}" in its name, which ends the path of a web address`;
    if (seg.startsWith('-')) return 'has a name starting with "-", which commands read as an option';
  }
  // Whatever else a browser's URL parser would change (it is the judge of what survives).
  const route = `/files/x/${path.split('/').map(encodeURIComponent).join('/')}`;
  let parsed: string;
  try {
    parsed = new URL(route, 'http://x').pathname;
  } catch {
    parsed = '';
  }
  return parsed === route ? undefined : 'has a name that changes when written as a web address';
}

/** "20 MiB" for a limit. */
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
/** "1.5 MiB (1,572,864 bytes)" for a file's size, exact so that one byte over still reads as over. */
const sizeOf = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes.toLocaleString('en')} bytes)`;

/**
 * Reads and validates every page of one source, and lists its images and other published files. Problems are collected, never thrown.
 * In a `garden` layout, a file under a top-level folder named after one of `locales` (the languages
 * translated into: `de/courses/git/01-branches.md`) is a translation of the file at the same path
 * without it: it is returned in `translations`, with its original's id, its `lang` and a route under `/<lang>/`.
 * Every page of a source of translations (`translates`) is returned there, in the source's `lang`.
 */
export function readSource(
  source: Source,
  cwd = process.cwd(),
  locales: readonly string[] = [],
  /** How a page is read: `readEntry`, or the same through a cache (./entry-cache.ts). */
  read: typeof readEntry = readEntry,
): { entries: AnyEntry[]; problems: Problem[]; assets: SourceFile[]; translations: AnyEntry[] } {
  const entries: AnyEntry[] = [];
  const translations: AnyEntry[] = [];
  const problems: Problem[] = [];
  const assets: SourceFile[] = [];
  const show = (abs: string) => fileOf(source, abs, cwd);
  const dialect = source.layout === 'garden' ? undefined : dialectOf(source).dialect;
  let files: ListedFile[];
  try {
    files = walkSource(source.dir, problems, cwd, show);
  } catch (err) {
    problems.push({
      file: show(source.dir) || '.',
      message: `source "${source.name}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      hint: "check the source's `path` in the settings",
      severity: 'error',
    });
    return { entries, problems, assets, translations };
  }
  const chosen = filesChosen(source);
  const meta = source.layout === 'garden' ? undefined : metaTitles(files.filter((f) => chosen(f.path)), problems, show);
  const course = source.layout === 'course' ? planCourseLayout(source, files.map((f) => f.path).filter(chosen), meta!, problems, (p) => show(join(source.dir, p))) : undefined;
  for (const { path, abs, size } of files) {
    if (!chosen(path)) continue;
    if (isAssetPath(path) && !path.split('/').some((p) => p.startsWith('.') || p.startsWith('_'))) {
      const refused = assetProblem(source, path, show(abs), size);
      if (refused) problems.push(refused);
      const withheld = withheldAsset(source, path);
      if (withheld) assets.push({ source: source.name, path, abs, withheld });
      else if (!refused) assets.push({ source: source.name, path, abs });
      continue;
    }
    const role = course?.roles.get(path);
    // `de/notes/x.md` translates `notes/x.md`: its kind and id are the original's path's.
    const locale = source.layout === 'garden' && source.translates === undefined ? localeFolderOf(path, locales) : undefined;
    const pathOfKind = locale ? (path.slice(locale.length + 1) as SourcePath) : path;
    const kind = role ? role.kind : source.layout === 'garden' ? kindOfPath(pathOfKind) : notesLayoutKind(path);
    if (kind === undefined) {
      const unknown = source.layout === 'garden' ? unknownLocaleFolder(path, locales) : undefined;
      // A warning, not an error: the same content builds with settings that translate it and with settings that do not.
      if (unknown) problems.push({ file: show(abs), message: unknown.message, hint: unknown.hint, severity: 'warning' });
      continue;
    }
    const file = show(abs);
    if (kind === 'too-deep') {
      const [top, second] = path.split('/');
      problems.push({
        file: show(abs),
        message: `is in a sub-folder, where Grove does not look for ${top === 'courses' ? 'lessons' : top}`,
        hint: `move it to ${top === 'courses' ? `${top}/${second}/` : `${top}/`}; only notes may sit in sub-folders`,
        severity: 'error',
      });
      continue;
    }
    if (kind === 'misplaced-course') {
      problems.push({
        file,
        message: 'a course is a folder, not a file',
        hint: `move it to courses/${stemOf(path)}/index${path.slice(path.lastIndexOf('.'))} and put its lessons beside it`,
        severity: 'error',
      });
      continue;
    }
    if (size > MAX_PAGE_BYTES) {
      problems.push({
        file,
        message: `not read: it is ${sizeOf(size)}, over the ${mib(MAX_PAGE_BYTES)} limit for a page`,
        hint: 'split it into several pages; a generated file belongs in another format',
        severity: 'error',
      });
      continue;
    }
    const raw = readFileSync(abs, 'utf8');
    const layout = source.layout === 'course' && !role ? 'notes' : source.layout;
    const named = meta ? { nameTitle: role?.title ?? nameTitleOf(path, meta) } : {};
    const translated = locale ? { id: idFromPath(kind, pathOfKind) } : {};
    const entry = read(kind, raw, { source: source.name, path, file, abs, prefix: source.prefix, layout, fields: source.fields, defaults: source.defaults, dialect, ...named, ...role?.at, ...translated });
    if ('problems' in entry) problems.push(...entry.problems);
    else {
      if (locale) translations.push(asTranslation(entry.entry, locale));
      else entries.push(entry.entry);
      // A translation's warnings are reported as an original's are.
      if (entry.warnings) problems.push(...entry.warnings);
    }
  }
  if (course) finishCourseLayout(source, course, entries, problems, show);
  if (source.translates !== undefined && source.lang !== undefined) {
    // A source of translations (`translates`): every page is a translation into its `lang`; the model matches it to its original by path.
    translations.push(...entries.map((e) => asTranslation(e, source.lang!)));
    entries.length = 0;
  }
  if (source.layout !== 'garden') problems.push(...settleNoteIds(entries));
  return { entries, problems: source.kind === 'git' ? problems.map((p) => orExclude(p, source)) : problems, assets, translations };
}

/** The locale folder a path of a `garden` source sits in (`de` for `de/notes/x.md`), when it names one of `locales`. */
export function localeFolderOf(path: string, locales: readonly string[]): string | undefined {
  const top = path.slice(0, path.indexOf('/'));
  return top && locales.includes(top) ? top : undefined;
}

/** A page as the translation of its original into `lang`: the original's id (already given), its language, and its route under `/<lang>/`. */
export function asTranslation(e: AnyEntry, lang: string): AnyEntry {
  return { ...e, lang, route: translatedRoute(lang, e.route) };
}

/** The route of a translation: its original's under `/<lang>/` (`/de/courses/git/branches/`). */
export function translatedRoute(lang: string, route: Route): Route {
  return `/${lang}${route}` as Route;
}

/** A folder named like a language (`fr/notes/x.md`) holding pages, when `fr` is not one of `locales`: a translation the settings do not know. */
function unknownLocaleFolder(path: string, locales: readonly string[]): { message: string; hint: string } | undefined {
  const slash = path.indexOf('/');
  const top = path.slice(0, slash);
  if (slash < 0 || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(top)) return undefined;
  const rest = path.slice(slash + 1) as SourcePath;
  const kind = kindOfPath(rest);
  if (kind === undefined) return undefined;
  return {
    message: `left out: it is in the folder "${top}/", which reads as a translation into "${top}", but "${top}" is not one of the settings' \`locales\`${locales.length ? ` (${locales.join(', ')})` : ''}`,
    hint: `add '${top}' to \`locales\` in the settings, or move the file out of "${top}/" (to ${rest} for an original)`,
  };
}

/**
 * An error in a file of an imported repository also names the setting that leaves the file out
 * (`exclude`), for files that should not be pages or published at all: templates, fixtures, archives.
 */
function orExclude(p: Problem, source: Pick<Source, 'name' | 'root' | 'dir'>): Problem {
  if (p.severity !== 'error' || !p.file.startsWith(`${source.name}:`)) return p;
  const inRepo = p.file.slice(source.name.length + 1);
  const dir = relative(source.root, source.dir).split(sep).join('/');
  const path = dir && inRepo.startsWith(`${dir}/`) ? inRepo.slice(dir.length + 1) : inRepo;
  const folder = path.includes('/') ? `${path.slice(0, path.lastIndexOf('/'))}/` : undefined;
  const glob = JSON.stringify(path);
  const also = folder ? ` (or its folder, "${folder}")` : '';
  return { ...p, hint: `${p.hint ?? 'fix it'}; or, if it should not be on the site, add ${glob}${also} to \`exclude\` on the source "${source.name}"` };
}

/**
 * The end of reading a source with `layout: 'course'`: the courses and the path that have no file of
 * their own are made (an empty page with the layout's title), and a lesson titled with its course's
 * title first ("30 Days Of JavaScript: Data Types", as a repository's pages often start) is titled
 * without it ("Data Types"), since the site shows it within its course.
 */
function finishCourseLayout(source: Source, plan: CoursePlan, entries: AnyEntry[], problems: Problem[], show: (abs: string) => string): void {
  for (const page of plan.made) {
    const abs = join(source.dir, page.folder);
    const made = readEntry(page.kind, '', {
      source: source.name,
      path: (page.folder || '.') as SourcePath,
      file: show(abs),
      abs,
      prefix: source.prefix,
      layout: 'course',
      nameTitle: page.title,
      id: page.id,
      layoutFields: page.fields,
    });
    if ('problems' in made) problems.push(...made.problems);
    else entries.push(made.entry);
  }
  const courses = new Map(entries.filter((e) => e.kind === 'course').map((e) => [e.id as string, e]));
  entries.forEach((e, i) => {
    if (e.kind !== 'lesson') return;
    const course = courses.get(e.id.slice(0, e.id.indexOf('/')));
    const shorter = course && withoutCourseTitle(e.title, course.title);
    if (shorter) entries[i] = { ...e, title: shorter };
  });
}

/** A title without the course's title before it ("Course: Lesson", "Course - Lesson", "Course | Lesson"), or undefined when it has none. */
export function withoutCourseTitle(title: string, course: string): string | undefined {
  if (!course || title.length <= course.length || title.slice(0, course.length).toLowerCase() !== course.toLowerCase()) return undefined;
  const rest = /^\s*[:\-–—|·]\s*(.+)$/u.exec(title.slice(course.length));
  return rest?.[1]?.trim() || undefined;
}

/**
 * In a `notes` layout ids come from file names the repository chose for itself, and different names
 * can make the same id (`clang.md` and `clang++.md`, `a.ref.md` and `a._ref.md`). That is not an error
 * there: the page whose name loses least to the id keeps it, the others take their names with the
 * symbols spelled out (`clang-plus-plus`), numbered in path order if that is still taken, and each is
 * named in a warning. Wikilinks still find them by file name and title.
 */
export function settleNoteIds(entries: AnyEntry[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, number[]>();
  // Only notes: a course layout's lessons and courses have ids of their own kinds.
  entries.forEach((e, i) => e.kind === 'note' && byId.set(e.id, [...(byId.get(e.id) ?? []), i]));
  const taken = new Set(byId.keys());
  for (const [id, at] of byId) {
    if (at.length < 2) continue;
    const spelled = (i: number) => prefixed(entries[i]!.path.replace(/\.mdx?$/i, '').split('/').map(spelledSlug).join('-') as PageId, entries[i]!.idPrefix);
    // The page whose name loses least to the id (the shortest spelled out) keeps it; a tie goes by path.
    const sorted = [...at].sort((a, b) => (entries[a]!.path < entries[b]!.path ? -1 : 1));
    const keeper = sorted.reduce((best, i) => (spelled(i).length < spelled(best).length ? i : best));
    for (const i of sorted) {
      if (i === keeper) continue;
      let next = spelled(i);
      for (let n = 2; taken.has(next); n++) next = `${spelled(i)}-${n}` as PageId;
      taken.add(next);
      const e = entries[i]!;
      entries[i] = { ...e, id: next, route: routeOf(e.kind, next as PageId) } as AnyEntry;
      problems.push({
        file: e.file,
        message: `its name makes the id "${id}", which ${entries[keeper]!.file} has; it gets the id "${next}"`,
        hint: 'nothing to do unless you link to it by id; rename the file to choose its id',
        severity: 'warning',
      });
    }
  }
  return problems;
}

/**
 * The source's `include` and `exclude` settings as one test of a path in the source. A pattern that
 * names a folder (`archive`, `archive/`) leaves out everything in it; `*` does not cross a `/`, `**`
 * does; dot-files are matched like any other.
 */
export function filesChosen(source: Pick<Source, 'include' | 'exclude'>): (path: string) => boolean {
  const options = { dot: true, nocomment: true, nonegate: true };
  const compile = (patterns: readonly string[]) =>
    patterns.flatMap((p) => {
      const glob = p.replace(/^\.\//, '').replace(/\/$/, '');
      // A folder's name also stands for everything in it.
      return [new Minimatch(glob, options), new Minimatch(`${glob}/**`, options)];
    });
  const include = source.include ? compile(source.include) : undefined;
  const exclude = compile(source.exclude ?? []);
  return (path) => (!include || include.some((m) => m.match(path))) && !exclude.some((m) => m.match(path));
}

/** Why a file beside the pages (an image, a download) is not published: a bad name, too large, or an SVG from an untrusted source; undefined when it is. */
function assetProblem(source: Source, path: SourcePath, file: string, size: number): Problem | undefined {
  const badName = assetNameProblem(path);
  if (badName) {
    return {
      file,
      message: `not published: ${badName}`,
      hint: 'rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it',
      severity: 'error',
    };
  }
  if (size > MAX_ASSET_BYTES) {
    return {
      file,
      message: `not published: it is ${sizeOf(size)}, over the ${mib(MAX_ASSET_BYTES)} limit for a published file`,
      hint: 'make it smaller (resize or compress it), or link to where it is kept instead',
      severity: 'error',
    };
  }
  const withheld = withheldAsset(source, path);
  // Not an error: a file no page uses harms nothing; a page that links it is told why (model/links.ts).
  if (withheld) return { file, field: 'no-embeds', message: `not published: ${withheld.message}`, hint: withheld.hint, severity: 'warning' };
  return undefined;
}

/**
 * Why a file is kept back from the site: an SVG is a document that can run script when opened on the
 * site's own origin, so an untrusted source does not publish one (an <img> of it would be safe,
 * opening its address is not).
 */
function withheldAsset(source: Source, path: SourcePath): SourceFile['withheld'] {
  if (source.trust !== 'untrusted' || !/\.svg$/i.test(path)) return undefined;
  return { message: `an SVG file can run script, and "${source.name}" is an untrusted source`, hint: 'export the drawing as a PNG or WebP image and link that instead' };
}

/** In a `notes` layout every Markdown file is a note, wherever it sits. */
export function notesLayoutKind(path: SourcePath): 'note' | undefined {
  if (!MARKDOWN.test(path)) return undefined;
  return path.split('/').some((p) => p.startsWith('.') || p.startsWith('_')) ? undefined : 'note';
}

/** Where a file is and how its source names things. */
export interface EntryAt {
  source: string;
  path: SourcePath;
  file: string;
  abs: string;
  /** The source's id prefix (`team-a` → `team-a-rebase`). */
  prefix?: string;
  /** `notes`: ids come from the whole path and folders become topics, and notes' frontmatter is read leniently. */
  layout?: 'garden' | 'notes' | 'course';
  /**
   * Set by the layouts that import a repository (`notes`, `course`): the title when the page has no
   * `title` and no first heading (its `meta.json` title, else its name made readable). Its first
   * heading may then also be an HTML `<h1>`.
   */
  nameTitle?: string;
  /** Set by the course layout: the page's id before the source prefix, its place in its course, and fields the layout gives (a path's `courses`; the page's own win). */
  id?: PageId;
  order?: number;
  layoutFields?: Record<string, unknown>;
  /** The source's `fields`: foreign keys read as Grove's note fields (lenient notes only). */
  fields?: Source['fields'];
  /** The source's `defaults`: stage, owners and topics of pages that name none. */
  defaults?: Source['defaults'];
  /** The source's dialect: a Foam note's `#tags` in its text are its topics. */
  dialect?: Dialect;
}

/** The kinds whose frontmatter has `topics`, which a source's `defaults.topics` adds to. */
const HAS_TOPICS: ReadonlySet<Kind> = new Set(['path', 'course', 'lesson', 'note']);

/** A name or a list of names as a list; undefined when it is neither (the schema then says what is wrong). */
function asList(v: unknown): unknown[] | undefined {
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v : undefined;
}

/** The stage a note of this source gets when it names none; `none` shows none. */
export function defaultStage(at: Pick<EntryAt, 'layout' | 'defaults'>): 'seedling' | 'budding' | 'evergreen' | 'none' {
  return at.defaults?.stage ?? (at.layout === 'notes' ? 'none' : 'seedling');
}

/**
 * Parses and validates one file's text as a page of `kind`. A note of a `notes` layout source is
 * read leniently (content/lenient.ts): what it cannot read is left out with one warning for the
 * file, in `warnings`, never an error; every other page is strict.
 */
export function readEntry(kind: Kind, raw: string, at: EntryAt): { entry: AnyEntry; warnings?: Problem[] } | { problems: Problem[] } {
  const parsed = parseFrontmatter(raw, at.file);
  if (!parsed.ok) return { problems: [parsed.problem] };
  const { data, body, bodyOffset, positionOf, textOf } = parsed.value;
  let { lines } = parsed.value;
  // An empty field (`summary:` in a template) means "not given", not "null".
  let given: Record<string, unknown> = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
  const lenient = at.layout === 'notes' && kind === 'note';
  let ignored: Ignored[] = [];
  if (lenient) {
    const read = lenientNote(given, at.fields ?? {}, lines, textOf);
    given = read.data;
    ignored = read.ignored;
    lines = read.lines;
  }
  // A source's defaults fill what the page does not say.
  const stageGiven = given.stage !== undefined;
  if (kind === 'note' && !stageGiven && defaultStage(at) !== 'none') given.stage = defaultStage(at);
  const topics = asList(given.topics);
  if (at.defaults?.topics?.length && HAS_TOPICS.has(kind) && topics) given.topics = [...topics, ...at.defaults.topics.filter((t) => !topics.includes(t))];
  if (at.defaults?.owners?.length) {
    if ((kind === 'path' || kind === 'course') && given.owners === undefined) given.owners = [...at.defaults.owners];
    if (kind === 'note' && given.authors === undefined) given.authors = [...at.defaults.owners];
  }
  if (at.layout === 'notes') {
    // A wiki's folders are its topics: `ops/deploys/rollback.md` is on "ops" and "deploys".
    const folders = at.path.split('/').slice(0, -1).map(folderTopic);
    if (folders.length) {
      const tags = given.tags;
      given.tags = [...(Array.isArray(tags) ? tags : typeof tags === 'string' ? [tags] : []), ...folders];
    }
  }
  if (at.dialect === 'foam' && kind === 'note') {
    // Foam reads `#tag` in a note's text as a tag: it is a topic of the note, as a folder is.
    const found = foamTags(body);
    if (found.length) {
      const tags = given.tags;
      const had = Array.isArray(tags) ? tags : typeof tags === 'string' ? [tags] : [];
      const known = new Set(had.map((t) => String(t).toLowerCase()));
      given.tags = [...had, ...found.filter((t) => !known.has(t.toLowerCase()))];
    }
  }
  if (at.layoutFields) for (const [k, v] of Object.entries(at.layoutFields)) given[k] ??= v;
  // A formal page of an imported curriculum needs a title, and has one, from its heading or its name.
  if (at.nameTitle !== undefined && KIND_TABLE[kind].formal && given.title === undefined) given.title = importedTitle(body, at.nameTitle);
  // Each problem names the line of its own field (`check.2.answer`), not only of its top-level key.
  const lineOf = (path: readonly PropertyKey[]) => (path.length === 1 && lines[String(path[0])] !== undefined ? lines[String(path[0])] : positionOf(path)?.line);
  let result = validate(SCHEMAS[kind], given, at.file, lineOf);
  if (!result.ok && lenient) {
    // What the conversions did not foresee is left out too, not refused.
    for (const p of result.problems) {
      const field = p.field?.split('.')[0];
      if (field && Object.hasOwn(given, field)) {
        ignored.push({ field, key: field, value: given[field], expected: p.message });
        delete given[field];
      }
    }
    result = validate(SCHEMAS[kind], given, at.file, lineOf);
  }
  if (!result.ok) return { problems: result.problems };
  const value = result.value as Record<string, unknown>;
  // The schema's default stage is a Grove-native note's; a source whose default is none shows none.
  if (kind === 'note' && !stageGiven && !given.stage) delete value.stage;
  const stem = stemOf(at.path);
  const id = prefixed(at.id ?? (at.layout === 'notes' ? noteIdFromPath(at.path) : idFromPath(kind, at.path)), at.prefix);
  if (!id || id.endsWith('/') || id.startsWith('/')) {
    return {
      problems: [{ file: at.file, message: 'this file name has no letters or digits to make an id from', hint: 'rename the file', severity: 'error' }],
    };
  }
  const fromName = kind === 'course' ? at.path.split('/')[1]! : kind === 'lesson' ? splitOrderPrefix(stem)[1] : stem;
  const written = (
    (value.title as string | undefined) ??
    (kind === 'person' ? (value.name as string) : undefined) ??
    (at.nameTitle !== undefined ? importedTitle(body, at.nameTitle) : (firstHeading(body) ?? fromName))
  ).normalize('NFC');
  const title = written.replace(BIDI_CONTROLS, '');
  const warnings = ignored.length ? [ignoredWarning(at.file, ignored, parsed.value.lines)] : [];
  if (title !== written) warnings.push(bidiWarning(at.file, written, lines.title ?? lines.name));
  const entry = {
    kind,
    id,
    route: routeOf(kind, id),
    source: at.source,
    path: at.path,
    file: at.file,
    abs: at.abs,
    format: at.path.toLowerCase().endsWith('.mdx') ? 'mdx' : 'md',
    data: result.value,
    title,
    body,
    bodyOffset,
    words: countWords(body),
    prefix: kind === 'lesson' ? (at.order ?? splitOrderPrefix(stem)[0]) : undefined,
    digest: createHash('sha1').update(raw).digest('hex'),
    lines,
    idPrefix: at.prefix,
  } as AnyEntry;
  return warnings.length ? { entry, warnings } : { entry };
}

/**
 * The characters that set text's direction by force: embeddings and overrides (U+202A–U+202E) and
 * isolates (U+2066–U+2069). In a title, which the tab, the breadcrumb, the language switcher and
 * search results show beside other text, an override left open reorders what follows it
 * (`‮txt.exe` reads as `exe.txt`); a title is one line, whose direction `dir="auto"` finds.
 * The marks (U+200E, U+200F, U+061C), which only nudge neutral characters, are kept.
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/gu;

/** The warning for a title that had bidirectional controls, which were removed. */
function bidiWarning(file: string, title: string, line: number | undefined): Problem {
  const found = [...new Set(title.match(BIDI_CONTROLS) ?? [])].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`);
  return {
    file,
    line,
    field: 'title',
    message: `removed from the title: the bidirectional control character(s) ${found.join(', ')}, which would reorder the text shown around it`,
    hint: "write the title without them; its direction comes from its own letters (or the page's `lang`)",
    severity: 'warning',
  };
}

/** Puts a source's prefix before an id; a lesson's goes before its course. */
export function prefixed(id: PageId, prefix?: string): PageId {
  return (prefix && id ? `${prefix}-${id}` : id) as PageId;
}

/** Finds pages of one kind whose ids collide (`Git Tips.md` and `git-tips.md`); one problem per extra file. */
export function findCollisions(entries: readonly AnyEntry[]): Problem[] {
  const seen = new Map<string, AnyEntry>();
  const problems: Problem[] = [];
  for (const e of entries) {
    const key = pageKey(e.kind, e.id);
    const first = seen.get(key);
    if (first) {
      problems.push({
        file: e.file,
        message: `has the same ${e.kind} id "${e.id}" as ${first.file}`,
        hint: first.source === e.source ? 'rename one of the two files' : `set \`prefix\` on source "${e.source}" or "${first.source}" in the settings to keep their ids apart`,
        severity: 'error',
      });
    } else seen.set(key, e);
  }
  return problems;
}
