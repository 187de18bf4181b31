/**
 * Keeps `dist/` between builds instead of emptying it. Astro empties the output folder before every
 * build and then copies each unchanged page back from its incremental cache; at 10,000 pages that
 * is 20,000 files and 10,000 folders deleted and made again, about 7 s of an unchanged rebuild's 20 s.
 * With `vite.build.emptyOutDir: false` Astro leaves an unchanged page's file where it is ("cached" in
 * its log) and writes only what changed, so this integration does the two things emptying did:
 *
 * - **Start from Grove's own output.** `dist/` is kept only when it is what the last build with this
 *   cache left: the record in the cache (`grove-out-dir.json`) names the folder and when that build
 *   ended, and no file in it may be newer. Anything else (another cache, a file changed by hand, a
 *   first build, a build that failed) empties it, as Astro would have.
 * - **Remove what this build did not make.** After the pages are written, a file that was there at
 *   the start, is not one of this build's pages (Astro's `assets`: kept pages are among them) and was
 *   not written since is left from an earlier build: a deleted note's page, an old script bundle. It is
 *   removed, and so are the folders left empty. Folders another integration owns (`pagefind/`) are left to it.
 *
 * One walk of the folder a build (at its start); what is removed is looked at again, not the whole.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the last build left in the output folder, kept in the cache. */
export interface OutDirRecord {
  /** The output folder, absolute. */
  outDir: string;
  /** When that build ended (ms since the epoch): no file in the folder may be newer. */
  endedAt: number;
}

/** Every file under `dir` (paths relative to it, with `/`), with its modification time; empty when it does not exist. */
export function filesOf(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  if (!existsSync(dir)) return files;
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!d.isFile()) continue;
    const path = join(d.parentPath, d.name);
    files.set(relative(dir, path).split(sep).join('/'), statSync(path).mtimeMs);
  }
  return files;
}

/**
 * Whether `files` (from `filesOf`) may be what the build of `record` left in `outDir`: the same
 * folder, nothing written since. (A file removed since is made again: Astro restores a missing page
 * from its cache, Pagefind's shards are checked file by file, everything else is written each build.)
 */
export function isOwnOutput(record: OutDirRecord | undefined, outDir: string, files: ReadonlyMap<string, number>): boolean {
  if (!record || record.outDir !== outDir) return false;
  for (const mtime of files.values()) if (mtime > record.endedAt) return false;
  return true;
}

/**
 * The files of a kept output folder that this build did not make: of those there at its start
 * (`before`), each that is not one of its pages, outside the folders other integrations own (each
 * given as `name/`), and not written since (`mtimeOf`, undefined when it is gone).
 */
export function staleFiles(before: Iterable<string>, startedAt: number, pages: ReadonlySet<string>, owned: readonly string[], mtimeOf: (path: string) => number | undefined): string[] {
  const stale: string[] = [];
  for (const path of before) {
    if (pages.has(path) || owned.some((o) => path.startsWith(o))) continue;
    const mtime = mtimeOf(path);
    if (mtime !== undefined && mtime < startedAt) stale.push(path);
  }
  return stale.sort();
}

/** Removes `paths` (relative to `dir`) and then each folder of theirs left empty. */
export function removeFiles(dir: string, paths: readonly string[]): void {
  const folders = new Set<string>();
  for (const p of paths) {
    rmSync(join(dir, p), { force: true });
    for (let f = dirname(p); f !== '.'; f = dirname(f)) folders.add(f);
  }
  // Deepest first, so a parent is tried after its children.
  for (const f of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(dir, f));
    } catch {
      // Not empty: it holds something this build made.
    }
  }
}

function readRecord(file: string): OutDirRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as OutDirRecord;
  } catch {
    return undefined;
  }
}

/**
 * The integration, in two parts: `first` goes before every integration that writes into `dist/` after
 * the pages (it checks the folder at the start and removes stale files once the pages are written);
 * `last` goes after all of them (it records what they left). `owned` names the folders other
 * integrations manage whole (`pagefind`).
 */
export function keptOutDir(owned: readonly string[]): { first: AstroIntegration; last: AstroIntegration; viteBuild: { emptyOutDir: false } } {
  let outDir = '';
  let recordFile = '';
  let startedAt = 0;
  /** The files of a kept dist/ at the start of the build. */
  let before: string[] = [];
  const ownedPrefixes = owned.map((o) => `${o}/`);
  return {
    viteBuild: { emptyOutDir: false },
    first: {
      name: 'grove:out-dir',
      hooks: {
        'astro:config:done': ({ config }) => {
          outDir = fileURLToPath(config.outDir).replace(/[\\/]$/, '');
          recordFile = join(fileURLToPath(config.cacheDir), 'grove-out-dir.json');
        },
        'astro:build:start': ({ logger }) => {
          // Less a margin: the kernel stamps files from a clock that may lag `Date.now()` by a few milliseconds.
          startedAt = Date.now() - 50;
          const record = readRecord(recordFile);
          rmSync(recordFile, { force: true });
          const files = filesOf(outDir);
          before = [];
          if (files.size === 0) return;
          if (isOwnOutput(record, outDir, files)) {
            before = [...files.keys()];
            return;
          }
          // Not the last build's own output: start from an empty folder, as Astro would (its `.git` kept).
          for (const entry of readdirSync(outDir)) if (entry !== '.git') rmSync(join(outDir, entry), { recursive: true, force: true });
          if (record) logger.info(`emptied ${outDir}: it is not what the last build with this cache left there`);
        },
        'astro:build:done': ({ assets }) => {
          const pages = new Set<string>();
          for (const urls of assets.values()) for (const u of urls) pages.add(relative(outDir, fileURLToPath(u)).split(sep).join('/'));
          const mtimeOf = (path: string): number | undefined => statSync(join(outDir, path), { throwIfNoEntry: false })?.mtimeMs;
          removeFiles(outDir, staleFiles(before, startedAt, pages, ownedPrefixes, mtimeOf));
        },
      },
    },
    last: {
      name: 'grove:out-dir-record',
      hooks: {
        'astro:build:done': () => {
          mkdirSync(dirname(recordFile), { recursive: true });
          writeFileSync(recordFile, `${JSON.stringify({ outDir, endedAt: Date.now() } satisfies OutDirRecord)}\n`);
        },
      },
    },
  };
}
