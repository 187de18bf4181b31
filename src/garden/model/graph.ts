/**
 * Stage "garden model → graph": who links to whom, built once per build in O(pages + links) from
 * the links every page's rendering recorded (the one resolver's results, so the page and the graph
 * agree). Pages read backlinks, "From the community" and "Used in" from here; none scans the others.
 */
import { byPlace, keyOf, titleOf, type CourseNode, type GardenModel, type LessonNode, type NoteNode, type PageNode, type PathNode, type TopicNode } from './model.ts';
import { compareTitles } from '../core/ids.ts';
import { unreachable } from '../core/kinds.ts';

/** Pages that link to one page, grouped as the reader sees them; each group by title. */
export interface Backlinks {
  /** Paths, courses and lessons. */
  curriculum: PageNode[];
  /** Community notes. */
  community: NoteNode[];
  /** Topic and person pages. */
  other: PageNode[];
}

/**
 * Why a note is suggested beside a lesson, as a code the page words in its language (`why.community.*`
 * in src/i18n/catalogues): listed with the lesson, links to it, the lesson links to it, or `topic:<title>`
 * (on a topic they share).
 */
export type CommunityReason = 'listed' | 'linksHere' | 'lessonLinks' | `topic:${string}`;

/** A note suggested beside a lesson, with its score and the reasons, for the reader and for tests. */
export interface CommunityNote {
  note: NoteNode;
  score: number;
  why: CommunityReason[];
}

/** Where a note is used in the curriculum. */
export interface UsedIn {
  /** Lessons that link to it or list it (or that it lists), by course title then position. */
  lessons: LessonNode[];
  /** Course and path pages that link to it, by title. */
  courses: Array<CourseNode | PathNode>;
}

/** The graph of a garden. */
export interface Graph {
  /** Pages each page links to, by key, in order of first link. */
  outlinks: Map<string, PageNode[]>;
  /** Pages linking to each page, by key; pages nothing links to have no entry. */
  backlinks: Map<string, Backlinks>;
  /** "From the community" for each lesson, by key, best first. */
  community: Map<string, CommunityNote[]>;
  /** "Used in" for each note, by key. */
  usedIn: Map<string, UsedIn>;
  /** Links between pages, counted once per pair. */
  linkCount: number;
}

/** How many notes "From the community" shows, and how many of a topic's notes are considered. */
export const COMMUNITY_LIMIT = 8;
const PER_TOPIC = 6;

/** Weights of the reasons a note is suggested beside a lesson. */
export const COMMUNITY_WEIGHTS = { listed: 4, linksHere: 3, linkedFromLesson: 3, sharedTopic: 1 } as const;
const STAGE_BONUS: Record<string, number> = { evergreen: 0.5, budding: 0.25, seedling: 0 };
/** A note's bonus for its stage; none for a note with no stage. */
const stageBonus = (n: NoteNode): number => (n.entry.data.stage ? (STAGE_BONUS[n.entry.data.stage] ?? 0) : 0);

const byTitle = (a: PageNode, b: PageNode) => compareTitles(titleOf(a), titleOf(b));

const EMPTY_BACKLINKS: Backlinks = Object.freeze({ curriculum: [], community: [], other: [] }) as unknown as Backlinks;

/** Backlinks of a page, empty when nothing links to it. */
export function backlinksOf(graph: Graph, node: PageNode): Backlinks {
  return graph.backlinks.get(keyOf(node)) ?? EMPTY_BACKLINKS;
}

/**
 * Builds the graph from each page's link targets (`kind:id`, as the renderer recorded them).
 * Targets that name no page (a page removed since) are skipped; a page linking to itself is not its
 * own backlink.
 */
export function buildGraph(model: GardenModel, links: Iterable<readonly [string, readonly string[]]>): Graph {
  const { outlinks, incoming, linkCount } = linksBetweenPages(model, links);
  const backlinks = groupBacklinks(incoming);
  const community = communityNotes(model, outlinks, backlinks);
  const usedIn = usedInOf(model, backlinks);
  return { outlinks, backlinks, community, usedIn, linkCount };
}

