/**
 * Stage "entries → garden model": computed once per build from every page's frontmatter, in named
 * steps (topics.ts, people.ts, curriculum.ts, notes.ts). It orders curricula, joins formal and
 * informal content through topics, works out who owns and wrote what, totals durations, and checks
 * every reference between pages. Pages only read what it computed (the nodes in model.ts).
 */
import type { AnyEntry } from '../content/entries.ts';
import { compareTitles } from '../core/ids.ts';
import { byPlace, keyOf, type CourseNode, type GardenModel, type LessonNode, type NoteNode, type PageNode, type PathNode, type PersonNode, type TopicNode } from './model.ts';
import { modelProblems } from './references.ts';
import { addTopicMembers, topicNodes } from './topics.ts';
import { addExpertise, addOwnership, personNodes, rankExperts } from './people.ts';
import { courseNodes, lessonNodes, linkPrerequisites, pathNodes } from './curriculum.ts';
import { linkLessonNotes, linkReadingOrder, noteNodes, noteNumber, numberFolderTopics } from './notes.ts';

/**
 * Builds the garden model from validated entries; reference problems are returned, not thrown, in the
 * order the steps find them (the tests compare that order).
 */
export function buildModel(entries: readonly AnyEntry[]): GardenModel {
  const problems = modelProblems();
  // People and topics first: everything else points at them.
  const people = personNodes(entries, problems);
  const topics = topicNodes(entries, problems);
  const inputs = { entries, topics, people, problems };
  const courses = courseNodes(inputs);
  const lessons = lessonNodes(inputs, courses);
  linkPrerequisites(courses, problems);
  const paths = pathNodes(inputs, courses);
  // Informal content last: people's expertise and notes' tags may create topics, formal content may not.
  addExpertise(people, topics);
  const notes = noteNodes(entries, lessons, topics, people, problems);
  linkLessonNotes(lessons, notes, problems);
  linkReadingOrder(notes.values());
  numberFolderTopics(notes.values());

  // Membership and ownership, then sort every list by its stated key.
  addTopicMembers({ paths, courses: courses.values(), lessons: lessons.values(), notes: notes.values() });
  addOwnership(paths, courses.values());
  rankExperts({ topics: [...topics.byId.values()], people: [...people.byId.values()] });
  const nodes = { paths, courses: [...courses.values()], lessons: [...lessons.values()], notes: [...notes.values()], topics: [...topics.byId.values()], people: [...people.byId.values()] };
  sortLists(nodes);
  return assemble(nodes, problems.list);
}

const byTitle = <T extends { entry?: { title: string }; title?: string }>(a: T, b: T) => compareTitles(a.entry?.title ?? a.title ?? '', b.entry?.title ?? b.title ?? '');
/** Topics made from numbered folders first, by their numbers, then the others by title (NaN from ∞ − ∞ falls through). */
const byTopicOrder = (a: TopicNode, b: TopicNode) => (a.order ?? Infinity) - (b.order ?? Infinity) || byTitle(a, b);
/** Notes of a numbered folder's topic by their file numbers, then by title. */
const byNoteNumber = (a: NoteNode, b: NoteNode) => (noteNumber(a) ?? Infinity) - (noteNumber(b) ?? Infinity) || byTitle(a, b);

interface Nodes {
  paths: PathNode[];
  courses: CourseNode[];
  lessons: LessonNode[];
  notes: NoteNode[];
  topics: TopicNode[];
  people: PersonNode[];
}

/** Sorts every list a node holds by the key its comment in model.ts names. */
function sortLists({ courses, lessons, notes, topics, people }: Nodes): void {
  for (const t of topics) {
    t.children.sort(byTopicOrder);
    t.paths.sort(byTitle);
    t.courses.sort(byTitle);
    t.lessons.sort(byPlace);
    t.notes.sort(t.order === undefined ? byTitle : byNoteNumber);
  }
  for (const c of courses) c.paths.sort(byTitle);
  for (const l of lessons) l.notes.sort(byTitle);
  for (const n of notes) n.lessons.sort(byPlace);
  for (const p of people) {
    p.owns.paths.sort(byTitle);
    p.owns.courses.sort(byTitle);
    p.wrote.sort(byTitle);
    p.expertise.sort(byTitle);
  }
}

/** The model's own lists, sorted, the notes by kind and by stage, and every page by key. */
function assemble(nodes: Nodes, problems: GardenModel['problems']): GardenModel {
  const courses = [...nodes.courses].sort(byTitle);
  const model: GardenModel = {
    paths: nodes.paths.sort(byTitle),
    courses,
    lessons: courses.flatMap((c) => c.lessons),
    notes: [...nodes.notes].sort(byTitle),
    topics: [...nodes.topics].sort(byTopicOrder),
    people: [...nodes.people].sort(byTitle),
    notesByKind: new Map(),
    notesByStage: new Map(),
    byKey: new Map(),
    problems,
  };
  for (const n of model.notes) {
    // A note with no stage (an imported one, by default) is counted under none.
    for (const [map, value] of [
      [model.notesByKind, n.entry.data.kind],
      [model.notesByStage, n.entry.data.stage],
    ] as const) {
      if (value === undefined) continue;
      const list = map.get(value);
      if (list) list.push(n);
      else map.set(value, [n]);
    }
  }
  const pages: PageNode[] = [...model.paths, ...model.courses, ...model.lessons, ...model.notes, ...model.topics, ...model.people];
  for (const n of pages) model.byKey.set(keyOf(n), n);
  return model;
}
