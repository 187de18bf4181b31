/**
 * Where the CMS at `/admin/` (the `cms` setting, docs/cms.md) keeps each page: the collection of a
 * kind and the address of an entry's form. The generated config.yml (commands/cms-config.ts) and the
 * site's "Propose a note" and "Edit this page" links (model/garden.ts) both read these, so a link
 * always opens the form the configuration has.
 */
import { KIND_TABLE, type Kind } from '../core/kinds.ts';
import type { GardenConfig, Source } from './config.ts';

/**
 * True for a source the CMS edits: a folder of the project's repository in the garden layout. A `repo`
 * source is another repository; a source of translations (`translates`) holds no originals, and the CMS edits originals.
 */
export function cmsEditable(source: Pick<Source, 'kind' | 'layout' | 'translates'>): boolean {
  return source.kind === 'local' && source.layout === 'garden' && source.translates === undefined;
}

/** The collection of a kind in a source (`notes`; `notes-team` when several sources are edited). */
export function collectionOf(kind: Kind, source?: string): string {
  return `${KIND_TABLE[kind].plural.toLowerCase()}${source ? `-${source}` : ''}`;
}

/** The entry name of a lesson in its (files) collection: its id with `/` made `--` (`git-foundations--first-commit`). */
export const lessonEntryName = (id: string): string => id.replace('/', '--');

/** The source suffix of collections: the source's name when the CMS edits several, else none. */
export function collectionSuffixOf(config: Pick<GardenConfig, 'sources'>, source: string): string | undefined {
  const editable = config.sources.filter((s) => s.path !== undefined && s.layout === 'garden' && s.translates === undefined);
  return editable.length > 1 ? source : undefined;
}

/** The admin page of a site under `base`. */
const adminOf = (base: string) => `${base.endsWith('/') ? base : `${base}/`}admin/`;

/** The form of a new note, with topics filled in (Decap reads a field's value from the address). */
export function cmsNewNoteUrl(base: string, topic?: string, source?: string): string {
  return `${adminOf(base)}#/collections/${collectionOf('note', source)}/new${topic ? `?topics=${encodeURIComponent(topic)}` : ''}`;
}

/**
 * The form of an existing page: `#/collections/<collection>/entries/<slug>`, the slug being the file
 * name for the kinds in a flat folder, the course id or lesson entry name for courses and lessons.
 * Undefined for a page the CMS does not list (a note in a sub-folder of `notes/`): it keeps the host's link.
 */
export function cmsEntryUrl(base: string, page: { kind: Kind; id: string; path: string }, source?: string): string | undefined {
  const { folder, files } = KIND_TABLE[page.kind];
  let slug: string | undefined;
  if (files === 'course-index') slug = page.id;
  else if (files === 'course-page') slug = lessonEntryName(page.id);
  else {
    const m = new RegExp(`^${folder}/([^/]+)\\.md$`).exec(page.path);
    slug = m?.[1];
  }
  return slug === undefined ? undefined : `${adminOf(base)}#/collections/${collectionOf(page.kind, source)}/entries/${encodeURIComponent(slug)}`;
}
