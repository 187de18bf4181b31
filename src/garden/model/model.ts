/**
 * Stage "entries → garden model": computed once per build from every page's frontmatter. It orders
 * curricula, joins formal and informal content through topics, works out who owns and wrote what,
 * totals durations, and checks every reference between pages. Pages only read what it computed.
 */
import type { AnyEntry, Entry } from '../content/entries.ts';
import { compareTitles, routeOf, slugify, type PageId, type Route } from '../core/ids.ts';
import { hintForIds, type Problem } from '../core/problems.ts';
import { pageKey, unreachable, type Kind } from '../core/kinds.ts';
import { estimateMinutes } from '../core/durations.ts';
import { countInlineQuestions } from '../content/syntax.ts';

export { estimateMinutes, formatDuration, formatMinutes } from '../core/durations.ts';

/** A learning path and the courses it orders. */
export interface PathNode {
  /** What kind of page it is: tells nodes apart (`switch (n.kind)`). */
  kind: 'path';
  entry: Entry<'path'>;
  courses: CourseNode[];
  topics: TopicNode[];
  owners: PersonNode[];
  /** Total minutes of all its lessons. */
  minutes: number;
  /** True when any of its lessons' minutes is an estimate. */
  estimated: boolean;
}

/** A course, its lessons in order, and what it needs and belongs to. */
export interface CourseNode {
  /** What kind of page it is: tells nodes apart (`switch (n.kind)`). */
  kind: 'course';
  entry: Entry<'course'>;
  lessons: LessonNode[];
  prerequisites: CourseNode[];
  /** Paths that include this course, by title. */
  paths: PathNode[];
  topics: TopicNode[];
  owners: PersonNode[];
  /** Total minutes of its lessons. */
  minutes: number;
  /** True when any of its lessons' minutes is an estimate. */
  estimated: boolean;
}

/** A lesson in its course, with its neighbours for "previous" and "next". */
export interface LessonNode {
  /** What kind of page it is: tells nodes apart (`switch (n.kind)`). */
  kind: 'lesson';
  entry: Entry<'lesson'>;
  course: CourseNode;
  /** 1-based position in the course. */
  position: number;
  prev?: LessonNode;
  next?: LessonNode;
  /** Declared minutes, else estimated. */
  minutes: number;
  /** True when `minutes` is an estimate from the words. */
  estimated: boolean;
  /** Knowledge-check questions: the frontmatter `check:` and `<Question>`s in the text of an `.mdx` lesson. */
  questions: number;
  /** Notes the lesson lists or that list the lesson, by title. */
  notes: NoteNode[];
  /** Its own topics, then its course's. */
  topics: TopicNode[];
}

/** A community note. */
export interface NoteNode {
  /** What kind of page it is: tells nodes apart (`switch (n.kind)`). */
  kind: 'note';
  entry: Entry<'note'>;
  topics: TopicNode[];
  /** Known people first (linked), then plain names. */
  authors: Array<PersonNode | string>;
  /** Lessons the note lists or that list the note. */
  lessons: LessonNode[];
  /** `<Question>`s in the text of an `.mdx` note (graded in the browser, not stored). */
  questions: number;
}

/** A topic, written as a file or created by a tag, and everything on it. */
export interface TopicNode {
  /** What kind of page it is: tells nodes apart (`switch (n.kind)`). */
  kind: 'topic';
  id: PageId;
  route: Route;
  title: string;
  /** Undefined for a topic created from a tag (no file yet). */
  entry?: Entry<'topic'>;
  parent?: TopicNode;
  children: TopicNode[];
  paths: PathNode[];
  courses: CourseNode[];
  lessons: LessonNode[];
  notes: NoteNode[];
  /** People who know the topic, best first. */
  experts: Expert[];
}

