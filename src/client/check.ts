/**
 * Grading a knowledge-check question in the browser. The markup comes from src/garden/render/check.ts:
 * `data-answer` lists the indexes of the correct options, each input's value is its index.
 */

/** The option indexes in a `data-answer` attribute (`"0 2"` → [0, 2]). */
export function parseAnswer(attr: string | null | undefined): number[] {
  return (attr ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 0);
}

/** Right when exactly the correct options are chosen: all of them, and no other. */
export function grade(chosen: readonly number[], correct: readonly number[]): boolean {
  const want = new Set(correct);
  const got = new Set(chosen);
  return want.size > 0 && got.size === want.size && [...got].every((i) => want.has(i));
}
