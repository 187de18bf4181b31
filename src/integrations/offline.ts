/**
 * Post-build step, after Pagefind: builds the service worker. It bundles src/client/sw.ts with Vite
 * (Workbox's runtime modules, no code from a CDN), asks workbox-build for the precache manifest of
 * the shell over the final `dist/`, and writes `dist/sw.js` with the manifest and the build's
 * version in it. It also writes `dist/search-file.js`, the search page's script for a site opened
 * from disk. Logs what it precached, how big and how long it took; a failure stops the build.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTiming } from '../garden/core/timings.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Most a first visit downloads for offline use (the budget: 2 MB on a 10,000-page garden),
 * counted as bytes on the wire: text gzipped (as any intranet server sends it), Pagefind's files as
 * they are (already compressed). The shell always goes in; Pagefind's index chunks, then its result
 * fragments, only while they fit. The rest is cached when first used.
 */
export const PRECACHE_BUDGET = 2 * 1024 * 1024;

/** Files a server compresses on the way: their gzip size is what a reader downloads. */
const TEXT = /\.(?:html|js|css|json|svg|webmanifest)$/;

/** Bytes on the wire of precache entries (see PRECACHE_BUDGET). */
export function transferSize(dist: string, urls: readonly string[]): number {
  let bytes = 0;
  for (const url of urls) {
    const file = join(dist, decodeURIComponent(url));
    bytes += TEXT.test(url) ? gzipSync(readFileSync(file)).length : statSync(file).size;
  }
  return bytes;
}

/** The precache in tiers: the shell, then search's word index, then every result's text. */
export const PRECACHE_TIERS: ReadonlyArray<{ name: string; patterns: string[] }> = [
  {
    name: 'shell',
    patterns: [
      '_astro/**/*.{js,css,woff2,woff,svg,png,webp}',
      '*.{svg,ico,png,webmanifest}',
      'index.html',
      'search/index.html',
      'offline/index.html',
      'search-fallback.js',
      'pagefind/pagefind.js',
      'pagefind/pagefind-worker.js',
      'pagefind/pagefind-entry.json',
      'pagefind/*.pf_meta',
      'pagefind/wasm.*.pagefind',
      'pagefind/filter/*',
      // A large garden's index is in shards (src/integrations/pagefind.ts): the list, and each shard's own files.
      'pagefind/shards.json',
      'pagefind/shard-*/pagefind-entry.json',
      'pagefind/shard-*/*.pf_meta',
      'pagefind/shard-*/filter/*',
    ],
  },
  { name: 'search index', patterns: ['pagefind/index/*', 'pagefind/shard-*/index/*'] },
  { name: 'search fragments', patterns: ['pagefind/fragment/*', 'pagefind/shard-*/fragment/*'] },
];

/** What one service worker build did. */
export interface OfflineReport {
  files: number;
  /** Bytes of the files as stored. */
  bytes: number;
  /** Bytes a first visit downloads (text gzipped). */
  transferBytes: number;
  /** Tiers that fit the budget. */
  tiers: string[];
  version: string;
  ms: number;
  warnings: string[];
}

