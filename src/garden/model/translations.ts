/**
 * Stage "entries → translation groups": which pages translate which, recorded once per build
 * (docs/languages.md). A translation is found by path (`content/de/notes/x.md` translates
 * `content/notes/x.md`: content/entries.ts reads it so) or declared (`translationOf: <id>` with `lang`).
 * It keeps its original's kind and id, so everything keyed by the original (progress, knowledge
 * checks, the graph) is shared; it is not a page of the model: pages show the original's node with
 * the translation's text, under `/<lang>/`.
 */
import { asTranslation, type AnyEntry } from '../content/entries.ts';
import { pageKey } from '../core/kinds.ts';
import { hintForIds, type Problem } from '../core/problems.ts';
import type { PageId, Route } from '../core/ids.ts';

/** The languages of a garden and every translation of its pages. */
export interface Translations {
  /** The site's language: the originals'. */
  lang: string;
  /** Every language content may be in, the site's first. */
  locales: string[];
  /** Every translation, in the order read. */
  entries: AnyEntry[];
  /** The translations of each original, by its page key (`lesson:git/branches`), then by language. */
  byKey: Map<string, Map<string, AnyEntry>>;
}

/** No translations: a garden in one language. */
export function noTranslations(lang = 'en'): Translations {
  return { lang, locales: [lang], entries: [], byKey: new Map() };
}

/**
 * Sorts the pages into originals and translations and records the groups. `entries` are the pages
 * read (a page declaring `translationOf` among them); `byFolder` the translations found by path. What
 * is wrong is an error naming the file, the field and the fix: a language not in `locales`, a
 * `translationOf` naming nothing, or naming a translation (a loop among them), two translations of one
 * page into one language, a translation by path whose original is missing.
 *
 * `sources` says who may translate whom (docs/languages.md, "Translations from other sources"): the
 * translations of a source with `translates` are matched to that source's pages by path; an untrusted
 * source may not declare a translation of a trusted source's page unless it `translates` that source;
 * and of two translations of a page into one language a trusted source's is kept before an untrusted one's.
 */
