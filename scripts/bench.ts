/**
 * `npm run bench -- [--corpus garden|peer] --pages <N> [--runs R] [--with-hugo] [--edit] [--split N] [--dev] [--out report.json] [--compare old.json] [--seed S] [--mdx 0.1]`
 *
 * Generates N pages — the deterministic synthetic garden with git history (`--corpus garden`, the
 * default) or the peer corpus of ../shared/bench as a `notes` source (`--corpus peer`) — builds them
 * cold R times and once more with nothing changed (warm), with `--edit` once more after one sentence
 * of one note changed, and reports phase times, wall time, peak memory, pages per second, output sizes
 * and page weight per page type, as JSON and as a Markdown table. With `--with-hugo` the same peer
 * pages are built by Hugo and indexed by Pagefind in the same run, each cold run beside Grove's, and
 * the report gives Grove / Hugo. With `--split N` the same site is then built as N partitions in
 * separate processes, as N CI runners would (docs/scale.md), merged, and compared file by file.
 * With `--dev`, `astro dev` then starts on the same pages from an empty cache: the time to the first
 * page of a note, and to that page served with one more sentence saved in it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitHistory, generateGarden, gitCommit } from '../src/bench/generate.ts';
import {
  differingFiles,
  editReached,
  measureDist,
  medianFigures,
  toMarkdown,
  type BenchReport,
  type BuildFigures,
  type DevFigures,
  type EditReached,
  type HugoFigures,
  type SplitFigures,
} from '../src/bench/measure.ts';
import { BENCH_USAGE, benchOptions, type BenchOptions } from '../src/bench/options.ts';
import { EDITED_SENTENCE, editFile, noteFiles, sharedBenchDir, writeHugoSite, writePeerGarden } from '../src/bench/peer.ts';
import { fail, optionsOf } from './cli.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const raw = optionsOf(
  {
    corpus: { type: 'string' },
    pages: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    mdx: { type: 'string' },
    'with-hugo': { type: 'boolean' },
    edit: { type: 'boolean' },
    split: { type: 'string' },
    dev: { type: 'boolean' },
    out: { type: 'string' },
    compare: { type: 'string' },
  },
  BENCH_USAGE,
);
let o: BenchOptions;
try {
  o = benchOptions(raw);
} catch (err) {
  fail((err as Error).message, BENCH_USAGE);
}
const { pages, runs, seed } = o;
const peer = o.corpus === 'peer';

const work = join(root, '.grove', 'bench', `${peer ? 'peer-' : ''}${pages}-${seed}`);
const dist = join(work, 'dist');
const cache = join(work, 'cache');
const timingsFile = join(work, 'timings.json');
const rssFile = join(work, 'rss.txt');
const hugoSite = join(work, 'hugo');
/** GNU time, to read the peak memory of a process and the children it waited for. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const notes: string[] = [];

function step(msg: string): void {
  process.stdout.write(`[bench] ${msg}\n`);
}

/** The command line run under `/usr/bin/time` when there is one (it writes the peak RSS in KB to `rssFile`). */
function timed(command: string, args: string[]): [string, string[]] {
  rmSync(rssFile, { force: true });
  return TIME ? [TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
}

/** The peak RSS `/usr/bin/time` wrote, in bytes, or undefined. */
function treeRss(): number | undefined {
  if (!existsSync(rssFile)) return undefined;
  const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  return Number.isFinite(kb) ? kb * 1024 : undefined;
}

/** Where a build writes, and what else it is told (a split build's partition). */
interface BuildTarget {
  dist: string;
  cache: string;
  /** `build`, or `sync` (the content only: a split build's first job). */
  command?: 'build' | 'sync';
  env?: Record<string, string>;
}

/**
 * Writes what earlier steps left in the kernel's page cache to disk before a timed build (`sync`),
 * so that no build pays for the one before it: a build writes about 1 GB (Grove: `dist/`, Astro's
 * incremental cache, the pages' HTML; Hugo + Pagefind about 300 MB), and its writeback made the next
 * build's file operations wait. Untimed, before Grove's and Hugo's builds alike; nothing where there is no `sync`.
 */
function settle(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/** Runs one `astro build` of the generated pages, showing progress; returns its figures. */
function build(label: string, target: BuildTarget = { dist, cache }): Promise<BuildFigures> {
  settle();
  return new Promise((done, reject) => {
    const started = performance.now();
    rmSync(timingsFile, { force: true });
    const [command, args] = timed(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), target.command ?? 'build']);
    const child = spawn(command, args, {
      cwd: root,
      env: {
        ...process.env,
        ...target.env,
        GARDEN_CONFIG: join(work, 'garden.config.mjs'),
        GROVE_OUT_DIR: target.dist,
        GROVE_CACHE_DIR: target.cache,
        GROVE_TIMINGS: timingsFile,
        ASTRO_TELEMETRY_DISABLED: '1',
        // Plain lines to count pages in: with CI set, Astro's log is coloured even into a pipe.
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let written = 0;
    let reused = 0;
    let nextReport = 0.1;
    let tail = '';
    let line = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      // Astro writes a line per page, ending in "(cached)" or "(restored)" when its incremental build reused it.
      const lines = (line + text).split('\n');
      line = lines.pop()!;
      for (const l of lines) {
        if (/[├└]\S*─ /.test(l)) written++;
        if (/\((?:cached|restored)\)/.test(l)) reused++;
      }
      if (written / pages >= nextReport) {
        process.stdout.write(`[bench] ${label}: ${written} pages written (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
        while (written / pages >= nextReport) nextReport += 0.1;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${label} failed (exit ${code}):\n${tail}`));
      // `astro sync` runs no build hook, so writes no timings: its wall time and memory are its figures.
      const t = existsSync(timingsFile) ? (JSON.parse(readFileSync(timingsFile, 'utf8')) as { phases: Record<string, number>; maxRssBytes: number }) : { phases: {}, maxRssBytes: 0 };
      const tree = treeRss();
      done({
        wallMs,
        phases: t.phases,
        maxRssBytes: t.maxRssBytes,
        ...(tree === undefined ? {} : { treeMaxRssBytes: tree }),
        pagesPerSecond: pages / (wallMs / 1000),
        ...(written > 0 ? { rendered: written - reused } : {}),
      });
    });
  });
}

/** Hugo's version line, or undefined when `hugo` is not installed. */
function hugoVersion(): string | undefined {
  const r = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
}

/** Runs a command of the Hugo build; returns its time and peak RSS. */
function runTimed(label: string, command: string, args: string[]): { ms: number; rss: number | undefined } {
  const [cmd, argv] = timed(command, args);
  const started = performance.now();
  const r = spawnSync(cmd, argv, { cwd: hugoSite, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  return { ms, rss: treeRss() };
}

/** Builds the Hugo site then indexes it with Pagefind's CLI (`pagefind --site public`); `cold` empties its output and caches first. */
function hugoBuild(cold: boolean): BuildFigures {
  if (cold) for (const d of ['public', 'resources', '.hugo-cache']) rmSync(join(hugoSite, d), { recursive: true, force: true });
  settle();
  const hugo = runTimed('hugo', 'hugo', ['--quiet', '--cacheDir', join(hugoSite, '.hugo-cache')]);
  const pagefind = runTimed('pagefind', process.execPath, [join(root, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', 'public']);
  const wallMs = hugo.ms + pagefind.ms;
  const rss = hugo.rss === undefined || pagefind.rss === undefined ? undefined : Math.max(hugo.rss, pagefind.rss);
  return {
    wallMs,
    phases: { hugo: Math.round(hugo.ms), pagefind: Math.round(pagefind.ms) },
    maxRssBytes: rss ?? 0,
    ...(rss === undefined ? {} : { treeMaxRssBytes: rss }),
    pagesPerSecond: pages / (wallMs / 1000),
  };
}

/** A port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** Polls `url` until `ok` says its page is there, or `limitMs` passes; returns the time it took. */
async function until(url: string, ok: (html: string) => boolean, limitMs: number): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    try {
      const res = await fetch(url);
      if (res.ok && ok(await res.text())) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

/**
 * Starts `astro dev` on the benchmark's pages with an empty cache (a fresh clone's first `npm run dev`),
 * times the first page of the edited note, then saves one more sentence in it and times until the
 * page is served with it (what the browser shows after its reload). The server is stopped after.
 */
async function devServer(): Promise<DevFigures> {
  const port = await freePort();
  const devCache = join(work, 'dev-cache');
  rmSync(devCache, { recursive: true, force: true });
  // Not under GNU time: a signal to it would leave the server running.
  const child = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, GARDEN_CONFIG: join(work, 'garden.config.mjs'), GROVE_CACHE_DIR: devCache, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) => child.on('close', () => done()));
  const file = join(work, editTarget);
  const url = `http://127.0.0.1:${port}/${editRoute()}`;
  try {
    const firstPageMs = await until(url, (html) => html.includes('<main'), 20 * 60_000);
    if (firstPageMs === undefined) {
      notes.push(`npm run dev: no page within 20 minutes; the server said: ${log.slice(-500)}`);
      return {};
    }
    const marker = `Grove dev edit ${Date.now()}`;
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${marker}.\n`);
    const editVisibleMs = await until(url, (html) => html.includes(marker), 5 * 60_000);
    if (editVisibleMs === undefined) notes.push(`npm run dev: the edit was not served within 5 minutes; the server said: ${log.slice(-500)}`);
    return { firstPageMs, editVisibleMs };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const secs = (f: BuildFigures) => `${(f.wallMs / 1000).toFixed(1)} s`;
const memory = (f: BuildFigures) => `${((f.treeMaxRssBytes ?? f.maxRssBytes) / 2 ** 20).toFixed(0)} MB peak`;

// The pages, and the note the edit phase changes (its page: `editRoute`).
let editTarget: string;
const editRoute = () => `notes/${basename(editTarget).replace(/\.mdx?$/, '')}/`;
let hugo: string | undefined;
if (peer) {
  const shared = sharedBenchDir(root);
  step(`writing the peer corpus of ${pages} pages (seed ${seed}) as a notes source in ${work}`);
  try {
    editTarget = join('notes', writePeerGarden(shared, work, pages, seed)[0]!);
    if (o.withHugo) {
      hugo = hugoVersion();
      if (hugo) {
        writeHugoSite(shared, hugoSite, pages, seed);
        step(`and as a Hugo site in ${hugoSite} (${hugo})`);
      } else {
        const note = 'Hugo is not installed (`apt-get install hugo`): the Hugo + Pagefind build was skipped.';
        notes.push(note);
        step(note);
      }
    }
  } catch (err) {
    fail((err as Error).message, BENCH_USAGE);
  }
} else {
  step(`generating a garden of ${pages} pages (seed ${seed}) in ${work}`);
  const shape = generateGarden(work, { pages, seed, mdxShare: o.mdxShare });
  const commits = commitHistory(work, seed);
  editTarget = join('content', 'notes', noteFiles(join(work, 'content', 'notes'))[0]!);
  step(`${shape.paths} paths, ${shape.courses} courses, ${shape.lessons} lessons, ${shape.notes} notes, ${shape.topics} topics, ${shape.people} people; ${commits} commits`);
}
if (!TIME) notes.push('/usr/bin/time is missing: peak memory counts Astro’s process only, and Hugo’s is not measured.');

// Cold builds, Grove's and Hugo's side by side in each run.
const cold: BuildFigures[] = [];
const hugoCold: BuildFigures[] = [];
let hugoDist: BenchReport['dist'] | undefined;
for (let i = 1; i <= runs; i++) {
  rmSync(cache, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
  const f = await build(`cold build ${i}/${runs}`);
  step(`cold build ${i}/${runs}: ${secs(f)}, ${memory(f)}`);
  cold.push(f);
  if (hugo) {
    const h = hugoBuild(true);
    step(`Hugo + Pagefind cold build ${i}/${runs}: ${secs(h)}, ${memory(h)}`);
    hugoCold.push(h);
  }
}
if (hugo) hugoDist = measureDist(join(hugoSite, 'public'));
const warm = await build('warm build');
step(`warm build: ${secs(warm)}, ${warm.rendered} routes rendered`);
const distStats = measureDist(dist);
const hugoWarm = hugo && o.edit ? hugoBuild(false) : undefined;
if (hugoWarm) step(`Hugo + Pagefind rebuild, no change (full): ${secs(hugoWarm)}`);

let edit: BuildFigures | undefined;
let reached: EditReached | undefined;
let hugoEdit: BuildFigures | undefined;
if (o.edit) {
  const swBefore = readFileSync(join(dist, 'sw.js'), 'utf8');
  editFile(join(work, editTarget));
  execFileSync('git', ['add', editTarget], { cwd: work });
  gitCommit(work, `Edit one sentence of ${editTarget}`, { name: 'Bruno Barros', email: 'author1@example.org' }, new Date(Date.UTC(2024, 6, 1)));
  edit = await build('edit build');
  step(`edit build (one sentence of ${editTarget}): ${secs(edit)}, ${edit.rendered} routes rendered`);
  // The edit is done when readers get it: on its page, found by search, and a new service worker.
  reached = editReached(dist, editRoute(), EDITED_SENTENCE, swBefore);
  const missed = Object.entries(reached).filter(([, ok]) => !ok);
  step(missed.length ? `the edit did NOT reach: ${missed.map(([k]) => k).join(', ')}` : 'the edit reached its page, search and a new service worker');
  if (missed.length) notes.push(`after the edit build, the new sentence was missing from: ${missed.map(([k]) => k).join(', ')}`);
  if (hugo) {
    editFile(join(hugoSite, 'content', editTarget));
    hugoEdit = hugoBuild(false);
    step(`Hugo + Pagefind rebuild after the edit (full): ${secs(hugoEdit)}`);
  }
}
if (hugo) notes.push(`${hugo}; Pagefind by its CLI. Hugo has no incremental build: its rebuilds are full builds.`);

// A split build, as a CI matrix runs it (docs/scale.md): one job renders the content into a cache,
// N jobs each build one partition from a copy of that cache, one job merges their sites.
let split: SplitFigures | undefined;
if (o.split) {
  const n = o.split;
  const base = join(work, 'split');
  rmSync(base, { recursive: true, force: true });
  const contentCache = join(base, 'cache-content');
  const content = await build('split: content job', { dist: join(base, 'unused'), cache: contentCache, command: 'sync' });
  step(`split: content job (astro sync): ${secs(content)}`);
  const runners: BuildFigures[] = [];
  for (let i = 0; i < n; i++) {
    const partCache = join(base, `cache-${i}`);
    // What the content job hands on: Astro's store and the pages' HTML (src/collections/page-html.ts).
    cpSync(contentCache, partCache, { recursive: true });
    const f = await build(`split: partition ${i}/${n}`, { dist: join(base, `dist-${i}`), cache: partCache, env: { GROVE_PARTITION: `${i}/${n}` } });
    step(`split: partition ${i}/${n}: ${secs(f)}, ${memory(f)}`);
    runners.push(f);
  }
  const merged = join(base, 'merged');
  const mergeStarted = performance.now();
  execFileSync(process.execPath, [join(root, 'scripts/merge.ts'), '--out', merged, ...runners.map((_, i) => join(base, `dist-${i}`))], {
    cwd: root,
    env: { ...process.env, GARDEN_CONFIG: join(work, 'garden.config.mjs') },
    stdio: 'pipe',
  });
  const mergeMs = performance.now() - mergeStarted;
  const differing = differingFiles(dist, merged);
  step(`split: merged in ${(mergeMs / 1000).toFixed(1)} s; ${differing.length} files differ from the single build${differing.length ? `: ${differing.slice(0, 5).join(', ')}` : ''}`);
  split = { partitions: n, content, runners, mergeMs, differing };
}
// `npm run dev` on the same pages (#15: "first page served and an edit visible", both measured).
let dev: DevFigures | undefined;
if (o.dev) {
  dev = await devServer();
  const t = (v: number | undefined) => (v === undefined ? 'did not happen' : `${(v / 1000).toFixed(1)} s`);
  step(`dev: first note page served after ${t(dev.firstPageMs)}, the edit served after ${t(dev.editVisibleMs)}`);
}
if (warm.rendered === undefined) notes.push('The routes Astro rendered could not be read from its log (no page lines in it).');

const hugoFigures: HugoFigures | undefined =
  hugo && hugoDist ? { version: hugo, cold: medianFigures(hugoCold), ...(hugoWarm ? { warm: hugoWarm } : {}), ...(hugoEdit ? { edit: hugoEdit } : {}), dist: hugoDist } : undefined;
const cpu = cpus();
const report: BenchReport = {
  date: new Date().toISOString(),
  machine: { cpus: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.versions.node },
  corpus: o.corpus,
  pages,
  runs,
  cold: medianFigures(cold),
  warm,
  ...(edit ? { edit } : {}),
  ...(reached ? { editReached: reached } : {}),
  dist: distStats,
  ...(hugoFigures ? { hugo: hugoFigures } : {}),
  ...(split ? { split } : {}),
  ...(dev ? { dev } : {}),
  ...(notes.length ? { notes } : {}),
};
const out = resolve(o.out ?? join(root, '.grove', 'bench', `report-${peer ? 'peer-' : ''}${pages}.json`));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
const old = o.compare && existsSync(o.compare) ? (JSON.parse(readFileSync(o.compare, 'utf8')) as BenchReport) : undefined;
if (o.compare && !old) step(`--compare: ${o.compare} does not exist; showing this run alone`);
const md = toMarkdown(report, old);
writeFileSync(out.replace(/\.json$/, '') + '.md', md);
process.stdout.write(`\n${md}\n[bench] wrote ${out} and ${out.replace(/\.json$/, '')}.md\n`);
