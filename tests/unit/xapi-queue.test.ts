import { describe, expect, it } from 'vitest';
import { afterSend, backoff, BATCH, emptyQueue, enqueue, outcomeOf, parseQueue, StatementQueue, type QueueHost, type QueueState } from '../../src/client/xapi-queue.ts';
import type { Statement } from '../../src/client/xapi-statements.ts';

const st = (id: string) => ({ id }) as Statement;
const ids = (q: QueueState) => q.items.map((s) => s.id);

describe('the rules', () => {
  it.each([
    [0, 0],
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [8, 600_000],
    [30, 600_000],
  ])('after %i failures in a row, wait %i ms', (failures, ms) => {
    expect(backoff(failures)).toBe(ms);
  });

  it.each([
    [200, 'sent'],
    [204, 'sent'],
    [409, 'sent'],
    [400, 'drop'],
    [413, 'drop'],
    [401, 'retry'],
    [403, 'retry'],
    [404, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ])('an answer %i means %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });

  it.each([
    ['nothing stored', null, emptyQueue()],
    ['not JSON', '{oops', emptyQueue()],
    ['no items', '{"failures":2}', emptyQueue()],
    ['items without ids dropped', '{"items":[{"id":"a"},{"x":1},null],"failures":2,"nextAt":99,"dropped":1}', { items: [st('a')], failures: 2, nextAt: 99, dropped: 1 }],
  ])('parseQueue: %s', (_, raw, expected) => {
    expect(parseQueue(raw)).toEqual(expected);
  });

  it.each([
    ['under the limit', ['a'], ['b', 'c'], 5, ['a', 'b', 'c'], 0],
    ['over it: the oldest go', ['a', 'b'], ['c', 'd'], 3, ['b', 'c', 'd'], 1],
    ['a batch larger than the limit', [], ['a', 'b', 'c', 'd'], 2, ['c', 'd'], 2],
  ])('enqueue: %s', (_, had, add, limit, kept, dropped) => {
    const q = enqueue({ ...emptyQueue(), items: had.map(st) }, add.map(st), limit);
    expect([ids(q), q.dropped]).toEqual([kept, dropped]);
  });

  it.each([
    ['sent: removed, failures reset', 'sent', ['c'], 0, 0, 0],
    ['dropped: removed and counted', 'drop', ['c'], 0, 0, 2],
    ['retry: kept, the wait doubles', 'retry', ['a', 'b', 'c'], 2, 1_000 + 10_000, 0],
  ] as const)('afterSend: %s', (_, outcome, kept, failures, nextAt, dropped) => {
    const q = afterSend({ items: ['a', 'b', 'c'].map(st), failures: 1, nextAt: 0, dropped: 0 }, new Set(['a', 'b']), outcome, 1_000);
    expect([ids(q), q.failures, q.nextAt, q.dropped]).toEqual([kept, failures, nextAt, dropped]);
  });
});

/** A page for the queue: storage in a variable, an LRS that answers `answers` in turn, a clock and timers the test moves. */
function fakePage(answers: Array<number | 'offline'> = []) {
  const page = {
    stored: null as string | null,
    online: true,
    time: 0,
    timers: [] as Array<{ at: number; fn: () => void }>,
    posts: [] as string[][],
    /** What the LRS holds: one statement per id, as an LRS keeps them. */
    lrs: new Set<string>(),
  };
  const host: QueueHost = {
    store: { read: () => page.stored, write: (v) => ((page.stored = v), true) },
    post: async (statements) => {
      page.posts.push(statements.map((s) => s.id));
      const answer = answers.shift() ?? 200;
      if (answer === 'offline') throw new TypeError('Failed to fetch');
      if (answer < 300) for (const s of statements) page.lrs.add(s.id);
      return answer;
    },
    now: () => page.time,
    online: () => page.online,
    later: (fn, ms) => void page.timers.push({ at: page.time + ms, fn }),
  };
  /** Moves the clock on and runs the timers due. */
  const advance = async (ms: number) => {
    page.time += ms;
    for (const t of page.timers.filter((t) => t.at <= page.time)) {
      page.timers.splice(page.timers.indexOf(t), 1);
      t.fn();
    }
    await new Promise((r) => setTimeout(r, 0));
  };
  return { page, host, advance };
}

describe('StatementQueue', () => {
  it('sends at once when online, and keeps nothing', async () => {
    const { page, host } = fakePage();
    const queue = new StatementQueue(host, 100);
    await queue.add([st('a'), st('b')]);
    expect(page.posts).toEqual([['a', 'b']]);
    expect(queue.state().items).toEqual([]);
  });

  it('offline, keeps the statements (in storage: a new page finds them) and sends them once when back online', async () => {
    const { page, host } = fakePage();
    page.online = false;
    await new StatementQueue(host, 100).add([st('a')]);
    await new StatementQueue(host, 100).add([st('b')]);
    expect(page.posts).toEqual([]);
    expect(ids(parseQueue(page.stored))).toEqual(['a', 'b']);
    page.online = true;
    const later = new StatementQueue(host, 100);
    await later.flush(true);
    await later.flush(true);
    expect(page.posts).toEqual([['a', 'b']]);
  });

  it('retries with backoff after a failure, with the same ids, so the LRS holds each once', async () => {
    const { page, host, advance } = fakePage(['offline', 503, 200]);
    const queue = new StatementQueue(host, 100);
    await queue.add([st('a')]);
    expect(page.timers.map((t) => t.at)).toEqual([5_000]);
    await advance(4_999);
    expect(page.posts.length).toBe(1);
    await advance(1);
    expect(page.posts).toEqual([['a'], ['a']]);
    expect(page.timers.map((t) => t.at)).toEqual([15_000]);
    // A statement made meanwhile waits for the same turn, and goes in the same request.
    await queue.add([st('b')]);
    expect(page.posts.length).toBe(2);
    await advance(10_000);
    expect(page.posts).toEqual([['a'], ['a'], ['a', 'b']]);
    expect([...page.lrs]).toEqual(['a', 'b']);
    expect(queue.state()).toEqual(emptyQueue());
  });

  it('back online, sends at once without waiting out the backoff', async () => {
    const { page, host } = fakePage(['offline']);
    const queue = new StatementQueue(host, 100);
    await queue.add([st('a')]);
    expect(queue.state().nextAt).toBe(5_000);
    await queue.flush(true);
    expect(page.posts).toEqual([['a'], ['a']]);
    expect(queue.state().items).toEqual([]);
  });

  it('sends in batches, and drops a batch the LRS refuses as malformed without blocking the rest', async () => {
    const { page, host } = fakePage([400]);
    page.online = false;
    const queue = new StatementQueue(host, 1000);
    await queue.add(Array.from({ length: BATCH + 3 }, (_, i) => st(`s${i}`)));
    page.online = true;
    await queue.flush();
    expect(page.posts.map((p) => p.length)).toEqual([BATCH, 3]);
    expect(queue.state()).toMatchObject({ items: [], dropped: BATCH });
  });

  it('keeps at most its limit, the newest', async () => {
    const { page, host } = fakePage();
    page.online = false;
    const queue = new StatementQueue(host, 10);
    for (let i = 0; i < 25; i++) await queue.add([st(`s${i}`)]);
    expect(ids(queue.state())).toEqual(Array.from({ length: 10 }, (_, i) => `s${i + 15}`));
    expect(queue.state().dropped).toBe(15);
  });

  it('a full storage keeps the newer half rather than nothing', async () => {
    const { page, host } = fakePage();
    page.online = false;
    let refuse = false;
    host.store.write = (v) => {
      if (refuse && parseQueue(v).items.length > 2) return false;
      page.stored = v;
      return true;
    };
    const queue = new StatementQueue(host, 100);
    await queue.add([st('a'), st('b')]);
    refuse = true;
    await queue.add([st('c'), st('d')]);
    expect(ids(queue.state())).toEqual(['c', 'd']);
    expect(queue.state().dropped).toBe(2);
  });
});
