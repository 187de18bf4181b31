/**
 * How an imported repository's names become structure and titles: `layout: 'course'` (a curriculum
 * of numbered folders and files becomes a course, or a path of courses, in order) and the titles of
 * the layouts that import a repository as it is (`notes`, `course`): `meta.json` titles, numbered
 * names ordered by their number, and file names made readable.
 *
 * The rules of `layout: 'course'` (docs/writing-content.md says the same for users):
 * - A name is numbered when it starts with a number (`01-`, `01_`, `1.`, `1 `, or the number alone)
 *   or with a word of order and a number (`Day 1`, `Lesson_02`, `Chapter-3`, `Week 4`, `Part 5`…).
 *   Numbers order numerically (10 after 9); equal numbers by name.
 * - A lesson is a numbered `.md`/`.mdx` file, or a numbered folder with a page in it: its `index.md`,
 *   else its `README.md`, else its only Markdown file.
 * - One level: the source is one course; its lessons are the numbered files and folders at its top,
 *   and its `index.md`/`README.md` is the course's introduction (the course page's text).
 * - Two levels, when a numbered top folder holds two or more lessons (or an introduction and one):
 *   the source is a path, every numbered top folder a course of it (its `index.md`/`README.md` the
 *   course's introduction, its numbered files and folders its lessons), and the top `index.md` or
 *   `README.md` is the path's page.
 * - Every other Markdown file is a note, as in `layout: 'notes'`; translations and other copies are
 *   left out with `exclude`.
 * - Ids: a one-level course takes the source's name; the path too; a course of a path takes its folder's
 *   name without the number; a lesson `<course>/<its name without the number>`.
 */
import { readFileSync } from 'node:fs';
import { firstHeading } from './frontmatter.ts';
import { slugOrSpelled, stemOf, type PageId, type SourcePath } from '../core/ids.ts';
import type { Problem } from '../core/problems.ts';

/** Words that read as "the n-th" before a number (`Day 1`, `Lesson 02`). */
const ORDER_WORDS = 'day|week|lesson|chapter|part|module|unit|step|session|lecture|section|episode|exercise|lab|class';
const NUMBERED = new RegExp(`^(?:(${ORDER_WORDS})[\\s_-]*)?(\\d{1,9})(?:$|[-_.\\s)]+)`, 'iu');

/** The number a name starts with and the name to show without it: `02-state` → 2, "state"; `Day 1 Intro` → 1, "Day 1 Intro"; undefined when unnumbered. */
export function numberOf(name: string): { n: number; name: string } | undefined {
  const m = NUMBERED.exec(name);
  if (!m) return undefined;
  const rest = name.slice(m[0].length);
  // "Day 1" keeps its word: it is the name; a bare number is only the place.
  return { n: Number(m[2]), name: m[1] ? name : rest || name };
}

/** A file or folder name made readable: numbers, `_` and `-` dropped or spaced, a lower-case name capitalised ("flexbox_intro" → "Flexbox intro", "02-state" → "State"). */
export function prettyName(name: string): string {
  const shown = (numberOf(name)?.name ?? name).replace(/[-_\s]+/g, ' ').trim() || name;
  return /\p{Lu}/u.test(shown) ? shown : shown.charAt(0).toUpperCase() + shown.slice(1);
}

/** A folder as a topic of an imported repository: a numbered folder by its name without the number ("01-basics" → "Basics"); others as written. */
export function folderTopic(folder: string): string {
  return numberOf(folder) ? prettyName(folder) : folder;
}

/** Titles given by `meta.json` / `_meta.json` files: folder → (file stem or sub-folder name → title). */
export type MetaTitles = Map<string, Map<string, string>>;

const META = /(^|\/)_?meta\.json$/;

/**
 * Reads every `meta.json` and `_meta.json` (Nextra's form: `{ "file-name": "Title" }` or
 * `{ "file-name": { "title": "Title" } }`) among a source's files. A file that is not JSON is a
 * warning naming it; keys whose value is no title are ignored (Nextra also keeps links and
 * separators there).
 */
