/**
 * What search knows about each page: the facts Pagefind indexes as filters, metadata and sort keys,
 * the labels the search page shows for filter values, and the compact fallback index used where
 * Pagefind cannot run (a site opened from disk, `file://`). Computed from the garden model once;
 * pages only render what these functions return.
 */
import type { CourseNode, GardenModel, LessonNode, NoteNode, PathNode, PersonNode, TopicNode } from './model.ts';
import type { Kind } from '../content/schemas.ts';
import type { AnyEntry } from '../content/entries.ts';

import { KIND_LABELS } from '../core/kinds.ts';

// Kinds are named in the kind table (kinds.ts); search re-exports the labels its callers use.
export { KIND_LABELS };

/** The filter keys Pagefind indexes, in the order the search page shows them. */
export const FILTER_KEYS = ['kind', 'topic', 'course', 'stage', 'source'] as const;
/** One of the search filters. */
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Everything search indexes about one page beside its text. Filter values are ids, not labels. */
export interface SearchFacts {
  kind: Kind;
  title: string;
  summary?: string;
  /** Where the page sits, for the result line: "Git foundations › Lesson 2 of 5". */
  breadcrumb: string;
  /** Filter values by key; a key with no values is left out. */
  filters: Partial<Record<FilterKey, string[]>>;
  /**
   * Last updated, `YYYY-MM-DD`, when known: the `updated` field, else the file's git history.
   */
  updated?: string;
  /** Words people search for that the page does not show as prominently (topic aliases). */
  keywords: string[];
}

/** A page to describe, tagged with its kind. */
export type Searchable =
  | { kind: 'path'; node: PathNode }
  | { kind: 'course'; node: CourseNode }
  | { kind: 'lesson'; node: LessonNode }
  | { kind: 'note'; node: NoteNode }
  | { kind: 'topic'; node: TopicNode }
  | { kind: 'person'; node: PersonNode };

const ids = (topics: readonly TopicNode[]) => topics.map((t) => t.id as string);
const nonEmpty = (f: Partial<Record<FilterKey, string[]>>) => Object.fromEntries(Object.entries(f).filter(([, v]) => v && v.length > 0)) as Partial<Record<FilterKey, string[]>>;

/** What a page's search facts depend on beyond the page itself. */
export interface SearchContext {
  /** How many sources the garden's pages come from: a result names its source only when there are several. */
  sources: number;
}

const contexts = new WeakMap<object, SearchContext>();
/** The search context of a garden, worked out once per model. */
export function searchContextOf(model: Pick<GardenModel, 'paths' | 'courses' | 'lessons' | 'notes' | 'people' | 'topics'>): SearchContext {
  let context = contexts.get(model);
  if (!context) {
    const sources = new Set<string>();
    for (const n of [...model.paths, ...model.courses, ...model.lessons, ...model.notes, ...model.people]) sources.add(n.entry.source);
    for (const t of model.topics) if (t.entry) sources.add(t.entry.source);
    context = { sources: sources.size };
    contexts.set(model, context);
  }
  return context;
}

/**
 * Where a note sits, for its result line: its source when the garden has several, then its folders
 * (a garden's own `notes/` folder left out); "Notes" when that says nothing: `vault › ops › deploys`.
 */
export function notePlaceOf(entry: { source: string; path: string }, context: SearchContext, notes = 'Notes'): string[] {
  const folders = entry.path.split('/').slice(0, -1);
  if (folders[0] === 'notes') folders.shift();
  const place = [...(context.sources > 1 ? [entry.source] : []), ...folders];
  return place.length ? place : [notes];
}

/** The words of a result line that are not the content's, in the site's language (the pages pass the UI catalogue's). */
export interface SearchWords {
  /** "Path · 3 courses". */
  path(courses: number): string;
  /** Where a course in no path sits: "Courses". */
  courses: string;
  /** "4 lessons". */
  lessons(count: number): string;
  /** "Lesson 2 of 5". */
  lesson(position: number, total: number): string;
  /** A note's kind ("How-to") and stage ("evergreen"). */
  noteKind(kind: string): string;
  stage(stage: string): string;
  /** Where a note in no folder sits, where topics and people sit. */
  notes: string;
  topics: string;
  people: string;
  /** The title of another page (a lesson's course, a course's path) in this language: its translation's where there is one. */
  titleOf(entry: AnyEntry): string;
}

/** English, as the UI catalogue has it: what search indexes when no language is given. */
export const ENGLISH_SEARCH_WORDS: SearchWords = {
  path: (courses) => `Path · ${courses} courses`,
  courses: 'Courses',
  lessons: (count) => `${count} lessons`,
  lesson: (position, total) => `Lesson ${position} of ${total}`,
  noteKind: (kind) => (kind === 'note' ? 'Note' : (NOTE_KIND_LABELS[kind] ?? kind)),
  stage: (stage) => stage,
  notes: 'Notes',
  topics: 'Topics',
  people: 'People',
  titleOf: (entry) => entry.title,
};

