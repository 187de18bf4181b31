/**
 * Which Markdown dialect a source writes links in: set with `dialect`, or (`auto`) told from the
 * files the note-taking tool leaves in the repository, in `dir` or any folder above it up to the
 * repository's root (a source's `dir` is often a sub-folder: `vault/`, `docs/`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Source } from '../settings/config.ts';
import { isWithin } from '../core/folders.ts';

/** A dialect Grove reads. */
export type Dialect = 'obsidian' | 'dendron' | 'foam' | 'gfm';

/** The dialect of a source and why: the setting, or the file that gave it away. */
export interface DialectChoice {
  dialect: Dialect;
  /** `set in the settings`, `found .obsidian/`, `found vault/../dendron.yml`, `no marker found`. */
  why: string;
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** True when `.vscode/extensions.json` recommends Foam's extension (the file is JSON with comments, so it is searched, not parsed). */
function recommendsFoam(folder: string): boolean {
  const file = join(folder, '.vscode', 'extensions.json');
  if (!existsSync(file)) return false;
  try {
    return /["']foam\.foam-vscode["']/i.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** What one folder says of its dialect, if anything. */
function markerIn(folder: string): { dialect: Dialect; marker: string } | undefined {
  if (isDir(join(folder, '.obsidian'))) return { dialect: 'obsidian', marker: '.obsidian/' };
  for (const f of ['dendron.yml', 'dendron.code-workspace']) if (isFile(join(folder, f))) return { dialect: 'dendron', marker: f };
  if (isDir(join(folder, '.foam'))) return { dialect: 'foam', marker: '.foam/' };
  if (recommendsFoam(folder)) return { dialect: 'foam', marker: '.vscode/extensions.json (recommends Foam)' };
  return undefined;
}

/**
 * Detects the dialect of the files in `dir`, looking in `dir` and each folder above it up to `root`
 * (the repository's root, or `dir` itself for a folder of the project).
 */
export function detectDialect(dir: string, root: string = dir): DialectChoice {
  const inside = isWithin(dir, root);
  let folder = dir;
  for (;;) {
    const found = markerIn(folder);
    if (found) {
      const where = relative(dir, folder).split(sep).join('/');
      return { dialect: found.dialect, why: `found ${where ? `${where}/` : ''}${found.marker}` };
    }
    if (!inside || folder === root) break;
    const up = dirname(folder);
    if (up === folder) break;
    folder = up;
  }
  return { dialect: 'gfm', why: 'no .obsidian/, dendron.yml or .foam/ found' };
}

const chosen = new Map<string, DialectChoice>();

/** The dialect of a source: its `dialect` setting, or the one detected (once per folder and build). */
export function dialectOf(source: Pick<Source, 'dialect' | 'dir' | 'root'>): DialectChoice {
  if (source.dialect !== 'auto') return { dialect: source.dialect, why: 'set in the settings' };
  const key = `${source.root}\0${source.dir}`;
  let c = chosen.get(key);
  if (!c) chosen.set(key, (c = detectDialect(source.dir, source.root)));
  return c;
}

/** Forgets the dialects detected (the dev server reads the sources again after a sync). */
export function resetDialects(): void {
  chosen.clear();
}

/** What a wikilink or embed says, read from its source text (`[[…]]`, `![[…]]`): the page it names and its label, in the order the dialect writes them. */
export function wikilinkParts(raw: string, dialect: Dialect): { target: string; label?: string } {
  const inner = raw.replace(/^!?\[\[/, '').replace(/\]\]$/, '');
  // `[[a\|b]]` inside a table: the pipe is escaped so the table does not split the cell.
  const bar = /\\?\|/.exec(inner);
  if (!bar) return { target: dialect === 'dendron' ? dendronTarget(inner) : inner };
  const [first, second] = [inner.slice(0, bar.index), inner.slice(bar.index + bar[0].length)];
  // Dendron writes the label first (`[[label|note]]`), Obsidian and Foam the page first.
  return dialect === 'dendron' ? { target: dendronTarget(second), label: first } : { target: first, label: second };
}

/** A Dendron anchor may name a range of a note (`#heading,1:#*`, `#^begin:#^end`): the link goes to where it starts. */
function dendronTarget(target: string): string {
  const hash = target.indexOf('#');
  if (hash < 0) return target;
  return target.slice(0, hash + 1) + target.slice(hash + 1).replace(/[,:].*$/, '');
}


// `#tag` after the start of a line or a space, with at least one letter (`#123` is an issue number):
// letters, digits, `_`, `-` and `/` (`#parent/child`); `# Heading` has a space after its mark.
const FOAM_TAG = /(?<=^|\s)#([\p{L}\p{N}_/-]*\p{L}[\p{L}\p{N}_/-]*)/gu;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The tags Foam reads in a note's text (`The #tooling notes`), in order, each once (case aside): not
 * in fenced code or code spans, not an address's `#fragment` or a wikilink's `#heading` (a tag
 * follows a space or starts a line), not a heading's `#` mark, not a number (`#123`).
 */
export function foamTags(body: string): string[] {
  const tags = new Map<string, string>();
  let fence: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const f = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
      continue;
    }
    if (f) {
      fence = f;
      continue;
    }
    const text = line.replace(/(`+)[\s\S]*?\1/g, ' ');
    for (const m of text.matchAll(FOAM_TAG)) {
      const tag = m[1]!.replace(/[/-]+$/, '');
      if (/\p{L}/u.test(tag) && !tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
    }
  }
  return [...tags.values()];
}
