/**
 * Indexing search shards while Astro renders (src/integrations/pagefind-prefetch.ts): the render
 * order hands Astro the pages shard by shard, a shard is indexed once its last page is written, and
 * the index put together after the build takes every such shard from the cache — the same index,
 * byte for byte, as one made after the build alone. Astro's prerenderer is simulated: paths in the
 * order given, each page written before the next is asked for. And Pagefind then yields the core
 * rendering needs.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { AstroPrerenderer } from 'astro';
import { afterAll, describe, expect, it } from 'vitest';
import { indexSite, ShardIndexer, shardOf, shardCount, yieldToBuild, type Shard } from '../../src/integrations/pagefind.ts';
import { htmlFileOf, prefetchingPrerenderer, servedPathOf, ShardPrefetch } from '../../src/integrations/pagefind-prefetch.ts';

type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];

const temp = mkdtempSync(join(tmpdir(), 'grove-prefetch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const page = (body: string, indexed = true) =>
  `<!doctype html><html lang="en"><body><header><a href="/">Header words</a></header><main${indexed ? ' data-pagefind-body' : ''}>${body}</main></body></html>`;

/** A path as Astro's prerenderer gives it: a pathname and the (shared) route it belongs to. */
const path = (pathname: string, type: 'page' | 'endpoint' = 'page', route: string = type): PathWithRoute => ({ pathname, route: { type, route } as never });

/** Every file under a folder, with its bytes. */
const tree = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => [relative(dir, join(d.parentPath, d.name)), readFileSync(join(d.parentPath, d.name)).toString('base64')])
      .sort(),
  );

describe('htmlFileOf and servedPathOf', () => {
  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/notes/a', 'notes/a/index.html'],
    ['/notes/a/', 'notes/a/index.html'],
    ['/404', '404.html'],
    ['/500', '500.html'],
    ['/fr/notes/état', 'fr/notes/état/index.html'],
  ])('Astro writes %j to %j', (pathname, file) => {
    expect(htmlFileOf(pathname)).toBe(file);
  });

  it.each([
    ['/notes/a', '/', '/notes/a/'],
    ['/notes/a', '/learning/', '/learning/notes/a/'],
    ['/', '/learning/', '/learning/'],
    ['/', '/', '/'],
    ['/fr/notes/état', '/', '/fr/notes/%C3%A9tat/'],
  ])('%j under base %j is requested at %j', (pathname, base, served) => {
    expect(servedPathOf(pathname, base)).toBe(served);
  });
});

