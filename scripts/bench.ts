/**
 * `npm run bench -- --pages <N> [--runs R] [--out report.json] [--compare old.json] [--seed S] [--mdx 0.1]`
 *
 * Generates a deterministic synthetic garden of N pages with git history, builds it cold R times and
 * once more with nothing changed (warm), then after one note's text is edited (how many pages that
 * renders again, and how long it takes), and reports phase times, wall time, peak memory, pages per
 * second, output sizes and page weight per page type, as JSON and as a Markdown table.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { commitHistory, generateGarden } from '../src/bench/generate.ts';
import { measureDist, medianFigures, toMarkdown, type BenchReport, type BuildFigures } from '../src/bench/measure.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    mdx: { type: 'string', default: '0.1' },
    out: { type: 'string' },
    compare: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('npm run bench -- --pages <N> [--runs R] [--out report.json] [--compare old.json] [--seed S] [--mdx share]');
  process.exit(0);
}
const pages = Number(values.pages);
const runs = Number(values.runs);
if (!Number.isInteger(pages) || pages < 60) {
  console.error(`--pages must be a whole number of at least 60 (got ${values.pages})`);
  process.exit(2);
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of at least 1 (got ${values.runs})`);
  process.exit(2);
}

const work = join(root, '.grove', 'bench', `${pages}-${values.seed}`);
const dist = join(work, 'dist');
const cache = join(work, 'cache');
const timingsFile = join(work, 'timings.json');

function step(msg: string): void {
  process.stdout.write(`[bench] ${msg}\n`);
}

/** Runs one `astro build` of the generated garden, showing progress; returns its figures. */
function build(label: string): Promise<BuildFigures> {
  return new Promise((done, fail) => {
    const started = performance.now();
    rmSync(timingsFile, { force: true });
    const child = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      env: {
        ...process.env,
        GARDEN_CONFIG: join(work, 'garden.config.mjs'),
        GROVE_OUT_DIR: dist,
        GROVE_CACHE_DIR: cache,
        GROVE_TIMINGS: timingsFile,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let written = 0;
    let nextReport = 0.1;
    let tail = '';
    let log = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log += text;
      tail = (tail + text).slice(-4000);
      written += text.match(/[├└]─ /g)?.length ?? 0;
      if (written / pages >= nextReport) {
        process.stdout.write(`[bench] ${label}: ${written} pages written (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
        nextReport += 0.1;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return fail(new Error(`${label} failed (exit ${code}):\n${tail}`));
      const t = JSON.parse(readFileSync(timingsFile, 'utf8')) as { phases: Record<string, number>; maxRssBytes: number };
      // Pages Astro rendered rather than copied from the last build (its incremental build marks those "(cached)").
      const rendered = log.split('\n').filter((l) => /[├└]─ .*\.html/.test(l) && !/\((cached|restored)\)/.test(l)).length;
      done({ wallMs, phases: t.phases, maxRssBytes: t.maxRssBytes, pagesPerSecond: pages / (wallMs / 1000), rendered });
    });
  });
}

step(`generating a garden of ${pages} pages (seed ${values.seed}) in ${work}`);
const shape = generateGarden(work, { pages, seed: Number(values.seed), mdxShare: Number(values.mdx) });
const commits = commitHistory(work, Number(values.seed));
step(`${shape.paths} paths, ${shape.courses} courses, ${shape.lessons} lessons, ${shape.notes} notes, ${shape.topics} topics, ${shape.people} people; ${commits} commits`);

const cold: BuildFigures[] = [];
for (let i = 1; i <= runs; i++) {
  rmSync(cache, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
  const f = await build(`cold build ${i}/${runs}`);
  step(`cold build ${i}/${runs}: ${(f.wallMs / 1000).toFixed(1)} s, ${(f.maxRssBytes / 2 ** 20).toFixed(0)} MB peak`);
  cold.push(f);
}
const warm = await build('warm build');
step(`warm build: ${(warm.wallMs / 1000).toFixed(1)} s, ${warm.rendered} HTML pages rendered`);
// One note's text edited, as an author would: its page renders again, and the pages that show its text.
const notesDir = join(work, 'content', 'notes');
const edited = readdirSync(notesDir)
  .filter((f) => f.endsWith('.md'))
  .sort()[0]!;
appendFileSync(join(notesDir, edited), '\nOne more paragraph, added by the benchmark.\n');
const edit = await build('one-note edit build');
step(`one-note edit build (notes/${edited}): ${(edit.wallMs / 1000).toFixed(1)} s, ${edit.rendered} HTML pages rendered`);

const cpu = cpus();
const report: BenchReport = {
  date: new Date().toISOString(),
  machine: { cpus: cpu.length, cpuModel: cpu[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.versions.node },
  pages,
  runs,
  cold: medianFigures(cold),
  warm,
  edit,
  dist: measureDist(dist),
};
const out = resolve(values.out ?? join(root, '.grove', 'bench', `report-${pages}.json`));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
const old = values.compare && existsSync(values.compare) ? (JSON.parse(readFileSync(values.compare, 'utf8')) as BenchReport) : undefined;
if (values.compare && !old) step(`--compare: ${values.compare} does not exist; showing this run alone`);
const md = toMarkdown(report, old);
writeFileSync(out.replace(/\.json$/, '') + '.md', md);
process.stdout.write(`\n${md}\n[bench] wrote ${out} and ${out.replace(/\.json$/, '')}.md\n`);