/** A person, what they know, own, wrote and contributed to. */
export interface PersonNode {
  /** What kind of page it is: tells nodes apart (`switch (n.kind)`). */
  kind: 'person';
  entry: Entry<'person'>;
  expertise: TopicNode[];
  owns: { paths: PathNode[]; courses: CourseNode[] };
  wrote: NoteNode[];
  /** Pages they committed to (by the git history), most commits first, then by title; empty without history. */
  contributed: Array<{ page: PageNode; commits: number }>;
  /** Topics they are an expert on, with their place among its experts (1 = first) and why; by place, then title. */
  expertOn: Array<{ topic: TopicNode; rank: number; why: string[] }>;
}

/** Any page of the model. */
export type PageNode = PathNode | CourseNode | LessonNode | NoteNode | TopicNode | PersonNode;

/** A topic expert: who, how strongly (the sum of their reasons' weights) and why. */
export interface Expert {
  person: PersonNode;
  score: number;
  why: string[];
}

/** The key of any page of the model: `kind:id` (`topic:git`, `lesson:git-foundations/branches`). */
export function keyOf(n: PageNode): string {
  return n.kind === 'topic' ? pageKey('topic', n.id) : pageKey(n.kind, n.entry.id);
}

/** The title of any page of the model. */
export function titleOf(n: PageNode): string {
  return n.kind === 'topic' ? n.title : n.entry.title;
}

/** The route of any page of the model. */
export function routeOfNode(n: PageNode): Route {
  return n.kind === 'topic' ? n.route : n.entry.route;
}

/** The topics a page is on (a topic page: itself). */
export function topicsOf(n: PageNode): TopicNode[] {
  switch (n.kind) {
    case 'topic':
      return [n];
    case 'person':
      return [];
    case 'path':
    case 'course':
    case 'lesson':
    case 'note':
      return n.topics;
    default:
      return unreachable(n);
  }
}

/** Weights of the reasons someone is an expert on a topic; contributions count a page each, up to a cap. */
export const EXPERT_WEIGHTS = { declared: 3, owns: 2, wrote: 1, contributed: 1, contributedCap: 3 } as const;

/**
 * Ranks each topic's experts: declared expertise, owning its courses and paths, writing its notes,
 * and (given the git history) commits to its pages they neither own nor wrote. `contributions` maps
 * a topic to the number of its pages each person committed to. Best first, ties by name.
 */
export function rankExperts(model: Pick<GardenModel, 'topics' | 'people'>, contributions: Map<TopicNode, Map<PersonNode, number>> = new Map()): void {
  const declared = new Map<TopicNode, PersonNode[]>();
  for (const p of model.people) for (const t of p.expertise) declared.set(t, [...(declared.get(t) ?? []), p]);
  for (const t of model.topics) {
    const score = new Map<PersonNode, { score: number; why: string[] }>();
    const add = (p: PersonNode, s: number, why: string) => {
      const cur = score.get(p) ?? { score: 0, why: [] };
      cur.score += s;
      if (!cur.why.includes(why)) cur.why.push(why);
      score.set(p, cur);
    };
    for (const p of declared.get(t) ?? []) add(p, EXPERT_WEIGHTS.declared, 'declared expertise');
    for (const c of t.courses) for (const o of c.owners) add(o, EXPERT_WEIGHTS.owns, 'owns a course');
    for (const p of t.paths) for (const o of p.owners) add(o, EXPERT_WEIGHTS.owns, 'owns a path');
    for (const n of t.notes) for (const a of n.authors) if (typeof a !== 'string') add(a, EXPERT_WEIGHTS.wrote, 'wrote notes');
    for (const [p, pages] of contributions.get(t) ?? []) {
      add(p, Math.min(pages, EXPERT_WEIGHTS.contributedCap) * EXPERT_WEIGHTS.contributed, 'contributed commits');
    }
    t.experts = [...score.entries()].map(([person, s]) => ({ person, ...s })).sort((a, b) => b.score - a.score || compareTitles(a.person.entry.title, b.person.entry.title));
  }
  for (const p of model.people) p.expertOn = [];
  for (const t of model.topics) t.experts.forEach((x, i) => x.person.expertOn.push({ topic: t, rank: i + 1, why: x.why }));
  for (const p of model.people) p.expertOn.sort((a, b) => a.rank - b.rank || compareTitles(a.topic.title, b.topic.title));
}

