/** Work on many items at once whose results must still be taken one by one, in order. */

/**
 * Runs `work` on every item, at most `limit` at a time, and hands each result to `done` in the items'
 * order (so problems, files and the store are written as a one-at-a-time run writes them).
 */
export async function inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, done: (item: T, result: R) => void): Promise<void> {
  const running: Array<Promise<R>> = [];
  let next = 0;
  for (let i = 0; i < items.length; i++) {
    while (next < items.length && next < i + Math.max(1, limit)) {
      const started = work(items[next++]!);
      // Its failure is thrown when its turn comes, not reported as unhandled before.
      started.catch(() => {});
      running.push(started);
    }
    done(items[i]!, await running[i]!);
    delete running[i];
  }
}
