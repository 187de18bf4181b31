/**
 * `npm run sync [-- --update]`: clones or fetches every git source into the cache (.grove/sources/)
 * and records the commit of each in garden.lock.json. With --update, sources move to their branch
 * heads. Exits 1 when a required source cannot be synced; the cached copy is never deleted.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/garden/settings/config.ts';
import { formatProblem, GardenError } from '../src/garden/core/problems.ts';
import { lockPathOf, syncSources } from '../src/garden/sources/sync.ts';

const { values } = parseArgs({ options: { update: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('npm run sync [-- --update]   clone or fetch every git source and pin it in garden.lock.json');
  process.exit(0);
}
try {
  const config = await loadConfig();
  const started = performance.now();
  const results = await syncSources(config, {
    update: values.update,
    fetch: true,
    onProgress: (name, message) => console.log(`${name}: ${message}`),
  });
  if (results.length === 0) {
    console.log(`No git sources in ${config.file}; nothing to sync.`);
    process.exit(0);
  }
  const failed = results.filter((r) => r.problem?.severity === 'error');
  for (const r of results) if (r.problem) console.error(formatProblem(r.problem));
  const ok = results.filter((r) => r.commit).length;
  console.log(`${ok} of ${results.length} sources synced in ${((performance.now() - started) / 1000).toFixed(1)} s; lock: ${lockPathOf(config)}`);
  process.exit(failed.length ? 1 : 0);
} catch (err) {
  if (err instanceof GardenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
