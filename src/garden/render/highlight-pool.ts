/**
 * Code highlighting on other threads. Shiki is the largest single cost of rendering a garden (about
 * 1 ms a code block in two themes: 10 s or more of a 10,000-page cold build on one core), and the rest of the render
 * (Sätteri, Grove's plugins) is not waiting for it, so a build with many pages to render highlights in
 * worker threads (./highlight-worker.ts) while the main thread renders the next pages. The threads
 * make exactly what the main thread would: the same function from the same settings.
 *
 * Anything that stops a thread (a Node without TypeScript support for workers, a thread that dies)
 * sends its blocks, and every later one, to the main thread's highlighter: slower, never different.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A highlighter as `@astrojs/markdown-satteri` makes it: a code block to its hast element. */
export type HighlightFn = (code: string, lang: string, meta?: string) => unknown;

/** The Markdown settings a highlighter is made from (Astro's `markdown.syntaxHighlight` and `shikiConfig`). */
export interface HighlightSettings {
  syntaxHighlight: unknown;
  shikiConfig: unknown;
}

export interface HighlightRequest {
  id: number;
  code: string;
  lang: string;
  meta?: string;
}

export type HighlightReply = { id: number; node: unknown } | { id: number; error: string };

/** Threads a pool starts: the cores left beside the main thread, at least one, at most four. */
export function poolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

export interface HighlightPool {
  highlight: HighlightFn;
  /** Threads started, and the blocks highlighted on them and on the main thread (after a thread failed, or with none). */
  readonly threads: number;
  readonly threaded: number;
  readonly local: number;
  /** Stops the threads (blocks still waiting are highlighted on the main thread); a pool's user must call it, as the threads keep the process alive. */
  close(): Promise<void>;
}

/**
 * A pool of `size` highlighting threads made from `settings`; `local` is the main thread's own
 * highlighter, used when the settings cannot be sent to a thread (Shiki transformers are functions)
 * and for whatever a thread could not do.
 */
export function highlightPool(settings: HighlightSettings, local: HighlightFn, size = poolSize(), workerUrl = new URL('./highlight-worker.ts', import.meta.url)): HighlightPool {
  let threaded = 0;
  let locally = 0;
  const onMain: HighlightFn = (code, lang, meta) => {
    locally++;
    return local(code, lang, meta);
  };
  try {
    structuredClone(settings);
  } catch {
    return {
      highlight: onMain,
      threads: 0,
      threaded: 0,
      get local() {
        return locally;
      },
      close: async () => {},
    };
  }
  type Waiting = { request: HighlightRequest; resolve: (node: unknown) => void; reject: (err: Error) => void };
  const threads: Array<{ worker: Worker; waiting: Map<number, Waiting> }> = [];
  let broken = false;
  let next = 0;
  const fallBack = (w: Waiting) => Promise.resolve(onMain(w.request.code, w.request.lang, w.request.meta)).then(w.resolve, w.reject);
  const stop = (thread: (typeof threads)[number]) => {
    const i = threads.indexOf(thread);
    if (i >= 0) threads.splice(i, 1);
    for (const w of thread.waiting.values()) fallBack(w);
    thread.waiting.clear();
  };
  for (let i = 0; i < size; i++) {
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { workerData: settings });
    } catch {
      broken = true;
      break;
    }
    const thread = { worker, waiting: new Map<number, Waiting>() };
    threads.push(thread);
    worker.on('message', (reply: HighlightReply) => {
      const w = thread.waiting.get(reply.id);
      if (!w) return;
      thread.waiting.delete(reply.id);
      threaded++;
      if ('error' in reply) w.reject(new Error(reply.error));
      else w.resolve(reply.node);
    });
    worker.on('error', () => stop(thread));
    worker.on('exit', () => stop(thread));
  }
  let id = 0;
  const started = threads.length;
  return {
    threads: started,
    get threaded() {
      return threaded;
    },
    get local() {
      return locally;
    },
    highlight(code, lang, meta) {
      const thread = broken || threads.length === 0 ? undefined : threads[next++ % threads.length];
      if (!thread) return onMain(code, lang, meta);
      return new Promise((resolve, reject) => {
        const request: HighlightRequest = { id: id++, code, lang, ...(meta === undefined ? {} : { meta }) };
        thread.waiting.set(request.id, { request, resolve, reject });
        thread.worker.postMessage(request);
      });
    },
    async close() {
      await Promise.all([...threads].map((t) => t.worker.terminate()));
    },
  };
}
