/**
 * What reading a page gave last time, kept in the build cache: a rebuild reads every file again (to
 * see what changed), but a file whose bytes, place and source settings are what they were is not
 * parsed, validated and counted again. At 10,000 pages that is most of the sources phase (YAML,
 * the schema, word counts: about 2.5 of 3.5 s). A page is kept by its file's digest and everything
 * `readEntry` is told about it, under the version of the engine's code: a change to any of them reads
 * it afresh. Only readings that ended in a page are kept; a file with problems is read every time,
 * so its messages are always the current ones.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { codeVersion } from '../core/code-version.ts';
import type { Problem } from '../core/problems.ts';
import type { Kind } from '../core/kinds.ts';
import { readEntry, type AnyEntry, type EntryAt } from './entries.ts';

type Reading = ReturnType<typeof readEntry>;

/** A kept reading: the page without its body (the tail of the file, `bodyLength` characters), and its warnings. */
interface Kept {
  entry: Omit<AnyEntry, 'body'>;
  bodyLength: number;
  warnings?: Problem[];
}

/** Reads pages through the cache: `read` is `readEntry` with the same arguments and result. */
export interface EntryCache {
  read(kind: Kind, raw: string, at: EntryAt): Reading;
  /** Whether `read` would take this page from the cache. */
  knows(kind: Kind, raw: string, at: EntryAt): boolean;
  /** How many readings came from the cache's file, and how many did not (made here, or taken from `ahead`). */
  readonly hits: number;
  readonly misses: number;
  /** Writes what this build read (only that: a page gone is forgotten) when anything changed. */
  save(): void;
}

/** Whether JSON gives `v` back as it is (a field that is `undefined` comes back missing, which reads the same). */
function isPlain(v: unknown): boolean {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => x !== undefined && isPlain(x));
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every(isPlain);
}

/** Packages that change what reading a page gives. */
const READ_PACKAGES = ['gray-matter', 'yaml', 'zod'];

/** The cache's file in a build's cache folder. */
export const entryCacheFileOf = (cacheDir: string): string => join(cacheDir, 'grove-entries.json');

/** What names a reading: the kind, everything `readEntry` is told of the page, and its bytes. */
export function readingKey(kind: Kind, raw: string, at: EntryAt): string {
  return createHash('sha1').update(`${kind}\0${JSON.stringify(at)}\0`).update(raw).digest('base64url');
}

/**
 * A reading as the cache keeps it (JSON of the page without its body), when it can be kept: only
 * readings that ended in a page, and only when JSON gives them back as they are (no Date, no NaN).
 */
export function keptOf(reading: Reading, raw: string): string | undefined {
  if (!('entry' in reading) || !raw.endsWith(reading.entry.body)) return undefined;
  const { body, ...rest } = reading.entry;
  const kept: Kept = { entry: rest, bodyLength: body.length, ...(reading.warnings ? { warnings: reading.warnings } : {}) };
  return isPlain(kept) ? JSON.stringify(kept) : undefined;
}

/** Readings made elsewhere (another thread: ./read-ahead.ts), as `keptOf` writes them, by `readingKey`; `take` gives one at most once. */
export interface ReadingsAhead {
  take(key: string): string | undefined;
}

/**
 * The cache kept in `file` (a JSON file in the build cache); `version` is the engine's code version
 * (tests give their own). A page the cache's file does not hold is taken from `ahead` when it has it, else read.
 */
export function entryCache(file: string, version = codeVersion(READ_PACKAGES), ahead?: ReadingsAhead): EntryCache {
  let previous: Record<string, string> = {};
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; pages?: Record<string, string> };
    if (stored.version === version && stored.pages && typeof stored.pages === 'object') previous = stored.pages;
  } catch {
    // None yet, or unreadable: every page is read afresh.
  }
  const next: Record<string, string> = {};
  let hits = 0;
  let misses = 0;
  return {
    knows(kind, raw, at) {
      return previous[readingKey(kind, raw, at)] !== undefined;
    },
    read(kind, raw, at) {
      const key = readingKey(kind, raw, at);
      const known = previous[key];
      const hit = known ?? ahead?.take(key);
      if (hit !== undefined) {
        const kept = JSON.parse(hit) as Kept;
        next[key] = hit;
        if (known !== undefined) hits++;
        else misses++;
        const entry = { ...kept.entry, body: raw.slice(raw.length - kept.bodyLength) } as AnyEntry;
        return kept.warnings ? { entry, warnings: kept.warnings } : { entry };
      }
      misses++;
      const reading = readEntry(kind, raw, at);
      const kept = keptOf(reading, raw);
      if (kept !== undefined) next[key] = kept;
      return reading;
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    save() {
      const changed = misses > 0 || Object.keys(previous).length !== hits;
      if (!changed) return;
      mkdirSync(dirname(file), { recursive: true });
      // Written beside and renamed: a build stopped halfway leaves the old file or the new, never half of one.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ version, pages: next }));
      renameSync(temp, file);
    },
  };
}
