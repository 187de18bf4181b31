/**
 * Durations: how long a lesson takes and how every page writes it. A leaf module with no imports, so
 * the build (model, pages) and the browser (progress: "time left") format minutes with the same code
 * and show them the same way everywhere.
 */

/** About 200 words a minute, plus a minute a question (Brysbaert 2019 puts silent reading at 238 wpm; learners go slower). */
export function estimateMinutes(words: number, questions: number): number {
  return Math.max(1, Math.round(words / 200 + questions));
}

/**
 * How a language writes a duration: templates with `{minutes}`, `{hours}` and `{duration}` (the UI
 * catalogue's `js.duration.*`, src/i18n), and the language whose digits the numbers take. Defined once,
 * in src/i18n/format.ts, which imports nothing of the stages.
 */
export type { DurationWords } from '../../i18n/format.ts';
import type { DurationWords } from '../../i18n/format.ts';

/** English, as the catalogue has it: the default where no language is given. */
export const ENGLISH_DURATIONS: DurationWords = { lang: 'en', minutes: '{minutes} min', hours: '{hours} h', hoursMinutes: '{hours} h {minutes} min', about: 'about {duration}' };

function fill(template: string, values: Record<string, number | string>, lang: string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : v;
  });
}

/** Minutes in words: `45 min`, `1 h`, `1 h 20 min` (in English). */
export function formatMinutes(m: number, words: DurationWords = ENGLISH_DURATIONS): string {
  if (m < 60) return fill(words.minutes, { minutes: m }, words.lang);
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r ? fill(words.hoursMinutes, { hours: h, minutes: r }, words.lang) : fill(words.hours, { hours: h }, words.lang);
}

/**
 * A duration as every page shows it: `15 min`, or `about 15 min` when any part of it is estimated
 * from the text rather than declared by the author (a course total is an estimate if one lesson is).
 */
export function formatDuration(minutes: number, estimated: boolean, words: DurationWords = ENGLISH_DURATIONS): string {
  const text = formatMinutes(minutes, words);
  return estimated ? fill(words.about, { duration: text }, words.lang) : text;
}

/** The tooltip that says why a duration is "about". */
export const ESTIMATED_TITLE = 'Estimated from the length of the text and its questions';