/** Bundles a browser entry point into one classic script (no imports left), for `base`. */
export async function bundle(entry: string, base: string, format: 'es' | 'iife'): Promise<string> {
  const { build } = await import('vite');
  const out = await build({
    configFile: false,
    root,
    base,
    logLevel: 'silent',
    publicDir: false,
    // Workbox logs in development builds only; this removes that code.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      lib: { entry: join(root, entry), formats: [format], name: 'grove', fileName: () => 'out.js' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output: Array<{ type: string; code?: string }> }>;
  const chunk = outputs[0]?.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error(`Vite produced no code for ${entry}`);
  return chunk.code;
}

/** Builds `dist/search-file.js`, the search page's script for a site opened from disk (`file://`). */
export async function buildDiskSearch(dist: string, base: string): Promise<void> {
  writeFileSync(join(dist, 'search-file.js'), await bundle('src/client/search-file.ts', base, 'iife'));
}

/** Builds `dist/sw.js`: the precache manifest within the budget, the version, the bundled worker. */
export async function buildServiceWorker(dist: string, base: string, budget = PRECACHE_BUDGET): Promise<OfflineReport> {
  const started = performance.now();
  const { getManifest } = await import('workbox-build');
  const code = await bundle('src/client/sw.ts', base, 'es');
  if (!code.includes('self.__WB_MANIFEST')) throw new Error('the bundled service worker lost `self.__WB_MANIFEST`');
  const patterns: string[] = [];
  const tiers: string[] = [];
  let manifest: Awaited<ReturnType<typeof getManifest>> | undefined;
  let transferBytes = 0;
  // A site in one shard has no shard folders: their patterns would only make Workbox warn.
  const sharded = readdirSync(join(dist, 'pagefind')).some((f) => f.startsWith('shard-'));
  const present = (p: string) => sharded || !p.includes('shard-');
  for (const tier of PRECACHE_TIERS) {
    const m = await getManifest({
      globDirectory: dist,
      globPatterns: [...patterns, ...tier.patterns].filter(present),
      globIgnores: ['sw.js', 'search-file.js', 'pagefind/pagefind-*ui*', 'pagefind/pagefind-highlight.js'],
      // Hashed names change when their content does: no revision needed.
      dontCacheBustURLsMatching: /^(?:_astro\/|pagefind\/(?:shard-\d+\/)?(?:index|fragment|filter)\/)/,
      // The budget applies to the total, below; no single file is left out silently for its size.
      maximumFileSizeToCacheInBytes: 256 * 1024 * 1024,
    });
    const size = transferSize(
      dist,
      (m.manifestEntries ?? []).map((e) => e.url),
    );
    if (manifest && size > budget) break;
    manifest = m;
    transferBytes = size;
    patterns.push(...tier.patterns);
    tiers.push(tier.name);
  }
  if (!manifest) throw new Error('workbox-build returned no manifest');
  const entries = manifest.manifestEntries ?? [];
  if (!entries.some((e) => e.url === 'offline/index.html')) throw new Error('dist/offline/index.html is missing; the offline page must be built');
  const version = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 12);
  const sw = code.replace('self.__WB_MANIFEST', JSON.stringify(entries)).replaceAll('__GROVE_VERSION__', version);
  writeFileSync(join(dist, 'sw.js'), sw);
  const warnings = [...manifest.warnings];
  if (transferBytes > budget) warnings.push(`the shell alone is ${(transferBytes / 1024).toFixed(0)} KB to download, over the ${(budget / 1024).toFixed(0)} KB budget`);
  return { files: entries.length, bytes: manifest.size, transferBytes, tiers, version, ms: performance.now() - started, warnings };
}

/** The Astro integration: runs `buildServiceWorker` after the build (and after Pagefind) and reports it. */
export function offlineCache(partition?: { index: number; count: number }): AstroIntegration {
  let base = '/';
  return {
    name: 'grove:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        let report: OfflineReport;
        try {
          await buildDiskSearch(dist, base);
          // One partition of a split build holds part of the site: `npm run merge` builds the worker for the whole.
          if (partition) return;
          report = await buildServiceWorker(dist, base);
        } catch (cause) {
          throw new Error(`The service worker could not be built for ${dist}: ${(cause as Error).message}`, { cause });
        }
        addTiming('precache', report.ms);
        for (const w of report.warnings) logger.warn(w);
        logger.info(
          `service worker ${report.version}: precached ${report.files} files (${report.tiers.join(' + ')}), ${(report.transferBytes / 1024).toFixed(0)} KB to download (${(report.bytes / 1024).toFixed(0)} KB stored) in ${(report.ms / 1000).toFixed(2)} s`,
        );
      },
    },
  };
}
