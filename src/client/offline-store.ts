/**
 * What the reader saved for offline (kept in localStorage, per base path) and how pages talk to the
 * service worker. Shared by the "Save for offline" button, the offline indicator and the offline page.
 */

const BASE = import.meta.env.BASE_URL;
const KEY = `grove:saved:${BASE}`;

/** A course or path saved for offline. */
export interface SavedItem {
  title: string;
  /** The course's or path's own page. */
  url: string;
  /** Every page stored with it, the page itself first. */
  urls: string[];
  /** ISO date-time it was saved. */
  savedAt: string;
}

/** Everything saved, newest first. */
export function savedItems(): SavedItem[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as SavedItem[]).filter((x) => x && typeof x.url === 'string' && Array.isArray(x.urls)) : [];
  } catch {
    return [];
  }
}

/** Records a saved item (replacing an earlier save of the same page). */
export function rememberSaved(item: SavedItem): void {
  const list = [item, ...savedItems().filter((x) => x.url !== item.url)];
  localStorage.setItem(KEY, JSON.stringify(list));
}

/** Forgets a saved item. */
export function forgetSaved(url: string): void {
  localStorage.setItem(KEY, JSON.stringify(savedItems().filter((x) => x.url !== url)));
}

/** True when the page at `url` is in one of the site's caches (and so opens offline). */
export async function isCached(url: string): Promise<boolean> {
  if (!('caches' in window)) return false;
  return !!(await caches.match(new URL(url, location.href).href, { ignoreSearch: true }));
}

/** A message to the service worker and its reply; progress messages go to `onProgress`. */
export async function askWorker<T>(message: Record<string, unknown>, onProgress?: (p: { done: number; total: number }) => void): Promise<T> {
  const reg = await navigator.serviceWorker.ready;
  const worker = reg.active;
  if (!worker) throw new Error('no active service worker');
  return new Promise<T>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<{ type: string; done: number; total: number }>) => {
      if (e.data.type === 'progress') onProgress?.(e.data);
      else resolve(e.data as T);
    };
    worker.postMessage(message, [channel.port2]);
  });
}
