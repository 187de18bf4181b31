/**
 * What the benchmark measures in a built site, and how it reports and compares runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/** Sizes of a built site. */
export interface DistStats {
  /** Bytes of every file in `dist/`. */
  bytes: number;
  /** Files in `dist/`. */
  files: number;
  /** HTML pages written. */
  htmlPages: number;
  /** Gzip bytes of JS and CSS a page of each type loads before the reader does anything. */
  perType: Record<string, { js: number; css: number }>;
  /** Bytes of the Pagefind index (0 when there is none). */
  pagefindBytes: number;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Gzip bytes of the scripts and stylesheets one HTML page loads (linked files and inline code). */
export function pageWeight(dist: string, base: string, html: string): { js: number; css: number } {
  const local = (href: string) => join(dist, decodeURI(href.replace(/^https?:\/\/[^/]+/, '')).replace(base, '/'));
  const gz = (s: string | Buffer) => gzipSync(s).length;
  let js = 0;
  let css = 0;
  // A module script's static imports load with it (dynamic `import()` ones only when used): count each file once.
  const seen = new Set<string>();
  const addScript = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const code = readFileSync(file);
    js += gz(code);
    for (const i of code.toString().matchAll(/(?:\bimport|\bfrom)\s*["'](\.{1,2}\/[^"']+)["']/g)) addScript(join(dirname(file), i[1]!));
  };
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) addScript(local(m[1]!));
  for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)) if (m[1]!.trim()) js += gz(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g)) if (existsSync(local(m[1]!))) css += gz(readFileSync(local(m[1]!)));
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) if (m[1]!.trim()) css += gz(m[1]!);
  return { js, css };
}

/** The page type of a built HTML file, from its route. */
export function pageType(rel: string): string | undefined {
  const parts = rel.split('/').filter(Boolean);
  if (parts.length === 1 && parts[0] === 'index.html') return 'home';
  const [section] = parts;
  const depth = parts.length - 1; // without index.html
  if (section === 'courses') return depth === 1 ? 'courses' : depth === 2 ? 'course' : 'lesson';
  if (section && ['paths', 'notes', 'topics', 'people'].includes(section)) {
    const single = { paths: 'path', notes: 'note', topics: 'topic', people: 'person' }[section]!;
    return depth === 1 ? section : depth === 2 ? single : undefined;
  }
  if (section === 'search') return 'search';
  return undefined;
}

/** Measures a built site: sizes, page count, page weight per page type, Pagefind index size. */
export function measureDist(dist: string, base = '/'): DistStats {
  const files = walk(dist);
  let bytes = 0;
  let htmlPages = 0;
  let pagefindBytes = 0;
  const perType: DistStats['perType'] = {};
  for (const f of files) {
    const size = statSync(f).size;
    bytes += size;
    const rel = f
      .slice(dist.length + 1)
      .split('\\')
      .join('/');
    if (rel.startsWith('pagefind/')) pagefindBytes += size;
    if (!rel.endsWith('.html')) continue;
    htmlPages++;
    const type = pageType(rel);
    if (type && !perType[type]) perType[type] = pageWeight(dist, base, readFileSync(f, 'utf8'));
  }
  return { bytes, files: files.length, htmlPages, perType, pagefindBytes };
}

/** One benchmark report, as written to JSON. */
export interface BenchReport {
  /** When and where it ran. */
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  /** The pages built: the synthetic garden (reports before `--corpus` have none) or the peer corpus. */
  corpus?: 'garden' | 'peer';
  pages: number;
  runs: number;
  /** Medians over the runs, in milliseconds unless named otherwise. */
  cold: BuildFigures;
  /** A rebuild with nothing changed. */
  warm: BuildFigures;
  /** With `--edit`: a rebuild after one sentence of one note changed (and was committed). */
  edit?: BuildFigures;
  /** With `--edit`: where the edit build put the new sentence (`editReached`). */
  editReached?: EditReached;
  dist: DistStats;
  /** With `--with-hugo`: the same pages built by Hugo, then indexed by Pagefind's CLI, in the same run. */
  hugo?: HugoFigures;
  /** With `--split N`: the site built as N partitions in separate processes, as N CI runners would, then merged. */
  split?: SplitFigures;
  /** With `--dev`: `astro dev` on the same pages, from an empty cache. */
  dev?: DevFigures;
  /** What the reader of the report should know (Hugo skipped, a figure that could not be read). */
  notes?: string[];
}

