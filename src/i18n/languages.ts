/**
 * The UI languages Grove ships, one catalogue file each in `catalogues/`, and the reader of a site's
 * language: its catalogue with the `ui.strings` overrides of the settings, its direction, and `Intl`
 * formatters for dates, numbers, lists and sorting in that language. Imports nothing outside src/i18n,
 * so the engine (settings), the layouts and the build can all use it.
 */
import { ar } from './catalogues/ar.ts';
import { de } from './catalogues/de.ts';
import { en } from './catalogues/en.ts';
import { es } from './catalogues/es.ts';
import { fr } from './catalogues/fr.ts';
import { ja } from './catalogues/ja.ts';
import { ptBR } from './catalogues/pt-BR.ts';
import { directionOf, durationWordsOf, formatMessage, type DurationWords, type Message, type Vars } from './format.ts';
import type { Catalogue, ClientKey, ClientUi, UiKey } from './shape.ts';

/** Every shipped catalogue, by its BCP 47 tag. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, de, fr, es, 'pt-BR': ptBR, ja, ar };

/** Every UI key, in the English catalogue's order. */
export const UI_KEYS = Object.keys(en) as UiKey[];

/**
 * The shipped tag whose catalogue serves `lang`: the exact tag (`pt-BR`), else its language alone
 * (`de-CH` → `de`), else another region of the language (`pt-PT` → `pt-BR`), else `en`.
 */
export function catalogueTagOf(lang: string): string {
  const tags = Object.keys(CATALOGUES);
  const lower = lang.toLowerCase();
  const language = lower.split('-')[0]!;
  return tags.find((t) => t.toLowerCase() === lower) ?? tags.find((t) => t.toLowerCase() === language) ?? tags.find((t) => t.toLowerCase().split('-')[0] === language) ?? 'en';
}

/** A site's UI in one language: its strings, direction and formatters. */
export interface Ui {
  /** The BCP 47 tag, as `<html lang>` says it. */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** A UI string, placeholders filled (`count` chooses the plural form). */
  t(key: UiKey, vars?: Vars): string;
  /**
   * A UI string cut at its `{placeholders}` that `vars` leaves open, for markup in their place:
   * `slots('provenance.updated')` → `['Updated ', { slot: 'date' }, '']`.
   */
  slots(key: UiKey, vars?: Vars): Array<string | { slot: string }>;
  /** A day (`YYYY-MM-DD`) or a time, as `Intl.DateTimeFormat` writes it in the language. */
  date(iso: string, style?: 'long' | 'medium' | 'full'): string;
  /** A number with the language's digits and separators. */
  number(n: number): string;
  /** Sorts names as the language sorts them (`Intl.Collator`). */
  compare(a: string, b: string): number;
  /** `a, b and c` in the language. */
  list(items: string[]): string;
  /** What the browser scripts need: the language and the `js.` strings. */
  client: ClientUi;
  /** How durations are written (src/garden/core/durations.ts `DurationWords`). */
  durations: DurationWords;
}

/** The UI for `lang`, with single strings overridden (the `ui.strings` setting, already validated). */
export function uiFor(lang: string, overrides: Readonly<Partial<Record<UiKey, Message>>> = {}): Ui {
  const strings = { ...CATALOGUES[catalogueTagOf(lang)]!, ...overrides } as Record<UiKey, Message>;
  // `.astro` files are not type-checked by `tsc`: a key misspelt there is caught here, at build time, by name.
  const messageOf = (key: UiKey): Message => {
    const message = strings[key];
    if (message === undefined) throw new Error(`"${key}" is not a UI string: its keys are in src/i18n/catalogues/en.ts`);
    return message;
  };
  const collator = new Intl.Collator(lang);
  const numbers = new Intl.NumberFormat(lang);
  const lists = new Intl.ListFormat(lang, { type: 'conjunction' });
  // Made once a style: a new `Intl` formatter a call cost seconds at 10,000 pages.
  const dates = new Map<string, Intl.DateTimeFormat>();
  const client = Object.fromEntries(UI_KEYS.filter((k) => k.startsWith('js.')).map((k) => [k, strings[k]])) as ClientUi['strings'];
  return {
    lang,
    dir: directionOf(lang),
    t: (key, vars) => formatMessage(messageOf(key), lang, vars),
    slots: (key, vars) =>
      formatMessage(messageOf(key), lang, vars)
        .split(/(\{\w+\})/)
        .map((part) => (/^\{\w+\}$/.test(part) ? { slot: part.slice(1, -1) } : part)),
    date: (iso, style = 'long') => {
      let format = dates.get(style);
      if (!format) dates.set(style, (format = new Intl.DateTimeFormat(lang, { dateStyle: style })));
      return format.format(new Date(iso.length === 10 ? `${iso}T12:00:00` : iso));
    },
    number: (n) => numbers.format(n),
    compare: (a, b) => collator.compare(a, b),
    list: (items) => lists.format(items),
    client: { lang, strings: client },
    durations: durationWordsOf({ lang, strings: client }),
  };
}

/** The keys the browser scripts use. */
export function isClientKey(key: string): key is ClientKey {
  return key.startsWith('js.');
}
