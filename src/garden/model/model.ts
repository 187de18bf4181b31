/**
 * The garden model's nodes: what the pages know of each other, one node type per kind of page (the
 * `kind` field tells them apart, and `switch (n.kind)` is exhaustive). `buildModel` (build-model.ts)
 * makes them once per build from every page's frontmatter; pages only read them.
 */
import type { Entry } from '../content/entries.ts';
import { compareTitles, type PageId, type Route } from '../core/ids.ts';
import type { Problem } from '../core/problems.ts';
import { pageKey, unreachable } from '../core/kinds.ts';

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
  /** In a folder of numbered notes (`01-basics/02-state.md`, `03-props.md`): the notes before and after it in number order, a reading order. */
  prev?: NoteNode;
  next?: NoteNode;
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
  /** For a topic made from a numbered folder of an imported repository (`01-basics/` → "Basics"): its number, which orders it before unnumbered topics. */
  order?: number;
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
  expertOn: Array<{ topic: TopicNode; rank: number; why: ExpertReason[] }>;
}

/** Any page of the model. */
export type PageNode = PathNode | CourseNode | LessonNode | NoteNode | TopicNode | PersonNode;

/**
 * Why someone is a topic's expert, as a code the page words in its language (`why.expert.*` in
 * src/i18n/catalogues): declared expertise, owns a course or a path, wrote notes, contributed commits.
 */
export type ExpertReason = 'declared' | 'ownsCourse' | 'ownsPath' | 'wrote' | 'contributed';

/** A topic expert: who, how strongly (the sum of their reasons' weights) and why. */
export interface Expert {
  person: PersonNode;
  score: number;
  why: ExpertReason[];
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

/** Lessons in reading order: by their course's title, then their place in it. */
export const byPlace = (a: LessonNode, b: LessonNode) => compareTitles(a.course.entry.title, b.course.entry.title) || a.position - b.position;
