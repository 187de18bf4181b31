/**
 * The browser side of learning progress and knowledge checks: a thin DOM layer over store.ts (what is
 * stored), progress-maths.ts (how far, what next) and check.ts (grading). It reads the page's data
 * attributes, written by the components in src/components/ (LessonProgress, ProgressBar,
 * CourseProgress, PathProgress, Prerequisites, the path summary page) and by the question markup of
 * src/garden/render/check.ts, and keeps them in step with the store. The home page's block adds itself from
 * progress-home.ts, through the exports below, so other pages do not carry its code.
 *
 * Every control it drives is `hidden` in the HTML, so without JavaScript none of them shows and the
 * page reads as it is; questions fall back to "Show answer".
 */
import { formatDuration } from '../garden/core/durations.ts';
import { clientUi, durationWords, t } from './ui.ts';
import { grade, parseAnswer } from './check.ts';
import { changedSince, checkPassed, nextInSequence, pathLessons, stateOf, tally, type Curriculum, type CurriculumLesson, type Tally } from './progress-maths.ts';
import { openSlot } from './storage.ts';
import { PROGRESS_EVENT } from './store.ts';
import { isDone, loadProgress, markComplete, markIncomplete, markSeen, mergeProgress, namespaceOf, recordAttempt, resetCourse, serialize, storageKey, type Notice, type Progress } from './store.ts';

