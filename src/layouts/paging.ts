/** What the paginated list pages share: their links to the previous and next page, and their titles. */
import { pageRoute } from '../garden/model/routes.ts';
import type { Ui } from '../i18n/languages.ts';
import { url } from './url.ts';

/** Where a list's page sits: its number and how many there are. */
export interface PagePlace {
  page: number;
  pages: number;
}

/** The previous and next pages of page `page` of the list at `route`, as links (for `<link rel>` and the navigation). */
export function pagerOf(route: string, { page, pages }: PagePlace): { prev?: string; next?: string } {
  return { prev: page > 1 ? url(pageRoute(route, page - 1)) : undefined, next: page < pages ? url(pageRoute(route, page + 1)) : undefined };
}

/** A list page's title in the UI's language: the list's own on its first page, `Notes, page 2 of 23` on the others. */
export function pageTitle({ t }: Ui, title: string, { page, pages }: PagePlace): string {
  return page > 1 ? t('pages.title', { title, page, pages }) : title;
}
