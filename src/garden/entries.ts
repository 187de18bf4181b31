/**
 * Stage "sources → entries": reads every Markdown file of every source once, sorts it into its kind
 * by folder, parses and validates its frontmatter, and gives it an id and a route.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Source } from './config.ts';
import { countWords, firstHeading, parseFrontmatter } from './frontmatter.ts';
import { idFromPath, routeOf, slugify, splitOrderPrefix, stemOf, type PageId, type Route, type SourcePath } from './ids.ts';
import type { Problem } from './problems.ts';
import { SCHEMAS, type DataOf, type Kind } from './schemas.ts';
import { validate } from './validate.ts';
import { isAssetPath } from './links.ts';

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
}

/** Any entry. */
export type AnyEntry = { [K in Kind]: Entry<K> }[Kind];

const MARKDOWN = /\.(md|mdx)$/i;

/** Which kind a file is, from where it sits in its source; undefined for files Grove does not read. */
export function kindOfPath(path: SourcePath): Kind | undefined | 'misplaced-course' | 'too-deep' {
  if (!MARKDOWN.test(path)) return undefined;
  const parts = path.split('/');
  if (parts.some((p) => p.startsWith('.') || p.startsWith('_'))) return undefined;
  const [top] = parts;
  if (top === 'notes' && parts.length >= 2) return 'note';
  if (top === 'paths' || top === 'topics' || top === 'people') {
    if (parts.length > 2) return 'too-deep';
    return parts.length === 2 ? ({ paths: 'path', topics: 'topic', people: 'person' } as const)[top] : undefined;
  }
  if (top === 'courses') {
    if (parts.length === 2) return 'misplaced-course';
    if (parts.length > 3) return 'too-deep';
    return /^index\.mdx?$/i.test(parts[2]!) ? 'course' : 'lesson';
  }
  return undefined;
}

/**
 * Lists a source's files (relative POSIX paths), sorted. A symbolic link is followed only when it
 * points inside `root` (the repository or the project); one that escapes is a problem.
 */
export function listFiles(dir: string, root = dir, problems: Problem[] = [], cwd = process.cwd()): SourcePath[] {
  const out: SourcePath[] = [];
  const realRoot = realpathSync(root);
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const abs = join(d.parentPath, d.name);
    const rel = relative(dir, abs).split('\\').join('/') as SourcePath;
    if (d.isSymbolicLink()) {
      if (!MARKDOWN.test(d.name)) {
        let isDir = false;
        try {
          isDir = statSync(abs).isDirectory();
        } catch {
          /* a dangling link to something that is not Markdown: nothing Grove reads */
        }
        if (isDir) {
          problems.push({ file: shownPath(cwd, abs), message: 'is a symbolic link to a folder, which Grove does not follow', hint: 'move the folder in, or add it as a source of its own', severity: 'error' });
        }
        continue;
      }
      let target: string;
      try {
        target = realpathSync(abs);
      } catch {
        problems.push({ file: shownPath(cwd, abs), message: 'is a symbolic link to nothing', hint: 'remove it or point it at a file', severity: 'error' });
        continue;
      }
      const inside = relative(realRoot, target);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        problems.push({
          file: shownPath(cwd, abs),
          message: `is a symbolic link to ${target}, outside the ${root === dir ? 'source' : 'repository'}`,
          hint: 'copy the file in instead; links may not reach outside the repository or the project',
          severity: 'error',
        });
        continue;
      }
      if (statSync(target).isFile()) out.push(rel);
      continue;
    }
    if (d.isFile()) out.push(rel);
  }
  return out.sort();
}

/** A path as shown in messages: relative to the working folder when inside it, else absolute. */
export function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs).split('\\').join('/');
  return rel.startsWith('../') ? abs : rel;
}

/** A file of a source that is not a page but is published beside the pages (an image, a PDF). */
export interface SourceFile {
  source: string;
  /** The path inside the source. */
  path: SourcePath;
  /** The absolute path on disk. */
  abs: string;
}

