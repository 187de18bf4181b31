/**
 * What pages tell the progress script (src/client/progress.ts) about the curriculum: lesson ids and
 * minutes as data attributes, titles and links as an embedded JSON block. Built from the garden
 * model here, so the browser never works out a route or a duration itself.
 */
import type { CourseNode, LessonNode, PathNode } from '../garden/model/model.ts';
import type { Curriculum } from '../client/progress-maths.ts';
import { url } from './url.ts';

/** `data-lessons` and `data-minutes` for a list of lessons (`~` marks an estimated duration). */
export function lessonAttrs(lessons: readonly LessonNode[]): { 'data-lessons': string; 'data-minutes': string } {
  return {
    'data-lessons': lessons.map((l) => l.entry.id).join(' '),
    'data-minutes': lessons.map((l) => `${l.estimated ? '~' : ''}${l.minutes}`).join(' '),
  };
}

/** How a page is shown: itself, or on a translated page its translation where there is one (src/layouts/languages.ts). */
type Shown = (e: LessonNode['entry'] | CourseNode['entry'] | PathNode['entry']) => { title: string; route: string };

/** The curriculum of some courses and paths, for "Continue" links (ids are the originals', titles and links as `shown`). */
export function curriculumOf(courses: readonly CourseNode[], paths: readonly PathNode[] = [], shown: Shown = (e) => e): Curriculum {
  return {
    courses: courses.map((c) => ({
      id: c.entry.id,
      title: shown(c.entry).title,
      href: url(shown(c.entry).route),
      lessons: c.lessons.map((l) => ({
        id: l.entry.id,
        title: shown(l.entry).title,
        href: url(shown(l.entry).route),
        minutes: l.minutes,
        ...(l.estimated ? { estimated: true } : {}),
        ...(l.entry.updated ? { updated: l.entry.updated } : {}),
      })),
    })),
    paths: paths.map((p) => ({ id: p.entry.id, title: shown(p.entry).title, href: url(shown(p.entry).route), courses: p.courses.map((c) => c.entry.id) })),
  };
}

/** JSON safe inside a `<script>` element: no `</script>` or `<!--` can end or comment it out. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
