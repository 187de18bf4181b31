/**
 * Durations: how long a lesson takes and how every page writes it. A leaf module with no imports, so
 * the build (model, pages) and the browser (progress: "time left") format minutes with the same code
 * and show them the same way everywhere.
 */

/** About 200 words a minute, plus a minute a question (Brysbaert 2019 puts silent reading at 238 wpm; learners go slower). */
export function estimateMinutes(words: number, questions: number): number {
  return Math.max(1, Math.round(words / 200 + questions));
}

/** Minutes in words: `45 min`, `1 h`, `1 h 20 min`. */
export function formatMinutes(m: number): string {
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r ? `${h} h ${r} min` : `${h} h`;
}

/**
 * A duration as every page shows it: `15 min`, or `about 15 min` when any part of it is estimated
 * from the text rather than declared by the author (a course total is an estimate if one lesson is).
 */
export function formatDuration(minutes: number, estimated: boolean): string {
  return `${estimated ? 'about ' : ''}${formatMinutes(minutes)}`;
}

/** The tooltip that says why a duration is "about". */
export const ESTIMATED_TITLE = 'Estimated from the length of the text and its questions';
