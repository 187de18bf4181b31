/**
 * Reading pages ahead: while Astro and Vite start (2-3 s on one thread), a second thread reads the
 * sources' pages with `readEntry` (YAML, the schema, word counts: most of the sources phase, 3.5 of
 * 4.5 s at 10,000 pages) and hands the readings over as the entry cache keeps them; the loader then
 * takes each page's as it takes one from the cache (./entry-cache.ts) instead of reading it again.
 * The thread starts from the last page and the loader from the first, so they meet in between and
 * neither waits for the other: the loader takes what has arrived (synchronously,
 * `receiveMessageOnPort`) and reads the rest itself.
 *
 * A reading is named by everything it depends on (`readingKey`: the kind, what the page is told, its
 * bytes), so one made from files that changed meanwhile, or from settings the loader does not use, is
 * never taken. Pages the entry cache already knows are left to it. Nothing here can change what a build
 * gives: a thread that fails or is slow only leaves more to the loader.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ReadingsAhead } from './entry-cache.ts';

/** What the thread is given: the entry cache's file, the folder settings are read from, where to send readings, and a flag set to stop it. */
export interface ReadAheadData {
  cacheFile: string;
  cwd: string;
  port: MessagePort;
  stop: Int32Array;
}

/** A batch of readings the thread sends: each with its `readingKey`, as `keptOf` writes it. */
export type ReadAheadBatch = Array<[string, string]>;

/** Readings made ahead, until `stop` ends the thread (the loader calls it once its pages are read). */
export interface ReadAhead extends ReadingsAhead {
  stop(): void;
  /** Readings taken from the thread. */
  readonly taken: number;
  /** Settles when the thread has ended (all read, stopped, or failed). */
  readonly finished: Promise<void>;
}

/** Starts reading the pages of the settings in `cwd` ahead, on a thread; undefined when no thread can start. */
export function startReadingAhead(cacheFile: string, cwd = process.cwd(), workerUrl = new URL('./read-ahead-worker.ts', import.meta.url)): ReadAhead | undefined {
  const { port1, port2 } = new MessageChannel();
  const stop = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(workerUrl, { workerData: { cacheFile, cwd, port: port2, stop } satisfies ReadAheadData, transferList: [port2] });
  } catch {
    port1.close();
    return undefined;
  }
  // It never keeps the process alive, and a thread that fails leaves the reading to the loader.
  worker.unref();
  worker.on('error', () => undefined);
  const finished = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = new Map<string, string>();
  let done = false;
  let taken = 0;
  return {
    take(key) {
      if (done) return undefined;
      for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) for (const [k, reading] of m.message as ReadAheadBatch) ready.set(k, reading);
      const reading = ready.get(key);
      if (reading === undefined) return undefined;
      ready.delete(key);
      taken++;
      return reading;
    },
    stop() {
      if (done) return;
      done = true;
      Atomics.store(stop, 0, 1);
      ready.clear();
      port1.close();
      void worker.terminate();
    },
    get taken() {
      return taken;
    },
    finished,
  };
}

const KEY = Symbol.for('grove.readAhead');
const slot = (): { ahead?: ReadAhead } => ((globalThis as Record<symbol, { ahead?: ReadAhead }>)[KEY] ??= {});

/** Starts reading ahead for the next garden this process loads (src/integrations/read-ahead.ts calls it as Astro starts); a reading ahead not taken yet is stopped. */
export function readAheadForNextLoad(cacheFile: string, cwd = process.cwd()): void {
  const s = slot();
  s.ahead?.stop();
  s.ahead = startReadingAhead(cacheFile, cwd);
}

/** The reading ahead started for this load, if any, taken once (a later load reads for itself). */
export function takeReadAhead(): ReadAhead | undefined {
  const s = slot();
  const ahead = s.ahead;
  s.ahead = undefined;
  return ahead;
}
