/**
 * The pure half of the UI's languages, shared by the build and the browser: filling `{placeholders}`,
 * choosing a plural form with `Intl.PluralRules`, and the writing direction of a language. It imports
 * nothing, so a client script that needs it never bundles a catalogue (the page hands it the strings).
 */

/** A message with plural forms, chosen by `Intl.PluralRules` (CLDR categories; `other` is required). */
export type PluralMessage = { readonly other: string } & { readonly [C in Intl.LDMLPluralRule]?: string };
/** A message: a string with `{placeholders}`, or plural forms of one (`{count}` is the number). */
export type Message = string | PluralMessage;
/** Values for a message's placeholders. */
export type Vars = Readonly<Record<string, string | number>>;

/** `{name}` placeholders of a message, in order (each name once). */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  return [...names];
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Numbers in a message are written in the language's own digits and separators (one formatter a language: making one costs more than a page's other words). */
function show(value: string | number, lang: string): string {
  if (typeof value !== 'number') return value;
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format.format(value);
}

/** `template` with each `{name}` replaced by its value; an unknown placeholder is left as written. */
export function interpolate(template: string, vars: Vars = {}, lang = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? show(vars[name]!, lang) : whole));
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The message for `count` in `lang`: its plural form (falling back to `other`), placeholders filled. */
export function formatMessage(message: Message, lang: string, vars: Vars = {}): string {
  if (typeof message === 'string') return interpolate(message, vars, lang);
  const count = Number(vars.count ?? 0);
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  // CLDR's exact "zero" and "one" of a language (Arabic has both) come first; `=0`-style forms are not used.
  const form = message[rules.select(count)] ?? message.other;
  return interpolate(form, vars, lang);
}

/** Languages written right to left, for engines without `Intl.Locale#getTextInfo` (Firefox, Node before 22 without full ICU). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
/** Scripts written right to left (ISO 15924), for a tag that names its script (`az-Arab`). */
const RTL_SCRIPTS = new Set(['Adlm', 'Arab', 'Hebr', 'Mand', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Thaa', 'Yezi']);

/** `rtl` for a language written right to left (`ar`, `he-IL`, `ku-Arab`), else `ltr`. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(lang);
  } catch {
    return 'ltr';
  }
  const info = locale as Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };
  const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
  if (direction === 'rtl' || direction === 'ltr') return direction;
  if (locale.script) return RTL_SCRIPTS.has(locale.script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
}

/** The templates a duration is written with in one language (src/garden/core/durations.ts takes them). */
export interface DurationWords {
  lang: string;
  minutes: string;
  hours: string;
  hoursMinutes: string;
  about: string;
}

/** The duration templates among a page's `js.` strings (for the build and the browser alike). */
export function durationWordsOf(ui: { lang: string; strings: Readonly<Record<string, Message>> }): DurationWords {
  const s = (key: string) => String(ui.strings[key] ?? '');
  return { lang: ui.lang, minutes: s('js.duration.minutes'), hours: s('js.duration.hours'), hoursMinutes: s('js.duration.hoursMinutes'), about: s('js.duration.about') };
}
