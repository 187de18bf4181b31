/**
 * xAPI from the site (docs/lms.md, "xAPI from the site"): loaded only on the pages of a garden with
 * the `xapi` setting (src/components/Xapi.astro). It turns what the reader does into statements
 * (xapi-statements.ts) and queues them in the browser until the LRS has them (xapi-queue.ts):
 *
 * - on a lesson, each change progress.ts makes (its `grove:progress` event): "answered", "passed" or
 *   "failed", "completed";
 * - on a note, "experienced" once the reader has seen its end and had it open `readSeconds`;
 * - on every page, the notice saying so until the reader dismisses it, and on /privacy/ their id,
 *   what is waiting to be sent, the name and email form (`actor: 'ask'`) and the switch to stop.
 */
import { namespaceOf, PROGRESS_EVENT, type Progress } from './store.ts';
import { t } from './ui.ts';
import { StatementQueue, type QueueHost } from './xapi-queue.ts';
import { actorOf, experiencedNote, progressStatements, uuid, type LessonPage, type QuestionFacts, type Statement, type StatementContext, type Thing } from './xapi-statements.ts';
import type { XapiClientConfig } from '../garden/settings/xapi.ts';
import type { XapiPage } from '../layouts/xapi-page.ts';

type Config = XapiClientConfig & { title: string; page?: XapiPage };

/** What this browser keeps about its reader for xAPI. */
interface Reader {
  /** The anonymous account's name. */
  id: string;
  name?: string;
  email?: string;
  /** The notice was dismissed. */
  noticed?: boolean;
  /** The reader asked for nothing to be sent. */
  off?: boolean;
}

const block = document.querySelector('script[data-grove-xapi]');
const config = JSON.parse(block?.textContent ?? '{}') as Config;
const ns = namespaceOf(import.meta.env.SITE, import.meta.env.BASE_URL, location.origin);
const READER_KEY = `grove.xapi.reader:${ns}`;
const QUEUE_KEY = `grove.xapi.queue:${ns}`;

function local(key: string) {
  return {
    read: () => {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    write: (value: string) => {
      try {
        localStorage.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
  };
}

const readerSlot = local(READER_KEY);
function reader(): Reader {
  try {
    const r = JSON.parse(readerSlot.read() ?? '') as Reader;
    if (r && typeof r.id === 'string') return r;
  } catch {
    // None yet, or damaged: a new id.
  }
  const r = { id: uuid() };
  readerSlot.write(JSON.stringify(r));
  return r;
}
const saveReader = (r: Reader) => readerSlot.write(JSON.stringify(r));

const site = config.site ?? new URL(config.base, location.origin).href;
const statementsUrl = new URL(`${config.endpoint}statements`, location.href).href;

const host: QueueHost = {
  store: local(QUEUE_KEY),
  post: async (statements: Statement[]) =>
    (
      await fetch(statementsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-experience-api-version': '1.0.3', ...(config.auth ? { authorization: config.auth } : {}) },
        body: JSON.stringify(statements),
        credentials: 'same-origin',
        cache: 'no-store',
      })
    ).status,
  now: () => Date.now(),
  online: () => navigator.onLine,
  later: (fn, ms) => void setTimeout(fn, ms),
};
const queue = new StatementQueue(host, config.queueLimit);

function context(): StatementContext {
  const r = reader();
  return {
    actor: actorOf(config.actor, r, config.homePage ?? site),
    site,
    siteTitle: config.title,
    lang: document.documentElement.lang || 'en',
    newId: () => uuid(),
    now: () => new Date().toISOString(),
  };
}

/** Queues statements, unless the reader turned sending off. */
function send(make: (ctx: StatementContext) => Statement[]): void {
  if (reader().off) return;
  void queue.add(make(context()));
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The page's knowledge-check questions, as shown (lesson questions and MDX `<Question>`s alike). */
function questionsOnPage(): QuestionFacts[] {
  return [...document.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]')].map((q) => {
    const legend = q.querySelector('legend')?.cloneNode(true) as Element | undefined;
    legend?.querySelector('.question-hint')?.remove();
    return {
      key: q.dataset.question!,
      text: text(legend),
      options: [...q.querySelectorAll('.options > li')].map((li) => text(li.querySelector('label > span') ?? li)),
      correct: (q.dataset.answer ?? '').split(/\s+/).filter(Boolean).map(Number),
    };
  });
}

const page = config.page;
if (page?.kind === 'lesson') {
  let lesson: LessonPage | undefined;
  document.addEventListener(PROGRESS_EVENT, (event) => {
    const { before, after } = (event as CustomEvent<{ before: Progress; after: Progress }>).detail;
    lesson ??= { ...page, questions: questionsOnPage() };
    send((ctx) => progressStatements(ctx, lesson!, before, after));
  });
} else if (page?.kind === 'note') {
  watchReading(page);
}

/** "experienced" once the end of the note has been on screen and the page visible for `readSeconds`. */
function watchReading(note: Thing): void {
  const article = document.querySelector('article .prose') ?? document.querySelector('main');
  if (!article) return;
  const end = document.createElement('div');
  end.setAttribute('aria-hidden', 'true');
  article.append(end);
  let seenEnd = false;
  let visibleMs = 0;
  let since = document.visibilityState === 'visible' ? performance.now() : undefined;
  let done = false;
  const check = () => {
    const total = visibleMs + (since === undefined ? 0 : performance.now() - since);
    if (done || !seenEnd) return;
    if (total >= config.readSeconds * 1000) {
      done = true;
      send((ctx) => [experiencedNote(ctx, note)]);
    } else if (since !== undefined) setTimeout(check, config.readSeconds * 1000 - total + 50);
    // Hidden: the time stops, and the page's return calls this again.
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') since = performance.now();
    else if (since !== undefined) {
      visibleMs += performance.now() - since;
      since = undefined;
    }
    check();
  });
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seenEnd = true;
    observer.disconnect();
    check();
  }).observe(end);
}

