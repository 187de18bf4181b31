/**
 * The post-build steps on small sites made in the test: Pagefind indexes only marked pages with
 * their filters and metadata and fails with its cause; the service worker's precache keeps to its
 * budget tier by tier, carries the build's version, and refuses a site without an offline page.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EXCLUDE_SELECTORS, GLOB_MAX_PATHS, globOf, indexSite, linkTree, shardCount, shardOf, shardPages, SHARD_PAGES } from '../../src/integrations/pagefind.ts';
import { buildServiceWorker, transferSize } from '../../src/integrations/offline.ts';

const temp = mkdtempSync(join(tmpdir(), 'grove-integrations-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function site(name: string, files: Record<string, string>): string {
  const dist = join(temp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
  return dist;
}

const page = (body: string, indexed = true) =>
  `<!doctype html><html lang="en"><body><header><a href="/">Header words</a></header><main${indexed ? ' data-pagefind-body' : ''}>${body}</main></body></html>`;

describe('indexSite', () => {
  it('indexes marked pages only, and reports them', async () => {
    const dist = site('pf', {
      'index.html': page('<h1>Home</h1>', false),
      'notes/a/index.html': page(
        '<h1>Rebasing safely</h1><div hidden data-pagefind-meta="kind[data-kind]" data-kind="note"><span data-pagefind-filter="kind:note"></span></div><p>Rebase your own branches.</p><aside>aside words</aside>',
      ),
      'topics/git/index.html': page('<h1>Git</h1><ul class="list"><li>Rebasing safely</li></ul>'),
    });
    const report = await indexSite(dist);
    expect(report.pages).toBe(2);
    expect(report.htmlFiles).toBe(3);
    expect([report.shards, report.reindexed]).toEqual([1, 1]);
    expect(report.bytes).toBeGreaterThan(10_000);
    // Pagefind's own UI bundles are removed: Grove ships its own.
    expect(readdirSync(join(dist, 'pagefind')).filter((f) => /ui|highlight/.test(f))).toEqual([]);
    expect(readdirSync(join(dist, 'pagefind'))).toContain('pagefind.js');
  }, 30_000);

  it('splits a large site into shards, each indexed once and reused while its pages stay the same', async () => {
    const files: Record<string, string> = { 'index.html': page('<h1>Home</h1>', false) };
    for (let i = 0; i < 9; i++) files[`notes/n${i}/index.html`] = page(`<h1>Note ${i}</h1><p>word${i} shared</p>`);
    const dist = site('pf-shards', files);
    const cacheRoot = join(temp, 'pf-shards-cache');
    const first = await indexSite(dist, { per: 3, cacheRoot });
    // 9 pages, 3 a shard: 4 shards (a power of two), every one indexed.
    expect([first.pages, first.shards, first.reindexed]).toEqual([9, 4, 4]);
    const out = join(dist, 'pagefind');
    expect(JSON.parse(readFileSync(join(out, 'shards.json'), 'utf8'))).toEqual({ shards: ['shard-1/', 'shard-2/', 'shard-3/'], languages: ['en'] });
    // The first shard is Pagefind's bundle; the others hold only their index, searched with its runtime.
    expect(readdirSync(out)).toContain('pagefind.js');
    for (const s of [1, 2, 3]) {
      const own = readdirSync(join(out, `shard-${s}`));
      expect(own).toContain('pagefind-entry.json');
      expect(own.filter((f) => /^pagefind\.js$|^wasm\./.test(f))).toEqual([]);
    }
    // Nothing changed: every shard comes from the cache.
    expect((await indexSite(dist, { per: 3, cacheRoot })).reindexed).toBe(0);
    // One page edited: one shard indexed again, and the search finds the new word in it.
    writeFileSync(join(dist, 'notes/n4/index.html'), page('<h1>Note 4</h1><p>changedword</p>'));
    const edited = await indexSite(dist, { per: 3, cacheRoot });
    expect([edited.pages, edited.reindexed]).toEqual([9, 1]);
    const shard = shardOf('notes/n4/index.html', 4);
    const words = readdirSync(join(out, shard ? `shard-${shard}` : '', 'fragment')).map((f) => gunzipSync(readFileSync(join(out, shard ? `shard-${shard}` : '', 'fragment', f))).toString());
    expect(words.some((w) => w.includes('changedword'))).toBe(true);
    // The cache keeps this build's shards only, and the folder the shards' pages were linked into for Pagefind is gone.
    expect(readdirSync(cacheRoot)).toHaveLength(4);
    expect(existsSync(`${cacheRoot}-stage`)).toBe(false);
    // Each page keeps its own URL, though Pagefind read it from a shard's folder.
    const urls = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.parentPath.endsWith('fragment'))
      .map(
        (d) =>
          (
            JSON.parse(
              gunzipSync(readFileSync(join(d.parentPath, d.name)))
                .toString()
                .replace(/^pagefind_dcd/, ''),
            ) as { url: string }
          ).url,
      );
    expect(urls.sort()).toEqual(Array.from({ length: 9 }, (_, i) => `/notes/n${i}/`));
  }, 60_000);

  it('names a shard’s pages with a glob when every path can be, else reads them from a folder of links, with the same URLs', async () => {
    expect(globOf(['a/index.html', 'b/index.html'])).toBe('{a/index.html,b/index.html}');
    expect(globOf(['notes/café-über/index.html'])).toBe('notes/café-über/index.html');
    for (const odd of ['a[1]/index.html', 'a,b/index.html', 'a{b}/index.html', 'a*/index.html', 'a?/index.html', 'a b/index.html', 'a\\b/index.html', '!a/index.html'])
      expect(globOf([odd, 'b/index.html'])).toBeUndefined();
    expect(globOf([])).toBeUndefined();
    // Pagefind refuses a glob of 10,000 alternatives: so many pages are staged instead.
    const many = Array.from({ length: GLOB_MAX_PATHS + 1 }, (_, i) => `notes/n${i}/index.html`);
    expect(globOf(many.slice(0, GLOB_MAX_PATHS))).toMatch(/^\{notes\/n0\/index.html,/);
    expect(globOf(many)).toBeUndefined();
    const files = { 'notes/plain/index.html': page('<h1>Plain</h1><p>plainword</p>'), 'notes/odd[1],x/index.html': page('<h1>Odd</h1><p>oddword</p>') };
    const dist = site('pf-glob', files);
    const report = await indexSite(dist);
    expect([report.pages, report.staged]).toEqual([2, 1]);
    const urls = readdirSync(join(dist, 'pagefind', 'fragment')).map(
      (f) =>
        (
          JSON.parse(
            gunzipSync(readFileSync(join(dist, 'pagefind', 'fragment', f)))
              .toString()
              .replace(/^pagefind_dcd/, ''),
          ) as { url: string }
        ).url,
    );
    expect(urls.sort()).toEqual(['/notes/odd[1],x/', '/notes/plain/']);
    const plain = site('pf-glob-plain', { 'notes/plain/index.html': files['notes/plain/index.html'] });
    expect((await indexSite(plain)).staged).toBe(0);
  }, 60_000);

  it('puts each page in a shard by its path, and doubles the shards only as the site doubles', () => {
    // At most 16: a query fetches a chunk of each, so a larger garden gets larger shards, not more of them.
    expect([1, 2000, 2001, 4000, 4001, 10_000, 30_000, 100_000].map((n) => shardCount(n, 2000))).toEqual([1, 1, 2, 2, 4, 8, 16, 16]);
    // The default: 4 shards at the benchmark's 10,000 pages (docs/benchmarks.md, "How many shards").
    expect([3000, 10_024, 12_001].map((n) => shardCount(n, SHARD_PAGES))).toEqual([1, 4, 8]);
    for (const count of [1, 2, 8]) {
      const seen = new Set(Array.from({ length: 500 }, (_, i) => shardOf(`notes/n${i}/index.html`, count)));
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
    }
    expect(shardOf('notes/a/index.html', 8)).toBe(shardOf('notes/a/index.html', 8));
    expect(shardPages({})).toBe(SHARD_PAGES);
    expect(shardPages({ GROVE_SEARCH_SHARD_PAGES: '30' })).toBe(30);
    expect(shardPages({ GROVE_SEARCH_SHARD_PAGES: 'lots' })).toBe(SHARD_PAGES);
  });

  it('fails with its cause when no page is marked for search', async () => {
    const dist = site('pf-none', { 'index.html': page('<h1>Home</h1>', false) });
    await expect(indexSite(dist)).rejects.toThrow(/no page .* has data-pagefind-body/);
  }, 30_000);

  it('leaves lists of other pages, controls and knowledge-check answers out of the index', async () => {
    for (const s of ['aside', '.list', '.cards', '.steps', '.pager']) expect(EXCLUDE_SELECTORS).toContain(s);
    const dist = site('pf-exclude', {
      'lesson/index.html': page(
        '<h1>Staging</h1><p>Stage a change.</p><fieldset class="question"><legend>What does add do?</legend><details class="answer"><summary>Show answer</summary><p>Answer: puts it in the index</p></details></fieldset><section data-needs-js hidden><button>Mark as complete</button></section>',
      ),
    });
    await indexSite(dist);
    const fragment = readdirSync(join(dist, 'pagefind', 'fragment'))[0]!;
    const text = gunzipSync(readFileSync(join(dist, 'pagefind', 'fragment', fragment))).toString();
    expect(text).toContain('What does add do?');
    expect(text).not.toContain('puts it in the index');
    expect(text).not.toContain('Mark as complete');
  }, 30_000);
});

