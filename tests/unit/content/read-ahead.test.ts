/**
 * Reading pages ahead on a second thread (src/garden/content/read-ahead.ts): what the thread hands
 * over is what `readEntry` gives, a garden built with it is the garden built without it, a reading
 * is taken only for the very page it was made from, and a thread that cannot start, or has nothing
 * to read, changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryCache, keptOf, readingKey, type ReadingsAhead } from '../../../src/garden/content/entry-cache.ts';
import { readEntry, readSource, type EntryAt } from '../../../src/garden/content/entries.ts';
import { startReadingAhead } from '../../../src/garden/content/read-ahead.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { loadConfig, localesOf, sourcesOf } from '../../../src/garden/settings/config.ts';
import type { Kind } from '../../../src/garden/core/kinds.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const cacheFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'grove-ahead-'));
  dirs.push(d);
  return join(d, 'entries.json');
};

/** Every page the sample garden's sources hold, as the loader asks `readEntry` for it. */
async function pagesAsked() {
  const config = await loadConfig(ROOT, {});
  const asked: Array<[Kind, string, EntryAt]> = [];
  const locales = localesOf(config).filter((l) => l !== config.lang);
  for (const source of sourcesOf(config))
    readSource(source, ROOT, locales, (kind, raw, at) => {
      asked.push([kind, raw, at]);
      return readEntry(kind, raw, at);
    });
  return { config, asked };
}

describe('reading ahead', () => {
  it('hands over, for every page of the sample garden, what readEntry gives, as the entry cache keeps it', async () => {
    const { asked } = await pagesAsked();
    const kept = asked.filter(([kind, raw, at]) => keptOf(readEntry(kind, raw, at), raw) !== undefined);
    expect(kept.length).toBeGreaterThan(50);
    const ahead = startReadingAhead(cacheFile(), ROOT)!;
    await ahead.finished;
    for (const [kind, raw, at] of asked) expect(ahead.take(readingKey(kind, raw, at))).toBe(keptOf(readEntry(kind, raw, at), raw));
    expect(ahead.taken).toBe(kept.length);
    // Taken once: the second time the loader reads for itself.
    const [kind, raw, at] = asked[0]!;
    expect(ahead.take(readingKey(kind, raw, at))).toBeUndefined();
    ahead.stop();
  }, 60_000);

  it('builds the same garden as reading on the main thread only', async () => {
    const { config } = await pagesAsked();
    const plain = buildGarden(config, ROOT);
    const ahead = startReadingAhead(cacheFile(), ROOT)!;
    await ahead.finished;
    const withAhead = buildGarden(config, ROOT, { entries: entryCache(cacheFile(), 'v1', ahead) });
    ahead.stop();
    expect(ahead.taken).toBeGreaterThan(50);
    expect(withAhead.entries).toEqual(plain.entries);
    expect(withAhead.translations).toEqual(plain.translations);
    expect(withAhead.warnings).toEqual(plain.warnings);
    expect(withAhead.buildKey).toBe(plain.buildKey);
  }, 60_000);

  it('leaves the pages the entry cache knows to it', async () => {
    const { config } = await pagesAsked();
    const file = cacheFile();
    const first = entryCache(file);
    buildGarden(config, ROOT, { entries: first });
    first.save();
    const ahead = startReadingAhead(file, ROOT)!;
    await ahead.finished;
    const second = entryCache(file, undefined, ahead);
    buildGarden(config, ROOT, { entries: second });
    ahead.stop();
    expect(second.misses).toBe(0);
    expect(ahead.taken).toBe(0);
  }, 60_000);

  it.each([
    ['a thread that cannot start', new URL('file:///nonexistent/read-ahead-worker.ts')],
    ['a thread that fails', new URL('data:text/javascript,throw new Error("broken")')],
  ])('%s changes nothing: the loader reads every page itself', async (_, url) => {
    const { config } = await pagesAsked();
    const plain = buildGarden(config, ROOT);
    const ahead = startReadingAhead(cacheFile(), ROOT, url);
    await ahead?.finished;
    const cache = entryCache(cacheFile(), 'v1', ahead);
    const withAhead = buildGarden(config, ROOT, { entries: cache });
    ahead?.stop();
    expect(ahead?.taken ?? 0).toBe(0);
    expect(withAhead.entries).toEqual(plain.entries);
  }, 60_000);
});

describe('a reading made ahead is taken only for the page it was made from', () => {
  const at: EntryAt = { source: 'local', path: 'notes/a.md' as never, file: 'content/notes/a.md', abs: '/x/content/notes/a.md' };
  const raw = '---\ntitle: A\ntopics: [git]\n---\nSome words here.\n';
  /** A reading ahead that holds one marked reading, made from `kind`, `raw` and `at`. */
  const holding = (kind: Kind, made: string, madeAt: EntryAt) => {
    const marked = keptOf({ entry: { ...(readEntry(kind, made, madeAt) as { entry: object }).entry, title: 'made ahead' } } as ReturnType<typeof readEntry>, made);
    const key = readingKey(kind, made, madeAt);
    const ahead: ReadingsAhead = { take: (k) => (k === key ? marked : undefined) };
    return ahead;
  };
  const titleOf = (r: ReturnType<typeof readEntry>) => ('entry' in r ? r.entry.title : undefined);

  it('the same page: taken', () => {
    expect(titleOf(entryCache(cacheFile(), 'v1', holding('note', raw, at)).read('note', raw, at))).toBe('made ahead');
  });

  it.each<[string, Kind, string, EntryAt]>([
    ['its bytes changed since', 'note', raw.replace('Some', 'Other'), at],
    ['it is told another place', 'note', raw, { ...at, path: 'notes/b.md' as never, file: 'content/notes/b.md' }],
    ['it is read as another kind', 'topic', raw, at],
    ['its source has other defaults', 'note', raw, { ...at, defaults: { stage: 'evergreen' } } as EntryAt],
  ])('%s: read afresh', (_, kind, now, nowAt) => {
    const reading = entryCache(cacheFile(), 'v1', holding('note', raw, at)).read(kind, now, nowAt);
    expect(titleOf(reading)).not.toBe('made ahead');
    expect(reading).toEqual(readEntry(kind, now, nowAt));
  });
});