type El = HTMLElement;
const $$ = <E extends Element = El>(selector: string, root: ParentNode = document): E[] => [...root.querySelectorAll<E>(selector)];
const words = (s: string | undefined) => (s ?? '').split(' ').filter(Boolean);
/** The time now, as stored. */
export const now = () => new Date().toISOString();
const dateFormat = new Intl.DateTimeFormat(clientUi().lang, { dateStyle: 'medium' });
/** A stored time, or a `YYYY-MM-DD` day (read as noon, so no time zone moves it to another day). */
export const formatDate = (iso: string) => dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00` : iso));
const NOTICES: Record<Notice | 'unavailable', string> = {
  corrupt: t('js.progress.corrupt'),
  newer: t('js.progress.newer'),
  repaired: t('js.progress.repaired'),
  unavailable: t('js.progress.unavailable'),
};

/**
 * What an LMS package's runtime (src/client/lms-runtime.ts, loaded before this script) lends the page:
 * `restore` gives the LMS's record of the lesson, `store` hears every change. Absent on the site.
 */
export interface ProgressHost {
  restore(progress: Progress): Progress;
  store(progress: Progress): void;
}
const host = (globalThis as { groveLms?: ProgressHost }).groveLms;

// The store: one key per site URL and base path.
/** This site's namespace: its URL and base path. */
export const site = namespaceOf(import.meta.env.SITE, import.meta.env.BASE_URL, location.origin);
const key = storageKey(site);
const slot = openSlot(key);
let progress: Progress;
const notices: string[] = [];
{
  const raw = slot.read();
  const loaded = loadProgress(raw);
  progress = host ? host.restore(loaded.progress) : loaded.progress;
  if (loaded.notice) {
    if (raw) slot.backup(raw);
    slot.write(serialize(progress));
    notices.push(NOTICES[loaded.notice]);
  }
  if (!slot.persistent) notices.push(NOTICES.unavailable);
}

let refused = false;

/** The reader's progress as it is now. */
export function currentProgress(): Progress {
  return progress;
}

/** Stores a change and shows it everywhere on the page. */
export function save(next: Progress): void {
  const before = progress;
  progress = next;
  host?.store(next);
  document.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { before, after: next } }));
  if (!slot.write(serialize(next)) && slot.persistent && !refused) {
    refused = true;
    showNotice(t('js.progress.refused'));
  }
  render();
}

// The curriculum the page embeds: several blocks merge.
/** The curriculum this page embeds. */
export const curriculum: Curriculum = { courses: [], paths: [] };
for (const script of $$('script[data-grove-curriculum]')) {
  try {
    const c = JSON.parse(script.textContent ?? '') as Partial<Curriculum>;
    for (const x of c.courses ?? []) if (!curriculum.courses.some((y) => y.id === x.id)) curriculum.courses.push(x);
    for (const x of c.paths ?? []) if (!curriculum.paths.some((y) => y.id === x.id)) curriculum.paths.push(x);
  } catch {
    // Written by the build; a broken block only costs its "Continue" link.
  }
}
const courseById = (id: string | undefined) => curriculum.courses.find((c) => c.id === id);
const pathById = (id: string | undefined) => curriculum.paths.find((p) => p.id === id);

/** The lessons an element lists in `data-lessons`, with `data-minutes` (`~` marks an estimate). */
function lessonsOf(el: El): Array<Pick<CurriculumLesson, 'id' | 'minutes' | 'estimated'>> {
  const minutes = words(el.dataset.minutes);
  return words(el.dataset.lessons).map((id, i) => ({ id, minutes: Number(minutes[i]?.replace('~', '') ?? 0), estimated: minutes[i]?.startsWith('~') }));
}

/** `2 of 4 lessons complete · about 35 min left`. */
function describe(n: Tally): string {
  const left = n.done < n.total && n.minutesLeft > 0 ? ` · ${t('js.duration.left', { duration: formatDuration(n.minutesLeft, n.estimatedLeft, durationWords()) })}` : '';
  return `${t('js.progress.completeOf', { done: n.done, count: n.total })}${left}`;
}

/** Says something to screen readers (and shows it) in the live region nearest to `from`. */
export function announce(from: Element, text: string): void {
  const live = from.closest('[data-live-scope]')?.querySelector<El>('[data-live]');
  if (live) live.textContent = text;
}

/** A notice at the top of the page, for things about the store itself; dismissable. */
function showNotice(text: string): void {
  const main = document.querySelector('main');
  if (!main) return;
  const box = document.createElement('div');
  box.className = 'progress-notice';
  box.setAttribute('role', 'status');
  const p = document.createElement('p');
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'button secondary';
  dismiss.textContent = t('js.progress.dismiss');
  dismiss.addEventListener('click', () => box.remove());
  main.prepend(box);
  // Filled after it is in the page, so screen readers announce it.
  requestAnimationFrame(() => {
    p.textContent = text;
    box.append(p, dismiss);
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering: every element reflects `progress`; called after each change.

function renderLesson(section: El): void {
  const id = section.dataset.lesson!;
  const rec = progress.lessons[id];
  const status = section.querySelector<El>('[data-status]')!;
  const button = section.querySelector<HTMLButtonElement>('[data-toggle-complete]')!;
  const changed = changedSince(progress, id, section.dataset.updated);
  status.textContent = rec?.done
    ? `${t(rec.by === 'check' ? 'js.progress.completedByCheck' : 'js.progress.completedPlain', { date: formatDate(rec.done) })}${changed ? ` ${t('js.progress.changedSince', { date: formatDate(changed) })}` : ''}`
    : '';
  status.hidden = !rec?.done;
  button.textContent = t(rec?.done ? 'js.progress.unmark' : 'js.progress.mark');
  button.classList.toggle('secondary', !!rec?.done);
  section.classList.toggle('is-done', !!rec?.done);
}

function renderItems(): void {
  for (const item of $$('[data-lesson-item]')) {
    const done = isDone(progress, item.dataset.lessonItem!);
    item.classList.toggle('is-done', done);
    let mark = item.querySelector<El>(':scope > .done-mark');
    if (done && !mark) {
      mark = document.createElement('span');
      mark.className = 'done-mark';
      mark.innerHTML = `<span aria-hidden="true">✓</span><span class="visually-hidden">${t('js.progress.completedHidden')}</span>`;
      item.append(mark);
    } else if (!done) mark?.remove();
    const changed = changedSince(progress, item.dataset.lessonItem!, item.dataset.updated);
    let note = item.querySelector<El>('.changed-mark');
    if (changed && !note) {
      note = document.createElement('small');
      note.className = 'changed-mark';
      (item.querySelector(':scope > div') ?? item).append(note);
    }
    if (note) note.textContent = changed ? t('js.progress.changedMark', { date: formatDate(changed) }) : '';
    note?.toggleAttribute('hidden', !changed);
  }
  for (const item of $$('[data-course-item]')) {
    const n = tally(progress, lessonsOf(item));
    const state = stateOf(n);
    item.dataset.state = state;
    const label = item.querySelector<El>('[data-course-state]');
    if (label) label.textContent = state === 'complete' ? t('js.progress.completed') : state === 'started' ? t('js.progress.doneOf', { done: n.done, count: n.total }) : t('js.progress.notStarted');
  }
}

function renderBars(): void {
  for (const bar of $$('[data-progress-bar]')) {
    const n = tally(progress, lessonsOf(bar));
    const meter = bar.querySelector('progress')!;
    meter.max = Math.max(1, n.total);
    meter.value = n.done;
    bar.querySelector<El>('[data-progress-text]')!.textContent = describe(n);
    bar.classList.toggle('is-complete', n.total > 0 && n.done === n.total);
  }
}

function renderContinue(): void {
  for (const link of $$<HTMLAnchorElement>('a[data-continue]')) {
    const course = courseById(link.dataset.course);
    const path = pathById(link.dataset.path);
    const lessons = course?.lessons ?? (path ? pathLessons(curriculum, path) : undefined);
    // The home page's link (no course, no path) is progress-home.ts's.
    if (!lessons) continue;
    const next = nextInSequence(progress, lessons);
    const target = next?.lesson ?? lessons[0];
    if (!target) continue;
    link.href = target.href;
    link.textContent = t(!next ? 'js.progress.review' : next.kind === 'start' ? 'js.progress.start' : 'js.progress.continue', { title: target.title });
  }
}

function renderPrerequisites(): void {
  for (const notice of $$('[data-prereq-notice]')) {
    const box = notice.closest('[data-prerequisites]')!;
    const own = tally(progress, lessonsOf(box as El));
    const unfinished = $$('[data-course-item]', box).filter((i) => i.dataset.state !== 'complete');
    notice.hidden = unfinished.length === 0 || (own.total > 0 && own.done === own.total);
    const names = new Intl.ListFormat(clientUi().lang, { type: 'conjunction' }).format(unfinished.map((i) => i.querySelector('a')?.textContent?.trim() ?? ''));
    notice.textContent = t('js.progress.prerequisites', { names, count: unfinished.length });
  }
}

function renderReset(): void {
  for (const button of $$<HTMLButtonElement>('[data-reset-course]')) {
    const prefix = `${button.dataset.resetCourse}/`;
    button.hidden = !Object.keys(progress.lessons).some((id) => id.startsWith(prefix));
  }
}

function renderSummary(): void {
  for (const cell of $$('[data-done-for]')) {
    const rec = progress.lessons[cell.dataset.doneFor!];
    cell.textContent = rec?.done ? formatDate(rec.done) : t('js.progress.notYet');
    cell.classList.toggle('muted', !rec?.done);
  }
  for (const cell of $$('[data-check-for]')) {
    const total = Number(cell.dataset.questions);
    const attempts = Object.values(progress.lessons[cell.dataset.checkFor!]?.q ?? {});
    const right = Math.min(total, attempts.filter((a) => a.ok).length);
    cell.textContent = !total ? '—' : attempts.length === 0 ? t('js.progress.notAnswered') : right === total ? t('js.progress.passed', { total }) : t('js.progress.right', { right, total });
  }
  for (const el of $$('[data-completed-on]')) {
    const n = tally(progress, lessonsOf(el));
    el.textContent = n.completedAt ? t('js.progress.completedOn', { date: formatDate(n.completedAt) }) : describe(n);
  }
  for (const el of $$('[data-today]')) el.textContent = formatDate(now());
}

const renderers: Array<() => void> = [];

/** Adds a part of the page that follows the progress (the home page's, from progress-home.ts). */
export function onRender(part: () => void): void {
  renderers.push(part);
  part();
}

function render(): void {
  for (const section of $$('[data-lesson-progress]')) renderLesson(section);
  renderItems();
  renderBars();
  renderContinue();
  renderPrerequisites();
  renderReset();
  renderSummary();
  for (const extra of renderers) extra();
}

// ---------------------------------------------------------------------------------------------
// Knowledge checks: graded here, attempts stored with the lesson's progress.

const lessonSection = document.querySelector<El>('[data-lesson-progress]');
const lessonId = lessonSection?.dataset.lesson;
const questions = $$<HTMLFieldSetElement>('fieldset[data-question]');

/** Shows the verdict on a question: marks the options and writes the feedback. */
function showVerdict(q: HTMLFieldSetElement, chosen: number[], ok: boolean): void {
  const correct = parseAnswer(q.dataset.answer);
  const items = $$('.options > li', q);
  items.forEach((li, i) => {
    li.classList.toggle('is-answer', ok ? chosen.includes(i) : correct.includes(i));
    li.classList.toggle('is-wrong', !ok && chosen.includes(i) && !correct.includes(i));
  });
  q.classList.toggle('is-right', ok);
  q.classList.toggle('is-wrong', !ok);
  const explanation = q.querySelector('.explanation')?.innerHTML ?? '';
  const shown = correct.map((i) => `<strong>${items[i]?.querySelector('label > span')?.innerHTML ?? ''}</strong>`).join(', ');
  const verdict = ok ? `<strong>${t('js.check.correct')}</strong>` : `<strong>${t('js.check.notQuite')}</strong> ${t('js.check.answer', { count: correct.length, answers: shown })}`;
  q.querySelector<El>('[data-feedback]')!.innerHTML = `<p>${verdict}</p>${explanation ? `<p>${explanation}</p>` : ''}`;
}

for (const q of questions) {
  // Markup that only looks like a question (copied into a page by hand) is left as it is.
  if (!q.querySelector('details.answer') || !q.querySelector('[data-check-answer]') || !q.querySelector('[data-feedback]')) continue;
  const inputs = $$<HTMLInputElement>('input', q);
  const chosen = () => inputs.filter((i) => i.checked).map((i) => Number(i.value));
  q.querySelector<El>('details.answer')!.hidden = true;
  q.dataset.ready = '';
  // An MDX question is rendered with the content, in English: give its words the page's language.
  q.querySelector('[data-check-answer]')!.textContent = t('js.check.button');
  const hint = q.querySelector('.question-hint');
  if (hint) hint.textContent = t('js.check.hint');
  const saved = lessonId ? progress.lessons[lessonId]?.q?.[q.dataset.question!] : undefined;
  if (saved) {
    for (const i of inputs) i.checked = saved.a.includes(Number(i.value));
    showVerdict(q, saved.a, saved.ok);
  }
  q.addEventListener('change', () => {
    for (const li of $$('.options > li', q)) li.classList.remove('is-answer', 'is-wrong');
    q.classList.remove('is-right', 'is-wrong');
  });
  q.querySelector('[data-check-answer]')!.addEventListener('click', () => {
    const answer = chosen();
    if (answer.length === 0) {
      q.querySelector<El>('[data-feedback]')!.textContent = t(inputs[0]?.type === 'checkbox' ? 'js.check.chooseSome' : 'js.check.chooseOne');
      return;
    }
    const ok = grade(answer, parseAnswer(q.dataset.answer));
    showVerdict(q, answer, ok);
    if (!lessonId || !lessonSection) return;
    let next = recordAttempt(progress, lessonId, q.dataset.question!, answer, ok, now());
    const passed =
      !isDone(next, lessonId) &&
      checkPassed(
        next,
        lessonId,
        questions.map((x) => x.dataset.question!),
      );
    if (passed) next = markComplete(next, lessonId, now(), 'check');
    save(next);
    if (passed) announce(lessonSection, t('js.check.passed'));
  });
}

// ---------------------------------------------------------------------------------------------
// Controls.

for (const section of $$('[data-lesson-progress]')) {
  const id = section.dataset.lesson!;
  section.querySelector('[data-toggle-complete]')!.addEventListener('click', () => {
    const was = isDone(progress, id);
    save(was ? markIncomplete(progress, id) : markComplete(progress, id, now(), 'button'));
    const n = tally(progress, lessonsOf(section));
    announce(section, was ? t('js.progress.unmarked') : t('js.progress.marked', { done: n.done, count: n.total }));
  });
}

for (const button of $$<HTMLButtonElement>('[data-reset-course]')) {
  const scope = button.closest<El>('[data-live-scope]')!;
  const undo = scope.querySelector<El>('[data-undo]');
  let before: Progress | undefined;
  button.addEventListener('click', () => {
    before = progress;
    save(resetCourse(progress, button.dataset.resetCourse!));
    if (undo) undo.hidden = false;
    announce(button, t('js.progress.reset'));
    (undo?.querySelector('button') ?? scope).focus();
  });
  undo?.querySelector('button')?.addEventListener('click', () => {
    if (before) save(mergeProgress(progress, before));
    undo.hidden = true;
    announce(undo, t('js.progress.restored'));
    button.focus();
  });
}

for (const button of $$('[data-print]')) button.addEventListener('click', () => window.print());

// Another tab changed the progress: show it here too.
addEventListener('storage', (event) => {
  if (event.key !== key) return;
  progress = loadProgress(event.newValue).progress;
  render();
});

if (lessonId) save(markSeen(progress, lessonId, now()));
for (const el of $$('[data-needs-js]')) el.hidden = false;
render();
for (const text of notices) showNotice(text);
