import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  exportFileName,
  exportProgress,
  FILE_FORMAT,
  isDone,
  loadProgress,
  markComplete,
  markIncomplete,
  markSeen,
  mergeProgress,
  namespaceOf,
  parseImport,
  recordAttempt,
  resetCourse,
  serialize,
  storageKey,
  VERSION,
  type Migration,
  type Progress,
} from '../../src/client/store.ts';

const T1 = '2026-03-14T09:00:00.000Z';
const T2 = '2026-03-15T10:00:00.000Z';
const T3 = '2026-03-16T11:00:00.000Z';

/** Progress with the given lesson records. */
const P = (lessons: Progress['lessons']): Progress => ({ v: VERSION, lessons });

describe('namespace and key', () => {
  it.each<[string | undefined, string, string, string]>([
    [undefined, '/', 'http://localhost:4321', 'http://localhost:4321/'],
    [undefined, '/learning/', 'https://intranet.example', 'https://intranet.example/learning/'],
    [undefined, '/learning', 'https://intranet.example', 'https://intranet.example/learning/'],
    ['https://learn.example.com/', '/learning/', 'http://localhost:4321', 'https://learn.example.com/learning/'],
    ['https://learn.example.com/old/path/', '/learning/', 'http://x', 'https://learn.example.com/learning/'],
  ])('site %j, base %j on %s → %s', (site, base, origin, expected) => {
    expect(namespaceOf(site, base, origin)).toBe(expected);
  });

  it('two sites on one host get two keys', () => {
    expect(storageKey(namespaceOf(undefined, '/learning/', 'https://x'))).not.toBe(storageKey(namespaceOf(undefined, '/handbook/', 'https://x')));
    expect(storageKey('https://x/learning/')).toBe('grove.progress:https://x/learning/');
  });
});

describe('loading a stored value: migrate, repair or reset, never throw', () => {
  it('nothing stored is empty progress, without a notice', () => {
    expect(loadProgress(null)).toEqual({ progress: emptyProgress() });
    expect(loadProgress('')).toEqual({ progress: emptyProgress() });
  });

  it('a good value reads back as it was written', () => {
    const p = markComplete(recordAttempt(P({}), 'git/a', 'k1', [1], true, T1), 'git/a', T2, 'check');
    expect(loadProgress(serialize(p))).toEqual({ progress: p });
  });

  it.each([
    ['not JSON', '{"v": 1, "lessons": {'],
    ['JSON but not an object', '[1, 2]'],
    ['null', 'null'],
    ['no version', '{"lessons": {}}'],
    ['a version that is not a number', '{"v": "1", "lessons": {}}'],
    ['version 0', '{"v": 0, "lessons": {}}'],
  ])('%s: reset, with the "corrupt" notice', (_why, raw) => {
    expect(loadProgress(raw)).toEqual({ progress: emptyProgress(), notice: 'corrupt' });
  });

  it('a newer version than this build knows: reset, with the "newer" notice', () => {
    expect(loadProgress(JSON.stringify({ v: VERSION + 1, lessons: { 'git/a': { done: T1 } } }))).toEqual({ progress: emptyProgress(), notice: 'newer' });
  });

  it('damaged entries are dropped and the rest kept, with the "repaired" notice', () => {
    const raw = JSON.stringify({
      v: 1,
      lessons: {
        'git/a': { done: T1, by: 'button', seen: 'yesterday', extra: 1 },
        'git/b': 'done',
        'no-slash': { done: T1 },
        'git/c': { by: 'check', q: { k1: { n: 1, ok: true, at: T1, a: [0] }, k2: { n: 0, ok: true, at: T1, a: [0] }, k3: { n: 1, ok: 'yes', at: T1, a: [0] } } },
        'git/d': { q: { k: { n: 1, ok: false, at: T1, a: [-1] } } },
      },
    });
    expect(loadProgress(raw)).toEqual({
      progress: P({ 'git/a': { done: T1, by: 'button' }, 'git/c': { q: { k1: { n: 1, ok: true, at: T1, a: [0] } } } }),
      notice: 'repaired',
    });
  });

  it('lessons that are not a mapping: nothing kept, "repaired"', () => {
    expect(loadProgress('{"v": 1, "lessons": []}')).toEqual({ progress: emptyProgress(), notice: 'repaired' });
  });

  describe('migrations (with a made-up version 3 and its two steps)', () => {
    const steps: Record<number, Migration> = {
      // v1 → v2: `completed` became `lessons`
      1: (v) => ({ lessons: v.completed }),
      // v2 → v3: nothing to change in the lessons
      2: (v) => v,
    };

    it('an old value is upgraded step by step, silently', () => {
      const loaded = loadProgress(JSON.stringify({ v: 1, completed: { 'git/a': { done: T1 } } }), steps, 3);
      expect(loaded).toEqual({ progress: { v: VERSION, lessons: { 'git/a': { done: T1 } } } });
    });

    it('a missing step resets with the "corrupt" notice', () => {
      expect(loadProgress('{"v": 1, "completed": {}}', { 1: steps[1]! }, 3).notice).toBe('corrupt');
    });

    it('a step that throws resets with the "corrupt" notice', () => {
      const throwing: Record<number, Migration> = {
        1: () => {
          throw new Error('bad');
        },
        2: (v) => v,
      };
      expect(loadProgress('{"v": 1}', throwing, 3)).toEqual({ progress: emptyProgress(), notice: 'corrupt' });
    });
  });
});

