/**
 * The kinds of page Grove knows, and every fact about a kind that more than one place needs: the
 * folder it sits in, its route section, its names, and whether it is formal (the learning team's
 * curriculum) or informal (anyone's knowledge). The model, the link resolver, the pages, search
 * (in the build and in the browser: this module is pure) and the map all read this one table.
 *
 * Adding a kind is one row here plus what is its own: its schema (schemas.ts SCHEMAS), its template
 * (templates.ts), its model builder (model.ts) and its pages (src/pages/<section>/).
 * tests/unit/core/kinds.test.ts checks that every row has each of them.
 */

/** What the site needs to know of one kind of page. */
export interface KindInfo {
  /** The folder of a source its files sit in (`notes/`), and so the first segment of its path. */
  folder: string;
  /** The first segment of its pages' routes (`/notes/<id>/`). */
  section: string;
  /** Its name as a reader reads it, one and many: "Person", "People". */
  label: string;
  plural: string;
  /** Formal (paths, courses, lessons: written by the learning team, strict) or informal (notes, topics, people). */
  formal: boolean;
  /**
   * How its files sit in its folder: `flat` (`topics/<id>.md`), `tree` (`notes/**\/<id>.md`, any depth),
   * `course-index` (`courses/<id>/index.md`) or `course-page` (`courses/<course>/<lesson>.md`).
   */
  files: 'flat' | 'tree' | 'course-index' | 'course-page';
}

/** The table, in the order the site presents the kinds. */
export const KIND_TABLE = {
  path: { folder: 'paths', section: 'paths', label: 'Path', plural: 'Paths', formal: true, files: 'flat' },
  course: { folder: 'courses', section: 'courses', label: 'Course', plural: 'Courses', formal: true, files: 'course-index' },
  lesson: { folder: 'courses', section: 'courses', label: 'Lesson', plural: 'Lessons', formal: true, files: 'course-page' },
  note: { folder: 'notes', section: 'notes', label: 'Note', plural: 'Notes', formal: false, files: 'tree' },
  topic: { folder: 'topics', section: 'topics', label: 'Topic', plural: 'Topics', formal: false, files: 'flat' },
  person: { folder: 'people', section: 'people', label: 'Person', plural: 'People', formal: false, files: 'flat' },
} as const satisfies Record<string, KindInfo>;

/** One kind of page. */
export type Kind = keyof typeof KIND_TABLE;

/** The kinds of page Grove knows, in the order the site presents them. */
export const KINDS = Object.keys(KIND_TABLE) as Kind[];

/** The kinds drawn on the map, as numbers in its data (0, 1, 2), in drawing order. */
export const MAP_KINDS = ['topic', 'course', 'note'] as const satisfies readonly Kind[];

/** How each kind is named in badges and filters. */
export const KIND_LABELS = Object.fromEntries(KINDS.map((k) => [k, KIND_TABLE[k].label])) as Record<Kind, string>;

/** True for a kind of page Grove knows. */
export function isKind(s: string): s is Kind {
  return Object.hasOwn(KIND_TABLE, s);
}

/** The facts of one kind. */
export function kindOf(kind: Kind): KindInfo {
  return KIND_TABLE[kind];
}

/** The key of a page across kinds (`note:rebase-safely`), as the graph, the link reports and the collection use it. */
export function pageKey(kind: Kind, id: string): string {
  return `${kind}:${id}`;
}

/** Fails the type check when a switch over kinds misses one: `default: return unreachable(kind)`. */
export function unreachable(kind: never): never {
  throw new Error(`unknown kind of page: ${String(kind)}`);
}