describe('ShardPrefetch', () => {
  /** An indexer that records the shards it is asked for instead of running Pagefind. */
  const recorder = (dist: string) => {
    const asked: Array<{ shard: Shard; number: number }> = [];
    const indexer = { dist, cached: async (shard: Shard, number: number) => void asked.push({ shard, number }) } as unknown as ShardIndexer;
    return { asked, indexer };
  };

  it('orders pages shard by shard, each shard in the order Astro gave, then endpoints', () => {
    const paths = [path('/feed.xml', 'endpoint'), ...Array.from({ length: 40 }, (_, i) => path(`/notes/n${i}`)), path('/map.json', 'endpoint')];
    const { indexer } = recorder(temp);
    const ordered = new ShardPrefetch(indexer, { per: 10, first: 0, base: '/', known: new Map() }).order(paths);
    expect(ordered.slice(-2).map((p) => p.pathname)).toEqual(['/feed.xml', '/map.json']);
    const count = shardCount(40, 10);
    const shards = ordered.slice(0, -2).map((p) => shardOf(htmlFileOf(p.pathname), count));
    expect(shards).toEqual([...shards].sort((a, b) => a - b));
    expect(new Set(shards).size).toBe(count);
    // Within a shard, Astro's order: of two routes claiming one pathname, the first still wins.
    for (let s = 0; s < count; s++) {
      const mine = ordered.slice(0, -2).filter((p) => shardOf(htmlFileOf(p.pathname), count) === s);
      const at = mine.map((p) => paths.indexOf(p));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
    expect(ordered).toHaveLength(paths.length);
  });

  it('starts a shard only when Astro asks for a page after its last, when all its pages are written', async () => {
    const dist = join(temp, 'order');
    const paths = Array.from({ length: 12 }, (_, i) => path(`/notes/n${i}`));
    const { asked, indexer } = recorder(dist);
    const prefetch = new ShardPrefetch(indexer, { per: 4, first: 0, base: '/learning/', known: new Map() });
    const ordered = prefetch.order(paths);
    const count = shardCount(12, 4);
    const shardOfPath = (q: PathWithRoute) => shardOf(htmlFileOf(q.pathname), count);
    for (const [i, p] of ordered.entries()) {
      prefetch.reached(`http://localhost${servedPathOf(p.pathname, '/learning/')}`);
      // The shards started are those whose pages all come before this one.
      const before = new Set(ordered.slice(0, i).map(shardOfPath));
      const done = [...before].filter((s) => !ordered.slice(i).some((q) => shardOfPath(q) === s));
      expect(prefetch.started).toBe(done.length);
      const file = join(dist, htmlFileOf(p.pathname));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, page(`<h1>${p.pathname}</h1>`));
    }
    expect(prefetch.started).toBe(count - 1);
    prefetch.rendered();
    await prefetch.settled();
    // A page not yet written when its shard started would be missing here.
    expect(asked.map((a) => a.number)).toEqual(Array.from({ length: count }, (_, s) => s));
    expect(asked.flatMap((a) => a.shard.pages).sort()).toEqual(paths.map((p) => htmlFileOf(p.pathname)).sort());
  });

  it('fills the cache so that the index after the build indexes nothing more, and is the index made without it', async () => {
    const make = (name: string) => {
      const dist = join(temp, name);
      const files: Record<string, string> = { 'index.html': page('<h1>Home</h1>', false), '404.html': page('<h1>Not here</h1>', false) };
      for (let i = 0; i < 14; i++) files[`notes/n${i}/index.html`] = page(`<h1>Note ${i}</h1><p>word${i} shared</p>`);
      files['notes/page/2/index.html'] = page('<h1>All notes</h1>', false);
      return { dist, files };
    };
    const paths = [path('/'), path('/404'), ...Array.from({ length: 14 }, (_, i) => path(`/notes/n${i}`, 'page', '/notes/[id]')), path('/notes/page/2'), path('/feed.xml', 'endpoint')];

    // With the prefetch: pages written in its order, as Astro would.
    const a = make('with');
    const cacheRoot = join(temp, 'with-cache');
    mkdirSync(cacheRoot, { recursive: true });
    const indexer = new ShardIndexer(a.dist, cacheRoot);
    const prefetch = new ShardPrefetch(indexer, { per: 4, first: 0, base: '/', known: new Map() });
    const rendered: string[] = [];
    const inner: AstroPrerenderer = {
      name: 'simulated',
      getStaticPaths: async () => paths,
      render: async (request) => {
        rendered.push(new URL(request.url).pathname);
        return new Response('');
      },
    };
    const wrapped = prefetchingPrerenderer(inner, prefetch);
    for (const p of await wrapped.getStaticPaths()) {
      await wrapped.render(new Request(`http://localhost${servedPathOf(p.pathname, '/')}`), { routeData: p.route });
      if (p.route.type !== 'page') continue;
      const rel = htmlFileOf(p.pathname);
      mkdirSync(dirname(join(a.dist, rel)), { recursive: true });
      writeFileSync(join(a.dist, rel), a.files[rel]!);
    }
    await wrapped.teardown!();
    await prefetch.settled();
    expect(rendered).toHaveLength(paths.length);
    const early = indexer.indexed;
    expect(early).toBe(shardCount(17, 4));
    const report = await indexSite(a.dist, { per: 4, cacheRoot, indexer, known: prefetch.stamps });
    expect(report.reindexed).toBe(early);

    // Without it: all written first, indexed after.
    const b = make('without');
    for (const [rel, text] of Object.entries(b.files)) {
      mkdirSync(dirname(join(b.dist, rel)), { recursive: true });
      writeFileSync(join(b.dist, rel), text);
    }
    const plain = await indexSite(b.dist, { per: 4 });
    expect([plain.pages, plain.shards]).toEqual([report.pages, report.shards]);
    expect(tree(join(a.dist, 'pagefind'))).toEqual(tree(join(b.dist, 'pagefind')));
  }, 60_000);
});

describe('yieldToBuild', () => {
  it.runIf(process.platform === 'linux')("lowers the priority of this process's Pagefind, and of nothing else", async () => {
    // Two sleeping children: one named as Pagefind's binary is, one not.
    const bin = join(temp, 'pagefind_extended');
    copyFileSync('/bin/sleep', bin);
    chmodSync(bin, 0o755);
    const pagefind = spawn(bin, ['30']);
    const other = spawn('/bin/sleep', ['30']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      yieldToBuild();
      expect(getPriority(pagefind.pid!)).toBe(10);
      expect(getPriority(other.pid!)).toBe(getPriority());
    } finally {
      pagefind.kill();
      other.kill();
    }
  });
});