export function buildTranslations(
  entries: readonly AnyEntry[],
  byFolder: readonly AnyEntry[],
  settings: { lang: string; locales: readonly string[]; file: string },
  sources: ReadonlyMap<string, TranslatingSource> = new Map(),
): { originals: AnyEntry[]; translations: Translations; problems: Problem[] } {
  const locales = [...new Set([settings.lang, ...settings.locales])];
  const problems: Problem[] = [];
  const error = (e: AnyEntry, field: string | undefined, message: string, hint: string) =>
    problems.push({ file: e.file, line: field ? e.lines[field] : undefined, field, message, hint, severity: 'error' });
  const declared = (e: AnyEntry) => (e.data as { translationOf?: string }).translationOf;
  const originals = entries.filter((e) => declared(e) === undefined);
  const byKey = new Map(originals.map((e) => [pageKey(e.kind, e.id), e]));
  const translationsByKey = new Map(entries.filter((e) => declared(e) !== undefined).map((e) => [pageKey(e.kind, e.id), e]));
  const declaredFound: AnyEntry[] = [];
  for (const e of entries) {
    const of = declared(e);
    if (of === undefined) continue;
    const pageLang = (e.data as { lang?: string }).lang;
    if (pageLang === undefined || pageLang === settings.lang) {
      error(
        e,
        'translationOf',
        pageLang === undefined
          ? 'declares `translationOf` but no `lang`, so it is not known which language it translates into'
          : `declares \`translationOf\` in the site's own language "${settings.lang}"`,
        `add \`lang:\` with one of the settings' \`locales\` (${locales.slice(1).join(', ') || 'none yet: add one to `locales` in the settings'}), or remove \`translationOf\` if it is a page of its own`,
      );
      continue;
    }
    if (!locales.includes(pageLang)) {
      error(e, 'lang', `is a translation into "${pageLang}", which is not one of the settings' \`locales\``, `add '${pageLang}' to \`locales\` in ${settings.file}, or correct \`lang\``);
      continue;
    }
    const key = pageKey(e.kind, of);
    const original = byKey.get(key);
    if (!original) {
      const other = translationsByKey.get(key);
      if (other) {
        error(
          e,
          'translationOf',
          `translates "${of}", which is itself a translation (of "${declared(other)}"${loopOf(e, translationsByKey) ? ': the two point at each other' : ''})`,
          `name the original: translationOf: ${declared(other)}`,
        );
      } else {
        const ids = originals.filter((o) => o.kind === e.kind).map((o) => o.id);
        error(e, 'translationOf', `translates "${of}", but there is no ${e.kind} "${of}"`, `${hintForIds(of, ids, e.kind)}; or write the original first`);
      }
      continue;
    }
    // Who may translate whom: an untrusted source declares translations of its own pages and of other
    // untrusted sources'; a trusted source's page only takes the translations the settings let in: a
    // source of translations (`translates`), whose pages never get here (content/entries.ts reads them as translations).
    const from = sources.get(e.source);
    const to = sources.get(original.source);
    if (from?.trust === 'untrusted' && to?.trust !== 'untrusted') {
      error(
        e,
        'translationOf',
        `translates "${of}" of the trusted source "${original.source}", but is in the untrusted source "${e.source}", whose translations a trusted page does not take unasked`,
        `move the translation into the source "${original.source}"${to?.layout === 'garden' ? ` (as ${pageLang}/${original.path})` : ''}; or, to take translations of "${original.source}" from elsewhere, keep them in a source of their own with \`translates: '${original.source}'\` and \`lang: '${pageLang}'\` in ${settings.file}, each file at its original's path`,
      );
      continue;
    }
    declaredFound.push(asTranslation({ ...e, id: original.id, route: original.route } as AnyEntry, pageLang));
  }
  // A source of translations (`translates`) translates its originals' source file by file, at the same path.
  const byPath = new Map(originals.map((o) => [`${o.source}\0${o.path}`, o]));
  // Translations by folder first: of two into one language, the one in the locale's folder is kept.
  const found: AnyEntry[] = [];
  for (const t of byFolder) {
    const of = sources.get(t.source)?.translates;
    const written = (t.data as { lang?: string }).lang;
    if (written !== undefined && written !== t.lang) {
      // Its place says its language; a `lang` that disagrees would mark the text as another language than the page's.
      problems.push({
        file: t.file,
        line: t.lines.lang,
        field: 'lang',
        message: `says \`lang: ${written}\`, but it is a "${t.lang}" translation (${of !== undefined ? `its source "${t.source}" has \`lang: '${t.lang}'\`` : `it is in the folder "${t.lang}/"`}); it is read as "${t.lang}"`,
        hint: of !== undefined ? 'remove `lang` from the page' : `remove \`lang\`, or move the file to the folder "${written}/"`,
        severity: 'warning',
      });
      t.data = { ...t.data, lang: t.lang } as typeof t.data;
    }
    if (of !== undefined) {
      const original = byPath.get(`${of}\0${t.path}`);
      if (original && original.kind === t.kind) found.push(asTranslation({ ...t, id: original.id, route: original.route } as AnyEntry, t.lang!));
      else {
        const imported = sources.get(t.source)?.layout !== 'garden';
        problems.push({
          file: t.file,
          message: `${imported ? 'left out: ' : ''}is a "${t.lang}" translation (its source "${t.source}" translates "${of}") of ${t.path} in "${of}", which has no ${t.kind} there`,
          hint: `write the original at ${t.path} in "${of}", or move this file to its original's path${imported ? `, or add ${JSON.stringify(t.path)} to \`exclude\` on the source "${t.source}"` : ''}`,
          severity: imported ? 'warning' : 'error',
        });
      }
      continue;
    }
    if (byKey.has(pageKey(t.kind, t.id))) found.push(t);
    else {
      const original = t.path.slice(t.path.indexOf('/') + 1);
      error(
        t,
        undefined,
        `is a translation into "${t.lang}" (it is in the folder "${t.lang}/") of ${original}, which does not exist`,
        `write the original at ${original}, move this file to match its original's path, or give it \`translationOf: <id>\``,
      );
    }
  }
  found.push(...declaredFound);
  // Of two translations into one language, a trusted source's is kept before an untrusted one's, whatever the order read.
  const untrusted = (t: AnyEntry) => (sources.get(t.source)?.trust === 'untrusted' ? 1 : 0);
  const ordered = found.map((t, i) => [t, i] as const).sort(([a, i], [b, j]) => untrusted(a) - untrusted(b) || i - j);
  const groups = new Map<string, Map<string, AnyEntry>>();
  const kept: AnyEntry[] = [];
  for (const [t] of ordered) {
    const key = pageKey(t.kind, t.id);
    const group = groups.get(key) ?? new Map<string, AnyEntry>();
    const first = group.get(t.lang!);
    if (first) {
      const why = untrusted(t) > untrusted(first) ? ` (a trusted source's translation is kept before one from the untrusted source "${t.source}")` : '';
      error(
        t,
        declared(t) ? 'translationOf' : undefined,
        `is a second "${t.lang}" translation of the ${t.kind} "${t.id}"; ${first.file} is the first${why}`,
        `keep one of the two: remove this file or ${first.file}, or correct its \`lang\``,
      );
      continue;
    }
    group.set(t.lang!, t);
    groups.set(key, group);
    kept.push(t);
    const original = byKey.get(key)!;
    if (t.kind === 'lesson' && original.kind === 'lesson' && t.data.check.length !== original.data.check.length) {
      problems.push({
        file: t.file,
        line: t.lines.check,
        field: 'check',
        message: `its knowledge check has ${t.data.check.length} question(s), its original ${original.file} ${original.data.check.length}: answers are recorded against the original's questions, in order`,
        hint: "translate the original's questions, the same ones in the same order",
        severity: 'warning',
      });
    }
  }
  return { originals, translations: { lang: settings.lang, locales, entries: kept, byKey: groups }, problems };
}

