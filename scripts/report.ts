/**
 * `npm run report [-- --out file.json] [--limit N]`: the content health report for curators. Prints a
 * readable summary (stale pages, seedlings, orphans, broken links, topics with notes but no course,
 * courses with no notes, content without owners, unknown authors, topics made by tags) and writes
 * the whole report as JSON (default `.grove/health.json`). `/health/` on the site shows the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadGarden } from '../src/garden/model/garden.ts';
import { buildGraph } from '../src/garden/model/graph.ts';
import { buildHealth, formatHealth } from '../src/garden/model/health.ts';
import { collectLinks } from '../src/garden/commands/page-links.ts';
import { fail, optionsOf, run } from './cli.ts';

const USAGE = `npm run report [-- --out <file.json>] [-- --limit <N>]

  --out <file>   where to write the JSON report (default .grove/health.json)
  --limit <N>    how many items of each finding to print (default 10; the JSON has them all)`;
const values = optionsOf({ out: { type: 'string', default: '.grove/health.json' }, limit: { type: 'string', default: '10' } }, USAGE);
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 0) fail(`--limit: expected a whole number, got "${values.limit}"`, USAGE);

await run(async () => {
  const started = performance.now();
  const garden = await loadGarden();
  const { links, problems } = await collectLinks(garden);
  const graph = buildGraph(garden.model, links);
  // Broken links a source allows (`brokenLinks: 'warn'`) are the report's; errors fail the build and `npm run check`.
  const report = buildHealth(
    garden.model,
    graph,
    problems.filter((p) => p.severity === 'warning'),
    garden.config.health,
    new Date(),
    garden.warnings,
  );
  console.log(formatHealth(report, limit));
  const out = resolve(values.out as string);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
});
