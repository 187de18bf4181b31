/**
 * What the benchmark measures in a built site, and how it reports and compares runs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

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
  /** The garden built. */
  pages: number;
  runs: number;
  /** Medians over the runs, in milliseconds unless named otherwise. */
  cold: BuildFigures;
  warm: BuildFigures;
  /** After one note's text is edited (absent from reports written before it was measured). */
  edit?: BuildFigures;
  dist: DistStats;
}

/** Figures of one build (medians when there were several). */
export interface BuildFigures {
  wallMs: number;
  phases: Record<string, number>;
  maxRssBytes: number;
  pagesPerSecond: number;
  /** HTML pages Astro rendered rather than copied from the last build (every page of a cold build). */
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
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssBytes: median(runs.map((r) => r.maxRssBytes)),
    pagesPerSecond: median(runs.map((r) => r.pagesPerSecond)),
    phases: Object.fromEntries([...phases].map((p) => [p, median(runs.map((r) => r.phases[p] ?? 0))])),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const delta = (a: number, b: number) => (a === 0 ? '' : ` (${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)}%)`);

/** The report as rows of [metric, value], the way the Markdown table shows them. */
export function reportRows(r: BenchReport): Array<[string, string, number]> {
  const rows: Array<[string, string, number]> = [
    ['cold build, wall', s(r.cold.wallMs), r.cold.wallMs],
    ...Object.entries(r.cold.phases).map(([k, v]): [string, string, number] => [`  phase: ${k}`, s(v), v]),
    ['warm build (no change), wall', s(r.warm.wallMs), r.warm.wallMs],
    ...(r.warm.rendered !== undefined ? [['warm build (no change), HTML pages rendered', String(r.warm.rendered), r.warm.rendered] as [string, string, number]] : []),
    ...(r.edit
      ? ([
          ['one-note text edit, wall', s(r.edit.wallMs), r.edit.wallMs],
          ['one-note text edit, HTML pages rendered', String(r.edit.rendered ?? '–'), r.edit.rendered ?? 0],
        ] as Array<[string, string, number]>)
      : []),
    ['peak memory (RSS), cold', mb(r.cold.maxRssBytes), r.cold.maxRssBytes],
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
  return rows;
}

/** The report as a Markdown table; with `old`, a column compares each figure with the earlier run. */
export function toMarkdown(r: BenchReport, old?: BenchReport): string {
  const head = `Grove benchmark: ${r.pages} pages, median of ${r.runs} run${r.runs > 1 ? 's' : ''}, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.date.slice(0, 10)}\n\n`;
  const oldRows = old ? new Map(reportRows(old).map(([k, v, n]) => [k, [v, n] as const])) : undefined;
  const lines = oldRows ? ['| metric | earlier | now |', '| --- | ---: | ---: |'] : ['| metric | value |', '| --- | ---: |'];
  for (const [k, v, n] of reportRows(r)) {
    const o = oldRows?.get(k);
    lines.push(oldRows ? `| ${k} | ${o?.[0] ?? '–'} | ${v}${o ? delta(o[1], n) : ''} |` : `| ${k} | ${v} |`);
  }
  return head + lines.join('\n') + '\n';
}