/** The search facts of one page; `context` (searchContextOf) says how many sources the garden has. */
export function searchFactsOf(item: Searchable, context: SearchContext = { sources: 1 }, words: SearchWords = ENGLISH_SEARCH_WORDS): SearchFacts {
  switch (item.kind) {
    case 'path': {
      const { entry } = item.node;
      return {
        kind: 'path',
        title: entry.title,
        summary: entry.data.summary,
        breadcrumb: words.path(item.node.courses.length),
        filters: nonEmpty({ kind: ['path'], topic: ids(item.node.topics), source: [entry.source] }),
        updated: entry.updated ?? entry.data.updated,
        keywords: [],
      };
    }
    case 'course': {
      const { entry, paths } = item.node;
      return {
        kind: 'course',
        title: entry.title,
        summary: entry.data.summary,
        breadcrumb: [paths[0] ? words.titleOf(paths[0].entry) : words.courses, words.lessons(item.node.lessons.length)].join(' › '),
        filters: nonEmpty({ kind: ['course'], topic: ids(item.node.topics), course: [entry.id], source: [entry.source] }),
        updated: entry.updated ?? entry.data.updated,
        keywords: [],
      };
    }
    case 'lesson': {
      const { entry, course, position } = item.node;
      return {
        kind: 'lesson',
        title: entry.title,
        summary: entry.data.summary,
        breadcrumb: `${words.titleOf(course.entry)} › ${words.lesson(position, course.lessons.length)}`,
        filters: nonEmpty({ kind: ['lesson'], topic: ids(item.node.topics), course: [course.entry.id], source: [entry.source] }),
        updated: entry.updated ?? entry.data.updated,
        keywords: [],
      };
    }
    case 'note': {
      const { entry } = item.node;
      const noteKind = words.noteKind(entry.data.kind);
      return {
        kind: 'note',
        title: entry.title,
        summary: entry.data.summary,
        // "Notes › How-to · evergreen"; "vault › ops › deploys › How-to · evergreen" for a note in folders of one of several sources.
        breadcrumb: [[...notePlaceOf(entry, context, words.notes), noteKind].join(' › '), entry.data.stage && words.stage(entry.data.stage)].filter(Boolean).join(' · '),
        filters: nonEmpty({ kind: ['note'], topic: ids(item.node.topics), stage: entry.data.stage ? [entry.data.stage] : [], source: [entry.source] }),
        updated: entry.updated ?? entry.data.updated,
        keywords: [],
      };
    }
    case 'topic': {
      const t = item.node;
      const source = t.entry?.source ?? t.notes[0]?.entry.source;
      return {
        kind: 'topic',
        title: t.title,
        summary: t.entry?.data.summary,
        breadcrumb: [words.topics, t.parent?.title].filter(Boolean).join(' › '),
        filters: nonEmpty({ kind: ['topic'], topic: [t.id], source: source ? [source] : [] }),
        updated: t.entry?.updated,
        keywords: t.entry?.data.aliases ?? [],
      };
    }
    case 'person': {
      const { entry, expertise } = item.node;
      return {
        kind: 'person',
        title: entry.title,
        summary: [entry.data.role, entry.data.team].filter(Boolean).join(' · ') || undefined,
        breadcrumb: words.people,
        filters: nonEmpty({ kind: ['person'], topic: ids(expertise), source: [entry.source] }),
        updated: entry.updated,
        // The role line is left out of the indexed text (it sits in `.muted`), so it is indexed here.
        keywords: [entry.data.role, entry.data.team].filter((k): k is string => !!k),
      };
    }
  }
}

/** How a note's `kind` is named. */
export const NOTE_KIND_LABELS: Record<string, string> = {
  note: 'Note',
  'how-to': 'How-to',
  tip: 'Tip',
  question: 'Question',
  til: 'TIL',
  reference: 'Reference',
};

/** Labels for filter values (ids → what the reader sees), per filter key, sorted by label. */
export type FilterLabels = Record<FilterKey, Record<string, string>>;

/** The labels the search page shows for every filter value in the garden. */
export function filterLabelsOf(model: GardenModel): FilterLabels {
  const sources = new Set<string>();
  for (const n of [...model.paths, ...model.courses, ...model.lessons, ...model.notes, ...model.people]) sources.add(n.entry.source);
  return {
    kind: { ...KIND_LABELS },
    topic: Object.fromEntries(model.topics.map((t) => [t.id, t.title])),
    course: Object.fromEntries(model.courses.map((c) => [c.entry.id, c.entry.title])),
    stage: { seedling: 'Seedling', budding: 'Budding', evergreen: 'Evergreen' },
    source: Object.fromEntries([...sources].sort().map((s) => [s, s])),
  };
}

