/**
 * What a page shows of its languages (docs/languages.md): the switcher's versions, the `hreflang`
 * links, and the notices for a reader who chose another language. The translation groups themselves
 * are the model's (src/garden/model/translations.ts); this only turns them into what the layout shows.
 */
import type { AnyEntry } from '../garden/content/entries.ts';
import type { Garden } from '../garden/model/garden.ts';
import { isOutdated, listLocales, routeIn, shownIn, sortedIn, translationIn, versionsOf } from '../garden/model/translations.ts';
import { uiFor } from '../i18n/languages.ts';
import { url } from './url.ts';

/** A page's languages, as the layout shows them. */
export interface PageLanguages {
  /** The language this page is in. */
  lang: string;
  /** Every version of the page (the original first), each named in its own language: the switcher and `hreflang`. Empty when it has none. */
  versions: Array<{ lang: string; href: string; name: string; current: boolean }>;
  /** For each language the page is not in: what a reader who chose it reads (a link to its version, or the fallback notice). */
  notices: Array<{ lang: string; text: string; href?: string }>;
  /** The outdated notice of a translation older than its original. */
  outdated?: string;
}

const names = new Map<string, Intl.DisplayNames>();
/** A language's name in language `inLang` ("Deutsch" in `de`, "German" in `en`). */
export function languageName(lang: string, inLang: string): string {
  let n = names.get(inLang);
  if (!n) names.set(inLang, (n = new Intl.DisplayNames([inLang], { type: 'language' })));
  const name = n.of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(inLang) + name.slice(1);
}

/** What a reader who chose language `l` is told on a page in another: a link to its version in `l`, or that they read the original (in the site's language `site`). Written in `l`. */
function noticeFor(site: string, l: string, version: string | undefined): PageLanguages['notices'][number] {
  const { t: say } = uiFor(l);
  if (version !== undefined) return { lang: l, text: say('translations.switchTo', { language: languageName(l, l) }), href: url(version) };
  return { lang: l, text: say('translations.fallback', { language: languageName(l, l), original: languageName(site, l) }) };
}

/**
 * What one of the site's own lists (`/courses/`, `/de/notes/page/2/`: `route` in the site's language) in
 * `lang` shows of its languages: it exists in every language of `locales`, so the switcher and `hreflang`
 * name each, and a reader who chose another language is offered its list. Undefined in a garden of one language.
 */
export function listLanguages(garden: Pick<Garden, 'translations'>, route: string, lang?: string): PageLanguages | undefined {
  const t = garden.translations;
  if (listLocales(t).length === 0) return undefined;
  const here = lang ?? t.lang;
  return {
    lang: here,
    versions: t.locales.map((l) => ({ lang: l, href: url(routeIn(t, route, l)), name: languageName(l, l), current: l === here })),
    notices: t.locales.filter((l) => l !== here).map((l) => noticeFor(t.lang, l, routeIn(t, route, l))),
  };
}

/** The page to show for an original in `lang`: its translation when there is one, else the original (for titles and links in lists). */
export function inLanguage<E extends AnyEntry>(garden: Pick<Garden, 'translations'>, original: E, lang: string | undefined): E {
  return (translationIn(garden.translations, original.kind, original.id, lang) as E | undefined) ?? original;
}

/** What the page of `original` in `lang` (undefined: the site's) shows of its languages; undefined in a garden of one language. */
export function pageLanguages(garden: Pick<Garden, 'translations'>, original: AnyEntry, lang?: string): PageLanguages | undefined {
  const t = garden.translations;
  if (t.locales.length < 2) return undefined;
  const here = lang ?? t.lang;
  const versions = versionsOf(t, original);
  const notices = t.locales.filter((l) => l !== here).map((l) => noticeFor(t.lang, l, versions.find((v) => v.lang === l)?.route));
  const shown = translationIn(t, original.kind, original.id, lang);
  return {
    lang: here,
    versions: versions.map((v) => ({ lang: v.lang, href: url(v.route), name: languageName(v.lang, v.lang), current: v.lang === here })),
    notices,
    outdated: shown && isOutdated(shown, original) ? uiFor(here).t('translations.outdated', { date: uiFor(here).date(original.updated!) }) : undefined,
  };
}

/** What a list or link shows of a page in a language: its address, title and summary, and `lang` when it is the original in a page of another language. */
export interface ShownPage {
  href: string;
  /** Its route, without the base (for an address with a `#hash`). */
  route: string;
  title: string;
  summary?: string;
  lang?: string;
}

/**
 * How a page in `lang` (undefined: the site's language) shows the site: its own lists under `/<lang>/`
 * (`/de/courses/`), every other page as its translation where there is one (else the original, marked
 * with its language), lists in the order of that language (docs/languages.md). One object serves the
 * pages and components of both the originals and the translations: in the site's language it changes nothing.
 */
export function viewIn(garden: Pick<Garden, 'translations'>, lang: string | undefined) {
  const t = garden.translations;
  return {
    /** One of the site's own routes in this language, without the base: `/notes/` → `/de/notes/`. */
    route: (route: string): string => routeIn(t, route, lang),
    /** The address of one of the site's own pages in this language: `/notes/` → `/de/notes/` under the base. */
    href: (route: string): string => url(routeIn(t, route, lang)),
    /** Another page as this language shows it. */
    page: (n: Parameters<typeof shownIn>[1]): ShownPage => {
      const s = shownIn(t, n, lang);
      return { href: url(s.route), route: s.route, title: s.title, summary: (s.entry?.data as { summary?: string } | undefined)?.summary, lang: s.lang };
    },
    /** Another page's title in this language (its translation's where there is one). */
    title: (entry: AnyEntry): string => inLanguage(garden, entry, lang).title,
    /** A list of pages in the order of their titles in this language (`rank` first: a topic's number). */
    sorted: <T extends Parameters<typeof sortedIn>[1][number]>(items: readonly T[], rank?: (item: T) => number): T[] => sortedIn(t, items, lang, rank),
  };
}