/** Whether an edit build finished the job: the new text on its page, in search, and a new service worker. */
export interface EditReached {
  /** The edited note's page in `dist/` has the new text. */
  page: boolean;
  /** A Pagefind result fragment (a gzip file in a `fragment` folder of `pagefind/`) has it: searching finds it. */
  search: boolean;
  /** `dist/sw.js` changed, so readers' service workers update to the new build. */
  serviceWorker: boolean;
}

/**
 * Where an edit build put `text`: on the page at `route` (`notes/x/`), in the search index's
 * fragments, and whether `dist/sw.js` differs from `swBefore` (its text before the edit build).
 */
export function editReached(dist: string, route: string, text: string, swBefore: string): EditReached {
  const html = join(dist, route, 'index.html');
  const page = existsSync(html) && readFileSync(html, 'utf8').includes(text);
  const fragments = walk(join(dist, 'pagefind')).filter((f) => f.split(sep).at(-2) === 'fragment');
  const search = fragments.some((f) => gunzipSync(readFileSync(f)).toString('utf8').includes(text));
  const sw = join(dist, 'sw.js');
  const serviceWorker = existsSync(sw) && readFileSync(sw, 'utf8') !== swBefore;
  return { page, search, serviceWorker };
}

/** `npm run dev` on the benchmark's pages (milliseconds; undefined when it did not happen within the wait). */
export interface DevFigures {
  /** From starting the server to a note's page served (200, with its title). */
  firstPageMs?: number;
  /** From saving one sentence more in that note to its page served with it. */
  editVisibleMs?: number;
}

/**
 * A split build (`GROVE_PARTITION`, src/integrations/partition.ts): one job renders the content
 * (`astro sync`), N jobs each build one partition from a copy of its cache, one job merges them.
 */
export interface SplitFigures {
  partitions: number;
  content: BuildFigures;
  runners: BuildFigures[];
  mergeMs: number;
  /** Pages and files of the merged site that are not byte for byte the single build's (the search index and service worker aside). */
  differing: string[];
}

/** Search index and service worker: a split build's are its own (shards per partition), so they are not compared. */
const OWN_TO_SPLIT = /^(?:pagefind\/|sw\.js$)/;

/** Files of `a` and `b` (their paths inside each) that are in one only or differ in bytes, the search index and service worker aside. */
export function differingFiles(a: string, b: string): string[] {
  const list = (dir: string) =>
    new Set(
      readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((d) => d.isFile())
        .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
        .filter((p) => !OWN_TO_SPLIT.test(p)),
    );
  const [x, y] = [list(a), list(b)];
  const out: string[] = [];
  for (const p of new Set([...x, ...y])) {
    if (!x.has(p) || !y.has(p) || !readFileSync(join(a, p)).equals(readFileSync(join(b, p)))) out.push(p);
  }
  return out.sort();
}

/** Hugo + Pagefind's figures: phases `hugo` and `pagefind`; every rebuild is a full one. */
export interface HugoFigures {
  version: string;
  cold: BuildFigures;
  /** With `--edit`: Hugo run again with nothing changed, and after the same edit (full rebuilds both). */
  warm?: BuildFigures;
  edit?: BuildFigures;
  dist: DistStats;
}

/** Figures of one build (medians when there were several). */
export interface BuildFigures {
  wallMs: number;
  phases: Record<string, number>;
  /** Peak RSS of the build's main process (Grove: Astro's process, from its own resource usage). */
  maxRssBytes: number;
  /**
   * Peak RSS of the largest process of the build, children included (Pagefind's binary is one), from
   * `/usr/bin/time`; what Grove and Hugo are compared by. Absent when `/usr/bin/time` is.
   */
  treeMaxRssBytes?: number;
  pagesPerSecond: number;
  /** Pages Astro rendered rather than reused from its incremental build cache (Grove only). */
  rendered?: number;
}