describe('changes', () => {
  it('completing keeps the first completion date; undoing keeps the attempts', () => {
    let p = markComplete(P({}), 'git/a', T1, 'check');
    p = markComplete(p, 'git/a', T2, 'button');
    expect(p.lessons['git/a']).toEqual({ done: T1, by: 'check' });
    p = recordAttempt(p, 'git/a', 'k', [0], true, T2);
    p = markIncomplete(p, 'git/a');
    expect(isDone(p, 'git/a')).toBe(false);
    expect(p.lessons['git/a']).toEqual({ q: { k: { n: 1, ok: true, at: T2, a: [0] } } });
  });

  it('undoing a lesson with nothing else recorded removes it', () => {
    expect(markIncomplete(markComplete(P({}), 'git/a', T1, 'button'), 'git/a')).toEqual(P({}));
  });

  it('attempts count up and keep the latest answer', () => {
    let p = recordAttempt(P({}), 'git/a', 'k', [0, 2], false, T1);
    p = recordAttempt(p, 'git/a', 'k', [1], true, T2);
    expect(p.lessons['git/a']!.q).toEqual({ k: { n: 2, ok: true, at: T2, a: [1] } });
  });

  it('changes return new progress and leave the old one alone', () => {
    const before = P({ 'git/a': { seen: T1 } });
    const copy = structuredClone(before);
    markSeen(before, 'git/a', T2);
    markComplete(before, 'git/b', T2, 'button');
    recordAttempt(before, 'git/a', 'k', [0], true, T2);
    expect(before).toEqual(copy);
  });

  it('resetting a course forgets its lessons only, not a course whose id starts the same', () => {
    const p = P({ 'git/a': { done: T1 }, 'git/b': { seen: T1 }, 'git-advanced/a': { done: T1 }, 'sql/a': { done: T1 } });
    expect(Object.keys(resetCourse(p, 'git').lessons)).toEqual(['git-advanced/a', 'sql/a']);
  });
});

describe("merging another device's progress (import)", () => {
  const here = P({
    'git/a': { done: T2, by: 'button', seen: T2, q: { k1: { n: 2, ok: true, at: T2, a: [1] } } },
    'git/b': { seen: T1 },
  });
  const there = P({
    'git/a': { done: T1, by: 'check', seen: T1, q: { k1: { n: 3, ok: false, at: T1, a: [0] }, k2: { n: 1, ok: true, at: T3, a: [2] } } },
    'git/b': { done: T3, by: 'button', seen: T3 },
    'sql/a': { seen: T1 },
  });

  it('the earliest completion, the latest visit and the latest attempt win; counts take the larger', () => {
    expect(mergeProgress(here, there)).toEqual(
      P({
        'git/a': { done: T1, by: 'check', seen: T2, q: { k1: { n: 3, ok: true, at: T2, a: [1] }, k2: { n: 1, ok: true, at: T3, a: [2] } } },
        'git/b': { done: T3, by: 'button', seen: T3 },
        'sql/a': { seen: T1 },
      }),
    );
  });

  it('is idempotent: importing the same file twice changes nothing more', () => {
    const once = mergeProgress(here, there);
    expect(mergeProgress(once, there)).toEqual(once);
  });

  it('merging into nothing gives the import', () => {
    expect(mergeProgress(emptyProgress(), there)).toEqual(there);
  });
});

describe('export and import files', () => {
  const p = markComplete(recordAttempt(P({}), 'git/a', 'k', [1], true, T1), 'git/a', T1, 'check');

  it('an export reads back into the same progress, with its site', () => {
    const text = exportProgress(p, 'https://intranet.example/learning/', T2);
    expect(JSON.parse(text)).toMatchObject({ format: FILE_FORMAT, site: 'https://intranet.example/learning/', exported: T2, v: VERSION });
    expect(parseImport(text)).toEqual({ ok: true, progress: p, site: 'https://intranet.example/learning/', repaired: false });
  });

  it('the file is named by the date', () => {
    expect(exportFileName(T2)).toBe('grove-progress-2026-03-15.json');
  });

  it.each([
    ['not JSON', 'lessons: none'],
    ['some other JSON file', '{"name": "grove", "version": "0.1.0"}'],
    ['progress without the format marker', serialize(p)],
    ['a marker but no version', `{"format": "${FILE_FORMAT}", "lessons": {}}`],
  ])('%s is refused as not progress', (_why, text) => {
    expect(parseImport(text)).toEqual({ ok: false, reason: 'not-progress' });
  });

  it('a file from a newer version is refused as such', () => {
    expect(parseImport(JSON.stringify({ format: FILE_FORMAT, v: VERSION + 1, lessons: {} }))).toEqual({ ok: false, reason: 'newer' });
  });

  it('a file with damaged entries imports the rest, and says so', () => {
    const text = JSON.stringify({ format: FILE_FORMAT, v: 1, lessons: { 'git/a': { done: T1 }, 'git/b': { done: 'soon' } } });
    expect(parseImport(text)).toEqual({ ok: true, progress: P({ 'git/a': { done: T1 } }), site: undefined, repaired: true });
  });
});
