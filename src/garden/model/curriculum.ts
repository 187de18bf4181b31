/**
 * Building the model, the curriculum: courses, their lessons in order with "previous" and "next",
 * prerequisites, paths, and how long each takes.
 */
import type { AnyEntry, Entry } from '../content/entries.ts';
import { slugify } from '../core/ids.ts';
import { hintForIds, type Problem } from '../core/problems.ts';
import { estimateMinutes } from '../core/durations.ts';
import { countInlineQuestions } from '../content/syntax.ts';
import type { CourseNode, LessonNode, PathNode } from './model.ts';
import { entriesOf, findCycle, findRef, type ModelProblems } from './references.ts';
import type { People } from './people.ts';
import type { Topics } from './topics.ts';

/** What building a curriculum node reads: every entry, the topics and people it may name, and where to report. */
export interface CurriculumInputs {
  entries: readonly AnyEntry[];
  topics: Topics;
  people: People;
  problems: ModelProblems;
}

/** A node for every course, with its topics and owners (its lessons, prerequisites and paths come after). */
export function courseNodes({ entries, topics, people }: CurriculumInputs): Map<string, CourseNode> {
  const courses = new Map<string, CourseNode>();
  for (const entry of entriesOf(entries, 'course')) {
    courses.set(entry.id, {
      kind: 'course',
      entry,
      lessons: [],
      prerequisites: [],
      paths: [],
      topics: topics.named(entry, 'topics', entry.data.topics, false),
      owners: people.named(entry, 'owners', entry.data.owners),
      minutes: 0,
      estimated: false,
    });
  }
  return courses;
}

/** A node for every lesson, in its course's order, with its neighbours; totals each course's minutes. */
export function lessonNodes({ entries, topics, problems }: CurriculumInputs, courses: Map<string, CourseNode>): Map<string, LessonNode> {
  const byCourse = lessonsByCourse(entries, courses, problems.list);
  const lessons = new Map<string, LessonNode>();
  for (const course of courses.values()) {
    const ordered = orderLessons(course.entry, byCourse.get(course.entry.id) ?? [], problems.list);
    ordered.forEach((entry, i) => {
      const node = lessonNode(entry, course, i + 1, topics);
      lessons.set(entry.id, node);
      course.lessons.push(node);
    });
    course.lessons.forEach((l, i) => {
      l.prev = course.lessons[i - 1];
      l.next = course.lessons[i + 1];
    });
    course.minutes = course.lessons.reduce((s, l) => s + l.minutes, 0);
    course.estimated = course.lessons.some((l) => l.estimated);
  }
  return lessons;
}

/** The lesson files of each course; a lesson in a folder with no course index is reported and left out. */
function lessonsByCourse(entries: readonly AnyEntry[], courses: Map<string, CourseNode>, problems: Problem[]): Map<string, Entry<'lesson'>[]> {
  const byCourse = new Map<string, Entry<'lesson'>[]>();
  for (const entry of entriesOf(entries, 'lesson')) {
    const courseId = entry.id.split('/')[0]!;
    if (!courses.has(courseId)) {
      problems.push({
        file: entry.file,
        message: `is a lesson of course "${courseId}", which has no index.md`,
        hint: `create ${entry.file.slice(0, entry.file.lastIndexOf('/'))}/index.md with at least a title`,
        severity: 'error',
      });
      continue;
    }
    const list = byCourse.get(courseId) ?? [];
    list.push(entry);
    byCourse.set(courseId, list);
  }
  return byCourse;
}

/** A lesson at its place in its course: its questions, minutes (declared, else estimated) and topics (its own, then its course's). */
function lessonNode(entry: Entry<'lesson'>, course: CourseNode, position: number, topics: Topics): LessonNode {
  const questions = entry.data.check.length + (entry.format === 'mdx' ? countInlineQuestions(entry.body) : 0);
  const node: LessonNode = {
    kind: 'lesson',
    entry,
    course,
    position,
    minutes: entry.data.duration ?? estimateMinutes(entry.words, questions),
    estimated: entry.data.duration === undefined,
    questions,
    notes: [],
    topics: [...topics.named(entry, 'topics', entry.data.topics, false)],
  };
  for (const t of course.topics) if (!node.topics.includes(t)) node.topics.push(t);
  return node;
}