/** Reads and validates every page of one source, and lists its images and other published files. Problems are collected, never thrown. */
export function readSource(source: Source, cwd = process.cwd()): { entries: AnyEntry[]; problems: Problem[]; assets: SourceFile[] } {
  const entries: AnyEntry[] = [];
  const problems: Problem[] = [];
  const assets: SourceFile[] = [];
  let files: SourcePath[];
  try {
    files = listFiles(source.dir, source.root, problems, cwd);
  } catch (err) {
    problems.push({
      file: shownPath(cwd, source.dir) || '.',
      message: `source "${source.name}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      hint: 'check the source\'s `path` in the settings',
      severity: 'error',
    });
    return { entries, problems, assets };
  }
  for (const path of files) {
    if (isAssetPath(path) && !path.split('/').some((p) => p.startsWith('.') || p.startsWith('_'))) {
      // An SVG is a document that can run script when opened on the site's own origin: an untrusted
      // source may not publish one (an <img> of it would be safe, opening its address is not).
      if (source.trust === 'untrusted' && /\.svg$/i.test(path)) {
        const strip = source.unsafeHtml === 'strip';
        problems.push({
          file: shownPath(cwd, join(source.dir, path)),
          field: 'no-embeds',
          message: strip
            ? `not published: an SVG file can run script, and "${source.name}" is an untrusted source`
            : `an SVG file can run script when opened, and pages from the untrusted source "${source.name}" may not publish one`,
          hint: 'export the drawing as a PNG or WebP image and link that instead',
          severity: strip ? 'warning' : 'error',
        });
        continue;
      }
      assets.push({ source: source.name, path, abs: join(source.dir, path) });
      continue;
    }
    const kind = source.layout === 'notes' ? notesLayoutKind(path) : kindOfPath(path);
    if (kind === undefined) continue;
    const abs = join(source.dir, path);
    const file = shownPath(cwd, abs);
    if (kind === 'too-deep') {
      const [top, second] = path.split('/');
      problems.push({
        file: shownPath(cwd, abs),
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
    const raw = readFileSync(abs, 'utf8');
    const entry = readEntry(kind, raw, { source: source.name, path, file, abs, prefix: source.prefix, layout: source.layout });
    if ('problems' in entry) problems.push(...entry.problems);
    else entries.push(entry.entry);
  }
  return { entries, problems, assets };
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
  /** `notes`: ids come from the whole path and folders become topics. */
  layout?: 'garden' | 'notes';
}

/** Parses and validates one file's text as a page of `kind`. */
export function readEntry(kind: Kind, raw: string, at: EntryAt): { entry: AnyEntry } | { problems: Problem[] } {
  const parsed = parseFrontmatter(raw, at.file);
  if (!parsed.ok) return { problems: [parsed.problem] };
  const { data, body, bodyOffset, lineOf, lines } = parsed.value;
  // An empty field (`summary:` in a template) means "not given", not "null".
  const given: Record<string, unknown> = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
  if (at.layout === 'notes') {
    // A wiki's folders are its topics: `ops/deploys/rollback.md` is on "ops" and "deploys".
    const folders = at.path.split('/').slice(0, -1);
    if (folders.length) {
      const tags = given.tags;
      given.tags = [...(Array.isArray(tags) ? tags : typeof tags === 'string' ? [tags] : []), ...folders];
    }
  }
  const result = validate(SCHEMAS[kind], given, at.file, lineOf);
  if (!result.ok) return { problems: result.problems };
  const value = result.value as Record<string, unknown>;
  const stem = stemOf(at.path);
  const id = prefixed(at.layout === 'notes' ? (slugify(at.path.replace(/\.mdx?$/i, '')) as PageId) : idFromPath(kind, at.path), at.prefix);
  if (!id || id.endsWith('/') || id.startsWith('/')) {
    return {
      problems: [{ file: at.file, message: 'this file name has no letters or digits to make an id from', hint: 'rename the file', severity: 'error' }],
    };
  }
  const fromName = kind === 'course' ? at.path.split('/')[1]! : kind === 'lesson' ? splitOrderPrefix(stem)[1] : stem;
  const title = (
    (value.title as string | undefined) ??
    (kind === 'person' ? (value.name as string) : undefined) ??
    firstHeading(body) ??
    fromName
  ).normalize('NFC');
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
    prefix: kind === 'lesson' ? splitOrderPrefix(stem)[0] : undefined,
    digest: createHash('sha1').update(raw).digest('hex'),
    lines,
    idPrefix: at.prefix,
  } as AnyEntry;
  return { entry };
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
    const key = `${e.kind}:${e.id}`;
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
