/**
 * History and provenance from one `git log` pass per repository (never one call per file): for every
 * file, when it was created and last updated, by whom, and who contributed how many commits,
 * following renames within the same pass. A shallow clone is detected and reported, never guessed.
 */
import { git, repoRootOf } from './git.ts';
import { realpathSync } from 'node:fs';
import { relative } from 'node:path';

/** Someone who committed to a file. */
export interface Contributor {
  name: string;
  email: string;
  commits: number;
}

/** What git knows about one file. */
export interface FileHistory {
  /** `YYYY-MM-DD` of the oldest commit touching it. */
  created: string;
  /** `YYYY-MM-DD` of the newest commit touching it. */
  updated: string;
  /** Who made the newest commit. */
  updatedBy: { name: string; email: string };
  /** Everyone who committed to it, most commits first. */
  contributors: Contributor[];
}

/** What one `git log` pass found in a repository. */
export interface RepoHistory {
  /** The work tree's top folder. */
  root: string;
  /** The commit checked out. */
  head: string;
  /** True for a shallow clone: dates would be wrong, so there are none. */
  shallow: boolean;
  /** By path relative to `root` (POSIX). */
  files: Map<string, FileHistory>;
}

const RECORD = '\x1e';
const FIELD = '\x1f';

/**
 * Parses `git log --name-status -M --format=RS%H FS %aI FS %an FS %ae` output, newest commit first.
 * A rename `R100 old new` maps older mentions of `old` onto the file's current name.
 */
export function parseLog(output: string): Map<string, FileHistory> {
  const files = new Map<string, FileHistory & { counts: Map<string, Contributor> }>();
  const current = new Map<string, string>(); // a name in older history → the file's name today
  for (const record of output.split(RECORD)) {
    if (!record.trim()) continue;
    // `git log -z` ends the header with NUL and separates status and paths with NUL (names may hold
    // quotes, tabs or newlines); without -z they are lines of tab-separated fields.
    const nul = record.indexOf('\0');
    const newline = record.indexOf('\n');
    const head = nul >= 0 ? record.slice(0, nul) : newline >= 0 ? record.slice(0, newline) : record;
    const changes: string[][] = [];
    if (nul >= 0) {
      const tokens = record
        .slice(nul + 1)
        .replace(/^\n/, '')
        .split('\0');
      for (let i = 0; i < tokens.length && tokens[i];) {
        const n = /^[RC]/.test(tokens[i]!) ? 3 : 2;
        changes.push(tokens.slice(i, i + n));
        i += n;
      }
    } else {
      for (const line of record.split('\n').slice(1)) if (line) changes.push(line.split('\t'));
    }
    const [, date, name, email] = head.split(FIELD);
    if (!date || name === undefined || email === undefined) continue;
    const day = date.slice(0, 10);
    for (const parts of changes) {
      const status = parts[0]!;
      let path: string;
      if (status.startsWith('R') || status.startsWith('C')) {
        const [, from, to] = parts;
        path = current.get(to!) ?? to!;
        if (status.startsWith('R')) current.set(from!, path);
      } else {
        path = current.get(parts[1]!) ?? parts[1]!;
        if (status === 'D') {
          // Deleted here: older commits with this name belong to a file that no longer exists.
          current.set(parts[1]!, `\0deleted:${parts[1]}`);
          continue;
        }
      }
      let h = files.get(path);
      if (!h) {
        h = { created: day, updated: day, updatedBy: { name, email }, contributors: [], counts: new Map() };
        files.set(path, h);
      }
      h.created = day;
      const key = email.toLowerCase() || name;
      const c = h.counts.get(key) ?? { name, email, commits: 0 };
      c.commits++;
      h.counts.set(key, c);
    }
  }
  const out = new Map<string, FileHistory>();
  for (const [path, h] of files) {
    const contributors = [...h.counts.values()].sort((a, b) => b.commits - a.commits || a.name.localeCompare(b.name));
    out.set(path, { created: h.created, updated: h.updated, updatedBy: h.updatedBy, contributors });
  }
  return out;
}

/** Reads the history of everything under `dir` in one pass; undefined when `dir` is not under git. */
export function readHistory(linkedDir: string): RepoHistory | undefined {
  // git reports real paths; a folder reached through a symbolic link must be compared as real too.
  let dir: string;
  try {
    dir = realpathSync(linkedDir);
  } catch {
    return undefined;
  }
  const root = repoRootOf(dir);
  if (!root) return undefined;
  let head: string;
  try {
    head = git(['rev-parse', 'HEAD'], root).trim();
  } catch {
    return undefined; // a repository with no commits yet
  }
  const shallow = git(['rev-parse', '--is-shallow-repository'], root).trim() === 'true';
  if (shallow) return { root, head, shallow, files: new Map() };
  const scope = relative(root, dir) || '.';
  const out = git(['-c', 'core.quotePath=false', 'log', '-z', '--no-merges', '-M', '--name-status', `--format=${RECORD}%H${FIELD}%aI${FIELD}%an${FIELD}%ae`, 'HEAD', '--', scope], root);
  return { root, head, shallow, files: parseLog(out) };
}