/** Each page's links to other pages (once each, itself left out) and the pages linking to each, by key. */
function linksBetweenPages(model: GardenModel, links: Iterable<readonly [string, readonly string[]]>) {
  const outlinks = new Map<string, PageNode[]>();
  const incoming = new Map<string, PageNode[]>();
  let linkCount = 0;
  for (const [fromKey, targets] of links) {
    const from = model.byKey.get(fromKey);
    if (!from) continue;
    const out: PageNode[] = [];
    const seen = new Set<string>();
    for (const t of targets) {
      if (t === fromKey || seen.has(t)) continue;
      const to = model.byKey.get(t);
      if (!to) continue;
      seen.add(t);
      out.push(to);
      const list = incoming.get(t);
      if (list) list.push(from);
      else incoming.set(t, [from]);
      linkCount++;
    }
    if (out.length) outlinks.set(fromKey, out);
  }
  return { outlinks, incoming, linkCount };
}

/** The pages linking to each page, in their groups (curriculum, community, other), each by title. */
function groupBacklinks(incoming: Map<string, PageNode[]>): Map<string, Backlinks> {
  const backlinks = new Map<string, Backlinks>();
  for (const [key, froms] of incoming) {
    const b: Backlinks = { curriculum: [], community: [], other: [] };
    for (const f of froms) {
      // Every kind has its group: a new kind fails the type check here instead of landing in one silently.
      switch (f.kind) {
        case 'topic':
        case 'person':
          b.other.push(f);
          break;
        case 'note':
          b.community.push(f);
          break;
        case 'path':
        case 'course':
        case 'lesson':
          b.curriculum.push(f);
          break;
        default:
          unreachable(f);
      }
    }
    b.curriculum.sort(byTitle);
    b.community.sort(byTitle);
    b.other.sort(byTitle);
    backlinks.set(key, b);
  }
  return backlinks;
}

/** "From the community" of each lesson: the notes it lists, that link to it, it links to, and its topics' best notes, ranked. */
function communityNotes(model: GardenModel, outlinks: Map<string, PageNode[]>, backlinks: Map<string, Backlinks>): Map<string, CommunityNote[]> {
  // A topic's best notes, ranked once: evergreen first, then the most recently updated.
  const topNotes = new Map<TopicNode, NoteNode[]>();
  const topicNotes = (t: TopicNode) => {
    let top = topNotes.get(t);
    if (!top) {
      top = [...t.notes].sort((a, b) => stageBonus(b) - stageBonus(a) || (b.entry.updated ?? '').localeCompare(a.entry.updated ?? '') || byTitle(a, b)).slice(0, PER_TOPIC);
      topNotes.set(t, top);
    }
    return top;
  };

  const community = new Map<string, CommunityNote[]>();
  for (const lesson of model.lessons) {
    const key = keyOf(lesson);
    const scores = new Map<NoteNode, { score: number; why: CommunityReason[] }>();
    const add = (n: NoteNode, s: number, why: CommunityReason) => {
      const cur = scores.get(n) ?? { score: stageBonus(n), why: [] };
      cur.score += s;
      if (!cur.why.includes(why)) cur.why.push(why);
      scores.set(n, cur);
    };
    for (const n of lesson.notes) add(n, COMMUNITY_WEIGHTS.listed, 'listed');
    for (const n of backlinks.get(key)?.community ?? []) add(n, COMMUNITY_WEIGHTS.linksHere, 'linksHere');
    for (const n of outlinks.get(key) ?? []) if (n.kind === 'note') add(n, COMMUNITY_WEIGHTS.linkedFromLesson, 'lessonLinks');
    for (const t of lesson.topics) for (const n of topicNotes(t)) add(n, COMMUNITY_WEIGHTS.sharedTopic, `topic:${t.title}`);
    const ranked = [...scores.entries()]
      .map(([note, s]) => ({ note, score: s.score, why: s.why }))
      .sort((a, b) => b.score - a.score || byTitle(a.note, b.note))
      .slice(0, COMMUNITY_LIMIT);
    if (ranked.length) community.set(key, ranked);
  }
  return community;
}

/** "Used in" of each note: the lessons that list it or link to it, and the courses and paths that link to it. */
function usedInOf(model: GardenModel, backlinks: Map<string, Backlinks>): Map<string, UsedIn> {
  const usedIn = new Map<string, UsedIn>();
  for (const note of model.notes) {
    const key = keyOf(note);
    const lessons = new Set<LessonNode>(note.lessons);
    const courses: Array<CourseNode | PathNode> = [];
    for (const f of backlinks.get(key)?.curriculum ?? []) {
      if ('course' in f) lessons.add(f);
      else if (f.kind === 'course' || f.kind === 'path') courses.push(f);
    }
    if (lessons.size || courses.length) usedIn.set(key, { lessons: [...lessons].sort(byPlace), courses: courses.sort(byTitle) });
  }
  return usedIn;
}
