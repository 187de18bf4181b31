/**
 * The browser's queue of xAPI statements not yet accepted by the LRS (docs/lms.md, "xAPI from the
 * site"). Kept in localStorage, so statements made offline, or when the LRS is down, are sent on a
 * later page or visit; at most `limit` of them (the oldest go first). Each statement has its id from
 * the browser, so sending one twice (a retry after a lost answer, two tabs sending at once) stores it
 * once: the LRS keeps one statement per id. Storage, `fetch` and the clock are given, so the rules
 * are unit-tested (tests/unit/xapi-queue.test.ts).
 */
import type { Statement } from './xapi-statements.ts';

/** What is stored. */
export interface QueueState {
  items: Statement[];
  /** Failed sends in a row; the next waits `backoff(failures)`. */
  failures: number;
  /** Not before this time (ms since the epoch). */
  nextAt: number;
  /** Statements dropped because the queue was full, or refused by the LRS for good. */
  dropped: number;
}

export const emptyQueue = (): QueueState => ({ items: [], failures: 0, nextAt: 0, dropped: 0 });

/** Statements sent in one request at most. */
export const BATCH = 50;
const FIRST_WAIT = 5_000;
const LONGEST_WAIT = 10 * 60_000;

/** How long to wait after `failures` failed sends in a row: 5 s, 10 s, 20 s … at most 10 minutes. */
export function backoff(failures: number): number {
  return failures <= 0 ? 0 : Math.min(LONGEST_WAIT, FIRST_WAIT * 2 ** (failures - 1));
}

/** What an LRS answer means for the batch: stored, to send again later, or never to be stored. */
export function outcomeOf(status: number): 'sent' | 'retry' | 'drop' {
  // 409: a statement with that id is stored already (an earlier send that seemed to fail).
  if ((status >= 200 && status < 300) || status === 409) return 'sent';
  // Refused as malformed or too large: sending it again cannot help, and would block the rest.
  if (status === 400 || status === 413 || status === 422) return 'drop';
  // 401/403 (a credential the proxy or LRS will fix), 404 (a proxy not yet set up), 408, 429, 5xx.
  return 'retry';
}

/** Reads a stored queue; anything unreadable is an empty one. */
export function parseQueue(raw: string | null): QueueState {
  try {
    const v = JSON.parse(raw ?? '') as Partial<QueueState>;
    if (!v || !Array.isArray(v.items)) return emptyQueue();
    return {
      items: v.items.filter((s) => s && typeof s === 'object' && typeof s.id === 'string'),
      failures: Number.isInteger(v.failures) ? v.failures! : 0,
      nextAt: Number.isFinite(v.nextAt) ? v.nextAt! : 0,
      dropped: Number.isInteger(v.dropped) ? v.dropped! : 0,
    };
  } catch {
    return emptyQueue();
  }
}

/** The queue with statements added at the end, the oldest dropped beyond `limit`. */
export function enqueue(q: QueueState, statements: readonly Statement[], limit: number): QueueState {
  const items = [...q.items, ...statements];
  const over = Math.max(0, items.length - limit);
  return { ...q, items: items.slice(over), dropped: q.dropped + over };
}

/** The queue after sending `sent` (ids) with `outcome`, at time `now`. */
export function afterSend(q: QueueState, sent: ReadonlySet<string>, outcome: 'sent' | 'retry' | 'drop', now: number): QueueState {
  if (outcome === 'retry') {
    const failures = q.failures + 1;
    return { ...q, failures, nextAt: now + backoff(failures) };
  }
  const items = q.items.filter((s) => !sent.has(s.id));
  return { ...q, items, failures: 0, nextAt: 0, dropped: q.dropped + (outcome === 'drop' ? q.items.length - items.length : 0) };
}

/** Where the queue is kept: one string. */
export interface QueueStore {
  read(): string | null;
  write(value: string): boolean;
}

/** What the queue needs from the page. */
export interface QueueHost {
  store: QueueStore;
  /** POSTs the statements; resolves with the HTTP status, rejects when offline or unreachable. */
  post(statements: Statement[]): Promise<number>;
  now(): number;
  online(): boolean;
  /** Calls `fn` after `ms` (the page's setTimeout). */
  later(fn: () => void, ms: number): void;
}

/** The queue of one site in one browser. */
export class StatementQueue {
  private sending = false;
  private timer = false;
  private readonly host: QueueHost;
  private readonly limit: number;

  constructor(host: QueueHost, limit: number) {
    this.host = host;
    this.limit = limit;
  }

  /** The stored queue, as it is now (another tab may have changed it). */
  state(): QueueState {
    return parseQueue(this.host.store.read());
  }

  private save(q: QueueState): void {
    // A full storage: keep the newer half rather than nothing.
    if (!this.host.store.write(JSON.stringify(q))) {
      const half = q.items.slice(Math.floor(q.items.length / 2));
      this.host.store.write(JSON.stringify({ ...q, items: half, dropped: q.dropped + q.items.length - half.length }));
    }
  }

  /** Keeps statements, then tries to send. */
  add(statements: readonly Statement[]): Promise<void> {
    if (statements.length) this.save(enqueue(this.state(), statements, this.limit));
    return this.flush();
  }

  /** Sends what is queued, a batch at a time, unless offline or waiting after a failure. `force` skips the wait (back online). */
  async flush(force = false): Promise<void> {
    if (this.sending || !this.host.online()) return;
    let q = this.state();
    if (force && q.nextAt) this.save((q = { ...q, nextAt: 0 }));
    const wait = q.nextAt - this.host.now();
    if (wait > 0) return this.retryIn(wait);
    this.sending = true;
    try {
      while (q.items.length) {
        const batch = q.items.slice(0, BATCH);
        let outcome: 'sent' | 'retry' | 'drop';
        try {
          outcome = outcomeOf(await this.host.post(batch));
        } catch {
          outcome = 'retry';
        }
        q = afterSend(this.state(), new Set(batch.map((s) => s.id)), outcome, this.host.now());
        this.save(q);
        if (outcome === 'retry') return this.retryIn(q.nextAt - this.host.now());
      }
    } finally {
      this.sending = false;
    }
  }

  private retryIn(ms: number): void {
    if (this.timer) return;
    this.timer = true;
    this.host.later(() => {
      this.timer = false;
      void this.flush();
    }, ms);
  }
}
