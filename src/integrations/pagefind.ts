/**
 * The search index: indexes the final HTML with Pagefind (main content only: pages mark it with
 * `data-pagefind-body`, and lists of other pages are excluded below) into `<dist>/pagefind/`, in
 * shards that a build reuses when their pages are unchanged. The Astro integration that runs it is
 * ./search-index.ts.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { getPriority, setPriority, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Left out of the index: parts of a page about other pages (lists, cards, badges, the aside,
 * previous/next), which made a course's lesson titles outrank the lessons themselves; controls
 * (progress buttons, "Save for offline", anything shown only with JavaScript), which put "Mark as
 * complete" in every lesson; and knowledge-check answers, which search excerpts would give away.
 */
export const EXCLUDE_SELECTORS = [
  'aside',
  '.meta',
  '.steps',
  '.list',
  '.cards',
  '.chips',
  '.experts',
  '.pager',
  '.actions',
  '.column-head',
  '.muted',
  '.no-print',
  '[data-needs-js]',
  'details.answer',
  '.question-actions',
  '.feedback',
  '[data-search-ignore]',
];

/** Pagefind UI bundles Grove does not use (it ships its own search UI); removed so they are never served or precached. */
const UNUSED_FILES = /^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$/;

/** What one indexing run did. */
export interface PagefindReport {
  /** Pages in the index (pages marked for search). */
  pages: number;
  /** HTML files of the site. */
  htmlFiles: number;
  bytes: number;
  files: number;
  ms: number;
  /** Shards of the index, and how many of them were indexed (the others were reused unchanged). */
  shards: number;
  reindexed: number;
  /** Shards read from a folder of links to their pages, not named by a glob (see indexSite). */
  staged: number;
}

/** Total size and count of the files under a folder. */
function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!d.isFile()) continue;
    bytes += statSync(join(d.parentPath, d.name)).size;
    files++;
  }
  return { bytes, files };
}

/**
 * Pages a shard of the search index holds before the index splits in two: a one-note edit then
 * re-indexes one shard, not the site. `GROVE_SEARCH_SHARD_PAGES` sets it (the browser tests split
 * the sample garden this way, so the merged search is what they test). A trade-off measured at
 * 10,000 pages (docs/benchmarks.md, "How many shards"): each shard adds its metadata and a word chunk
 * to a first query, and a larger shard makes an edit re-index more. 3,000 gives 4 shards there: a
 * first query of 322 KB against 417 KB with 8 (301 KB since a one-language site loads no language
 * filter), an edit built in 12.2 s against 9.7 s.
 */
export const SHARD_PAGES = 3000;

/** The shard size the build uses: `GROVE_SEARCH_SHARD_PAGES` when it is a whole number above 0, else SHARD_PAGES. */
export function shardPages(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GROVE_SEARCH_SHARD_PAGES);
  return Number.isInteger(n) && n > 0 ? n : SHARD_PAGES;
}

/**
 * Most shards an index is split into: a query loads a word chunk from every shard, so past this a
 * larger garden has larger shards rather than more requests a query.
 */
export const MAX_SHARDS = 16;

/** How many shards `pages` pages take: a power of two (so the split changes only when the site doubles or halves), at most MAX_SHARDS. */
export function shardCount(pages: number, per: number): number {
  let k = 1;
  while (pages > k * per && k < MAX_SHARDS) k *= 2;
  return k;
}

/** The shard of a page by its path: FNV-1a, so a page stays in its shard from build to build. */
export function shardOf(path: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return h % count;
}

/**
 * Where shard `s` is written inside `pagefind/`: the first is Pagefind's own bundle, the others merge
 * into it. A partition of a split build (./partition.ts) numbers its shards from `first`
 * (its index × MAX_SHARDS), so the partitions' shards sit side by side when their sites are merged.
 */
export const shardFolder = (s: number, first = 0): string => (first + s === 0 ? '' : `shard-${first + s}`);

/** The list the browser reads to merge the other shards (src/client/search-engine.ts). */
export const SHARDS_FILE = 'shards.json';

/** Files of a shard other than the first that the browser never loads (it searches them with the first one's runtime). */
const RUNTIME_FILES = /^(?:pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind)$/;

/** What `markedPages` learnt of one HTML file: its digest when it is marked for search (null when not), by its size, time and inode. */
export type PageStamp = { size: number; mtimeMs: number; ino: number; digest: string | null };

