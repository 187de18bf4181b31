/** The offline page: lists the saved courses and paths, then every page this device has stored. */
import { clientUi, t } from './ui.ts';
import { isCached, savedItems } from './offline-store.ts';

const BASE = import.meta.env.BASE_URL;

/** The page title stored in a cached page (`Rebasing safely · Fernhill Learning` → `Rebasing safely`). */
function titleOf(html: string, fallback: string): string {
  const m = /<title>([^<]*)<\/title>/.exec(html);
  const t = m?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  return t ? t.split(' · ').slice(0, -1).join(' · ') || t : fallback;
}

function row(href: string, text: string, extra?: string): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  li.append(a);
  if (extra) {
    const s = document.createElement('span');
    s.className = 'muted';
    s.textContent = extra;
    li.append(s);
  }
  return li;
}

function fill(list: HTMLElement, rows: HTMLLIElement[], empty: string): void {
  if (rows.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = empty;
    rows = [li];
  }
  list.replaceChildren(...rows);
}

/** Starts the offline page. */
export async function bootOfflinePage(): Promise<void> {
  document.querySelector('[data-offline-retry]')?.addEventListener('click', () => location.reload());
  const saved = document.querySelector<HTMLElement>('[data-offline-saved-list]');
  const opened = document.querySelector<HTMLElement>('[data-offline-opened-list]');
  if (!saved || !opened) return;
  // Opened directly (not in place of another page): say what the page is for.
  if (location.pathname === `${BASE}offline/` && navigator.onLine) {
    document.querySelector('h1')!.textContent = t('js.offline.available');
    document.querySelector('[data-offline-lead]')!.textContent = t('js.offline.availableLead');
  }
  const items = savedItems();
  const ok = await Promise.all(items.map((i) => isCached(i.url)));
  fill(
    saved,
    items.filter((_, i) => ok[i]).map((i) => row(i.url, i.title, t('js.offline.pages', { count: i.urls.length }))),
    t('js.offline.nothing'),
  );
  if (!('caches' in window)) return fill(opened, [], t('js.offline.noCaches'));
  const pages = new Map<string, string>();
  for (const name of await caches.keys()) {
    if (!/^grove-(pages|saved)-/.test(name)) continue;
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      if (pages.has(req.url)) continue;
      const res = await cache.match(req);
      pages.set(req.url, titleOf((await res?.text()) ?? '', new URL(req.url).pathname));
    }
  }
  const rows = [...pages].sort((a, b) => a[1].localeCompare(b[1], clientUi().lang)).map(([href, title]) => row(href, title));
  fill(opened, rows, t('js.offline.noPages'));
}
