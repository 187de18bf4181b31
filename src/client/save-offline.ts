/** The "Save for offline" button of a course or path: stores every lesson, shows progress, can undo. */
import { askWorker, forgetSaved, isCached, rememberSaved, savedItems } from './offline-store.ts';

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
  const pages = `${urls.length} page${urls.length === 1 ? '' : 's'}`;
  let saved = false;

  const show = (isSaved: boolean, message: string) => {
    saved = isSaved;
    button.disabled = false;
    button.setAttribute('aria-pressed', String(isSaved));
    label.textContent = isSaved ? 'Saved for offline' : 'Save for offline';
    button.title = isSaved ? 'Remove the saved copy from this device' : '';
    status.textContent = message;
  };

  const refresh = async () => {
    const known = savedItems().some((i) => i.url === urls[0]);
    const cached = await Promise.all(urls.map(isCached));
    show(known && cached.every(Boolean), known && cached.every(Boolean) ? `${pages} on this device.` : '');
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    if (saved) {
      await askWorker({ type: 'forget', urls });
      forgetSaved(urls[0]!);
      show(false, 'Removed from this device.');
      return;
    }
    status.textContent = `Saving… 0 of ${urls.length}`;
    const reply = await askWorker<SaveReply>({ type: 'save', urls }, (p) => {
      status.textContent = `Saving… ${p.done} of ${p.total}`;
    }).catch(() => ({ saved: 0, failed: urls }));
    if (reply.failed.length === 0) {
      rememberSaved({ title, url: urls[0]!, urls, savedAt: new Date().toISOString() });
      show(true, `Saved: ${pages} open without a network.`);
    } else {
      show(false, `Saved ${reply.saved} of ${urls.length}; ${reply.failed.length} could not be downloaded. Try again when online.`);
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
