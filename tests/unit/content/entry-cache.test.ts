/**
 * The entry cache (src/garden/content/entry-cache.ts): a page read through it is the page `readEntry`
 * gives, whether it came from the cache or not — for every page of the sample garden and of the
 * imported fixtures — and a change to the file, to what the page is told or to the code reads it afresh.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryCache } from '../../../src/garden/content/entry-cache.ts';
import { readEntry, readSource, type EntryAt } from '../../../src/garden/content/entries.ts';
import { localSource } from '../../../src/garden/settings/config.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const cacheFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'grove-entries-'));
  dirs.push(d);
  return join(d, 'entries.json');
};

describe('a source read through the entry cache', () => {
  it.each([
    ['the sample garden', localSource('local', join(ROOT, 'content'))],
    ['a course imported from a repository', localSource('web', join(ROOT, 'tests/fixtures/dialects/course'), { layout: 'course' })],
    ['a wiki read leniently (foreign fields, ignored ones)', localSource('wiki', join(ROOT, 'tests/fixtures/dialects/lenient'), { layout: 'notes' })],
    ['a Foam workspace (tags from the text)', localSource('foam', join(ROOT, 'tests/fixtures/dialects/foam'), { layout: 'notes' })],
  ])('is what reading it without the cache gives: %s, first from files, then from the cache', (_, source) => {
    const plain = readSource(source, ROOT);
    const file = cacheFile();
    const first = entryCache(file, 'v1');
    expect(readSource(source, ROOT, [], first.read)).toEqual(plain);
    first.save();
    const second = entryCache(file, 'v1');
    expect(readSource(source, ROOT, [], second.read)).toEqual(plain);
    expect(second.misses).toBe(0);
    expect(second.hits).toBe(first.misses);
    expect(second.hits).toBeGreaterThan(plain.entries.length / 2);
  });
});

describe('a page is read afresh', () => {
  const at: EntryAt = { source: 'local', path: 'notes/a.md' as never, file: 'content/notes/a.md', abs: '/x/content/notes/a.md' };
  const raw = '---\ntitle: A\ntopics: [git]\n---\nSome words here.\n';
  function warm(version = 'v1') {
    const file = cacheFile();
    const c = entryCache(file, version);
    c.read('note', raw, at);
    c.save();
    return file;
  }
  it.each([
    ['when its file changed', 'v1', raw.replace('Some', 'More'), at],
    ['when it is told something else (its source defaults)', 'v1', raw, { ...at, defaults: { stage: 'evergreen' as const } }],
    ['when it moved', 'v1', raw, { ...at, path: 'notes/b.md' as never }],
    ['when the code changed', 'v2', raw, at],
  ])('%s', (_, version, text, where) => {
    const c = entryCache(warm(), version);
    expect(c.read('note', text, where)).toEqual(readEntry('note', text, where));
    expect(c.misses).toBe(1);
  });
  it('and a file with problems every time, so its messages are current', () => {
    const file = cacheFile();
    const bad = '---\ntitle: [unclosed\n---\n';
    const c = entryCache(file, 'v1');
    c.read('note', bad, at);
    c.save();
    const again = entryCache(file, 'v1');
    expect(again.read('note', bad, at)).toEqual(readEntry('note', bad, at));
    expect(again.misses).toBe(1);
  });
  it('from a cache file that is not one (cut short, or not JSON)', () => {
    const file = warm();
    writeFileSync(file, '{"version":"v1","pages":{"x');
    const c = entryCache(file, 'v1');
    expect(c.read('note', raw, at)).toEqual(readEntry('note', raw, at));
    expect(c.misses).toBe(1);
  });
});
