/**
 * The reader's progress as data: what is stored in the browser, how an old or damaged value is
 * migrated or repaired, and every change a page can make to it. Pure functions, no DOM and no
 * storage (see storage.ts), so each rule is unit-tested (tests/unit/progress-store.test.ts).
 *
 * Stored as JSON under one key per site (`storageKey`), for example:
 *
 *   { "v": 1, "lessons": { "git-foundations/branches": {
 *       "done": "2026-03-14T09:30:00.000Z", "by": "check", "seen": "2026-03-14T09:12:00.000Z",
 *       "q": { "1f0c9a2e": { "n": 2, "ok": true, "at": "2026-03-14T09:29:00.000Z", "a": [1] } } } } }
 */

/**
 * The event progress.ts dispatches on `document` at every change the reader makes on the page, with
 * `{ before, after }` progress (src/client/xapi.ts listens, with the `xapi` setting).
 */
export const PROGRESS_EVENT = 'grove:progress';

/** The version of the stored shape this build writes. Raise it, and add a migration, when the shape changes. */
export const VERSION = 1;

/** What the export file says it is, so importing some other JSON file fails with a clear message. */
export const FILE_FORMAT = 'grove-progress';

/** The reader's attempts at one question. */
export interface Attempt {
  /** How many times they checked an answer. */
  n: number;
  /** Whether the latest answer was right. */
  ok: boolean;
  /** When they last checked (ISO 8601). */
  at: string;
  /** The option indexes of the latest answer, to show it again. */
  a: number[];
}

/** What is known about one lesson. */
export interface LessonRecord {
  /** When it was completed (ISO 8601); absent when it is not. */
  done?: string;
  /** How: the "Mark as complete" button or a passed knowledge check. */
  by?: 'button' | 'check';
  /** When it was last opened. */
  seen?: string;
  /** Attempts by question key (src/garden/render/check.ts `questionKey`). */
  q?: Record<string, Attempt>;
}

/** All progress on this device for one site. */
export interface Progress {
  v: typeof VERSION;
  /** By lesson id (`course/lesson`). */
  lessons: Record<string, LessonRecord>;
}

/** Why the reader is told something about their stored progress. */
export type Notice =
  /** Unreadable (not JSON, or not progress): started afresh. */
  | 'corrupt'
  /** Written by a newer version of the site, which this one cannot read: started afresh. */
  | 'newer'
  /** Readable, but some entries were damaged and were dropped. */
  | 'repaired';

/** A stored value, read. */
export interface Loaded {
  progress: Progress;
  notice?: Notice;
}

/** Turns a stored value of one version into the next: `MIGRATIONS[1]` makes a v1 value v2. */
export type Migration = (value: Record<string, unknown>) => Record<string, unknown>;

/** Every migration, by the version it upgrades from. Version 1 is the first: none yet. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** No progress. */
export function emptyProgress(): Progress {
  return { v: VERSION, lessons: {} };
}

/** The storage key for a site: one per site URL and base path, so two sites on one host keep apart. */
export function storageKey(namespace: string): string {
  return `grove.progress:${namespace}`;
}

/**
 * A site's namespace: its configured URL with the base path when it has one
 * (`https://intranet.example/learning/`), else the page's origin with the base path.
 */
export function namespaceOf(site: string | undefined, base: string, origin: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  try {
    if (site) return new URL(b, site).href;
  } catch {
    // A bad `site` fails the build long before this; fall back to the origin.
  }
  return origin + b;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1000;

/** Keeps the readable parts of a current-version value; counts what it had to drop. */
export function sanitize(value: Record<string, unknown>): { progress: Progress; dropped: number } {
  const progress = emptyProgress();
  let dropped = 0;
  if (!isObject(value.lessons)) return { progress, dropped: value.lessons === undefined ? 0 : 1 };
  for (const [id, raw] of Object.entries(value.lessons)) {
    if (!isObject(raw) || !/^[^/]+\/[^/]+$/.test(id)) {
      dropped++;
      continue;
    }
    const rec: LessonRecord = {};
    for (const [k, v] of Object.entries(raw)) {
      if ((k === 'done' || k === 'seen') && isTime(v)) rec[k] = v;
      else if (k === 'by' && (v === 'button' || v === 'check')) rec.by = v;
      else if (k === 'q' && isObject(v)) {
        for (const [key, a] of Object.entries(v)) {
          if (isObject(a) && Number.isInteger(a.n) && (a.n as number) > 0 && typeof a.ok === 'boolean' && isTime(a.at) && Array.isArray(a.a) && a.a.every(isIndex)) {
            (rec.q ??= {})[key] = { n: a.n as number, ok: a.ok, at: a.at, a: [...(a.a as number[])] };
          } else dropped++;
        }
      } else dropped++;
    }
    if (rec.by && !rec.done) delete rec.by;
    if (Object.keys(rec).length > 0) progress.lessons[id] = rec;
  }
  return { progress, dropped };
}

/**
 * Reads a stored value (`null` when there is none). Never throws: an older version is migrated step
 * by step, a damaged one repaired, and one that cannot be read is replaced by empty progress, with a
 * notice for the reader in the last two cases.
 */
export function loadProgress(raw: string | null, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, version: number = VERSION): Loaded {
  if (raw === null || raw === '') return { progress: emptyProgress() };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { progress: emptyProgress(), notice: 'corrupt' };
  }
  return fromValue(value, migrations, version);
}