describe('buildServiceWorker', () => {
  const shell = {
    'index.html': page('<h1>Home</h1>'),
    'search/index.html': page('<h1>Search</h1>'),
    'offline/index.html': page('<h1>You are offline</h1>'),
    '_astro/app.abc123.css': 'body{color:red}',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'pagefind/pagefind.js': 'export const x = 1;',
    'pagefind/pagefind-entry.json': '{"version":"1"}',
    // Incompressible bytes, as Pagefind's own (already compressed) files are.
    'pagefind/index/en_1.pf_index': 'x'.repeat(30_000),
    'pagefind/fragment/en_1.pf_fragment': 'y'.repeat(30_000),
    'notes/a/index.html': page('<h1>A note</h1>'),
  };

  it('precaches the shell and, within the budget, the search index and fragments', async () => {
    const dist = site('sw-all', shell);
    const report = await buildServiceWorker(dist, '/learning/', 1024 * 1024);
    expect(report.tiers).toEqual(['shell', 'search index', 'search fragments']);
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(sw).not.toContain('self.__WB_MANIFEST');
    expect(sw).not.toContain('__GROVE_VERSION__');
    expect(sw).toContain(report.version);
    for (const url of ['index.html', 'offline/index.html', '_astro/app.abc123.css', 'pagefind/fragment/en_1.pf_fragment']) expect(sw).toContain(`"url":"${url}"`);
    // Opened pages are cached as read, never precached.
    expect(sw).not.toContain('"url":"notes/a/index.html"');
    expect(report.transferBytes).toBe(
      transferSize(
        dist,
        [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!),
      ),
    );
  }, 60_000);

  it('stops adding tiers at the budget, counting text gzipped', async () => {
    const dist = site('sw-budget', shell);
    const report = await buildServiceWorker(dist, '/learning/', 45_000);
    expect(report.tiers).toEqual(['shell', 'search index']);
    expect(report.transferBytes).toBeLessThanOrEqual(45_000);
    const small = await buildServiceWorker(dist, '/learning/', 20_000);
    expect(small.tiers).toEqual(['shell']);
    // A different precache is a different version, so browsers see a new worker.
    expect(small.version).not.toBe(report.version);
  }, 60_000);

  it('refuses a site without the offline page', async () => {
    const { ['offline/index.html']: _, ...rest } = shell;
    const dist = site('sw-no-offline', rest);
    await expect(buildServiceWorker(dist, '/learning/')).rejects.toThrow(/offline\/index\.html is missing/);
  }, 60_000);
});

describe('linkTree', () => {
  it('puts every file of a folder tree into another, and the copy outlives the original', () => {
    const from = site('tree-from', { 'pagefind-entry.json': '{}', 'index/en_1.pf_index': 'a', 'fragment/deep/x.pf_fragment': 'b' });
    const to = join(temp, 'tree-to');
    linkTree(from, to);
    expect(readFileSync(join(to, 'index/en_1.pf_index'), 'utf8')).toBe('a');
    expect(readFileSync(join(to, 'fragment/deep/x.pf_fragment'), 'utf8')).toBe('b');
    // A build empties dist/ before writing: removing one side leaves the other whole.
    rmSync(from, { recursive: true });
    expect(readFileSync(join(to, 'pagefind-entry.json'), 'utf8')).toBe('{}');
  });
});
