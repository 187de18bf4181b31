/**
 * What `astro dev` does not watch. Vite watches the whole project folder; `.grove/` holds other
 * gardens (benchmark corpora of up to 100,000 pages, fetched repositories, reports) and build output
 * can sit beside the code, so watching it all runs out of the system's file watchers (ENOSPC) before
 * the first page is served. A path under `.grove/` or an output folder is left alone unless it is
 * inside one of the garden's own sources: a benchmark garden or a fetched repository being served
 * is still watched, so an edit to it shows.
 */
import { resolve } from 'node:path';
import { isWithin } from '../garden/core/folders.ts';

/**
 * A chokidar `ignored` function for Vite's `server.watch`: ignores `root/.grove/` and the given output
 * folders, except the sources' folders (and the folders above them, so the watcher can reach them).
 */
export function watchIgnored(root: string, sourceDirs: readonly string[], outDirs: readonly string[] = []): (path: string) => boolean {
  const quiet = [resolve(root, '.grove'), ...outDirs.map((d) => resolve(root, d))];
  const kept = sourceDirs.map((d) => resolve(d));
  return (path: string) => {
    const p = resolve(root, path);
    if (!quiet.some((q) => isWithin(p, q))) return false;
    return !kept.some((k) => isWithin(p, k) || isWithin(k, p));
  };
}
