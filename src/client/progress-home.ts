/**
 * The home page's "Your learning" (src/components/ContinueLearning.astro): "Continue: <next lesson>",
 * the courses in progress, and export and import of all progress as a file. Only the home page loads
 * it, so lesson, course and path pages do not carry its code; it shares the store with progress.ts.
 */
import { formatDuration } from '../garden/core/durations.ts';
import { announce, currentProgress, curriculum, now, onRender, plural, save, site } from './progress.ts';
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
    link.textContent = `${next.kind === 'start' ? 'Start' : 'Continue'}: ${next.lesson.title}`;
    const position = next.course.lessons.indexOf(next.lesson) + 1;
    meta.textContent = `${next.course.title} · lesson ${position} of ${next.course.lessons.length} · ${formatDuration(next.lesson.minutes, !!next.lesson.estimated)}`;
  }
  const list = home.querySelector<El>('[data-in-progress]');
  if (!list) return;
  list.replaceChildren(
    ...coursesInProgress(progress, curriculum)
      .slice(0, 4)
      .map((course) => {
        const t = tally(progress, course.lessons);
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = course.href;
        a.textContent = course.title;
        const meter = document.createElement('progress');
        meter.max = t.total;
        meter.value = t.done;
        meter.setAttribute('aria-label', `${course.title}: ${t.done} of ${t.total} lessons complete`);
        const text = document.createElement('span');
        text.className = 'muted';
        const changed = course.lessons.filter((l) => changedSince(progress, l.id, l.updated));
        text.textContent = `${t.done} of ${t.total}${changed.length ? ` · ${plural(changed.length, 'lesson')} changed since you completed ${changed.length === 1 ? 'it' : 'them'}` : ''}`;
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
    announce(home, `Saved ${a.download} with ${plural(done, 'completed lesson')}. Import it on another device to carry on there.`);
  });
  home.querySelector('[data-import]')!.addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    const read = parseImport(await chosen.text());
    if (!read.ok) {
      announce(
        home,
        read.reason === 'newer' ? `${chosen.name} was exported by a newer version of this site; it cannot be read here.` : `${chosen.name} is not a progress file exported from this site.`,
      );
      return;
    }
    save(mergeProgress(currentProgress(), read.progress));
    const done = Object.values(read.progress.lessons).filter((r) => r.done).length;
    const from = read.site && read.site !== site ? ` (it came from ${read.site})` : '';
    announce(home, `Imported ${plural(done, 'completed lesson')} from ${chosen.name}${from}.${read.repaired ? ' Some damaged entries were left out.' : ''}`);
  });
  onRender(() => renderHome(home));
}
