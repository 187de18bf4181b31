// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { loadConfig } from './src/garden/settings/config.ts';
import { gardenMdastPlugins } from './src/garden/render/link-plugin.ts';
import { groveHastPlugins, SHIKI_CONFIG } from './src/garden/render/hast-plugins.ts';
import { MARKDOWN_FEATURES } from './src/garden/content/syntax.ts';
import { GardenError } from './src/garden/core/problems.ts';
import { buildTimings } from './src/integrations/timings.ts';
import { readAhead } from './src/integrations/read-ahead.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { offlineCache } from './src/integrations/offline.ts';
import { contentSecurityPolicy, cspTrim } from './src/integrations/csp.ts';
import { cmsAdmin } from './src/integrations/cms.ts';
import { partitionOf, sitePartition } from './src/integrations/partition.ts';
import { keptOutDir } from './src/integrations/out-dir.ts';
import { watchIgnored } from './src/integrations/watch.ts';
import { sourcesOf } from './src/garden/settings/config.ts';

/** Settings errors are the user's to fix: print them plainly and stop, without a stack trace. @param {any} err */
const plainly = (err) => {
  if (!(err instanceof GardenError || err?.name === 'GardenError')) throw err;
  console.error(`\n${err.message}\n`);
  process.exit(1);
};
const garden = await loadConfig().catch(plainly);
// One part of a site built by several machines (GROVE_PARTITION; src/integrations/partition.ts).
const partition = await Promise.resolve()
  .then(() => partitionOf())
  .catch(plainly);
// dist/ is kept between builds, not emptied: an unchanged page stays where it is (src/integrations/out-dir.ts).
const outDir = keptOutDir(['pagefind']);
const outDirSetting = process.env.GROVE_OUT_DIR ?? './dist';
// `astro dev` watches the code and the sources, not other gardens under .grove/ (src/integrations/watch.ts).
const ignored = watchIgnored(
  process.cwd(),
  sourcesOf(garden).map((s) => s.dir),
  [outDirSetting],
);

export default defineConfig({
  site: garden.site,
  base: garden.base,
  trailingSlash: 'always',
  // One stylesheet for every page, linked, not inlined: the service worker precaches all of the site's CSS
  // on a first visit anyway (7.5 KB gzip), a reader's next page needs none, and a build neither writes
  // nor hashes (for the policy) 6.4 KB of inline CSS a page: about 8 CPU-s and 58 MB of dist/ less at
  // 10,000 pages (docs/benchmarks.md, "One stylesheet"). Styles still live, scoped, with their components.
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The benchmark and the end-to-end tests build other gardens beside the project's own.
  outDir: outDirSetting,
  cacheDir: process.env.GROVE_CACHE_DIR ?? './node_modules/.astro',
  markdown: {
    processor: satteri({ mdastPlugins: gardenMdastPlugins(), hastPlugins: groveHastPlugins(), features: MARKDOWN_FEATURES }),
    shikiConfig: SHIKI_CONFIG,
  },
  // Order matters: Pagefind indexes the final HTML, the service worker precaches that index, timings
  // report both. cspTrim trims each page's policy as it is rendered (a middleware), before all three.
  // cmsAdmin writes /admin/ (with the `cms` setting) after both, so it is neither indexed nor precached.
  // sitePartition leaves out other partitions' routes before Pagefind indexes what is left.
  // outDir.first removes what an earlier build left in dist/ before any of them writes there;
  // outDir.last records what they all left, for the next build. readAhead starts reading the pages on
  // a second thread while Astro starts (src/garden/content/read-ahead.ts).
  integrations: [readAhead(), mdx(), cspTrim(), outDir.first, sitePartition(partition), searchIndex(partition), offlineCache(partition), cmsAdmin(garden), buildTimings(), outDir.last],
  devToolbar: { enabled: false },
  vite: { build: { ...outDir.viteBuild, cssCodeSplit: false }, server: { watch: { ignored } } },
  // A Content-Security-Policy <meta> on every page: no inline script runs unless its hash is listed,
  // nothing loads from another host. The directives and why: src/integrations/csp.ts, docs/deploying.md.
  // GROVE_CSP=off builds without it: only tests/e2e/hostile.spec.ts does, to test the HTML sanitizer
  // in the browser on its own (with the policy on, it would stop the payloads itself).
  security: process.env.GROVE_CSP === 'off' ? {} : { csp: contentSecurityPolicy(garden.xapi) },
  // A second build reuses the HTML of every page whose cache key (the garden's buildKey, see
  // src/garden/model/garden.ts) and code are unchanged. Needs build.concurrency 1, Astro's default.
  experimental: { incrementalBuild: true },
});