/** What the sorting of translations reads of a source: its trust, and the source of originals it translates (`translates`). */
export interface TranslatingSource {
  trust: 'trusted' | 'untrusted';
  translates?: string;
  layout: 'garden' | 'notes' | 'course';
}

/** True when a declared translation's `translationOf` leads, through other translations, back to itself. */
function loopOf(start: AnyEntry, translations: ReadonlyMap<string, AnyEntry>): boolean {
  const seen = new Set<AnyEntry>();
  let at: AnyEntry | undefined = start;
  while (at && !seen.has(at)) {
    seen.add(at);
    const of: string | undefined = (at.data as { translationOf?: string }).translationOf;
    at = of === undefined ? undefined : translations.get(pageKey(at.kind, of as PageId));
  }
  return at === start;
}

/** A page's translation into `lang`, or undefined (the site's language, or not translated). */
export function translationIn(t: Translations, kind: AnyEntry['kind'], id: string, lang: string | undefined): AnyEntry | undefined {
  return lang === undefined || lang === t.lang ? undefined : t.byKey.get(pageKey(kind, id))?.get(lang);
}

/** Every language version of a page, the original first, then its translations in `locales` order: for the switcher and `hreflang`. */
export function versionsOf(t: Translations, original: Pick<AnyEntry, 'kind' | 'id' | 'route' | 'title'>): Array<{ lang: string; route: Route; title: string }> {
  const group = t.byKey.get(pageKey(original.kind, original.id));
  if (!group) return [];
  return [{ lang: t.lang, route: original.route, title: original.title }, ...t.locales.flatMap((l) => (group.has(l) ? [{ lang: l, route: group.get(l)!.route, title: group.get(l)!.title }] : []))];
}

/**
 * Translations older than their originals: a warning each, since the original changed after it was
 * translated (`updated` from the frontmatter or git, set by the garden stage before this runs).
 */
export function outdatedTranslations(t: Translations, originalOf: (key: string) => AnyEntry | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const e of t.entries) {
    const original = originalOf(pageKey(e.kind, e.id));
    if (isOutdated(e, original)) {
      problems.push({
        file: e.file,
        message: `this "${e.lang}" translation was last updated ${e.updated}, before its original ${original!.file} (${original!.updated})`,
        hint: `bring it up to date with the original's changes since ${e.updated}, then commit it`,
        severity: 'warning',
      });
    }
  }
  return problems;
}

