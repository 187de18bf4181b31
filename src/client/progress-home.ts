/**
 * The home page's "Your learning" (src/components/ContinueLearning.astro): "Continue: <next lesson>",
 * the courses in progress, and export and import of all progress as a file. Only the home page loads
 * it, so lesson, course and path pages do not carry its code; it shares the store with progress.ts.
 */
import { formatDuration } from '../garden/core/durations.ts';
import { announce, currentProgress, curriculum, now, onRender, save, site } from './progress.ts';
import { durationWords, t } from './ui.ts';
import { changedSince, continueLearning, coursesInProgress, tally } from './progress-maths.ts';
import { exportFileName, exportProgress, mergeProgress, parseImport } from './store.ts';

type El = HTMLElement;

/** Shows the block's parts for the reader's progress now. */
function renderHome(home: El): void {
  const progress = currentProgress();
  const started = Object.keys(progress.lessons).length > 0;
  const next = continueLearning(progress, curriculum);
  for (const el of home.querySelectorAll<El>('[data-when]')) {
    el.hidden = !{ none: !started, next: !!next, finished: started && !next }[el.dataset.when as 'none' | 'next' | 'finished'];
  }
  home.querySelector<El>('[data-export]')!.hidden = !started;
  const link = home.querySelector<HTMLAnchorElement>('a[data-continue]');
  const meta = home.querySelector<El>('[data-continue-meta]');
  if (next && link && meta) {
    link.href = next.lesson.href;
    link.textContent = t(next.kind === 'start' ? 'js.progress.start' : 'js.progress.continue', { title: next.lesson.title });
    const position = next.course.lessons.indexOf(next.lesson) + 1;
    meta.textContent = t('js.progress.homeLine', {
      course: next.course.title,
      position,
      total: next.course.lessons.length,
      duration: formatDuration(next.lesson.minutes, !!next.lesson.estimated, durationWords()),
    });
  }
  const list = home.querySelector<El>('[data-in-progress]');
  if (!list) return;
  list.replaceChildren(
    ...coursesInProgress(progress, curriculum)
      .slice(0, 4)
      .map((course) => {
        const n = tally(progress, course.lessons);
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = course.href;
        a.textContent = course.title;
        const meter = document.createElement('progress');
        meter.max = n.total;
        meter.value = n.done;
        meter.setAttribute('aria-label', t('js.progress.courseMeter', { course: course.title, done: n.done, count: n.total }));
        const text = document.createElement('span');
        text.className = 'muted';
        const changed = course.lessons.filter((l) => changedSince(progress, l.id, l.updated));
        text.textContent = `${t('js.progress.doneOfShort', { done: n.done, total: n.total })}${changed.length ? ` · ${t('js.progress.changedLessons', { count: changed.length })}` : ''}`;
        li.append(a, meter, text);
        return li;
      }),
  );
  list.hidden = list.childElementCount === 0;
}

for (const home of document.querySelectorAll<El>('[data-progress-home]')) {
  const file = home.querySelector<HTMLInputElement>('[data-import-file]')!;
  home.querySelector('[data-export]')!.addEventListener('click', () => {
    const at = now();
    const progress = currentProgress();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([exportProgress(progress, site, at)], { type: 'application/json' }));
    a.download = exportFileName(at);
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    const done = Object.values(progress.lessons).filter((r) => r.done).length;
    announce(home, t('js.progress.exported', { file: a.download, count: done }));
  });
  home.querySelector('[data-import]')!.addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    const read = parseImport(await chosen.text());
    if (!read.ok) {
      announce(home, t(read.reason === 'newer' ? 'js.progress.importNewer' : 'js.progress.importBad', { file: chosen.name }));
      return;
    }
    save(mergeProgress(currentProgress(), read.progress));
    const done = Object.values(read.progress.lessons).filter((r) => r.done).length;
    const imported =
      read.site && read.site !== site ? t('js.progress.importedFrom', { count: done, file: chosen.name, site: read.site }) : t('js.progress.imported', { count: done, file: chosen.name });
    announce(home, `${imported}${read.repaired ? ` ${t('js.progress.importRepaired')}` : ''}`);
  });
  onRender(() => renderHome(home));
}
