/**
 * The thread of ./read-ahead.ts: lists every page the settings' sources hold as the loader will
 * (`readSource`, with a reading that only notes what it is asked), then reads them from the last to
 * the first, sending the readings in small batches as the entry cache keeps them (JSON), until told to
 * stop. Pages the entry cache knows are skipped; readings it would not keep (a page with problems, values
 * JSON cannot give back) are left to the loader.
 */
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { loadConfig, localesOf, sourcesOf } from '../settings/config.ts';
import { readEntry, readSource } from './entries.ts';
import { entryCache, keptOf, readingKey } from './entry-cache.ts';
import type { ReadAheadBatch, ReadAheadData } from './read-ahead.ts';

const { cacheFile, cwd, port, stop } = workerData as ReadAheadData;
const stopped = () => Atomics.load(stop, 0) === 1;
const BATCH = 16;

try {
  const config = await loadConfig(cwd);
  const cache = entryCache(cacheFile);
  const asked: Array<Parameters<typeof readEntry>> = [];
  const translatedInto = localesOf(config).filter((l) => l !== config.lang);
  for (const source of sourcesOf(config)) {
    if (stopped()) break;
    // A git source not fetched yet has nothing to read ahead; one fetched earlier may be stale, which the keys allow for.
    if (!existsSync(source.dir)) continue;
    readSource(source, cwd, translatedInto, (kind, raw, at) => {
      if (!cache.knows(kind, raw, at)) asked.push([kind, raw, at]);
      return { problems: [] };
    });
  }
  let batch: ReadAheadBatch = [];
  for (let i = asked.length - 1; i >= 0 && !stopped(); i--) {
    const [kind, raw, at] = asked[i]!;
    const kept = keptOf(readEntry(kind, raw, at), raw);
    if (kept !== undefined) batch.push([readingKey(kind, raw, at), kept]);
    if (batch.length >= BATCH) {
      port.postMessage(batch);
      batch = [];
    }
  }
  if (batch.length > 0 && !stopped()) port.postMessage(batch);
} catch {
  // Settings that cannot be read, a source that cannot: the loader reads, and reports, for itself.
}
port.close();