/**
 * Credits people with the pages they committed to, from each page's contributors (matched to people
 * by `whoIs`), and re-ranks every topic's experts with those contributions. One pass over the pages
 * and their contributors.
 */
export function addContributions(
  model: GardenModel,
  contributorsOf: (n: PageNode) => ReadonlyArray<{ name: string; email: string; commits: number }> | undefined,
  whoIs: (who: { name: string; email: string }) => PersonNode | undefined,
): void {
  const byTopic = new Map<TopicNode, Map<PersonNode, number>>();
  for (const p of model.people) p.contributed = [];
  for (const n of model.byKey.values()) {
    const list = contributorsOf(n);
    if (!list) continue;
    const credited = new Set<PersonNode>();
    // Owners and authors are already credited for the page; their commits to it add nothing more.
    const already = new Set<PersonNode>('owners' in n ? n.owners : 'authors' in n ? n.authors.filter((a): a is PersonNode => typeof a !== 'string') : []);
    for (const c of list) {
      const p = whoIs(c);
      if (!p || credited.has(p)) continue;
      credited.add(p);
      p.contributed.push({ page: n, commits: c.commits });
      if (already.has(p)) continue;
      for (const t of topicsOf(n)) {
        const m = byTopic.get(t) ?? new Map<PersonNode, number>();
        m.set(p, (m.get(p) ?? 0) + 1);
        byTopic.set(t, m);
      }
    }
  }
  for (const p of model.people) p.contributed.sort((a, b) => b.commits - a.commits || compareTitles(titleOf(a.page), titleOf(b.page)));
  rankExperts(model, byTopic);
}

/** Everything pages need, computed once. Every list is sorted by the key its comment names. */
export interface GardenModel {
  /** By title. */
  paths: PathNode[];
  /** By title. */
  courses: CourseNode[];
  /** By course title, then position. */
  lessons: LessonNode[];
  /** By title. */
  notes: NoteNode[];
  /** The notes of each kind and of each stage, by title (for the notes filters; only kinds and stages that have notes). */
  notesByKind: Map<string, NoteNode[]>;
  notesByStage: Map<string, NoteNode[]>;
  /** By title. */
  topics: TopicNode[];
  /** By name. */
  people: PersonNode[];
  /** Any page by `kind:id`. */
  byKey: Map<string, PageNode>;
  /** Problems found while joining pages (errors fail the build). */
  problems: Problem[];
}

const byTitle = <T extends { entry?: { title: string }; title?: string }>(a: T, b: T) => compareTitles(a.entry?.title ?? a.title ?? '', b.entry?.title ?? b.title ?? '');

/** Lessons in reading order: by their course's title, then their place in it. */
export const byPlace = (a: LessonNode, b: LessonNode) => compareTitles(a.course.entry.title, b.course.entry.title) || a.position - b.position;

/** Finds a cycle in a directed graph given as adjacency lists; returns it as a list of ids, first repeated last. */
export function findCycle(edges: Map<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (!edges.has(m)) continue;
      if (state.get(m) === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...edges.keys()].sort()) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return undefined;
}