/** True when a translation was last updated before its original was. */
export function isOutdated(translation: Pick<AnyEntry, 'updated'>, original: Pick<AnyEntry, 'updated'> | undefined): boolean {
  return translation.updated !== undefined && original?.updated !== undefined && translation.updated < original.updated;
}

/**
 * The languages that have their own lists (`/de/`, `/de/courses/`, `/de/notes/`…: docs/languages.md):
 * every locale but the site's, in a garden of two or more; none in a garden of one language.
 */
export function listLocales(t: Pick<Translations, 'lang' | 'locales'>): string[] {
  return t.locales.length < 2 ? [] : t.locales.filter((l) => l !== t.lang);
}

/** A route of the site's own pages (`/courses/`, `/notes/kind/tip/`) as the lists in `lang` have it (`/de/courses/`); unchanged in the site's language. */
export function routeIn<R extends string>(t: Pick<Translations, 'lang' | 'locales'>, route: R, lang: string | undefined): R {
  // Idempotent: no route of the site's own starts with a language (they start `/notes/`, `/courses/`…).
  return lang === undefined || lang === t.lang || !t.locales.includes(lang) || route.startsWith(`/${lang}/`) ? route : (`/${lang}${route}` as R);
}

/** What a page of the model shows of another in `lang`: its translation's title and route where there is one, else the original's, with the original's language. */
export function shownIn(
  t: Translations,
  n: { kind: AnyEntry['kind']; entry?: AnyEntry; title?: string; route?: Route },
  lang: string | undefined,
): { title: string; route: Route; entry?: AnyEntry; lang?: string } {
  const original = n.entry;
  const translation = original && translationIn(t, original.kind, original.id, lang);
  const shown = translation ?? original;
  return {
    title: shown?.title ?? n.title ?? '',
    route: shown?.route ?? n.route!,
    entry: shown,
    // An original in a list of another language is marked with its own (`<a lang="en">`).
    lang: lang !== undefined && lang !== t.lang && !translation ? t.lang : undefined,
  };
}

const collators = new Map<string, Intl.Collator>();
/** Each list sorted once per language (and with or without a rank): every later page of `/de/notes/` sorts the same 10,000 notes. */
const sortedLists = new WeakMap<Translations, WeakMap<readonly object[], Map<string, unknown[]>>>();
/**
 * `items` in the order of their titles as shown in `lang`, by that language's collation (the model
 * sorts by the originals' titles in English order). `rank` keeps an order that comes before the title
 * (a topic's number; two `Infinity`s compare as equal, as NaN is falsy); ties keep the model's order.
 */
export function sortedIn<T extends { kind: AnyEntry['kind']; entry?: AnyEntry; title?: string }>(
  t: Translations,
  items: readonly T[],
  lang: string | undefined,
  rank: (item: T) => number = () => 0,
): T[] {
  if (lang === undefined || lang === t.lang) return [...items];
  const lists = sortedLists.get(t) ?? new WeakMap<readonly object[], Map<string, unknown[]>>();
  sortedLists.set(t, lists);
  const memo = lists.get(items) ?? new Map<string, unknown[]>();
  lists.set(items, memo);
  // A rank is told apart by its source text: every caller's rank is a pure function of the item (`(t) => t.order ?? Infinity`).
  const key = `${lang}\0${rank.length > 0 ? rank.toString() : ''}`;
  const known = memo.get(key) as T[] | undefined;
  if (known) return [...known];
  let collator = collators.get(lang);
  if (!collator) collators.set(lang, (collator = new Intl.Collator(lang, { sensitivity: 'base' })));
  const titled = items.map((item, i) => ({ item, i, rank: rank(item), title: shownIn(t, item, lang).title }));
  titled.sort((a, b) => a.rank - b.rank || collator.compare(a.title, b.title) || a.i - b.i);
  const sorted = titled.map((x) => x.item);
  memo.set(key, sorted);
  return [...sorted];
}
