/**
 * `npm run merge -- [--out dist] <partition dist> <partition dist> …`: one site with one search from
 * the `dist/` folders of a split build (each built with `GROVE_PARTITION=<i>/<n>`; see docs/scale.md).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadConfig } from '../src/garden/settings/config.ts';
import { mergeSites } from '../src/integrations/merge.ts';
import { fail, run } from './cli.ts';

const USAGE = `npm run merge -- [--out folder] <dist of partition 0> <dist of partition 1> …

  Puts the sites of a split build together: each was built with GROVE_PARTITION=<i>/<n>
  (the same commit and settings), and every partition 0 … n−1 is given once.
  --out <folder>   where to write the site (default GROVE_OUT_DIR, else dist/)`;

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
} catch (err) {
  fail((err as Error).message, USAGE);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const parts = parsed.positionals.map((p) => resolve(p));
if (parts.length === 0) fail('Name the dist/ folders of the partitions to merge.', USAGE);
const out = resolve(parsed.values.out ?? process.env.GROVE_OUT_DIR ?? 'dist');
if (parts.includes(out)) fail(`--out ${out} is one of the partitions: merge into another folder.`, USAGE);

await run(async () => {
  const { base } = await loadConfig();
  const r = await mergeSites(parts, out, base.endsWith('/') ? base : `${base}/`);
  console.log(
    `merged ${r.parts} partitions into ${out}: ${r.files} files (${r.shared} written by several, identical), search in ${r.shards.length + 1} shards, service worker ${r.offline.version} (${r.offline.files} files precached) in ${(r.ms / 1000).toFixed(1)} s`,
  );
});