/** As `loadProgress`, for a value already parsed. */
export function fromValue(value: unknown, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, version: number = VERSION): Loaded {
  if (!isObject(value) || !Number.isInteger(value.v) || (value.v as number) < 1) return { progress: emptyProgress(), notice: 'corrupt' };
  if ((value.v as number) > version) return { progress: emptyProgress(), notice: 'newer' };
  let current = value;
  for (let v = value.v as number; v < version; v++) {
    const step = migrations[v];
    try {
      if (!step) throw new Error(`no migration from version ${v}`);
      current = { ...step(current), v: v + 1 };
    } catch {
      return { progress: emptyProgress(), notice: 'corrupt' };
    }
  }
  const { progress, dropped } = sanitize(current);
  return dropped > 0 ? { progress, notice: 'repaired' } : { progress };
}

/** The text to store. */
export function serialize(p: Progress): string {
  return JSON.stringify(p);
}

const withLesson = (p: Progress, id: string, change: (r: LessonRecord) => LessonRecord | undefined): Progress => {
  const lessons = { ...p.lessons };
  const next = change({ ...lessons[id] });
  if (next && Object.keys(next).length > 0) lessons[id] = next;
  else delete lessons[id];
  return { ...p, lessons };
};

/** True when the lesson is completed. */
export function isDone(p: Progress, id: string): boolean {
  return p.lessons[id]?.done !== undefined;
}

/** Marks a lesson complete; the first completion's date is kept. */
export function markComplete(p: Progress, id: string, at: string, by: 'button' | 'check'): Progress {
  return withLesson(p, id, (r) => (r.done ? r : { ...r, done: at, by }));
}

/** Marks a lesson not complete (its attempts are kept). */
export function markIncomplete(p: Progress, id: string): Progress {
  return withLesson(p, id, ({ done: _done, by: _by, ...rest }) => rest);
}

/** Records that the reader opened a lesson, for "Continue". */
export function markSeen(p: Progress, id: string, at: string): Progress {
  return withLesson(p, id, (r) => ({ ...r, seen: at }));
}

/** Records one checked answer. */
export function recordAttempt(p: Progress, id: string, key: string, answer: readonly number[], ok: boolean, at: string): Progress {
  return withLesson(p, id, (r) => ({ ...r, q: { ...r.q, [key]: { n: (r.q?.[key]?.n ?? 0) + 1, ok, at, a: [...answer] } } }));
}

/** Forgets everything about a course's lessons: completions, visits and attempts. */
export function resetCourse(p: Progress, courseId: string): Progress {
  const prefix = `${courseId}/`;
  return { ...p, lessons: Object.fromEntries(Object.entries(p.lessons).filter(([id]) => !id.startsWith(prefix))) };
}

const earliest = (a?: string, b?: string) => (!a ? b : !b ? a : Date.parse(a) <= Date.parse(b) ? a : b);
const latest = (a?: string, b?: string) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * Combines two devices' progress (an import into what is here). Idempotent, so importing the same
 * file twice changes nothing: a lesson is complete if it is on either side, since the first
 * completion; the latest visit and the latest attempt at each question win.
 */
export function mergeProgress(here: Progress, there: Progress): Progress {
  const lessons: Record<string, LessonRecord> = { ...here.lessons };
  for (const [id, b] of Object.entries(there.lessons)) {
    const a = lessons[id];
    if (!a) {
      lessons[id] = b;
      continue;
    }
    const rec: LessonRecord = {};
    const done = earliest(a.done, b.done);
    if (done) {
      rec.done = done;
      rec.by = done === a.done ? a.by : b.by;
    }
    const seen = latest(a.seen, b.seen);
    if (seen) rec.seen = seen;
    const keys = new Set([...Object.keys(a.q ?? {}), ...Object.keys(b.q ?? {})]);
    for (const k of keys) {
      const x = a.q?.[k];
      const y = b.q?.[k];
      const newer = !x ? y! : !y ? x : Date.parse(y.at) > Date.parse(x.at) ? y : x;
      (rec.q ??= {})[k] = { ...newer, n: Math.max(x?.n ?? 0, y?.n ?? 0) };
    }
    lessons[id] = rec;
  }
  return { v: VERSION, lessons };
}

/** The contents of an export file. */
export function exportProgress(p: Progress, site: string, at: string): string {
  return `${JSON.stringify({ format: FILE_FORMAT, site, exported: at, v: p.v, lessons: p.lessons }, null, 2)}\n`;
}

/** The file name of an export: `grove-progress-2026-03-14.json`. */
export function exportFileName(at: string): string {
  return `grove-progress-${at.slice(0, 10)}.json`;
}

/** An import, read: the progress and the site it came from, or why it cannot be used. */
export type Imported = { ok: true; progress: Progress; site?: string; repaired: boolean } | { ok: false; reason: 'not-progress' | 'newer' };

/** Reads an export file's text. */
export function parseImport(text: string): Imported {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-progress' };
  }
  if (!isObject(value) || value.format !== FILE_FORMAT) return { ok: false, reason: 'not-progress' };
  const loaded = fromValue({ v: value.v, lessons: value.lessons });
  if (loaded.notice === 'newer') return { ok: false, reason: 'newer' };
  if (loaded.notice === 'corrupt') return { ok: false, reason: 'not-progress' };
  return { ok: true, progress: loaded.progress, site: typeof value.site === 'string' ? value.site : undefined, repaired: loaded.notice === 'repaired' };
}
