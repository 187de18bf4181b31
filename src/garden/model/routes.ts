/**
 * The site's pages that are not a content page of their own: one list, read by the pages that
 * generate them (`getStaticPaths`) and by the link index, so a content link to any page Grove
 * generates resolves, and a page Grove stops generating stops resolving.
 */
import type { AnyEntry, Entry } from '../content/entries.ts';
import type { Route } from '../core/ids.ts';
import { NOTE_KINDS, STAGES } from '../content/schemas.ts';

/** Pages every garden has. */
export const SITE_ROUTES = ['/', '/paths/', '/courses/', '/notes/', '/topics/', '/people/', '/search/', '/contribute/', '/health/', '/map/', '/offline/'] as const;

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
    ...noteKindsWithPages(entries).map((k) => `/notes/kind/${k}/`),
    ...stagesWithPages().map((s) => `/notes/stage/${s}/`),
    ...pathsWithSummaries(entries).map((id) => `/paths/${id}/summary/`),
  ] as Route[];
}