export function metaTitles(files: readonly { path: string; abs: string; size: number }[], problems: Problem[], show: (abs: string) => string): MetaTitles {
  const out: MetaTitles = new Map();
  for (const f of files) {
    if (!META.test(f.path) || f.size > 1024 * 1024) continue;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(f.abs, 'utf8'));
    } catch (err) {
      problems.push({
        file: show(f.abs),
        message: `is not JSON, so its titles are not used: ${(err as Error).message}`,
        hint: 'write it as { "file-name": "Title" }, or leave it out with `exclude`',
        severity: 'warning',
      });
      continue;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
    const folder = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    const titles = out.get(folder) ?? new Map<string, string>();
    for (const [key, v] of Object.entries(data as Record<string, unknown>)) {
      const title = typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { title?: unknown }).title === 'string' ? (v as { title: string }).title : undefined;
      if (title?.trim()) titles.set(key.replace(/\.mdx?$/i, ''), title.trim());
    }
    out.set(folder, titles);
  }
  return out;
}

const INTRO = /^(index|readme)\.mdx?$/i;
const MARKDOWN = /\.mdx?$/i;

/**
 * The title a page of an imported repository has from its place when it gives none itself: its
 * `meta.json` title, else its name made readable. A folder's `index.md`/`README.md` goes by its folder.
 */
export function nameTitleOf(path: string, meta: MetaTitles): string {
  const parts = path.split('/');
  const base = parts.at(-1)!;
  const intro = INTRO.test(base) && parts.length > 1;
  const name = intro ? parts.at(-2)! : stemOf(base);
  const folder = parts.slice(0, intro ? -2 : -1).join('/');
  return meta.get(folder)?.get(name) ?? prettyName(name);
}

/**
 * The title of an imported page without `title`: its first heading, a Markdown `# heading` or an
 * HTML `<h1>` (many READMEs centre theirs in HTML), whichever comes first; else `fallback`.
 */