/** Sets each course's prerequisites; a missing, repeated or self prerequisite is reported, and so is a cycle. */
export function linkPrerequisites(courses: Map<string, CourseNode>, problems: ModelProblems): void {
  const courseIds = [...courses.keys()];
  for (const course of courses.values()) {
    for (const id of course.entry.data.prerequisites) {
      const pre = findRef(courses, course.entry, id);
      if (!pre) problems.err(course.entry, 'prerequisites', `no course "${id}"`, hintForIds(slugify(id), courseIds, 'courses'));
      else if (pre === course) problems.err(course.entry, 'prerequisites', `a course cannot require itself`, `remove "${id}"`);
      else if (course.prerequisites.includes(pre)) problems.err(course.entry, 'prerequisites', `lists "${id}" twice`, 'remove the second one');
      else course.prerequisites.push(pre);
    }
  }
  const cycle = findCycle(new Map([...courses.values()].map((c) => [c.entry.id as string, c.prerequisites.map((p) => p.entry.id as string)])));
  if (cycle) {
    const c = courses.get(cycle[0]!)!;
    problems.err(c.entry, 'prerequisites', `prerequisites form a cycle: ${cycle.join(' → ')}`, 'remove one of these prerequisites');
  }
}

/** A node for every path, with its courses (each course learns its paths) and their total minutes. */
export function pathNodes({ entries, topics, people, problems }: CurriculumInputs, courses: Map<string, CourseNode>): PathNode[] {
  const courseIds = [...courses.keys()];
  const paths: PathNode[] = [];
  for (const entry of entriesOf(entries, 'path')) {
    const node: PathNode = {
      kind: 'path',
      entry,
      courses: [],
      topics: topics.named(entry, 'topics', entry.data.topics, false),
      owners: people.named(entry, 'owners', entry.data.owners),
      minutes: 0,
      estimated: false,
    };
    for (const id of entry.data.courses) {
      const c = findRef(courses, entry, id);
      if (!c) problems.err(entry, 'courses', `no course "${id}"`, hintForIds(slugify(id), courseIds, 'courses'));
      else if (node.courses.includes(c)) problems.err(entry, 'courses', `lists "${id}" twice`, 'remove the second one');
      else {
        node.courses.push(c);
        c.paths.push(node);
      }
    }
    node.minutes = node.courses.reduce((s, c) => s + c.minutes, 0);
    node.estimated = node.courses.some((c) => c.estimated);
    paths.push(node);
  }
  return paths;
}

const lessonSlug = (e: Entry<'lesson'>) => e.id.slice(e.id.indexOf('/') + 1);

/** Orders a course's lessons: the course's `lessons` list, else `order`, else the file-name prefix. */
function orderLessons(course: Entry<'course'>, list: Entry<'lesson'>[], problems: Problem[]): Entry<'lesson'>[] {
  return course.data.lessons.length > 0 ? orderByList(course, list, problems) : orderByNumber(list, problems);
}

/** The lessons in the order the course's `lessons` lists them; a name that matches no lesson, and a lesson not listed, are reported. */
function orderByList(course: Entry<'course'>, list: Entry<'lesson'>[], problems: Problem[]): Entry<'lesson'>[] {
  const bySlug = new Map(list.map((e) => [lessonSlug(e), e]));
  const out: Entry<'lesson'>[] = [];
  for (const name of course.data.lessons) {
    const e = bySlug.get(slugify(/^\d+[-_. ]+(.+)$/.exec(name)?.[1] ?? name));
    if (!e) {
      problems.push({
        file: course.file,
        line: course.lines.lessons,
        field: 'lessons',
        message: `no lesson "${name}" in this course`,
        hint: hintForIds(slugify(name), [...bySlug.keys()], 'lessons'),
        severity: 'error',
      });
    } else if (!out.includes(e)) out.push(e);
  }
  for (const e of list) {
    if (!out.includes(e)) {
      problems.push({
        file: e.file,
        message: `is not listed in its course's \`lessons\` (${course.file})`,
        hint: `add "${lessonSlug(e)}" to \`lessons\` there, or remove the file`,
        severity: 'error',
      });
    }
  }
  return out;
}

/** The lessons by `order`, else file-name number, then path; a lesson with neither, or with another's number, is reported. */
function orderByNumber(list: Entry<'lesson'>[], problems: Problem[]): Entry<'lesson'>[] {
  const keyed = list.map((e) => ({ e, key: e.data.order ?? e.prefix }));
  for (const { e, key } of keyed) {
    if (key === undefined) {
      problems.push({
        file: e.file,
        message: 'has no place in its course',
        hint: 'add `order: <number>` to its frontmatter or a number to its file name (01-intro.md)',
        severity: 'error',
      });
    }
  }
  const seen = new Map<number, Entry<'lesson'>>();
  for (const { e, key } of keyed) {
    if (key === undefined) continue;
    const other = seen.get(key);
    if (other) {
      problems.push({
        file: e.file,
        line: e.data.order !== undefined ? e.lines.order : undefined,
        field: e.data.order !== undefined ? 'order' : undefined,
        message: `has the same place (${key}) in its course as ${other.file}`,
        hint: 'give each lesson its own `order` or file-name number',
        severity: 'error',
      });
    } else seen.set(key, e);
  }
  return keyed
    .filter((k) => k.key !== undefined)
    .sort((a, b) => a.key! - b.key! || a.e.path.localeCompare(b.e.path))
    .map((k) => k.e);
}
