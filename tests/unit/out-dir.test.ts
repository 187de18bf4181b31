/**
 * dist/ kept between builds (src/integrations/out-dir.ts): kept only when it is the last build's own
 * output; what a build did not make is removed, and the folders it leaves empty; Pagefind's shards
 * stay in place only when they are the very files of their cached index.
 */
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesOf, isOwnOutput, removeFiles, staleFiles } from '../../src/integrations/out-dir.ts';
import { inPlaceShards } from '../../src/integrations/pagefind.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tree(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'grove-out-'));
  dirs.push(dir);
  for (const [path, mtime] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), path);
    utimesSync(join(dir, path), mtime / 1000, mtime / 1000);
  }
  return dir;
}

describe('isOwnOutput', () => {
  const files = new Map([
    ['index.html', 1000],
    ['notes/a/index.html', 2000],
  ]);
  const record = { outDir: '/site/dist', endedAt: 3000 };
  it.each([
    ['the last build left it as it is', record, '/site/dist', files, true],
    ['a file removed since (made again by the build)', record, '/site/dist', new Map([['index.html', 1000]]), true],
    ['no record (a first build, or a build that failed)', undefined, '/site/dist', files, false],
    ['another folder', record, '/other/dist', files, false],
    ['a file added since', record, '/site/dist', new Map([...files, ['x.html', 3500]]), false],
    ['a file changed since', record, '/site/dist', new Map([...files, ['index.html', 3001]]), false],
  ])('%s', (_, rec, outDir, found, kept) => {
    expect(isOwnOutput(rec, outDir, found)).toBe(kept);
  });
});

describe('staleFiles and removeFiles', () => {
  it('remove what was there before the build, is not one of its pages and was not written since, outside owned folders, and the folders left empty', () => {
    const dir = tree({
      'index.html': 1000, // rewritten by this build (below)
      'notes/kept/index.html': 1000, // a page Astro kept
      'notes/gone/index.html': 1000, // a deleted note's page
      '_astro/old.js': 1000, // an old bundle
      'pagefind/pagefind-entry.json': 1000, // Pagefind's own
    });
    const before = [...filesOf(dir).keys()];
    utimesSync(join(dir, 'index.html'), 5, 5);
    writeFileSync(join(dir, '_astro-new.js'), 'new'); // made by this build: not among `before`
    const mtimeOf = (p: string) => filesOf(dir).get(p);
    const stale = staleFiles(before, 4000, new Set(['notes/kept/index.html']), ['pagefind/'], mtimeOf);
    expect(stale).toEqual(['_astro/old.js', 'notes/gone/index.html']);
    removeFiles(dir, stale);
    expect([...filesOf(dir).keys()].sort()).toEqual(['_astro-new.js', 'index.html', 'notes/kept/index.html', 'pagefind/pagefind-entry.json']);
    expect(existsSync(join(dir, 'notes', 'gone'))).toBe(false);
    expect(existsSync(join(dir, '_astro'))).toBe(false);
    expect(existsSync(join(dir, 'notes'))).toBe(true);
  });
});

describe('inPlaceShards', () => {
  function setup(linked: boolean[]): { out: string; cache: string; shards: Array<{ digest: string }> } {
    const out = tree({});
    const cache = tree({});
    const shards = linked.map((_, s) => ({ digest: `d${s}` }));
    linked.forEach((isLinked, s) => {
      const folder = join(out, 'pagefind', s === 0 ? '' : `shard-${s}`);
      const cached = join(cache, `d${s}`);
      mkdirSync(folder, { recursive: true });
      mkdirSync(cached, { recursive: true });
      writeFileSync(join(cached, 'pagefind-entry.json'), '{}');
      if (isLinked) linkSync(join(cached, 'pagefind-entry.json'), join(folder, 'pagefind-entry.json'));
      else copyFileSync(join(cached, 'pagefind-entry.json'), join(folder, 'pagefind-entry.json'));
    });
    return { out: join(out, 'pagefind'), cache, shards };
  }
  it('keeps the shards linked from their cached index and removes the others and any shard the build no longer has', () => {
    const { out, cache, shards } = setup([true, false, true, true]);
    expect([...inPlaceShards(out, shards.slice(0, 3), 0, cache)].sort()).toEqual([0, 2]);
    expect(readdirSync(out).sort()).toEqual(['pagefind-entry.json', 'shard-2']);
  });
  it('does not keep a shard with a file missing', () => {
    const { out, cache, shards } = setup([true, true]);
    writeFileSync(join(cache, 'd1', 'fragment-1.pf'), 'x');
    expect([...inPlaceShards(out, shards, 0, cache)]).toEqual([0]);
    expect(readdirSync(out)).toEqual(['pagefind-entry.json']);
  });
  it('starts from nothing when the first shard (at the folder root) is not in place, or there is no cache', () => {
    const a = setup([false, true]);
    expect(inPlaceShards(a.out, a.shards, 0, a.cache).size).toBe(0);
    expect(existsSync(a.out)).toBe(false);
    const b = setup([true, true]);
    expect(inPlaceShards(b.out, b.shards, 0, undefined).size).toBe(0);
    expect(existsSync(b.out)).toBe(false);
  });
});
