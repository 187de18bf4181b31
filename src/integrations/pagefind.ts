/**
 * Post-build step: indexes the final HTML with Pagefind (main content only: pages mark it with
 * `data-pagefind-body`, and lists of other pages are excluded below) and writes the index to
 * `<dist>/pagefind/`. Logs the page count, word count and duration; a failure stops the build with
 * Pagefind's own message as the cause.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTiming } from '../garden/core/timings.ts';

/**
 * Left out of the index: parts of a page about other pages (lists, cards, badges, the aside,
 * previous/next), which made a course's lesson titles outrank the lessons themselves; controls
 * (progress buttons, "Save for offline", anything shown only with JavaScript), which put "Mark as
 * complete" in every lesson; and knowledge-check answers, which search excerpts would give away.
 */
export const EXCLUDE_SELECTORS = [
  'aside',
  '.meta',
  '.steps',
  '.list',
  '.cards',
  '.chips',
  '.experts',
  '.pager',
  '.actions',
  '.column-head',
  '.muted',
  '.no-print',
  '[data-needs-js]',
  'details.answer',
  '.question-actions',
  '.feedback',
  '[data-search-ignore]',
];

/** Pagefind UI bundles Grove does not use (it ships its own search UI); removed so they are never served or precached. */
const UNUSED_FILES = /^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$/;

/** What one indexing run did. */
export interface PagefindReport {
  /** Pages in the index (HTML files read: `pages` plus those without `data-pagefind-body`). */
  pages: number;
  htmlFiles: number;
  bytes: number;
  files: number;
  ms: number;
}

/** Total size and count of the files under a folder. */
function sizeOf(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!d.isFile()) continue;
    bytes += statSync(join(d.parentPath, d.name)).size;
    files++;
  }
  return { bytes, files };
}

/**
 * True when some page of `dist` is marked for search. Without one, Pagefind indexes every page's
 * whole `<body>` (header, navigation and all), which is never what Grove means: that is an error.
 * Stops at the first marked page, which comes early in any real site.
 */
export function hasMarkedPage(dist: string): boolean {
  for (const d of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (d.isFile() && d.name.endsWith('.html') && readFileSync(join(d.parentPath, d.name), 'utf8').includes('data-pagefind-body')) return true;
  }
  return false;
}

/** Indexes every HTML page of `dist` and writes the Pagefind bundle to `dist/pagefind`. */
export async function indexSite(dist: string): Promise<PagefindReport> {
  const started = performance.now();
  const pagefind = await import('pagefind');
  const out = join(dist, 'pagefind');
  rmSync(out, { recursive: true, force: true });
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDE_SELECTORS, forceLanguage: 'en' });
    if (!index) throw new Error(errors.join('\n') || 'Pagefind did not start');
    if (!hasMarkedPage(dist)) throw new Error(`no page in ${dist} has data-pagefind-body; the layouts lost their search markup`);
    const added = await index.addDirectory({ path: dist });
    if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
    const written = await index.writeFiles({ outputPath: out });
    if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
    for (const f of readdirSync(out)) if (UNUSED_FILES.test(f)) rmSync(join(out, f));
    const entry = JSON.parse(readFileSync(join(out, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    return { pages, htmlFiles: added.page_count, ...sizeOf(out), ms: performance.now() - started };
  } finally {
    await pagefind.close();
  }
}

/** A hash of every HTML page of `dist` (paths and bytes): the same pages give the same index. */
export function htmlDigest(dist: string): string {
  const hash = createHash('sha1').update(`${EXCLUDE_SELECTORS.join(',')}\0`);
  const files: string[] = [];
  for (const d of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (d.isFile() && d.name.endsWith('.html')) files.push(join(d.parentPath, d.name));
  }
  for (const f of files.sort()) hash.update(f.slice(dist.length)).update('\0').update(readFileSync(f));
  return hash.digest('hex');
}

/**
 * Puts the files of folder `from` into `to` as hard links: 10,000 index files in a fraction of the
 * 2.3 s a copy takes. Files are never changed in place (each build empties dist/ first, and the
 * cache is replaced as a whole), so sharing them is safe; across file systems it copies.
 */
export function linkTree(from: string, to: string): void {
  const made = new Set<string>();
  for (const d of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!d.isFile()) continue;
    const folder = join(to, d.parentPath.slice(from.length));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const src = join(d.parentPath, d.name);
    const dest = join(folder, d.name);
    try {
      linkSync(src, dest);
    } catch {
      copyFileSync(src, dest);
    }
  }
}

/**
 * The Astro integration: runs `indexSite` after the build and reports it. When every HTML page is
 * byte for byte what the last build indexed, the last index is copied instead (a rebuild with no
 * content change then costs a hash of the pages, not Pagefind's 2.5 ms a page).
 */
export function searchIndex(): AstroIntegration {
  let cacheRoot = '';
  return {
    name: 'grove:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheRoot = join(fileURLToPath(config.cacheDir), 'grove-pagefind');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        let report: PagefindReport;
        const started = performance.now();
        const digest = htmlDigest(dist);
        const cached = join(cacheRoot, digest);
        if (cacheRoot && existsSync(join(cached, 'pagefind-entry.json'))) {
          rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
          linkTree(cached, join(dist, 'pagefind'));
          const ms = performance.now() - started;
          addTiming('pagefind', ms);
          logger.info(`no page changed since the last index: reused it in ${(ms / 1000).toFixed(2)} s`);
          return;
        }
        try {
          report = await indexSite(dist);
        } catch (cause) {
          throw new Error(`Pagefind could not index ${dist}: ${(cause as Error).message}`, { cause });
        }
        if (cacheRoot) {
          rmSync(cacheRoot, { recursive: true, force: true });
          linkTree(join(dist, 'pagefind'), cached);
        }
        addTiming('pagefind', report.ms);
        logger.info(
          `indexed ${report.pages} pages (of ${report.htmlFiles} HTML files) in ${(report.ms / 1000).toFixed(2)} s: ${report.files} files, ${(report.bytes / 1024).toFixed(0)} KB in pagefind/`,
        );
      },
    },
  };
}
