/** The "Save for offline" button of a course or path: stores every lesson, shows progress, can undo. */
import { askWorker, forgetSaved, isCached, rememberSaved, savedItems } from './offline-store.ts';
import { t } from './ui.ts';

interface SaveReply {
  saved: number;
  failed: string[];
}

function wire(box: HTMLElement): void {
  const button = box.querySelector<HTMLButtonElement>('[data-save-button]')!;
  const label = box.querySelector<HTMLElement>('[data-save-label]')!;
  const status = box.querySelector<HTMLElement>('[data-save-status]')!;
  const urls = JSON.parse(box.dataset.urls ?? '[]') as string[];
  const title = box.dataset.title ?? document.title;
  const pages = t('js.save.pages', { count: urls.length });
  let saved = false;

  const show = (isSaved: boolean, message: string) => {
    saved = isSaved;
    button.disabled = false;
    button.setAttribute('aria-pressed', String(isSaved));
    label.textContent = t(isSaved ? 'js.save.saved' : 'js.save.save');
    button.title = isSaved ? t('js.save.removeTitle') : '';
    status.textContent = message;
  };

  const refresh = async () => {
    const known = savedItems().some((i) => i.url === urls[0]);
    const cached = await Promise.all(urls.map(isCached));
    show(known && cached.every(Boolean), known && cached.every(Boolean) ? t('js.save.onDevice', { pages }) : '');
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    if (saved) {
      await askWorker({ type: 'forget', urls });
      forgetSaved(urls[0]!);
      show(false, t('js.save.removed'));
      return;
    }
    status.textContent = t('js.save.saving', { done: 0, total: urls.length });
    const reply = await askWorker<SaveReply>({ type: 'save', urls }, (p) => {
      status.textContent = t('js.save.saving', { done: p.done, total: p.total });
    }).catch(() => ({ saved: 0, failed: urls }));
    if (reply.failed.length === 0) {
      rememberSaved({ title, url: urls[0]!, urls, savedAt: new Date().toISOString() });
      show(true, t('js.save.done', { pages }));
    } else {
      show(false, t('js.save.failed', { saved: reply.saved, total: urls.length, failed: reply.failed.length }));
    }
  });

  navigator.serviceWorker.ready.then(() => {
    box.hidden = false;
    void refresh();
  });
}

/** Wires every "Save for offline" box on the page. */
export function bootSaveOffline(): void {
  if (!('serviceWorker' in navigator) || !('caches' in window) || location.protocol === 'file:') return;
  for (const box of document.querySelectorAll<HTMLElement>('[data-save-offline]')) wire(box);
}