/**
 * What is known of the HTML file `rel` of `dist`: its size, time and inode, and the digest of its bytes
 * when it is marked for search (null when not). When size, time and inode are what `known` says (the
 * last build's stamps), the file is not read again: dist/ is kept between builds (./out-dir.ts), and
 * an unchanged page is the same file. Undefined when there is no such file.
 */
export function stampOf(dist: string, rel: string, known: ReadonlyMap<string, PageStamp>): PageStamp | undefined {
  const path = join(dist, rel);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  const { size, mtimeMs, ino } = stat;
  const was = known.get(rel);
  if (was && was.size === size && was.mtimeMs === mtimeMs && was.ino === ino) return was;
  const bytes = readFileSync(path);
  return { size, mtimeMs, ino, digest: bytes.includes('data-pagefind-body') ? createHash('sha1').update(bytes).digest('hex') : null };
}

/**
 * The site's pages marked for search, by path inside dist (sorted), each with a digest of its bytes
 * (read once here, so planning the shards does not read the site again), and how many HTML files it
 * has in all. A page `known` has the same stamp for is not read again (see stampOf).
 */
export function markedPages(dist: string, known: ReadonlyMap<string, PageStamp> = new Map()): { pages: string[]; digests: Map<string, string>; htmlFiles: number; stamps: Map<string, PageStamp> } {
  const digests = new Map<string, string>();
  const stamps = new Map<string, PageStamp>();
  let htmlFiles = 0;
  for (const d of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (!d.isFile() || !d.name.endsWith('.html')) continue;
    htmlFiles++;
    const rel = relative(dist, join(d.parentPath, d.name)).split(sep).join('/');
    const stamp = stampOf(dist, rel, known);
    if (!stamp) continue;
    stamps.set(rel, stamp);
    if (stamp.digest) digests.set(rel, stamp.digest);
  }
  return { pages: [...digests.keys()].sort(), digests, htmlFiles, stamps };
}

/** The stamps the last build left beside the cache (see stampOf); none when there are none. */
export function readStamps(file: string | undefined): Map<string, PageStamp> {
  if (!file) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, PageStamp>));
  } catch {
    return new Map();
  }
}

/** The digest that names a shard's cached index: what is left out of pages, the split, the shard's number, and its pages' paths and bytes. */
export function shardDigest(pages: readonly string[], digests: ReadonlyMap<string, string>, count: number, number: number): string {
  const hash = createHash('sha1').update(`${EXCLUDE_SELECTORS.join(',')}\0${count}\0${number}\0`);
  for (const p of pages) hash.update(`${p}\0${digests.get(p)}\0`);
  return hash.digest('hex');
}

/** A shard of the search index: its pages marked for search (sorted) and the digest that names its cached index. */
export interface Shard {
  pages: string[];
  digest: string;
}

/**
 * The shards of a site's index. How many follows from `basis`, the number of the site's HTML pages
 * (its marked pages when not given): a number a build knows before any page is written, so shards can
 * be indexed while the others are rendered (./pagefind-prefetch.ts).
 */
export function planShards(pages: readonly string[], digests: ReadonlyMap<string, string>, per: number, first = 0, basis = pages.length): Shard[] {
  const count = shardCount(basis, per);
  const shards = Array.from({ length: count }, () => [] as string[]);
  for (const p of pages) shards[shardOf(p, count)]!.push(p);
  return shards.map((list, s) => ({ pages: list, digest: shardDigest(list, digests, count, first + s) }));
}

/**
 * What indexing shards shares within one build: the cache the shard indexes are written to (each
 * named by its digest), the Pagefind service, a folder for staged shards, and counts. One build's
 * shards indexed while pages render and those indexed after share it.
 */
export class ShardIndexer {
  /** Shards indexed by Pagefind in this build (the others were in the cache). */
  indexed = 0;
  /** Of them, read from a folder of links to their pages (see `index`). */
  staged = 0;
  /** Whether Pagefind runs at a lower priority than this process (see `yieldToBuild`). */
  background = false;
  private pagefind: typeof import('pagefind') | undefined;
  private stageRoot: string | undefined;
  // A staged folder is removed while Pagefind indexes the next shard (10,000 links take 1.6 s to remove).
  private readonly removals: Array<Promise<void>> = [];

