/**
 * The UI strings of the browser scripts, in the page's language: the page writes its `js.` strings
 * as JSON (BaseLayout.astro, `#grove-ui`), so no script bundles a catalogue.
 */
import { durationWordsOf, formatMessage, type Vars } from '../i18n/format.ts';
import type { ClientKey, ClientUi } from '../i18n/shape.ts';

let ui: ClientUi | undefined;

/** The page's language and strings (read once). */
export function clientUi(): ClientUi {
  if (!ui) {
    const island = document.getElementById('grove-ui');
    ui = JSON.parse(island?.textContent || '{"lang":"en","strings":{}}') as ClientUi;
  }
  return ui;
}

/** A UI string in the page's language, placeholders filled (`count` chooses the plural form); the key itself if the page has none. */
export function t(key: ClientKey, vars?: Vars): string {
  const { lang, strings } = clientUi();
  const message = strings[key];
  return message === undefined ? key : formatMessage(message, lang, vars);
}

/** How durations are written on this page. */
export const durationWords = () => durationWordsOf(clientUi());
