/**
 * The rendered HTML of each Markdown page, kept in files of the build cache beside Astro's content
 * store rather than inside it. Astro writes its store as one serialized string, reads it back and
 * bundles it into the build as a module: with every page's HTML in it, that is several copies of all
 * the garden's HTML in memory at once (a quarter of a 10,000-page build's peak) and, near 100,000
 * pages, a string longer than JavaScript allows. Here the store keeps only a page's file name; a page
 * reads its HTML when it is rendered, and lets it go.
 *
 * A file is named by the page's cache digest (what its HTML depends on), so a file never changes once
 * written: a page whose digest is unchanged finds its file, an edited page writes a new one, and what
 * no page names any more is removed at the end of each load.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the page files under a build's cache folder. */
export const PAGE_HTML_DIR = 'grove-html';

/** Where each page's HTML is kept, by its cache digest. */
export interface PageHtmlFiles {
  /** The file of a digest: `<cache>/grove-html/<first two>/<digest>.html`. */
  fileOf(digest: string): string;
  /** Writes a page's HTML (once: the name says what it holds). */
  write(digest: string, html: string): string;
  /** Removes every page file whose digest is not in `keep`; returns how many it removed. */
  prune(keep: ReadonlySet<string>): number;
}

const SAFE_DIGEST = /^[A-Za-z0-9_-]{4,128}$/;

/** The page files of the build cache `cacheDir` (a path or a `file:` URL, as Astro's config gives it). */
export function pageHtmlFiles(cacheDir: string | URL): PageHtmlFiles {
  const root = join(typeof cacheDir === 'string' ? cacheDir : fileURLToPath(cacheDir), PAGE_HTML_DIR);
  const made = new Set<string>();
  const fileOf = (digest: string): string => {
    if (!SAFE_DIGEST.test(digest)) throw new Error(`not a page digest: ${JSON.stringify(digest)}`);
    return join(root, digest.slice(0, 2), `${digest}.html`);
  };
  return {
    fileOf,
    write(digest, html) {
      const file = fileOf(digest);
      const dir = join(root, digest.slice(0, 2));
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(file, html);
      return file;
    },
    prune(keep) {
      if (!existsSync(root)) return 0;
      let removed = 0;
      for (const dir of readdirSync(root)) {
        for (const name of readdirSync(join(root, dir))) {
          if (!keep.has(name.replace(/\.html$/, ''))) {
            rmSync(join(root, dir, name), { force: true });
            removed++;
          }
        }
      }
      return removed;
    },
  };
}

/** A page's HTML from its file; a missing file (a cache folder cleaned by hand) says how to recover. */
export function readPageHtml(file: string, page: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new Error(`the rendered HTML of ${page} is missing from the build cache (${file}); build again, or delete the cache folder to start afresh`);
  }
}
