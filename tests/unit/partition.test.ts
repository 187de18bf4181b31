import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NOT_MINE, ownerOf, partitionOf, removePlaceholders } from '../../src/integrations/partition.ts';
import { mergeSites } from '../../src/integrations/merge.ts';
import { shardFolder } from '../../src/integrations/pagefind.ts';

const temp = mkdtempSync(join(tmpdir(), 'grove-partition-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const write = (root: string, files: Record<string, string>) => {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
};

describe('GROVE_PARTITION', () => {
  it('is read as <index>/<count>, and unset means the whole site', () => {
    expect(partitionOf({})).toBeUndefined();
    expect(partitionOf({ GROVE_PARTITION: '' })).toBeUndefined();
    expect(partitionOf({ GROVE_PARTITION: '2/4' })).toEqual({ index: 2, count: 4 });
    expect(partitionOf({ GROVE_PARTITION: ' 0/1 ' })).toEqual({ index: 0, count: 1 });
  });

  it.each([['4/4'], ['1/0'], ['-1/4'], ['a/b'], ['1'], ['1/65'], ['0.5/2']])('refuses %j, naming the variable and the fix', (value) => {
    expect(() => partitionOf({ GROVE_PARTITION: value })).toThrow(/GROVE_PARTITION[\s\S]*must be <index>\/<count>[\s\S]*unset it to build the whole site/);
  });

  it('gives every route exactly one partition, the same from build to build, and spreads them', () => {
    const routes = Array.from({ length: 2000 }, (_, i) => `/learning/notes/note-${i}/`);
    const counts = [0, 0, 0, 0];
    for (const r of routes) {
      const owner = ownerOf(r, 4);
      expect(owner).toBe(ownerOf(r, 4));
      counts[owner]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(400);
  });

  it('numbers a partition’s search shards apart from the others’ (only partition 0’s first is the base)', () => {
    expect(shardFolder(0)).toBe('');
    expect(shardFolder(0, 16)).toBe('shard-16');
    expect(shardFolder(3, 32)).toBe('shard-35');
  });

  it('removes the placeholders of other partitions’ routes, and nothing else', () => {
    const dist = join(temp, 'placeholders');
    write(dist, { 'a/index.html': NOT_MINE, 'b/index.html': '<p>mine</p>', 'map.json': NOT_MINE, 'c/index.html': `${NOT_MINE} ` });
    expect(removePlaceholders(dist)).toBe(2);
    expect(existsSync(join(dist, 'a/index.html'))).toBe(false);
    expect(existsSync(join(dist, 'b/index.html'))).toBe(true);
    expect(existsSync(join(dist, 'c/index.html'))).toBe(true);
  });
});

describe('npm run merge', () => {
  const part = (name: string, index: number, count: number, files: Record<string, string>, shards: string[] = [], languages?: string[]) => {
    const dir = join(temp, name);
    rmSync(dir, { recursive: true, force: true });
    write(dir, { ...files, 'pagefind/shards.json': JSON.stringify({ shards, ...(languages ? { languages } : {}), partition: { index, count } }) });
    return dir;
  };
  const shell = { 'offline/index.html': '<p>offline</p>', 'index.html': '<p>home</p>', '_astro/site.css': 'body{}' };

  it('puts the partitions together, lists every search shard once, and builds the service worker for the whole', { timeout: 120_000 }, async () => {
    const a = part('m-a', 0, 2, { ...shell, 'pagefind/pagefind.js': 'runtime', 'notes/x/index.html': '<p>x</p>' }, ['shard-1/']);
    const b = part('m-b', 1, 2, { '_astro/site.css': 'body{}', 'notes/y/index.html': '<p>y</p>', 'pagefind/shard-16/pagefind-entry.json': '{}' }, ['shard-16/']);
    const out = join(temp, 'm-out');
    const r = await mergeSites([b, a], out, '/');
    expect(r.shards).toEqual(['shard-1/', 'shard-16/']);
    expect(r.shared).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'pagefind/shards.json'), 'utf8'))).toEqual({ shards: ['shard-1/', 'shard-16/'] });
    expect(readFileSync(join(out, 'notes/y/index.html'), 'utf8')).toBe('<p>y</p>');
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).toContain('offline/index.html');
  });

  it.each([
    ['lists the languages of every partition', ['en'], ['de', 'en'], ['de', 'en']],
    ['lists one language when they share it', ['en'], ['en'], ['en']],
    ['lists none when a partition did not say (the browser then filters by language)', ['en'], undefined, undefined],
  ])('%s', { timeout: 120_000 }, async (name, la, lb, expected) => {
    const tag = name.replace(/\W+/g, '-').slice(0, 30);
    const a = part(`l-a-${tag}`, 0, 2, { ...shell, 'pagefind/pagefind.js': 'runtime' }, [], la);
    const b = part(`l-b-${tag}`, 1, 2, { 'pagefind/shard-16/pagefind-entry.json': '{}' }, ['shard-16/'], lb);
    const out = join(temp, `l-out-${tag}`);
    await mergeSites([a, b], out, '/');
    expect(JSON.parse(readFileSync(join(out, 'pagefind/shards.json'), 'utf8')).languages).toEqual(expected);
  });

  it.each([
    ['a partition missing', () => [part('e-a', 0, 3, { ...shell, 'pagefind/pagefind.js': 'r' })], /partitions 1, 2 of 3 are missing/],
    ['a partition twice', () => [part('e-b', 0, 2, { ...shell, 'pagefind/pagefind.js': 'r' }), part('e-c', 0, 2, {}), part('e-d', 1, 2, {})], /is partition 0, as .* is/],
    ['counts that differ', () => [part('e-e', 0, 2, { ...shell, 'pagefind/pagefind.js': 'r' }), part('e-f', 1, 3, {})], /is partition 1 of 3, the others are of 2/],
    [
      'a file that differs',
      () => [part('e-g', 0, 2, { ...shell, 'pagefind/pagefind.js': 'r' }), part('e-h', 1, 2, { '_astro/site.css': 'body{color:red}' })],
      /_astro\/site\.css → differs between[\s\S]*same commit/,
    ],
    [
      'a whole site',
      () => {
        const dir = join(temp, 'e-i');
        write(dir, { 'pagefind/shards.json': JSON.stringify({ shards: [] }) });
        return [dir];
      },
      /is a whole site, not a partition/,
    ],
    ['no build at all', () => [join(temp, 'e-nothing')], /is not the dist\/ folder of a partition's build/],
  ])('refuses %s, naming the folder and the fix', async (_name, parts, message) => {
    await expect(mergeSites(parts(), join(temp, 'e-out'), '/')).rejects.toThrow(message);
  });
});