  /** The site's output folder, whose pages are indexed. */
  readonly dist: string;
  /** Where shard indexes are kept; made by the caller (a build's cache, or a temporary folder). */
  readonly cacheRoot: string;

  constructor(dist: string, cacheRoot: string) {
    this.dist = dist;
    this.cacheRoot = cacheRoot;
  }

  /** The folder of a shard's index in the cache: there already when an earlier build or this one indexed the same pages; else indexed now. */
  async cached(shard: Shard, number: number): Promise<string> {
    const folder = join(this.cacheRoot, shard.digest);
    if (existsSync(join(folder, 'pagefind-entry.json'))) return folder;
    // Written beside it and renamed when whole, so a build stopped half way leaves no shard that looks done.
    const part = `${folder}.part`;
    rmSync(part, { recursive: true, force: true });
    await this.index(shard.pages, part);
    for (const f of readdirSync(part)) if (UNUSED_FILES.test(f) || (number > 0 && RUNTIME_FILES.test(f))) rmSync(join(part, f));
    rmSync(folder, { recursive: true, force: true });
    renameSync(part, folder);
    this.indexed++;
    return folder;
  }

  /**
   * Indexes `pages` of dist/ with Pagefind into `outputPath`. Pagefind reads the files of a folder many
   * at a time, where pages sent one by one are parsed one at a time (at 10,000 peer pages 20 s against
   * 33 s). It reads the shard's pages from dist/, named by a glob of their paths; when a path has a
   * character a glob could read as a pattern, or the glob found another number of pages, from a folder
   * of links to them instead (as fast, but making 10,000 folders cost 3-6 s on this project's disks).
   */
  private async index(pages: readonly string[], outputPath: string): Promise<void> {
    const api = (this.pagefind ??= await import('pagefind'));
    // Each language its own index, by the page's `<html lang>` (a translation's is its own: docs/languages.md).
    const newIndex = async () => {
      const { index, errors } = await api.createIndex({ excludeSelectors: EXCLUDE_SELECTORS });
      if (!index) throw new Error(errors.join('\n') || 'Pagefind did not start');
      return index;
    };
    let index = await newIndex();
    if (this.background) yieldToBuild();
    try {
      const glob = globOf(pages);
      let added = glob ? await index.addDirectory({ path: this.dist, glob }) : undefined;
      // Staged instead when the glob could not name them all, or Pagefind refused it (it says so in `errors`).
      if (!added || added.errors.length > 0 || added.page_count !== pages.length) {
        if (added) {
          await index.deleteIndex();
          index = await newIndex();
        }
        const folder = stageShard(this.dist, pages, (this.stageRoot ??= stagingFolder(this.cacheRoot)));
        added = await index.addDirectory({ path: folder });
        this.staged++;
        this.removals.push(rm(folder, { recursive: true, force: true }));
      }
      if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
    } finally {
      // Not to hide the error that got here (an index already deleted says so too).
      await index.deleteIndex().catch(() => undefined);
    }
  }

  /** Stops the Pagefind service and removes the staging folder. */
  async close(): Promise<void> {
    const api = this.pagefind;
    this.pagefind = undefined;
    await api?.close();
    await Promise.allSettled(this.removals.splice(0));
    if (this.stageRoot) rmSync(this.stageRoot, { recursive: true, force: true });
    this.stageRoot = undefined;
  }
}

/** How `indexSite` indexes a site. */
export interface IndexOptions {
  /** Pages a shard holds before the index splits (SHARD_PAGES, or `GROVE_SEARCH_SHARD_PAGES`). */
  per?: number;
  /** Where shard indexes are kept from build to build; a temporary folder when not given. */
  cacheRoot?: string;
  partition?: { index: number; count: number };
  /** The indexer of this build, when shards were indexed while pages rendered (./pagefind-prefetch.ts); its counts are reported. */
  indexer?: ShardIndexer;
  /** Stamps of pages learnt in this build, on top of the last build's (see stampOf). */
  known?: ReadonlyMap<string, PageStamp>;
}

/** Where a build keeps the stamps of its pages: beside the cached shards. */
export const stampsFileOf = (cacheRoot: string): string => `${cacheRoot}-pages.json`;

/**
 * Indexes the pages of `dist` marked for search into `dist/pagefind/`, one Pagefind index per shard
 * (see SHARD_PAGES). A shard whose pages are byte for byte what an earlier build indexed, or what
 * this build indexed while its pages rendered, is taken from `cacheRoot` instead; the cache then
 * keeps the shards of this build only.
 */