/** The median of a list of numbers. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Medians of several builds' figures, metric by metric. */
export function medianFigures(runs: readonly BuildFigures[]): BuildFigures {
  const phases = new Set(runs.flatMap((r) => Object.keys(r.phases)));
  const optional = (key: 'treeMaxRssBytes' | 'rendered') => (runs.length > 0 && runs.every((r) => r[key] !== undefined) ? { [key]: median(runs.map((r) => r[key]!)) } : {});
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssBytes: median(runs.map((r) => r.maxRssBytes)),
    ...optional('treeMaxRssBytes'),
    pagesPerSecond: median(runs.map((r) => r.pagesPerSecond)),
    ...optional('rendered'),
    phases: Object.fromEntries([...phases].map((p) => [p, median(runs.map((r) => r.phases[p] ?? 0))])),
  };
}

/** How many times Hugo's figure Grove's is (`grove / hugo`), or undefined when either is missing or Hugo's is 0. */
export function ratio(grove: number | undefined, hugo: number | undefined): number | undefined {
  return grove === undefined || hugo === undefined || !(hugo > 0) ? undefined : grove / hugo;
}

/** Grove / Hugo for the figures both have: cold, warm and edit wall time, and peak memory of the process tree. */
export function hugoRatios(r: BenchReport): Record<string, number> {
  const h = r.hugo;
  if (!h) return {};
  const pairs: Record<string, [number | undefined, number | undefined]> = {
    'cold build, wall': [r.cold.wallMs, h.cold.wallMs],
    'peak memory, cold': [r.cold.treeMaxRssBytes, h.cold.treeMaxRssBytes],
    'rebuild, no change': [r.warm.wallMs, h.warm?.wallMs],
    'rebuild after a one-note edit': [r.edit?.wallMs, h.edit?.wallMs],
  };
  return Object.fromEntries(
    Object.entries(pairs)
      .map(([k, [g, hv]]) => [k, ratio(g, hv)] as const)
      .filter((e): e is readonly [string, number] => e[1] !== undefined),
  );
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const yes = (b: boolean) => (b ? 'yes' : 'no');
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const delta = (a: number, b: number) => (a === 0 ? '' : ` (${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)}%)`);

/** The report as rows of [metric, value], the way the Markdown table shows them. */
export function reportRows(r: BenchReport): Array<[string, string, number]> {
  type Row = [string, string, number];
  const opt = (label: string, v: number | undefined, show: (n: number) => string): Row[] => (v === undefined ? [] : [[label, show(v), v]]);
  const h = r.hugo;
  const rows: Row[] = [
    ['cold build, wall', s(r.cold.wallMs), r.cold.wallMs],
    ...Object.entries(r.cold.phases).map(([k, v]): Row => [`  phase: ${k}`, s(v), v]),
    ['warm build (no change), wall', s(r.warm.wallMs), r.warm.wallMs],
    ...opt('  routes rendered (not reused), warm', r.warm.rendered, String),
    ...opt('edit build (one sentence of one note), wall', r.edit?.wallMs, s),
    ...opt('  routes rendered (not reused), edit', r.edit?.rendered, String),
    ...(r.editReached
      ? ([
          ['  the new sentence on its page', yes(r.editReached.page), Number(r.editReached.page)],
          ['  the new sentence found by search', yes(r.editReached.search), Number(r.editReached.search)],
          ['  a new service worker', yes(r.editReached.serviceWorker), Number(r.editReached.serviceWorker)],
        ] satisfies Row[])
      : []),
    ['peak memory (RSS), cold', mb(r.cold.maxRssBytes), r.cold.maxRssBytes],
    ...opt('peak memory (RSS), cold, any process of the build', r.cold.treeMaxRssBytes, mb),
    ['pages per second, cold', r.cold.pagesPerSecond.toFixed(0), r.cold.pagesPerSecond],
    ['time per page, cold', `${(r.cold.wallMs / r.pages).toFixed(2)} ms`, r.cold.wallMs / r.pages],
    ['HTML pages', String(r.dist.htmlPages), r.dist.htmlPages],
    ['dist size', mb(r.dist.bytes), r.dist.bytes],
    ['Pagefind index', mb(r.dist.pagefindBytes), r.dist.pagefindBytes],
    ...Object.entries(r.dist.perType)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([t, w]): Array<[string, string, number]> => [
        [`JS gzip, ${t} page`, kb(w.js), w.js],
        [`CSS gzip, ${t} page`, kb(w.css), w.css],
      ]),
  ];
  const dv = r.dev;
  if (dv) {
    const wait = (v: number | undefined): [string, number] => (v === undefined ? ['did not happen', NaN] : [s(v), v]);
    rows.push(['npm run dev, empty cache: first note page served', ...wait(dv.firstPageMs)], ['npm run dev: an edit of that note served', ...wait(dv.editVisibleMs)]);
  }
  const sp = r.split;
  if (sp) {
    const longest = Math.max(...sp.runners.map((x) => x.wallMs));
    const peak = Math.max(...sp.runners.map((x) => x.treeMaxRssBytes ?? x.maxRssBytes));
    rows.push(
      [`split into ${sp.partitions}: content job (astro sync), wall`, s(sp.content.wallMs), sp.content.wallMs],
      [`split into ${sp.partitions}: longest partition build, wall`, s(longest), longest],
      [`split into ${sp.partitions}: merge, wall`, s(sp.mergeMs), sp.mergeMs],
      [`split into ${sp.partitions}: content + longest partition + merge`, s(sp.content.wallMs + longest + sp.mergeMs), sp.content.wallMs + longest + sp.mergeMs],
      [`split into ${sp.partitions}: peak memory of a partition build`, mb(peak), peak],
      [`split into ${sp.partitions}: files differing from the single build`, String(sp.differing.length), sp.differing.length],
    );
  }
  if (h) {
    rows.push(
      ['Hugo + Pagefind: cold build, wall', s(h.cold.wallMs), h.cold.wallMs],
      ...Object.entries(h.cold.phases).map(([k, v]): Row => [`  Hugo + Pagefind phase: ${k}`, s(v), v]),
      ...opt('Hugo + Pagefind: rebuild, no change (full)', h.warm?.wallMs, s),
      ...opt('Hugo + Pagefind: rebuild after the edit (full)', h.edit?.wallMs, s),
      ...opt('Hugo + Pagefind: peak memory (RSS), cold, any process', h.cold.treeMaxRssBytes, mb),
      ['Hugo: HTML pages', String(h.dist.htmlPages), h.dist.htmlPages],
      ['Hugo: dist size', mb(h.dist.bytes), h.dist.bytes],
      ['Hugo: Pagefind index', mb(h.dist.pagefindBytes), h.dist.pagefindBytes],
      ...Object.entries(hugoRatios(r)).map(([k, v]): Row => [`Grove / Hugo, ${k}`, `${v.toFixed(2)} ×`, v]),
    );
  }
  return rows;
}

/** The report as a Markdown table; with `old`, a column compares each figure with the earlier run. */
export function toMarkdown(r: BenchReport, old?: BenchReport): string {
  const corpus = r.corpus === 'peer' ? ' (peer corpus)' : '';
  const head = `Grove benchmark${corpus}: ${r.pages} pages, median of ${r.runs} run${r.runs > 1 ? 's' : ''}, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.date.slice(0, 10)}\n\n`;
  const oldRows = old ? new Map(reportRows(old).map(([k, v, n]) => [k, [v, n] as const])) : undefined;
  const lines = oldRows ? ['| metric | earlier | now |', '| --- | ---: | ---: |'] : ['| metric | value |', '| --- | ---: |'];
  for (const [k, v, n] of reportRows(r)) {
    const o = oldRows?.get(k);
    lines.push(oldRows ? `| ${k} | ${o?.[0] ?? '–'} | ${v}${o ? delta(o[1], n) : ''} |` : `| ${k} | ${v} |`);
  }
  const notes = r.notes?.length ? '\n' + r.notes.map((n) => `- ${n}`).join('\n') + '\n' : '';
  return head + lines.join('\n') + '\n' + notes;
}