/** Every page of the garden as a search item, in the model's order. */
export function searchablesOf(model: GardenModel): Searchable[] {
  return [
    ...model.paths.map((node) => ({ kind: 'path' as const, node })),
    ...model.courses.map((node) => ({ kind: 'course' as const, node })),
    ...model.lessons.map((node) => ({ kind: 'lesson' as const, node })),
    ...model.notes.map((node) => ({ kind: 'note' as const, node })),
    ...model.topics.map((node) => ({ kind: 'topic' as const, node })),
    ...model.people.map((node) => ({ kind: 'person' as const, node })),
  ];
}

/** The route of a searchable page. */
export function routeOfSearchable(item: Searchable): string {
  return item.kind === 'topic' ? item.node.route : item.node.entry.route;
}

/**
 * One page in the fallback index, as a tuple to keep the file small:
 * [route, title, kind, breadcrumb, summary, words, filters].
 * `words` is the page's distinct searchable words besides its title (aliases, summary, topics,
 * headings, objectives), lower-cased and space-separated; `filters` is `key:value` pairs,
 * space-separated, without `kind` (the record's own field).
 */
export type FallbackRecord = [route: string, title: string, kind: Kind, breadcrumb: string, summary: string, words: string, filters: string];

/** The fallback index: a version and one record per page. */
export interface FallbackIndex {
  v: 1;
  pages: FallbackRecord[];
}

/** Words of a text, for the fallback index and its queries: lower-case, accents folded, 2+ characters. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

/** A text folded for comparing titles: accents and case dropped, spaces trimmed and collapsed. */
const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');

/**
 * True when a query is a page's title, ignoring case, accents and spacing, or, for titles with
 * punctuation, when both have the same words (`git-commit` and `git commit`): such a page is the
 * answer, and search puts it first.
 */
export function isExactTitle(title: string, query: string): boolean {
  const q = folded(query);
  if (!q) return false;
  if (folded(title) === q) return true;
  const words = wordsOf(query);
  return words.length > 0 && wordsOf(title).join(' ') === words.join(' ');
}

/**
 * Headings of a Markdown body (`## When not to rebase`), without their marks. A scan per line: the
 * regular expression it replaces, /^#{1,6}\s+(.+?)\s*#*\s*$/gm, was quadratic on a long heading of spaces.
 */
function headingsOf(body: string): string[] {
  const out: string[] = [];
  for (const line of body.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const m = /^#{1,6}(\s+)/.exec(line);
    if (!m) continue;
    const text = line.slice(m[0].length);
    if (text === '') {
      if (m[1]!.length >= 2) out.push(m[1]!.slice(-1));
      continue;
    }
    let end = text.trimEnd().length;
    while (end > 0 && text[end - 1] === '#') end--;
    const shown = text.slice(0, end).trimEnd();
    out.push(shown || text[0]!);
  }
  return out;
}

/** Most words kept per page in the fallback index, most telling first: enough for titles, aliases and headings. */
export const FALLBACK_WORDS = 32;

/**
 * The compact fallback index: what a reader can find with no Pagefind (titles, aliases, summaries,
 * topic names, headings, objectives, at most FALLBACK_WORDS distinct words a page besides the
 * title), 300–400 bytes a page before gzip and about 70 after.
 */
export function fallbackIndexOf(model: GardenModel): FallbackIndex {
  const pages: FallbackRecord[] = [];
  const context = searchContextOf(model);
  for (const item of searchablesOf(model)) {
    const f = searchFactsOf(item, context);
    const entry = item.node.entry;
    const data = (entry?.data ?? {}) as { objectives?: string[]; outcomes?: string[] };
    const topicTitles = (f.filters.topic ?? []).map((id) => model.byKey.get(`topic:${id}`)).map((t) => (t && 'title' in t ? t.title : ''));
    // The title is searched on its own; `words` holds the rest, most telling first.
    const titleWords = new Set(wordsOf(f.title));
    const parts = [...f.keywords, f.summary ?? '', ...topicTitles, ...headingsOf(entry?.body ?? ''), ...(data.objectives ?? []), ...(data.outcomes ?? [])];
    const words = [...new Set(wordsOf(parts.join(' ')))]
      .filter((w) => !titleWords.has(w))
      .slice(0, FALLBACK_WORDS)
      .join(' ');
    // `kind` is the record's own field, so it is not repeated here.
    const filters = Object.entries(f.filters)
      .filter(([k]) => k !== 'kind')
      .flatMap(([k, vs]) => vs.map((v) => `${k}:${v}`))
      .join(' ');
    pages.push([routeOfSearchable(item), f.title, f.kind, f.breadcrumb, f.summary ?? '', words, filters]);
  }
  return { v: 1, pages };
}