export async function indexSite(dist: string, options: IndexOptions = {}): Promise<PagefindReport> {
  const started = performance.now();
  const out = join(dist, 'pagefind');
  const { partition } = options;
  const cacheRoot = options.cacheRoot ?? mkdtempSync(join(tmpdir(), 'grove-pagefind-cache-'));
  // What the last build learnt of each page, kept beside the cached shards.
  const stampsFile = options.cacheRoot && stampsFileOf(options.cacheRoot);
  const known = new Map(readStamps(stampsFile));
  for (const [rel, stamp] of options.known ?? []) known.set(rel, stamp);
  const { pages, digests, htmlFiles, stamps } = markedPages(dist, known);
  // A partition of a split build may own no searchable page; a whole site always has some.
  if (pages.length === 0 && !partition) throw new Error(`no page in ${dist} has data-pagefind-body; the layouts lost their search markup`);
  const first = partition ? partition.index * MAX_SHARDS : 0;
  const shards = planShards(pages, digests, options.per ?? shardPages(), first, htmlFiles);
  // dist/ is kept between builds (./out-dir.ts): a shard already linked there from its cached index stays.
  const inPlace = inPlaceShards(out, shards, first, cacheRoot);
  const indexer = options.indexer ?? new ShardIndexer(dist, cacheRoot);
  try {
    for (const [s, shard] of shards.entries()) if (!inPlace.has(s)) linkTree(await indexer.cached(shard, first + s), join(out, shardFolder(s, first)));
  } finally {
    await indexer.close();
  }
  // An empty shard (possible only with a handful of pages a shard) has nothing to merge.
  const merged = shards.flatMap((x, s) => (first + s > 0 && x.pages.length > 0 ? [`${shardFolder(s, first)}/`] : []));
  let indexed = 0;
  const languages = new Set<string>();
  for (let s = 0; s < shards.length; s++) {
    if (shards[s]!.pages.length === 0) continue;
    const entry = JSON.parse(readFileSync(join(out, shardFolder(s, first), 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    for (const [lang, l] of Object.entries(entry.languages)) {
      indexed += l.page_count;
      languages.add(lang);
    }
  }
  // The languages indexed: with one, the browser needs no language filter (src/client/search-engine.ts).
  // A partition says which it is, so `npm run merge` can tell a missing or repeated one.
  writeFileSync(join(out, SHARDS_FILE), `${JSON.stringify({ shards: merged, languages: [...languages].sort(), ...(partition ? { partition } : {}) })}\n`);
  if (stampsFile) writeFileSync(stampsFile, JSON.stringify(Object.fromEntries(stamps)));
  if (options.cacheRoot) {
    // Only this build's shards are kept: an edited page's old shard is not needed again.
    const keep = new Set(shards.map((x) => x.digest));
    if (existsSync(cacheRoot)) for (const d of readdirSync(cacheRoot)) if (!keep.has(d)) rmSync(join(cacheRoot, d), { recursive: true, force: true });
  } else rmSync(cacheRoot, { recursive: true, force: true });
  return { pages: indexed, htmlFiles, ...sizeOf(out), ms: performance.now() - started, shards: shards.length, reindexed: indexer.indexed, staged: indexer.staged };
}

/**
 * The shards (by number) whose folder in `out` is already their cached index, linked there by the
 * last build: the same files, not copies (so nothing can have changed them), none missing. Every other shard's folder,
 * and any folder of a shard this build does not have, is removed; all of `out` when the first shard
 * (whose files sit at its root, beside the others' folders) is not in place.
 */
export function inPlaceShards(out: string, shards: ReadonlyArray<{ digest: string }>, first: number, cacheRoot: string | undefined): Set<number> {
  const entry = 'pagefind-entry.json';
  // The files of a shard's folder (a first shard's without the others' folders and the shard list).
  const count = (folder: string, top: boolean): number =>
    readdirSync(folder, { withFileTypes: true, recursive: true }).filter((d) => {
      if (!d.isFile()) return false;
      if (!top) return true;
      const inner = relative(folder, d.parentPath);
      return !(inner === '' ? d.name === SHARDS_FILE : /^shard-\d+(?:[\\/]|$)/.test(inner));
    }).length;
  const linked = (s: number): boolean => {
    if (!cacheRoot) return false;
    const here = join(out, shardFolder(s, first));
    const cached = join(cacheRoot, shards[s]!.digest);
    try {
      const a = statSync(join(here, entry));
      const b = statSync(join(cached, entry));
      // The same file, and none missing (one removed by hand would break search).
      return a.ino === b.ino && a.dev === b.dev && count(here, first + s === 0) === count(cached, false);
    } catch {
      return false;
    }
  };
  const kept = new Set<number>();
  if (shards.length === 0 || !linked(0)) {
    rmSync(out, { recursive: true, force: true });
    return kept;
  }
  kept.add(0);
  for (let s = 1; s < shards.length; s++) if (linked(s)) kept.add(s);
  const keptFolders = new Set([...kept].map((s) => shardFolder(s, first)));
  for (const name of readdirSync(out)) {
    if (/^shard-\d+$/.test(name) && !keptFolders.has(name)) rmSync(join(out, name), { recursive: true, force: true });
  }
  return kept;
}

/**
 * Lowers the priority of this process's Pagefind service (`nice` 10), so that while it indexes shards
 * beside Astro's rendering it takes the core rendering leaves, not rendering's own: at 10,000 pages on
 * two cores, rendering took 52 s beside Pagefind at the same priority, against 39 s alone. Linux only
 * (it reads /proc); elsewhere, and when it cannot, it does nothing.
 */
export function yieldToBuild(): void {
  const children: string[] = [];
  try {
    // Children of every thread of this process (the service is started by whichever thread first asked for it).
    for (const task of readdirSync('/proc/self/task')) children.push(...readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
  } catch {
    return;
  }
  for (const child of children) {
    try {
      if (!readFileSync(`/proc/${child}/comm`, 'utf8').startsWith('pagefind')) continue;
      if (getPriority(Number(child)) < 10) setPriority(Number(child), 10);
    } catch {
      // Gone, or not ours to change.
    }
  }
}

/** Characters a path may have to be named in a glob as it is (letters and digits of any script, `.`, `_`, `-`, `/`). */
const GLOB_SAFE = /^[\p{L}\p{M}\p{N}._/-]+$/u;

/**
 * Most paths one glob names. Pagefind's glob parser took 8,000 alternatives and refused 10,000 (a
 * site in one index of 10,000 pages, `GROVE_SEARCH_SHARD_PAGES=100000`); above this the pages are staged.
 */
export const GLOB_MAX_PATHS = 5000;

/** A glob that names exactly these paths, one alternative each; none when one of them has a character a glob reads as a pattern, or when there are too many. */
export function globOf(paths: readonly string[]): string | undefined {
  if (paths.length === 0 || paths.length > GLOB_MAX_PATHS || !paths.every((p) => GLOB_SAFE.test(p))) return undefined;
  return paths.length === 1 ? paths[0] : `{${paths.join(',')}}`;
}

/** A new empty folder for staging shards, beside the cache (a build's is usually on the file system of its dist/, so pages are linked, not copied). */
function stagingFolder(cacheRoot: string): string {
  const folder = `${cacheRoot}-stage`;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Links (or copies, across file systems) the pages of one shard from `dist` into a fresh folder under `root`, at the same paths, so Pagefind gives them the same URLs. */
export function stageShard(dist: string, pages: readonly string[], root: string): string {
  const folder = mkdtempSync(join(root, 'shard-'));
  const made = new Set<string>();
  for (const p of pages) {
    const dest = join(folder, p);
    const parent = dirname(dest);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    linkOrCopy(join(dist, p), dest);
  }
  return folder;
}

/**
 * Puts the files of folder `from` into `to` as hard links: 10,000 index files in a fraction of the
 * 2.3 s a copy takes. Files are never changed in place (a shard's folder in dist/ is removed before it
 * is written again, and the cache is replaced as a whole), so sharing them is safe; across file
 * systems it copies.
 */
export function linkTree(from: string, to: string): void {
  const made = new Set<string>();
  for (const d of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!d.isFile()) continue;
    const folder = join(to, d.parentPath.slice(from.length));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    linkOrCopy(join(d.parentPath, d.name), join(folder, d.name));
  }
}

function linkOrCopy(src: string, dest: string): void {
  try {
    linkSync(src, dest);
  } catch {
    copyFileSync(src, dest);
  }
}
