/**
 * The site's pages that are not a content page of their own: one list, read by the pages that
 * generate them (`getStaticPaths`) and by the link index, so a content link to any page Grove
 * generates resolves, and a page Grove stops generating stops resolving.
 */
import type { AnyEntry, Entry } from '../content/entries.ts';
import type { Route } from '../core/ids.ts';
import { NOTE_KINDS, STAGES } from '../content/schemas.ts';
import type { GardenModel } from './model.ts';

/** Pages every garden has. */
export const SITE_ROUTES = ['/', '/paths/', '/courses/', '/notes/', '/topics/', '/people/', '/search/', '/contribute/', '/health/', '/map/', '/offline/'] as const;

/** Files every garden serves beside its pages: `public/` (a test keeps the two in step) and what the build writes. */
export const SITE_FILES = ['/favicon.svg', '/map.json'] as const;

/** The note kinds that have a page of their own (`/notes/kind/<kind>/`): those with at least one note, in the schema's order. */
export function noteKindsWithPages(entries: readonly AnyEntry[]): Array<(typeof NOTE_KINDS)[number]> {
  const present = new Set(entries.flatMap((e) => (e.kind === 'note' ? [(e as Entry<'note'>).data.kind] : [])));
  return NOTE_KINDS.filter((k) => present.has(k));
}

/** The stages that have a page of their own (`/notes/stage/<stage>/`): every stage, so a link to an empty one still lands on a page that says so. */
export function stagesWithPages(): ReadonlyArray<(typeof STAGES)[number]> {
  return STAGES;
}

/** The ids of the paths that have a printable summary (`/paths/<id>/summary/`): every path. */
export function pathsWithSummaries(entries: readonly AnyEntry[]): string[] {
  return entries.filter((e) => e.kind === 'path').map((e) => e.id as string);
}

/** Every generated route that is not a content page, without the base. */
export function generatedRoutes(entries: readonly AnyEntry[]): Route[] {
  return [
    ...SITE_ROUTES,
    ...SITE_FILES,
    ...noteKindsWithPages(entries).map((k) => `/notes/kind/${k}/`),
    ...stagesWithPages().map((s) => `/notes/stage/${s}/`),
    ...pathsWithSummaries(entries).map((id) => `/paths/${id}/summary/`),
  ] as Route[];
}

/** Most items one list page shows (topics, notes, kinds, stages, people, a topic's notes); a longer list goes on at `<list>/page/2/`. */
export const PAGE_SIZE = 200;

/** How many pages a list of `total` items takes: at least one, so an empty list still has its page. */
export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The route of page `n` (from 1) of the list at `route`: page 1 is the list's own route, the others `<route>page/<n>/`. */
export function pageRoute(route: string, n: number): Route {
  return (n <= 1 ? route : `${route}page/${n}/`) as Route;
}

/** One page of a list: its items, where it is, and the whole list's size. */
export interface ListPage<T> {
  items: T[];
  /** This page's number, from 1. */
  page: number;
  /** How many pages the list has. */
  pages: number;
  /** How many items the whole list has. */
  total: number;
  /** The position of this page's first item in the list, from 1 (0 for an empty list). */
  from: number;
  /** The position of its last item. */
  to: number;
}

/** Page `page` (from 1) of `items`; a page past the end is empty. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE): ListPage<T> {
  const start = (page - 1) * size;
  const slice = items.slice(start, start + size);
  return { items: slice, page, pages: pageCount(items.length, size), total: items.length, from: slice.length ? start + 1 : 0, to: start + slice.length };
}

/** Every list Grove paginates: its first page's route and its items' count. */
export function pagedLists(model: Pick<GardenModel, 'topics' | 'notes' | 'notesByKind' | 'notesByStage' | 'people'>): Array<{ route: Route; total: number }> {
  return [
    { route: '/notes/' as Route, total: model.notes.length },
    ...[...model.notesByKind].map(([k, notes]) => ({ route: `/notes/kind/${k}/` as Route, total: notes.length })),
    ...stagesWithPages().map((s) => ({ route: `/notes/stage/${s}/` as Route, total: model.notesByStage.get(s)?.length ?? 0 })),
    { route: '/topics/' as Route, total: model.topics.length },
    ...model.topics.map((t) => ({ route: t.route as Route, total: t.notes.length })),
    { route: '/people/' as Route, total: model.people.length },
  ];
}

/** The site's own lists that exist in every language of `locales` too (`/de/courses/`: docs/languages.md), without the locale: their first pages and later ones. */
export function listRoutes(entries: readonly AnyEntry[], model: Parameters<typeof pagedLists>[0]): Route[] {
  const lists = [
    '/',
    '/paths/',
    '/courses/',
    '/notes/',
    '/topics/',
    '/people/',
    '/search/',
    ...noteKindsWithPages(entries).map((k) => `/notes/kind/${k}/`),
    ...stagesWithPages().map((s) => `/notes/stage/${s}/`),
  ];
  // A topic's later pages are the site language's only.
  const later = pagedLists(model).filter(({ route }) => !route.startsWith('/topics/') || route === '/topics/');
  return [...lists, ...later.flatMap(({ route, total }) => laterPages(total).map((n) => pageRoute(route, n)))] as Route[];
}

/** The numbers of the pages after the first of the list at `route` (for `getStaticPaths`): `[2, 3, …]`, none for a list that fits one page. */
export function laterPages(total: number): number[] {
  return Array.from({ length: pageCount(total) - 1 }, (_, i) => i + 2);
}

/**
 * Every later page of every paginated list (`/notes/page/2/`, `/topics/git/page/3/`…): generated
 * routes too, known to the link index once the model is built (they depend on how many notes each
 * topic has, which only the model knows).
 */
export function pagedRoutes(model: Parameters<typeof pagedLists>[0]): Route[] {
  return pagedLists(model).flatMap(({ route, total }) => laterPages(total).map((n) => pageRoute(route, n)));
}

/**
 * The page numbers a list's navigation shows: the first, the last, and two either side of the
 * current page, with `'…'` where numbers are left out (`1 … 4 5 6 7 8 … 23`); every page when there
 * are few.
 */
export function pageNumbersShown(page: number, pages: number, around = 2): Array<number | '…'> {
  const shown: Array<number | '…'> = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= around) shown.push(n);
    else if (shown.at(-1) !== '…') shown.push('…');
  }
  // A gap of one page reads better as its number than as "…".
  return shown.map((x, i) => (x === '…' && shown[i - 1] === (shown[i + 1] as number) - 2 ? (shown[i - 1] as number) + 1 : x));
}

/** A count as the pages write it: `4,600 notes`, `1 note`. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
