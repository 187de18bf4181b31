/**
 * Stage "sources → entries": reads every Markdown file of every source once, sorts it into its kind
 * by folder, parses and validates its frontmatter, and gives it an id and a route.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Source } from './config.ts';
import { countWords, firstHeading, parseFrontmatter } from './frontmatter.ts';
import { idFromPath, routeOf, splitOrderPrefix, stemOf, type PageId, type Route, type SourcePath } from './ids.ts';
import type { Problem } from './problems.ts';
import { SCHEMAS, type DataOf, type Kind } from './schemas.ts';
import { validate } from './validate.ts';

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

/** Lists a source's files (relative POSIX paths), sorted; symbolic links are not followed. */
export function listFiles(dir: string): SourcePath[] {
  const out: SourcePath[] = [];
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    out.push(relative(dir, join(d.parentPath, d.name)).split('\\').join('/') as SourcePath);
  }
  return out.sort();
}

/** A path as shown in messages: relative to the working folder when inside it, else absolute. */
export function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs).split('\\').join('/');
  return rel.startsWith('../') ? abs : rel;
}

/** Reads and validates every page of one source. Problems are collected, never thrown. */
export function readSource(source: Source, cwd = process.cwd()): { entries: AnyEntry[]; problems: Problem[] } {
  const entries: AnyEntry[] = [];
  const problems: Problem[] = [];
  let files: SourcePath[];
  try {
    files = listFiles(source.dir);
  } catch (err) {
    problems.push({
      file: shownPath(cwd, source.dir) || '.',
      message: `source "${source.name}" cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      hint: 'check the source\'s `path` in the settings',
      severity: 'error',
    });
    return { entries, problems };
  }
  for (const path of files) {
    const kind = kindOfPath(path);
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
    const entry = readEntry(kind, raw, { source: source.name, path, file, abs });
    if ('problems' in entry) problems.push(...entry.problems);
    else entries.push(entry.entry);
  }
  return { entries, problems };
}

/** Parses and validates one file's text as a page of `kind`. */
export function readEntry(
  kind: Kind,
  raw: string,
  at: { source: string; path: SourcePath; file: string; abs: string },
): { entry: AnyEntry } | { problems: Problem[] } {
  const parsed = parseFrontmatter(raw, at.file);
  if (!parsed.ok) return { problems: [parsed.problem] };
  const { data, body, bodyOffset, lineOf, lines } = parsed.value;
  // An empty field (`summary:` in a template) means "not given", not "null".
  const given = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
  const result = validate(SCHEMAS[kind], given, at.file, lineOf);
  if (!result.ok) return { problems: result.problems };
  const value = result.value as Record<string, unknown>;
  const stem = stemOf(at.path);
  const id = idFromPath(kind, at.path);
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
  } as AnyEntry;
  return { entry };
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
        hint: 'rename one of the two files',
        severity: 'error',
      });
    } else seen.set(key, e);
  }
  return problems;
}
