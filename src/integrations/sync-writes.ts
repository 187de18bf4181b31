/**
 * Astro writes the pages it renders one at a time, each with awaited `fs.promises` calls: the page's
 * folder, the page, then the folder and the page again for its incremental-build cache. An awaited
 * call is a round trip through libuv's thread pool, and `writeFile` is three (open, write, close):
 * eight a page, during which Astro's one thread has nothing else to do. At 10,000 pages on this
 * project's 2-core machines that thread waited 7.5-8.5 s of 31-38 s of page rendering, where the same
 * calls made synchronously cost it about 1 s.
 *
 * While Astro writes the pages (between the prerenderer's setup and teardown), `fs.promises.mkdir` and
 * `fs.promises.writeFile` for a path inside the site's output folder or Astro's cache therefore do
 * their work synchronously and return a settled promise: the same files, the same errors (as a
 * rejection), in the same order. Every other call goes to Node's own. `GROVE_SYNC_WRITES=off` turns it off.
 */
import type { AstroPrerenderer } from 'astro';
import fs from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

type Promises = typeof fs.promises;

/** Counts of the calls made synchronously since `writeSynchronously`. */
export interface SyncWrites {
  mkdir: number;
  writeFile: number;
  /** Puts Node's own functions back. */
  restore(): void;
}

/** The absolute path a `fs` call names, or undefined for a file handle or descriptor. */
function pathOf(target: unknown): string | undefined {
  if (typeof target === 'string') return resolve(target);
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : undefined;
  if (Buffer.isBuffer(target)) return resolve(target.toString());
  return undefined;
}

/** Makes `fs.promises.mkdir` and `fs.promises.writeFile` synchronous for paths inside `roots` until `restore()`. */
export function writeSynchronously(roots: readonly string[]): SyncWrites {
  const promises = fs.promises as { -readonly [K in keyof Promises]: Promises[K] };
  const { mkdir, writeFile } = promises;
  const inside = roots.map((r) => resolve(r) + sep);
  const ours = (target: unknown): boolean => {
    const path = pathOf(target);
    return path !== undefined && inside.some((r) => path.startsWith(r) || `${path}${sep}` === r);
  };
  const counts: SyncWrites = {
    mkdir: 0,
    writeFile: 0,
    restore: () => {
      if (promises.mkdir === syncMkdir) promises.mkdir = mkdir;
      if (promises.writeFile === syncWriteFile) promises.writeFile = writeFile;
    },
  };
  const syncMkdir = function (this: unknown, ...args: Parameters<Promises['mkdir']>) {
    if (!ours(args[0])) return mkdir.apply(this, args);
    counts.mkdir++;
    try {
      return Promise.resolve(fs.mkdirSync(...args));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  } as Promises['mkdir'];
  const syncWriteFile = function (this: unknown, ...args: Parameters<Promises['writeFile']>) {
    const [file, data, options] = args;
    // A stream or an async iterable has to be awaited, and an abort signal honoured: those go to Node's own.
    const plain = typeof data === 'string' || ArrayBuffer.isView(data);
    const signal = typeof options === 'object' && options !== null && 'signal' in options && options.signal;
    if (!plain || signal || !ours(file)) return writeFile.apply(this, args);
    counts.writeFile++;
    try {
      fs.writeFileSync(file as fs.PathOrFileDescriptor, data, options as fs.WriteFileOptions);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  } as Promises['writeFile'];
  promises.mkdir = syncMkdir;
  promises.writeFile = syncWriteFile;
  return counts;
}

/** A prerenderer whose pages are written synchronously (see the top of this file) between its setup and teardown. */
export function syncWritingPrerenderer(inner: AstroPrerenderer, roots: readonly string[]): AstroPrerenderer {
  let writes: SyncWrites | undefined;
  return {
    ...inner,
    setup: async () => {
      await inner.setup?.();
      writes = writeSynchronously(roots);
    },
    teardown: async () => {
      writes?.restore();
      writes = undefined;
      await inner.teardown?.();
    },
  };
}
