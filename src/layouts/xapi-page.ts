/**
 * What the xAPI script is told about the page it runs on (src/components/Xapi.astro): a lesson (its
 * id, title and course) or a note, found by the page's address, or nothing for any other page.
 */
import type { GardenModel } from '../garden/model/model.ts';
import { url } from './url.ts';

export type XapiPage = { kind: 'lesson'; id: string; path: string; title: string; course: { path: string; title: string } } | { kind: 'note'; path: string; title: string };

const byModel = new WeakMap<object, Map<string, XapiPage>>();

/** The lesson or note at `pathname` (with the base path), from one table per build. */
export function xapiPageOf(model: Pick<GardenModel, 'lessons' | 'notes'>, pathname: string): XapiPage | undefined {
  let pages = byModel.get(model);
  if (!pages) {
    pages = new Map();
    for (const n of model.notes) pages.set(url(n.entry.route), { kind: 'note', path: url(n.entry.route), title: n.entry.title });
    for (const l of model.lessons) {
      const path = url(l.entry.route);
      pages.set(path, { kind: 'lesson', id: l.entry.id, path, title: l.entry.title, course: { path: url(l.course.entry.route), title: l.course.entry.title } });
    }
    byModel.set(model, pages);
  }
  return pages.get(pathname);
}