/** Builds the garden model from validated entries; reference problems are returned, not thrown. */
export function buildModel(entries: readonly AnyEntry[]): GardenModel {
  const problems: Problem[] = [];
  const err = (e: AnyEntry, field: string, message: string, hint?: string) => problems.push({ file: e.file, line: e.lines[field], field, message, hint, severity: 'error' });

  /** Looks an id up, trying the referring page's source prefix first (`git` in source team-a → `team-a-git`). */
  const find = <T>(map: Map<string, T>, e: AnyEntry, id: string): T | undefined => (e.idPrefix ? map.get(`${e.idPrefix}-${slugify(id)}`) : undefined) ?? map.get(slugify(id));
  const of = <K extends Kind>(k: K) => entries.filter((e): e is Entry<K> & AnyEntry => e.kind === k) as unknown as Entry<K>[];

  // People and topics first: everything else points at them.
  const people = new Map<string, PersonNode>();
  for (const entry of of('person')) people.set(entry.id, { kind: 'person', entry, expertise: [], owns: { paths: [], courses: [] }, wrote: [], contributed: [], expertOn: [] });
  const personIds = [...people.keys()];

  const topics = new Map<string, TopicNode>();
  const newTopic = (id: PageId, title: string, entry?: Entry<'topic'>): TopicNode => ({
    kind: 'topic',
    id,
    route: routeOf('topic', id),
    title,
    entry,
    children: [],
    paths: [],
    courses: [],
    lessons: [],
    notes: [],
    experts: [],
  });
  for (const entry of of('topic')) topics.set(entry.id, newTopic(entry.id, entry.title, entry));
  const declaredTopicIds = [...topics.keys()];
  // A topic may be named by id or alias; aliases map to ids.
  const topicAlias = new Map<string, string>();
  for (const t of topics.values()) for (const a of t.entry?.data.aliases ?? []) topicAlias.set(slugify(a), t.id);
  const findTopic = (name: string, e?: AnyEntry) => {
    const id = slugify(name);
    const own = e?.idPrefix ? topics.get(`${e.idPrefix}-${id}`) : undefined;
    return own ?? topics.get(id) ?? topics.get(topicAlias.get(id) ?? '');
  };
  /** Formal content must name existing topics; informal content creates them. */
  const topicsFor = (e: AnyEntry, field: string, names: readonly string[], create: boolean): TopicNode[] => {
    const out: TopicNode[] = [];
    for (const name of names) {
      let t = findTopic(name, e);
      if (!t && create && slugify(name)) {
        t = newTopic(slugify(name) as PageId, name);
        topics.set(t.id, t);
      }
      if (!t) err(e, field, `no topic "${name}"`, hintForIds(slugify(name), declaredTopicIds, 'topics'));
      else if (!out.includes(t)) out.push(t);
    }
    return out;
  };
  const peopleFor = (e: AnyEntry, field: string, ids: readonly string[]): PersonNode[] => {
    const out: PersonNode[] = [];
    for (const id of ids) {
      const p = find(people, e, id);
      if (!p) err(e, field, `no person "${id}"`, hintForIds(slugify(id), personIds, 'people'));
      else if (!out.includes(p)) out.push(p);
    }
    return out;
  };

  for (const t of topics.values()) {
    const parent = t.entry?.data.parent;
    if (!parent) continue;
    const p = findTopic(parent);
    if (!p) err(t.entry!, 'parent', `no topic "${parent}"`, hintForIds(slugify(parent), declaredTopicIds, 'topics'));
    else if (p === t) err(t.entry!, 'parent', 'a topic cannot be its own parent', `remove \`parent: ${parent}\``);
    else t.parent = p;
  }
  const topicCycle = findCycle(new Map([...topics.values()].map((t) => [t.id as string, t.parent ? [t.parent.id as string] : []])));
  if (topicCycle) {
    const t = topics.get(topicCycle[0]!)!;
    err(t.entry!, 'parent', `topics form a cycle: ${topicCycle.join(' → ')}`, 'a topic cannot be its own ancestor; remove one `parent`');
    for (const id of topicCycle) topics.get(id)!.parent = undefined;
  }
  for (const t of topics.values()) t.parent?.children.push(t);

  // Courses and their lessons.
  const courses = new Map<string, CourseNode>();
  for (const entry of of('course')) {
    courses.set(entry.id, {
      kind: 'course',
      entry,
      lessons: [],
      prerequisites: [],
      paths: [],
      topics: topicsFor(entry, 'topics', entry.data.topics, false),
      owners: peopleFor(entry, 'owners', entry.data.owners),
      minutes: 0,
      estimated: false,
    });
  }
  const courseIds = [...courses.keys()];
  const lessonsByCourse = new Map<string, Entry<'lesson'>[]>();
  for (const entry of of('lesson')) {
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
    const list = lessonsByCourse.get(courseId) ?? [];
    list.push(entry);
    lessonsByCourse.set(courseId, list);
  }

  const lessons = new Map<string, LessonNode>();
  for (const course of courses.values()) {
    const list = lessonsByCourse.get(course.entry.id) ?? [];
    const ordered = orderLessons(course.entry, list, problems);
    ordered.forEach((entry, i) => {
      const questions = entry.data.check.length + (entry.format === 'mdx' ? countInlineQuestions(entry.body) : 0);
      const node: LessonNode = {
        kind: 'lesson',
        entry,
        course,
        position: i + 1,
        minutes: entry.data.duration ?? estimateMinutes(entry.words, questions),
        estimated: entry.data.duration === undefined,
        questions,
        notes: [],
        topics: [...topicsFor(entry, 'topics', entry.data.topics, false)],
      };
      for (const t of course.topics) if (!node.topics.includes(t)) node.topics.push(t);
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

  for (const course of courses.values()) {
    for (const id of course.entry.data.prerequisites) {
      const pre = find(courses, course.entry, id);
      if (!pre) err(course.entry, 'prerequisites', `no course "${id}"`, hintForIds(slugify(id), courseIds, 'courses'));
      else if (pre === course) err(course.entry, 'prerequisites', `a course cannot require itself`, `remove "${id}"`);
      else if (course.prerequisites.includes(pre)) err(course.entry, 'prerequisites', `lists "${id}" twice`, 'remove the second one');
      else course.prerequisites.push(pre);
    }
  }
  const cycle = findCycle(new Map([...courses.values()].map((c) => [c.entry.id as string, c.prerequisites.map((p) => p.entry.id as string)])));
  if (cycle) {
    const c = courses.get(cycle[0]!)!;
    err(c.entry, 'prerequisites', `prerequisites form a cycle: ${cycle.join(' → ')}`, 'remove one of these prerequisites');
  }

  // Paths.
  const paths: PathNode[] = [];
  for (const entry of of('path')) {
    const node: PathNode = {
      kind: 'path',
      entry,
      courses: [],
      topics: topicsFor(entry, 'topics', entry.data.topics, false),
      owners: peopleFor(entry, 'owners', entry.data.owners),
      minutes: 0,
      estimated: false,
    };
    for (const id of entry.data.courses) {
      const c = find(courses, entry, id);
      if (!c) err(entry, 'courses', `no course "${id}"`, hintForIds(slugify(id), courseIds, 'courses'));
      else if (node.courses.includes(c)) err(entry, 'courses', `lists "${id}" twice`, 'remove the second one');
      else {
        node.courses.push(c);
        c.paths.push(node);
      }
    }
    node.minutes = node.courses.reduce((s, c) => s + c.minutes, 0);
    node.estimated = node.courses.some((c) => c.estimated);
    paths.push(node);
  }

  // Informal content last: people's expertise and notes' tags may create topics, formal content may not.
  for (const p of people.values()) p.expertise = topicsFor(p.entry, 'expertise', p.entry.data.expertise, true);

  // Notes.
  const lessonIds = [...lessons.keys()];
  const notes = new Map<string, NoteNode>();
  for (const entry of of('note')) {
    const names = [...entry.data.topics, ...entry.data.tags];
    const node: NoteNode = {
      kind: 'note',
      entry,
      topics: topicsFor(entry, entry.data.topics.length ? 'topics' : 'tags', names, true),
      authors: [],
      lessons: [],
      questions: entry.format === 'mdx' ? countInlineQuestions(entry.body) : 0,
    };
    for (const a of entry.data.authors) {
      const p = find(people, entry, a);
      node.authors.push(p ?? a);
      p?.wrote.push(node);
    }
    for (const ref of entry.data.lessons) {
      const l = (entry.idPrefix ? lessons.get(`${entry.idPrefix}-${lessonRef(ref)}`) : undefined) ?? lessons.get(lessonRef(ref));
      if (!l) err(entry, 'lessons', `no lesson "${ref}"`, hintForIds(lessonRef(ref), lessonIds, 'lessons'));
      else if (!node.lessons.includes(l)) {
        node.lessons.push(l);
        l.notes.push(node);
      }
    }
    notes.set(entry.id, node);
  }
  const noteIds = [...notes.keys()];
  for (const l of lessons.values()) {
    for (const id of l.entry.data.notes) {
      const n = find(notes, l.entry, id);
      if (!n) err(l.entry, 'notes', `no note "${id}"`, hintForIds(slugify(id), noteIds, 'notes'));
      else if (!l.notes.includes(n)) {
        l.notes.push(n);
        n.lessons.push(l);
      }
    }
  }

  // Membership and ownership, then sort every list by its stated key.
  for (const p of paths) {
    for (const t of p.topics) t.paths.push(p);
    for (const o of p.owners) o.owns.paths.push(p);
  }
  for (const c of courses.values()) {
    for (const t of c.topics) t.courses.push(c);
    for (const o of c.owners) o.owns.courses.push(c);
  }
  for (const l of lessons.values()) for (const t of l.topics) if (!l.course.topics.includes(t)) t.lessons.push(l);
  for (const n of notes.values()) for (const t of n.topics) t.notes.push(n);

  rankExperts({ topics: [...topics.values()], people: [...people.values()] });
  for (const t of topics.values()) {
    t.children.sort(byTitle);
    t.paths.sort(byTitle);
    t.courses.sort(byTitle);
    t.lessons.sort(byPlace);
    t.notes.sort(byTitle);
  }
  for (const c of courses.values()) c.paths.sort(byTitle);
  for (const l of lessons.values()) l.notes.sort(byTitle);
  for (const n of notes.values()) n.lessons.sort(byPlace);
  for (const p of people.values()) {
    p.owns.paths.sort(byTitle);
    p.owns.courses.sort(byTitle);
    p.wrote.sort(byTitle);
    p.expertise.sort(byTitle);
  }
  const model: GardenModel = {
    paths: paths.sort(byTitle),
    courses: [...courses.values()].sort(byTitle),
    lessons: [...courses.values()].sort(byTitle).flatMap((c) => c.lessons),
    notes: [...notes.values()].sort(byTitle),
    topics: [...topics.values()].sort(byTitle),
    people: [...people.values()].sort(byTitle),
    notesByKind: new Map(),
    notesByStage: new Map(),
    byKey: new Map(),
    problems,
  };
  for (const n of model.notes) {
    for (const [map, value] of [
      [model.notesByKind, n.entry.data.kind],
      [model.notesByStage, n.entry.data.stage],
    ] as const) {
      const list = map.get(value);
      if (list) list.push(n);
      else map.set(value, [n]);
    }
  }
  for (const n of model.paths) model.byKey.set(`path:${n.entry.id}`, n);
  for (const n of model.courses) model.byKey.set(`course:${n.entry.id}`, n);
  for (const n of model.lessons) model.byKey.set(`lesson:${n.entry.id}`, n);
  for (const n of model.notes) model.byKey.set(`note:${n.entry.id}`, n);
  for (const n of model.topics) model.byKey.set(`topic:${n.id}`, n);
  for (const n of model.people) model.byKey.set(`person:${n.entry.id}`, n);
  return model;
}

/** Normalises a lesson reference written `course/lesson` (the lesson part may keep its number prefix). */
function lessonRef(ref: string): string {
  const [course, ...rest] = ref.split('/');
  const name = rest.join('/').replace(/\.mdx?$/i, '');
  const stripped = /^\d+[-_. ]+(.+)$/.exec(name)?.[1] ?? name;
  return `${slugify(course ?? '')}/${slugify(stripped)}`;
}

/** Orders a course's lessons: the course's `lessons` list, else `order`, else the file-name prefix. */
function orderLessons(course: Entry<'course'>, list: Entry<'lesson'>[], problems: Problem[]): Entry<'lesson'>[] {
  const slug = (e: Entry<'lesson'>) => e.id.slice(e.id.indexOf('/') + 1);
  const explicit = course.data.lessons;
  if (explicit.length > 0) {
    const bySlug = new Map(list.map((e) => [slug(e), e]));
    const out: Entry<'lesson'>[] = [];
    for (const name of explicit) {
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
          hint: `add "${slug(e)}" to \`lessons\` there, or remove the file`,
          severity: 'error',
        });
      }
    }
    return out;
  }
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
