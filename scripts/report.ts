/**
 * `npm run report [-- --out file.json] [--limit N]`: the content health report for curators. Prints a
 * readable summary (stale pages, seedlings, orphans, broken links, topics with notes but no course,
 * courses with no notes, content without owners, unknown authors, topics made by tags) and writes
 * the whole report as JSON (default `.grove/health.json`). `/health/` on the site shows the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGarden } from '../src/garden/garden.ts';
import { buildGraph } from '../src/garden/graph.ts';
import { buildHealth, formatHealth } from '../src/garden/health.ts';
import { collectLinks } from '../src/garden/page-links.ts';
import { GardenError } from '../src/garden/problems.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.grove/health.json' }, limit: { type: 'string', default: '10' } } });
const started = performance.now();
try {
  const garden = await loadGarden();
  const { links, problems } = await collectLinks(garden);
  const graph = buildGraph(garden.model, links);
  const report = buildHealth(garden.model, graph, problems, garden.config.health);
  console.log(formatHealth(report, Number(values.limit)));
  const out = resolve(values.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (err) {
  if (err instanceof GardenError || (err as Error).name === 'GardenError') {
    console.error(`\n${(err as Error).message}\n`);
    process.exit(1);
  }
  throw err;
}
