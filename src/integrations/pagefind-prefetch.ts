/**
 * Indexes the search shards while Astro renders the pages, instead of all of them after: Astro
 * renders on one thread, Pagefind runs in a process of its own, and a 2-core machine has a core to spare.
 *
 * A custom prerenderer (Astro's `setPrerenderer`) wraps Astro's own. It hands Astro the site's paths
 * shard by shard (a page's shard follows from its path and the number of HTML pages, both known
 * before anything renders: see `planShards` in ./pagefind.ts), so the shards are done one after the
 * other. When Astro asks for the first page after a shard's last, every page of that shard has been
 * written (Astro renders one page at a time and writes each before the next), and the shard's index is
 * made in Pagefind's cache while the next shard renders.
 *
 * This only fills the cache: after the build, `indexSite` plans the shards from the pages in `dist/`
 * as it always does and takes each shard's index from the cache when its pages are the ones indexed
 * here. A page written where this did not expect it, or a shard that failed, is indexed then.
 */
import type { AstroPrerenderer } from 'astro';
import { shardCount, shardDigest, shardOf, stampOf, type PageStamp, type Shard, type ShardIndexer } from './pagefind.ts';

/** The paths Astro renders, as its prerenderer hands them over. */
type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];

/** The two status pages Astro writes as `404.html` and `500.html` in the `directory` build format. */
const STATUS_PAGES = new Set(['/404', '/500']);

/**
 * The HTML file, inside dist/, Astro writes for a page's pathname in the `directory` build format
 * (the one Grove uses): `/notes/a` → `notes/a/index.html`, `/404` → `404.html`.
 */
export function htmlFileOf(pathname: string): string {
  if (STATUS_PAGES.has(pathname)) return `${pathname.slice(1)}.html`;
  const trimmed = trimSlashes(pathname);
  return trimmed === '' ? 'index.html' : `${trimmed}/index.html`;
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

/** The path a page is requested at while Astro renders it (and served at), base included, as a URL writes it: `/notes/a` → `/learning/notes/a/`. */
export function servedPathOf(pathname: string, base: string): string {
  const path = [trimSlashes(base), trimSlashes(pathname)].filter(Boolean).join('/');
  return new URL(path ? `/${path}/` : '/', 'http://localhost').pathname;
}

/** What a prefetch needs of the build. */
export interface PrefetchOptions {
  /** Pages a shard holds before the index splits. */
  per: number;
  /** The number of the first shard (a partition's: ./partition.ts). */
  first: number;
  /** The site's base path (`/` or `/learning/`): request URLs carry it, pathnames do not. */
  base: string;
  /** Stamps of the last build's pages (see stampOf). */
  known: ReadonlyMap<string, PageStamp>;
  /** Whether this build renders a page (a partition renders its own only); all when not given. */
  renders?: (pathname: string) => boolean;
}

/** One build's indexing of shards while the pages render (see the top of this file). */
export class ShardPrefetch {
  /** Stamps of the pages of every shard started, for the index after the build. */
  readonly stamps = new Map<string, PageStamp>();
  /** Shards whose index was asked for while pages rendered (one that fails is indexed again after the build, which reports its error). */
  started = 0;
  /** Each shard's pages (files inside dist/), and the position in the render order of its last. */
  private members: string[][] = [];
  private last: number[] = [];
  /** Position in the render order of each path, by its pathname without slashes at either end. */
  private readonly position = new Map<string, number>();
  private next = 0;
  private queue: Promise<void> = Promise.resolve();

  private readonly indexer: ShardIndexer;
  private readonly options: PrefetchOptions;

  constructor(indexer: ShardIndexer, options: PrefetchOptions) {
    this.indexer = indexer;
    this.options = options;
  }

  /**
   * The paths in the order Astro is to render them: the pages shard by shard, each shard's in their
   * order (so of two routes that claim one pathname, the one Astro would take still comes first), then
   * what is not an HTML page of this build (endpoints, others' pages) while the last shard is indexed.
   */
  order(paths: readonly PathWithRoute[]): PathWithRoute[] {
    const { per, renders } = this.options;
    const pages: Array<{ path: PathWithRoute; rel: string; at: number }> = [];
    const rest: PathWithRoute[] = [];
    for (const [at, path] of paths.entries()) {
      const page = path.route.type === 'page' || path.route.type === 'fallback';
      if (page && (renders?.(path.pathname) ?? true)) pages.push({ path, rel: htmlFileOf(path.pathname), at });
      else rest.push(path);
    }
    const count = shardCount(pages.length, per);
    const shardOfPage = pages.map((p) => shardOf(p.rel, count));
    const sorted = pages.map((p, i) => ({ ...p, shard: shardOfPage[i]! })).sort((a, b) => a.shard - b.shard || a.at - b.at);
    const ordered = [...sorted.map((p) => p.path), ...rest];
    this.members = Array.from({ length: count }, () => []);
    this.last = Array.from({ length: count }, () => -1);
    for (const [i, p] of sorted.entries()) {
      this.members[p.shard]!.push(p.rel);
      this.last[p.shard] = i;
    }
    for (const [i, path] of ordered.entries()) {
      const key = trimSlashes(path.pathname);
      if (!this.position.has(key)) this.position.set(key, i);
    }
    return ordered;
  }

  /**
   * Astro is about to render `url`: every page before it in the render order has been written, so each
   * shard whose last page comes before it is started.
   */
  reached(url: string): void {
    let pathname: string;
    try {
      pathname = decodeURI(new URL(url).pathname);
    } catch {
      return;
    }
    const base = trimSlashes(this.options.base);
    let key = trimSlashes(pathname);
    if (base && (key === base || key.startsWith(`${base}/`))) key = key.slice(base.length + 1);
    const at = this.position.get(key);
    if (at === undefined) return;
    while (this.next < this.last.length && this.last[this.next]! < at) this.start(this.next++);
  }

  /** Every page is written: the shards not started yet are started. */
  rendered(): void {
    while (this.next < this.last.length) this.start(this.next++);
  }

  /** Waits for the shards started to be indexed (or to fail: they are indexed again after the build). */
  async settled(): Promise<void> {
    await this.queue;
  }

  private start(s: number): void {
    const { known, first } = this.options;
    const pages: string[] = [];
    const digests = new Map<string, string>();
    for (const rel of this.members[s]!) {
      const stamp = stampOf(this.indexer.dist, rel, known);
      if (!stamp) continue;
      this.stamps.set(rel, stamp);
      if (stamp.digest) {
        pages.push(rel);
        digests.set(rel, stamp.digest);
      }
    }
    // Sorted as `markedPages` sorts, so the digest is the one the index after the build computes.
    pages.sort();
    const shard: Shard = { pages, digest: shardDigest(pages, digests, this.last.length, first + s) };
    this.started++;
    this.queue = this.queue.then(() =>
      this.indexer.cached(shard, first + s).then(
        () => undefined,
        () => undefined,
      ),
    );
  }
}

/** Astro's prerenderer, rendering in the prefetch's order and telling it where rendering has got to. */
export function prefetchingPrerenderer(inner: AstroPrerenderer, prefetch: ShardPrefetch): AstroPrerenderer {
  return {
    ...inner,
    name: `${inner.name}+grove:pagefind`,
    setup: inner.setup && (() => inner.setup!()),
    getStaticPaths: async () => prefetch.order(await inner.getStaticPaths()),
    render: (request, options) => {
      prefetch.reached(request.url);
      return inner.render(request, options);
    },
    teardown: async () => {
      prefetch.rendered();
      await inner.teardown?.();
    },
  };
}