export function importedTitle(body: string, fallback: string): string {
  const md = firstHeading(body);
  const start = body.search(/<h1[\s>]/i);
  if (start >= 0) {
    const mdAt = md === undefined ? -1 : body.search(/^ {0,3}#[ \t]/m);
    if (mdAt < 0 || start < mdAt) {
      const open = body.indexOf('>', start);
      const close = open < 0 ? -1 : body.toLowerCase().indexOf('</h1>', open);
      if (close > open) {
        const text = decodeText(body.slice(open + 1, close).replace(/<[^>]*>/g, ''));
        if (text) return text;
      }
    }
  }
  return md || fallback;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeText(html: string): string {
  return html
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? all;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the course layout makes of one Markdown file (a file it does not name is a note). */
export interface CourseRole {
  kind: 'path' | 'course' | 'lesson';
  /** The title when the page has no `title` and no first heading. */
  title: string;
  /** The page's id (before the source's prefix), its place, and the fields the layout gives. */
  at: { id: PageId; order?: number; layoutFields?: Record<string, unknown> };
}

/** A course or path the layout makes without a file of its own (a folder with no introduction). */
export interface MadePage {
  kind: 'path' | 'course';
  id: PageId;
  title: string;
  /** The folder it stands for ('' for the source's top). */
  folder: string;
  fields: Record<string, unknown>;
}

/** What a source with `layout: 'course'` holds. */
export interface CoursePlan {
  roles: Map<SourcePath, CourseRole>;
  made: MadePage[];
  /** The course of each lesson, by the lesson's id before the prefix. */
  courseOf: Map<string, PageId>;
}

interface Folder {
  md: string[];
  subs: Set<string>;
}

interface Item {
  n: number;
  /** The file or folder name, for ties and messages. */
  key: string;
  /** Its name without the number. */
  name: string;
  /** The lesson's page (a numbered folder may have none: then it is no lesson, but may be a course). */
  page?: SourcePath;
  /** Set for a numbered folder. */
  folder?: string;
}

const join = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);

/** Works out the courses and lessons of a source with `layout: 'course'` from its Markdown files' paths (after `include` and `exclude`). */
export function planCourseLayout(source: { name: string }, paths: readonly string[], meta: MetaTitles, problems: Problem[], show: (path: string) => string): CoursePlan {
  const folders = new Map<string, Folder>();
  const folderOf = (f: string) => {
    let d = folders.get(f);
    if (!d) folders.set(f, (d = { md: [], subs: new Set() }));
    return d;
  };
  for (const path of paths) {
    const parts = path.split('/');
    if (!MARKDOWN.test(path) || parts.some((p) => p.startsWith('.') || p.startsWith('_'))) continue;
    for (let i = 0; i < parts.length - 1; i++) folderOf(parts.slice(0, i).join('/')).subs.add(parts[i]!);
    folderOf(parts.slice(0, -1).join('/')).md.push(parts.at(-1)!);
  }
  folderOf('');
  // `index.md` before `README.md`: a README is often written for the repository's host, an index for the site.
  const introOf = (f: string) => {
    const md = folders.get(f)?.md ?? [];
    const intro = md.find((m) => /^index\./i.test(m)) ?? md.find((m) => INTRO.test(m));
    return intro ? (join(f, intro) as SourcePath) : undefined;
  };
  const lessonPageOf = (f: string) => {
    const md = folders.get(f)?.md ?? [];
    return introOf(f) ?? (md.length === 1 ? (join(f, md[0]!) as SourcePath) : undefined);
  };
  const itemsOf = (f: string): Item[] => {
    const d = folders.get(f);
    if (!d) return [];
    const items: Item[] = [];
    for (const m of d.md) {
      const num = INTRO.test(m) ? undefined : numberOf(stemOf(m));
      if (num) items.push({ n: num.n, key: m, name: num.name, page: join(f, m) as SourcePath });
    }
    for (const s of d.subs) {
      const num = numberOf(s);
      if (num) items.push({ n: num.n, key: s, name: num.name, page: lessonPageOf(join(f, s)), folder: join(f, s) });
    }
    return items.sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  const lessonsOf = (f: string) => itemsOf(f).filter((item): item is Item & { page: SourcePath } => item.page !== undefined);
  const isCourse = (f: string) => {
    const items = lessonsOf(f);
    return items.length >= 2 || (items.length >= 1 && introOf(f) !== undefined);
  };

  const roles = new Map<SourcePath, CourseRole>();
  const made: MadePage[] = [];
  const courseOf = new Map<string, PageId>();
  const sourceId = (slugOrSpelled(source.name) || 'course') as PageId;
  const titleIn = (folder: string, name: string, fallback: string) => meta.get(folder)?.get(name) ?? fallback;

  /** One course: its introduction (or a made page) and its lessons in order. */
  const addCourse = (id: PageId, folder: string, title: string, items: (Item & { page: SourcePath })[]) => {
    const intro = introOf(folder);
    if (intro) roles.set(intro, { kind: 'course', title, at: { id } });
    else made.push({ kind: 'course', id, title, folder, fields: {} });
    const taken = new Set<string>();
    items.forEach((item, i) => {
      const slug = slugOrSpelled(item.name) || String(item.n);
      // Two lessons of one name (`01-intro.md`, `02-intro/`) are told apart by their numbers.
      const lesson = taken.has(slug) ? `${item.n}-${slug}` : slug;
      taken.add(lesson);
      const lessonId = `${id}/${lesson}` as PageId;
      const parent = item.folder ? item.folder.slice(0, item.folder.lastIndexOf('/') + 1).replace(/\/$/, '') : folder;
      const key = item.folder ? item.folder.slice(item.folder.lastIndexOf('/') + 1) : stemOf(item.key);
      roles.set(item.page, { kind: 'lesson', title: titleIn(parent, key, prettyName(item.name)), at: { id: lessonId, order: i + 1 } });
      courseOf.set(lessonId, id);
    });
  };

  const top = itemsOf('');
  const twoLevels = top.some((item) => item.folder !== undefined && isCourse(item.folder));
  if (!twoLevels) {
    addCourse(sourceId, '', meta.get('')?.get('index') ?? prettyName(source.name), lessonsOf(''));
    return { roles, made, courseOf };
  }
  // Two levels: every numbered top folder is a course of the source's path.
  const courses: PageId[] = [];
  for (const item of top) {
    if (!item.folder) {
      problems.push({
        file: show(item.page!),
        message: 'is a numbered page at the top of a curriculum whose numbered folders are courses, so it is read as a note, not a lesson',
        hint: 'move it into one of the course folders to make it a lesson of that course',
        severity: 'warning',
      });
      continue;
    }
    let id = (slugOrSpelled(item.name) || String(item.n)) as PageId;
    if (courses.includes(id) || id === sourceId) id = `${item.n}-${id}` as PageId;
    courses.push(id);
    addCourse(id, item.folder, titleIn('', item.key, prettyName(item.name)), lessonsOf(item.folder));
  }
  const intro = introOf('');
  const title = meta.get('')?.get('index') ?? prettyName(source.name);
  if (intro) roles.set(intro, { kind: 'path', title, at: { id: sourceId, layoutFields: { courses } } });
  else made.push({ kind: 'path', id: sourceId, title, folder: '', fields: { courses } });
  return { roles, made, courseOf };
}
