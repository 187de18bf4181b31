/**
 * Every page's offline code: registers the service worker (scope: the base path), keeps the page the
 * reader is on in the offline cache, shows the "Offline" indicator with the saved courses, and
 * announces a new version of the site with a Reload button. Reloading is the reader's choice: the
 * new worker waits until then, so a page never mixes old and new files.
 */
import { t } from './ui.ts';
import { askWorker, isCached, savedItems } from './offline-store.ts';

const BASE = import.meta.env.BASE_URL;

/** Fills the indicator's list with the saved courses and paths that really are in the cache. */
async function listSaved(list: HTMLElement): Promise<void> {
  const items = savedItems();
  const available = await Promise.all(items.map((i) => isCached(i.url)));
  const rows = items
    .filter((_, i) => available[i])
    .map((item) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.title;
      li.append(a, ` · ${t('js.offline.pages', { count: item.urls.length })}`);
      return li;
    });
  if (rows.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = t('js.offline.nothing');
    rows.push(li);
  }
  list.replaceChildren(...rows);
}

function wireIndicator(): void {
  const indicator = document.querySelector<HTMLElement>('[data-offline-indicator]');
  const list = indicator?.querySelector<HTMLElement>('[data-offline-saved]');
  if (!indicator || !list) return;
  const sync = () => {
    indicator.hidden = navigator.onLine;
    document.documentElement.classList.toggle('is-offline', !navigator.onLine);
    if (!navigator.onLine) void listSaved(list);
  };
  addEventListener('online', sync);
  addEventListener('offline', sync);
  sync();
}

function wireUpdates(reg: ServiceWorkerRegistration): void {
  const notice = document.querySelector<HTMLElement>('[data-update-notice]');
  if (!notice) return;
  let reloading = false;
  const offer = (worker: ServiceWorker) => {
    notice.hidden = false;
    notice.querySelector<HTMLButtonElement>('[data-update-reload]')!.onclick = () => {
      reloading = true;
      worker.postMessage({ type: 'skip-waiting' });
    };
    notice.querySelector<HTMLButtonElement>('[data-update-dismiss]')!.onclick = () => {
      notice.hidden = true;
    };
  };
  // Only a reload the reader asked for: the first install also changes the controller.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  // Look for a new deploy when the reader comes back to the tab (browsers also check on navigation).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') reg.update().catch(() => {});
  });
}

/** Starts offline support on this page. */
export function bootOffline(): void {
  wireIndicator();
  if (!('serviceWorker' in navigator) || location.protocol === 'file:' || import.meta.env.DEV) return;
  navigator.serviceWorker
    .register(`${BASE}sw.js`, { scope: BASE })
    .then(async (reg) => {
      wireUpdates(reg);
      // The page that installed the worker was loaded before it: store it now, so it opens offline too.
      if (!navigator.serviceWorker.controller) {
        await navigator.serviceWorker.ready;
        await askWorker({ type: 'keep', urls: [location.href] });
      }
      document.documentElement.dataset.offlineReady = '';
    })
    .catch(() => {
      // No service worker (private mode, blocked): the site works online as before.
    });
}
