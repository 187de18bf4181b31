/**
 * The Astro integration that indexes the site for search (./pagefind.ts). While Astro renders, each
 * shard whose pages are all written is indexed into the cache (./pagefind-prefetch.ts); after the
 * build, `indexSite` puts the index together in `dist/pagefind/`, indexing what is not in the cache
 * yet, and the build log says what it did. Shards whose pages are byte for byte what the last build
 * indexed are reused (a rebuild with no content change then costs a hash of the pages, not Pagefind's
 * 2.5 ms a page; a one-note edit re-indexes one shard). A failure stops the build with Pagefind's own
 * message as the cause.
 */
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTiming } from '../garden/core/timings.ts';
import { indexSite, MAX_SHARDS, readStamps, shardPages, ShardIndexer, stampsFileOf, type PagefindReport } from './pagefind.ts';
import { prefetchingPrerenderer, servedPathOf, ShardPrefetch } from './pagefind-prefetch.ts';
import { ownerOf, type Partition } from './partition.ts';
import { syncWritingPrerenderer } from './sync-writes.ts';

export function searchIndex(partition?: Partition): AstroIntegration {
  let cacheRoot = '';
  let outDir = '';
  let cacheDir = '';
  let base = '/';
  let inOrder = true;
  let prefetch: ShardPrefetch | undefined;
  let indexer: ShardIndexer | undefined;
  return {
    name: 'grove:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = fileURLToPath(config.cacheDir);
        cacheRoot = join(cacheDir, 'grove-pagefind');
        outDir = fileURLToPath(config.outDir);
        base = config.base;
        // Shards are indexed while pages render only when Astro writes them one at a time, in order,
        // where htmlFileOf says. GROVE_SEARCH_PREFETCH=off indexes them all after the build (the benchmark compares).
        inOrder = config.build.concurrency <= 1 && config.build.format === 'directory' && process.env.GROVE_SEARCH_PREFETCH !== 'off';
      },
      'astro:build:start': ({ setPrerenderer }) => {
        prefetch = undefined;
        indexer = undefined;
        // Astro takes one prerenderer, so this one also writes the pages synchronously (./sync-writes.ts);
        // GROVE_SYNC_WRITES=off leaves that to Astro (the benchmark compares).
        const sync = process.env.GROVE_SYNC_WRITES !== 'off';
        const writing = (inner: AstroPrerenderer) => (sync ? syncWritingPrerenderer(inner, [outDir, cacheDir]) : inner);
        if (!inOrder) {
          if (sync) setPrerenderer(writing);
          return;
        }
        mkdirSync(cacheRoot, { recursive: true });
        indexer = new ShardIndexer(outDir, cacheRoot);
        indexer.background = true;
        prefetch = new ShardPrefetch(indexer, {
          per: shardPages(),
          first: partition ? partition.index * MAX_SHARDS : 0,
          base,
          known: readStamps(stampsFileOf(cacheRoot)),
          // A partition renders the pages it owns, by the path they are served at (./partition-middleware.ts).
          ...(partition ? { renders: (pathname: string) => ownerOf(servedPathOf(pathname, base), partition.count) === partition.index } : {}),
        });
        const ahead = prefetch;
        setPrerenderer((inner) => prefetchingPrerenderer(writing(inner), ahead));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        let report: PagefindReport;
        let early = 0;
        const started = performance.now();
        try {
          // Indexed while the pages rendered: whatever of it matches the pages in dist/ is taken from the cache.
          const ahead = prefetch && indexer && indexer.dist === dist ? prefetch : undefined;
          if (ahead) {
            await ahead.settled();
            early = indexer!.indexed;
          }
          report = await indexSite(dist, { cacheRoot, partition, ...(ahead ? { indexer, known: ahead.stamps } : {}) });
        } catch (cause) {
          throw new Error(`Pagefind could not index ${dist}: ${(cause as Error).message}`, { cause });
        }
        // The time the index took once the pages were written: waiting for shards still being indexed, and the rest.
        const ms = performance.now() - started;
        addTiming('pagefind', ms);
        const whileRendering = early > 0 ? `, ${early} of them while pages rendered` : '';
        const shards =
          report.shards === 1
            ? report.reindexed
              ? ''
              : ', unchanged since the last build'
            : ` in ${report.shards} shards (${report.reindexed} indexed${whileRendering}, ${report.shards - report.reindexed} unchanged)`;
        logger.info(
          `${report.reindexed ? 'indexed' : 'reused the index of'} ${report.pages} pages (of ${report.htmlFiles} HTML files)${shards} in ${(ms / 1000).toFixed(2)} s after the pages: ${report.files} files, ${(report.bytes / 1024).toFixed(0)} KB in pagefind/`,
        );
      },
    },
  };
}