// The notice, until the reader dismisses it.
const notice = document.querySelector<HTMLElement>('[data-xapi-notice]');
if (notice && !reader().noticed) {
  notice.hidden = false;
  notice.querySelector('[data-xapi-ok]')?.addEventListener('click', () => {
    saveReader({ ...reader(), noticed: true });
    notice.hidden = true;
  });
}

// The privacy page's controls.
const waiting = document.querySelector<HTMLElement>('[data-xapi-waiting]');
function showState(): void {
  const r = reader();
  for (const el of document.querySelectorAll<HTMLElement>('[data-xapi-id]')) el.textContent = r.id;
  for (const el of document.querySelectorAll<HTMLElement>('[data-xapi-who]'))
    el.textContent = config.actor === 'ask' && r.email ? `${r.name ? `${r.name}, ` : ''}${r.email}` : t('js.xapi.anonymous', { id: r.id });
  if (waiting) {
    const n = queue.state().items.length;
    waiting.textContent = n === 0 ? t('js.xapi.nothingWaiting') : t('js.xapi.waiting', { count: n, host: new URL(statementsUrl).host });
  }
}
const off = document.querySelector<HTMLInputElement>('[data-xapi-off]');
if (off) {
  off.checked = !!reader().off;
  off.addEventListener('change', () => saveReader({ ...reader(), off: off.checked }));
}
const form = document.querySelector<HTMLFormElement>('[data-xapi-ask]');
if (form && config.actor === 'ask') {
  form.hidden = false;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  field('name').value = reader().name ?? '';
  field('email').value = reader().email ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = field('name').value.trim();
    const email = field('email').value.trim();
    saveReader({ ...reader(), name: name || undefined, email: email || undefined });
    showState();
  });
}
for (const el of document.querySelectorAll<HTMLElement>('[data-xapi-needs-js]')) el.hidden = false;
showState();

// Send what earlier pages left, and again as soon as the network is back.
addEventListener('online', () => void queue.flush(true).then(showState));
void queue.flush().then(showState);
