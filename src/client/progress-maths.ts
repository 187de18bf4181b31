/**
 * Progress maths: how far a reader is through a course or path, and which lesson to continue with.
 * Pure functions over the stored progress and the curriculum a page embeds, unit-tested in
 * tests/unit/progress-maths.test.ts.
 */
import { isDone, type Progress } from './store.ts';

/** A lesson as pages describe it to the browser. */
export interface CurriculumLesson {
  /** `course/lesson`. */
  id: string;
  title: string;
  href: string;
  minutes: number;
  /** True when `minutes` is estimated from the text. */
  estimated?: boolean;
  /** Last updated, `YYYY-MM-DD` (git, or the `updated` field), when known. */
  updated?: string;
}

/** A course and its lessons, in order. */
export interface CurriculumCourse {
  id: string;
  title: string;
  href: string;
  lessons: CurriculumLesson[];
}

/** A path: its courses, in order, by id. */
export interface CurriculumPath {
  id: string;
  title: string;
  href: string;
  courses: string[];
}

/** What a page embeds (`<script type="application/json" data-grove-curriculum>`); several merge. */
export interface Curriculum {
  courses: CurriculumCourse[];
  paths: CurriculumPath[];
}

/** How far a reader is through some lessons. */
export interface Tally {
  done: number;
  total: number;
  /** Minutes of the lessons not yet completed. */
  minutesLeft: number;
  /** True when any of those minutes is an estimate. */
  estimatedLeft: boolean;
  /** When the last of them was completed, once all are. */
  completedAt?: string;
}

/** Counts completed lessons among `lessons` (lessons no longer in the course do not count). */
export function tally(p: Progress, lessons: ReadonlyArray<Pick<CurriculumLesson, 'id' | 'minutes' | 'estimated'>>): Tally {
  let done = 0;
  let minutesLeft = 0;
  let estimatedLeft = false;
  let last: string | undefined;
  for (const l of lessons) {
    const at = p.lessons[l.id]?.done;
    if (at) {
      done++;
      if (!last || Date.parse(at) > Date.parse(last)) last = at;
    } else {
      minutesLeft += l.minutes;
      estimatedLeft ||= l.estimated === true;
    }
  }
  const t: Tally = { done, total: lessons.length, minutesLeft, estimatedLeft };
  if (done === lessons.length && done > 0) t.completedAt = last;
  return t;
}

/** The state of a course for lists: not started, some lessons done, or all done. */
export function stateOf(t: Tally): 'new' | 'started' | 'complete' {
  return t.total > 0 && t.done === t.total ? 'complete' : t.done > 0 ? 'started' : 'new';
}

/** When the reader last did anything with a lesson: opened it or completed it. */
export function lastActivity(p: Progress, id: string): number {
  const r = p.lessons[id];
  if (!r) return -Infinity;
  return Math.max(r.done ? Date.parse(r.done) : -Infinity, r.seen ? Date.parse(r.seen) : -Infinity);
}

/** The lesson to go to next, and whether that is a start or a continuation. */
export interface Next<L> {
  lesson: L;
  kind: 'start' | 'continue';
}

/**
 * The next lesson in an ordered sequence (a course, or a path's courses end to end): the lesson the
 * reader was last in if it is unfinished, else the first unfinished one after it, else the first
 * unfinished one before it. With nothing done yet, the first lesson; when all are done, undefined.
 */
export function nextInSequence<L extends Pick<CurriculumLesson, 'id'>>(p: Progress, lessons: readonly L[]): Next<L> | undefined {
  let last = -1;
  let lastAt = -Infinity;
  lessons.forEach((l, i) => {
    const at = lastActivity(p, l.id);
    if (at > lastAt) {
      last = i;
      lastAt = at;
    }
  });
  if (last === -1) return lessons[0] ? { lesson: lessons[0], kind: 'start' } : undefined;
  for (let k = 0; k < lessons.length; k++) {
    const l = lessons[(last + k) % lessons.length]!;
    if (!isDone(p, l.id)) return { lesson: l, kind: 'continue' };
  }
  return undefined;
}

/** The lessons of a path's courses, end to end. */
export function pathLessons(c: Curriculum, path: CurriculumPath): CurriculumLesson[] {
  return path.courses.flatMap((id) => c.courses.find((x) => x.id === id)?.lessons ?? []);
}

/**
 * "Continue: <lesson>" for the home page. Starts from the lesson the reader was last in: within its
 * course, or its first path (so a finished course leads on to the path's next one); when all of that
 * is done, the most recent other course they started and did not finish. Undefined when they have
 * not started anything, or finished all they started.
 */
export function continueLearning(p: Progress, c: Curriculum): (Next<CurriculumLesson> & { course: CurriculumCourse }) | undefined {
  const courseOf = new Map<string, CurriculumCourse>();
  for (const course of c.courses) for (const l of course.lessons) courseOf.set(l.id, course);
  const recent = [...courseOf.keys()].filter((id) => lastActivity(p, id) > -Infinity).sort((a, b) => lastActivity(p, b) - lastActivity(p, a));
  if (recent.length === 0) return undefined;
  const course = courseOf.get(recent[0]!)!;
  const path = c.paths.find((x) => x.courses.includes(course.id));
  const first = nextInSequence(p, path ? pathLessons(c, path) : course.lessons);
  if (first) return { ...first, course: courseOf.get(first.lesson.id)! };
  const tried = new Set<CurriculumCourse>(path ? path.courses.flatMap((id) => c.courses.filter((x) => x.id === id)) : [course]);
  for (const id of recent) {
    const other = courseOf.get(id)!;
    if (tried.has(other)) continue;
    tried.add(other);
    const next = nextInSequence(p, other.lessons);
    if (next) return { ...next, course: other };
  }
  return undefined;
}

/** Courses the reader started and has not finished, most recent first. */
export function coursesInProgress(p: Progress, c: Curriculum): CurriculumCourse[] {
  const at = (course: CurriculumCourse) => Math.max(...course.lessons.map((l) => lastActivity(p, l.id)));
  return c.courses.filter((course) => stateOf(tally(p, course.lessons)) === 'started').sort((a, b) => at(b) - at(a));
}

/** True when every question (by key) of a lesson was last answered right. */
export function checkPassed(p: Progress, lessonId: string, keys: readonly string[]): boolean {
  const q = p.lessons[lessonId]?.q;
  return keys.length > 0 && keys.every((k) => q?.[k]?.ok === true);
}

/** The reader's own calendar day of a stored time, `YYYY-MM-DD`. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The day a completed lesson changed after the reader completed it, or undefined. Dates from git are
 * days, so a change on the day of completion is not counted: it may have come before it.
 */
export function changedSince(p: Progress, lessonId: string, updated: string | undefined): string | undefined {
  const done = p.lessons[lessonId]?.done;
  return done && updated && /^\d{4}-\d\d-\d\d$/.test(updated) && updated > localDay(done) ? updated : undefined;
}
