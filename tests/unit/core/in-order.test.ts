import { describe, expect, it } from 'vitest';
import { inOrder } from '../../../src/garden/core/in-order.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inOrder', () => {
  it('hands results over in the items’ order though they finish out of it, with at most `limit` running', async () => {
    const items = [30, 5, 20, 1, 10, 0, 15];
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await inOrder(
      items,
      3,
      async (ms) => {
        most = Math.max(most, ++running);
        await sleep(ms);
        running--;
        return ms * 2;
      },
      (ms, doubled) => seen.push(ms, doubled),
    );
    expect(seen).toEqual(items.flatMap((ms) => [ms, ms * 2]));
    expect(most).toBe(3);
  });

  it('runs one at a time with a limit of 1 (or less), and throws the first failure in its turn', async () => {
    let running = 0;
    await inOrder(
      [1, 2, 3],
      0,
      async () => {
        expect(++running).toBe(1);
        await sleep(1);
        running--;
      },
      () => {},
    );
    const done: number[] = [];
    await expect(
      inOrder(
        [1, 2, 3],
        3,
        async (n) => {
          if (n === 2) throw new Error('two');
          return n;
        },
        (n) => done.push(n),
      ),
    ).rejects.toThrow('two');
    expect(done).toEqual([1]);
  });
});
