/**
 * The reader's language (docs/languages.md): the switcher stores the one chosen, opening a
 * translation chooses its language, and a page not in the chosen language shows what the reader
 * can do: a link to its version in that language, or the notice that they read the original.
 */
import { openSlot } from './storage.ts';

/** Where the chosen language is kept (one per site: the base path is in the key). */
const KEY = `grove.lang:${import.meta.env.BASE_URL}`;

const bar = document.querySelector<HTMLElement>('[data-languages]');
if (bar) {
  const slot = openSlot(KEY);
  const here = bar.dataset.lang!;
  if (bar.dataset.translation !== undefined) slot.write(here);
  for (const a of bar.querySelectorAll<HTMLAnchorElement>('a[data-lang-choice]')) a.addEventListener('click', () => slot.write(a.dataset.langChoice!));
  const chosen = slot.read();
  if (chosen && chosen !== here) {
    const notice = bar.querySelector<HTMLElement>(`[data-notice="${CSS.escape(chosen)}"]`);
    if (notice) notice.hidden = false;
  }
}
