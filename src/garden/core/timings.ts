/**
 * Phase timings of one build, for the benchmark and the build log. Kept on `globalThis` because the
 * settings, the content loader and the integrations run in different module graphs of one process.
 */

/** Milliseconds spent per phase, in the order phases first ran. */
export type Timings = Record<string, number>;

const KEY = Symbol.for('grove.timings');

/** This build's timings so far. */
export function timings(): Timings {
  const g = globalThis as Record<symbol, Timings>;
  return (g[KEY] ??= {});
}

/** Adds `ms` to a phase. */
export function addTiming(phase: string, ms: number): void {
  const t = timings();
  t[phase] = (t[phase] ?? 0) + ms;
}

/** Runs `fn`, adding its duration to `phase`. */
export function timed<T>(phase: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    addTiming(phase, performance.now() - start);
  }
}

/** Runs async `fn`, adding its duration to `phase`. */
export async function timedAsync<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    addTiming(phase, performance.now() - start);
  }
}
