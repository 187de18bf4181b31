/**
 * The site's own lists in every language it is translated into (`/de/`, `/de/courses/`, `/de/notes/kind/tip/page/2/`:
 * docs/languages.md). Each page under `src/pages/[locale]/` is the original's page given `lang`; its paths are the
 * original's, once per locale that has lists, keyed like the original's (src/garden/model/page-keys.ts).
 */
import { getGarden, getPageKeys } from '../collections/content.ts';
import { listLocales, routeIn } from '../garden/model/translations.ts';

/** What a page's `getStaticPaths()` returns for one page. */
interface StaticPath {
  params: Record<string, string | undefined>;
  props?: Record<string, unknown>;
}

/**
 * The original list's paths in every locale with lists (none in a garden of one language), with `lang` among the
 * props. `routeOf` gives a path's route in the site's language (`/notes/kind/tip/`). `keyed`: the original has a
 * page key (its later pages, its filters); a list without one (home, courses, paths, search) is rendered on every
 * build, as the original is.
 */
export async function inEveryLocale(paths: readonly StaticPath[], routeOf: (params: StaticPath['params']) => string, keyed = true) {
  const [{ translations }, cacheKeyOf] = await Promise.all([getGarden(), getPageKeys()]);
  return listLocales(translations).flatMap((locale) =>
    paths.map((p) => ({
      params: { ...p.params, locale },
      props: { ...p.props, lang: locale },
      cacheKey: keyed ? cacheKeyOf(routeIn(translations, routeOf(p.params), locale)) : undefined,
    })),
  );
}
