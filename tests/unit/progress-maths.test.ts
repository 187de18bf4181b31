import { describe, expect, it } from 'vitest';
import {
  changedSince,
  checkPassed,
  continueLearning,
  coursesInProgress,
  nextInSequence,
  pathLessons,
  stateOf,
  tally,
  type Curriculum,
  type CurriculumCourse,
} from '../../src/client/progress-maths.ts';
import { VERSION, type Progress } from '../../src/client/store.ts';

/** A time `n` minutes into a day, so tests read as an order of events. */
const at = (n: number) => new Date(Date.UTC(2026, 2, 14, 9, n)).toISOString();
const P = (lessons: Progress['lessons']): Progress => ({ v: VERSION, lessons });

const course = (id: string, slugs: string[], minutes = 10): CurriculumCourse => ({
  id,
  title: id.toUpperCase(),
  href: `/courses/${id}/`,
  lessons: slugs.map((s) => ({ id: `${id}/${s}`, title: s, href: `/courses/${id}/${s}/`, minutes })),
});
const git = course('git', ['a', 'b', 'c', 'd']);
const review = course('review', ['a', 'b']);
const sql = course('sql', ['a', 'b', 'c']);
const curriculum: Curriculum = {
  courses: [git, review, sql],
  paths: [{ id: 'onboarding', title: 'Onboarding', href: '/paths/onboarding/', courses: ['git', 'review'] }],
};
const ids = (n: ReturnType<typeof nextInSequence>) => (n ? [n.kind, n.lesson.id] : undefined);

describe('tally', () => {
  it('counts done lessons, minutes left, and when the last one was done', () => {
    const p = P({ 'git/a': { done: at(1) }, 'git/c': { done: at(5) }, 'git/d': { seen: at(6) }, 'other/x': { done: at(2) } });
    expect(tally(p, git.lessons)).toEqual({ done: 2, total: 4, minutesLeft: 20, estimatedLeft: false });
    expect(tally(P({ 'review/a': { done: at(3) }, 'review/b': { done: at(1) } }), review.lessons)).toEqual({
      done: 2,
      total: 2,
      minutesLeft: 0,
      estimatedLeft: false,
      completedAt: at(3),
    });
  });

  it('time left is "about" when an unfinished lesson is estimated', () => {
    const lessons = [
      { id: 'x/a', minutes: 5, estimated: true },
      { id: 'x/b', minutes: 7 },
    ];
    expect(tally(P({}), lessons).estimatedLeft).toBe(true);
    expect(tally(P({ 'x/a': { done: at(1) } }), lessons)).toMatchObject({ minutesLeft: 7, estimatedLeft: false });
  });

  it.each<[number, number, string]>([
    [0, 4, 'new'],
    [1, 4, 'started'],
    [4, 4, 'complete'],
    [0, 0, 'new'],
  ])('%i of %i done is %s', (done, total, state) => {
    expect(stateOf({ done, total, minutesLeft: 0, estimatedLeft: false })).toBe(state);
  });
});

describe('nextInSequence', () => {
  it.each<[string, Progress['lessons'], [string, string] | undefined]>([
    ['nothing done: start with the first lesson', {}, ['start', 'git/a']],
    ['the lesson last opened, when it is unfinished', { 'git/a': { done: at(1), seen: at(1) }, 'git/c': { seen: at(2) } }, ['continue', 'git/c']],
    ['after a completed lesson, the next unfinished one', { 'git/a': { done: at(1) }, 'git/b': { done: at(2) } }, ['continue', 'git/c']],
    ['skips done lessons ahead', { 'git/a': { done: at(1) }, 'git/c': { done: at(0) } }, ['continue', 'git/b']],
    ['wraps around to an unfinished lesson before it', { 'git/b': { done: at(1) }, 'git/c': { done: at(2) }, 'git/d': { done: at(3) } }, ['continue', 'git/a']],
    ['all done: nothing', { 'git/a': { done: at(1) }, 'git/b': { done: at(2) }, 'git/c': { done: at(3) }, 'git/d': { done: at(4) } }, undefined],
    ['activity in other courses does not count', { 'sql/a': { done: at(9) } }, ['start', 'git/a']],
  ])('%s', (_why, lessons, expected) => {
    expect(ids(nextInSequence(P(lessons), git.lessons))).toEqual(expected);
  });

  it('an empty course has no next lesson', () => {
    expect(nextInSequence(P({}), [])).toBeUndefined();
  });
});

describe('continueLearning (the home page)', () => {
  const next = (lessons: Progress['lessons']) => {
    const n = continueLearning(P(lessons), curriculum);
    return n && [n.kind, n.lesson.id, n.course.id];
  };

  it('nothing started: nothing to continue', () => {
    expect(next({})).toBeUndefined();
  });

  it('continues in the course last worked on', () => {
    expect(next({ 'git/a': { done: at(1) }, 'sql/a': { done: at(2) } })).toEqual(['continue', 'sql/b', 'sql']);
  });

  it('a finished course leads on to the next course of its path', () => {
    const gitDone = Object.fromEntries(git.lessons.map((l, i) => [l.id, { done: at(i) }]));
    expect(next(gitDone)).toEqual(['continue', 'review/a', 'review']);
  });

  it('a finished path falls back to another started, unfinished course, most recent first', () => {
    const pathDone = Object.fromEntries([...git.lessons, ...review.lessons].map((l) => [l.id, { done: at(10) }]));
    expect(next({ ...pathDone, 'sql/a': { done: at(1) } })).toEqual(['continue', 'sql/b', 'sql']);
  });

  it('everything started is finished: nothing', () => {
    const all = Object.fromEntries([...git.lessons, ...review.lessons].map((l) => [l.id, { done: at(10) }]));
    expect(next(all)).toBeUndefined();
  });

  it('lessons no longer in the curriculum are ignored', () => {
    expect(next({ 'gone/x': { done: at(50) }, 'sql/a': { done: at(1) } })).toEqual(['continue', 'sql/b', 'sql']);
  });
});

describe('lists and checks', () => {
  it('courses in progress, most recent first; finished and untouched ones left out', () => {
    const p = P({ 'git/a': { done: at(1) }, 'sql/a': { done: at(5) }, 'review/a': { done: at(2) }, 'review/b': { done: at(3) } });
    expect(coursesInProgress(p, curriculum).map((c) => c.id)).toEqual(['sql', 'git']);
  });

  it("a path's lessons run through its courses in order", () => {
    expect(pathLessons(curriculum, curriculum.paths[0]!).map((l) => l.id)).toEqual(['git/a', 'git/b', 'git/c', 'git/d', 'review/a', 'review/b']);
  });

  it('a check is passed when every question was last answered right', () => {
    const q = (ok: boolean) => ({ n: 1, ok, at: at(1), a: [0] });
    expect(checkPassed(P({ 'git/a': { q: { k1: q(true), k2: q(true) } } }), 'git/a', ['k1', 'k2'])).toBe(true);
    expect(checkPassed(P({ 'git/a': { q: { k1: q(true), k2: q(false) } } }), 'git/a', ['k1', 'k2'])).toBe(false);
    expect(checkPassed(P({ 'git/a': { q: { k1: q(true) } } }), 'git/a', ['k1', 'k2'])).toBe(false);
    expect(checkPassed(P({}), 'git/a', [])).toBe(false);
  });
});

describe('changedSince', () => {
  it('gives the day a completed lesson changed after the reader completed it, counting days as the reader lives them', () => {
    const p = P({ 'git/a': { done: new Date(2026, 2, 14, 9, 0).toISOString() }, 'git/b': { seen: at(1) } });
    expect(changedSince(p, 'git/a', '2026-03-15')).toBe('2026-03-15');
    // The same day may be before the completion: git dates are days, so it is not counted.
    expect(changedSince(p, 'git/a', '2026-03-14')).toBeUndefined();
    expect(changedSince(p, 'git/a', '2026-03-01')).toBeUndefined();
    // Not completed, no date, or a date that is not a day: nothing to say.
    expect(changedSince(p, 'git/b', '2026-04-01')).toBeUndefined();
    expect(changedSince(p, 'git/a', undefined)).toBeUndefined();
    expect(changedSince(p, 'git/a', 'soon')).toBeUndefined();
    expect(changedSince(p, 'git/x', '2026-04-01')).toBeUndefined();
  });
});
