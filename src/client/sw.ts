/**
 * Grove's service worker, bundled after the build by src/integrations/offline.ts, which puts the
 * precache manifest (from workbox-build) where `self.__WB_MANIFEST` is and the build's version where
 * `__GROVE_VERSION__` is. Its scope is the site's base path.
 *
 * - The shell (CSS, JS, icons, the home, search and offline pages, Pagefind's runtime and index) is
 *   precached with Workbox: each file by its revision, so a deploy downloads only what changed.
 * - Every other page the reader opens is kept (stale-while-revalidate) in `grove-pages-<version>`;
 *   "Save for offline" puts a course's pages in `grove-saved-<version>`, which is never trimmed.
 * - A page from a newer deploy than this worker (its `/_astro/` files are not in this precache) is
 *   shown but not stored, so a stored page never mixes with another version's CSS or JS.
 * - A new worker waits until the reader chooses to reload; on install it downloads fresh copies of
 *   the pages the old version had stored, and on activation it deletes the old version's caches.
 * - Offline, a page that was never stored gets the offline page, which lists what is available.
 */
import { cleanupOutdatedCaches, getCacheKeyForURL, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface MessageEventLike extends ExtendableEvent {
  data: { type?: string; urls?: string[] } | null;
  ports: readonly MessagePort[];
}
interface WorkerScope {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
  location: Location;
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEventLike) => void): void;
}
const sw = self as unknown as WorkerScope;

/** The build this worker belongs to: a digest of its precache manifest. */
const VERSION = '__GROVE_VERSION__';
const SCOPE = new URL(sw.registration.scope).pathname;
const PAGES = `grove-pages-${VERSION}`;
const SAVED = `grove-saved-${VERSION}`;
/** Pagefind fragments and index chunks: content-addressed file names, so one cache serves every version. */
const SEARCH = 'grove-search';
/** Hashed `/_astro/` files not in the precache (none today; a safety net for lazily split chunks). */
const ASSETS = 'grove-assets';
/** Pages opened (not saved) kept at most; the oldest go first. */
const MAX_PAGES = 300;
/** Downloads at once when saving a course: enough to be quick, few enough not to starve the reader's own page. */
const PARALLEL = 4;

// Written as `self.__WB_MANIFEST` so the build step finds it after minifying.
precacheAndRoute((self as unknown as WorkerScope).__WB_MANIFEST, { directoryIndex: 'index.html', ignoreURLParametersMatching: [/.*/], cleanURLs: false });
cleanupOutdatedCaches();

/** A page's cache key: its URL without query or fragment. */
function pageKey(url: string): string {
  const u = new URL(url, sw.location.href);
  u.search = '';
  u.hash = '';
  return u.href;
}

/** True when every `/_astro/` file the page uses is in this worker's precache (same build). */
async function fitsThisVersion(res: Response): Promise<boolean> {
  const html = await res.text();
  for (const m of html.matchAll(/(?:href|src)="([^"]*\/_astro\/[^"?#]+)"/g)) {
    if (!getCacheKeyForURL(new URL(m[1]!, res.url || sw.location.href).href)) return false;
  }
  return true;
}

/** Runs `fn` over `items`, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, run));
}

/** Drops the oldest opened pages beyond MAX_PAGES. */
async function trimPages(): Promise<void> {
  const cache = await caches.open(PAGES);
  const keys = await cache.keys();
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await cache.delete(k);
}

/** Fetches a page and stores it (in the saved cache if it is saved there, else with opened pages). */
async function fetchAndStore(key: string, request?: Request): Promise<Response> {
  const res = await fetch(request ?? key, request ? undefined : { cache: 'no-cache' });
  if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html') && (await fitsThisVersion(res.clone()))) {
    const saved = await caches.open(SAVED);
    if (await saved.match(key)) await saved.put(key, res.clone());
    else {
      await (await caches.open(PAGES)).put(key, res.clone());
      await trimPages();
    }
  }
  return res;
}

// Pages: stored copy first (instant, works offline), refreshed from the network in the background.
// Not the CMS at admin/ (docs/cms.md): it is for editors online, never kept for readers.
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.origin === sw.location.origin && url.pathname.startsWith(SCOPE) && !url.pathname.startsWith(`${SCOPE}admin/`),
  async ({ request, event }) => {
    const key = pageKey(request.url);
    const cached = (await (await caches.open(SAVED)).match(key)) ?? (await (await caches.open(PAGES)).match(key));
    const network = fetchAndStore(key, request).catch(() => undefined);
    if (cached) {
      (event as unknown as ExtendableEvent).waitUntil(network);
      return cached;
    }
    const res = await network;
    if (res) return res;
    return (await matchPrecache(`${SCOPE}offline/index.html`)) ?? Response.error();
  },
);

registerRoute(
  ({ url }) => url.origin === sw.location.origin && url.pathname.startsWith(`${SCOPE}pagefind/`),
  new CacheFirst({ cacheName: SEARCH, plugins: [new ExpirationPlugin({ maxEntries: 2000 })] }),
);
registerRoute(
  ({ url }) => url.origin === sw.location.origin && url.pathname.startsWith(`${SCOPE}_astro/`),
  new CacheFirst({ cacheName: ASSETS, plugins: [new ExpirationPlugin({ maxEntries: 200 })] }),
);

/** Stores pages in `cacheName`, reporting progress on `port`; replies with what failed. */
async function store(urls: readonly string[], cacheName: string, port?: MessagePort): Promise<void> {
  const cache = await caches.open(cacheName);
  const failed: string[] = [];
  let done = 0;
  await pool(urls, PARALLEL, async (url) => {
    const key = pageKey(url);
    try {
      // Shell pages (home, search) are precached already.
      if (!getCacheKeyForURL(key) && !getCacheKeyForURL(`${key}index.html`)) {
        const res = await fetch(key, { cache: 'no-cache' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        if (!(await fitsThisVersion(res.clone()))) throw new Error('from a newer deploy');
        await cache.put(key, res);
      }
    } catch {
      failed.push(url);
    }
    done++;
    port?.postMessage({ type: 'progress', done, total: urls.length });
  });
  port?.postMessage({ type: 'done', saved: urls.length - failed.length, failed });
}

sw.addEventListener('message', (event) => {
  const { type, urls = [] } = event.data ?? {};
  const port = event.ports[0];
  if (type === 'skip-waiting') void sw.skipWaiting();
  else if (type === 'save') event.waitUntil(store(urls, SAVED, port));
  else if (type === 'keep') event.waitUntil(store(urls, PAGES, port));
  else if (type === 'forget')
    event.waitUntil(
      (async () => {
        const cache = await caches.open(SAVED);
        for (const u of urls) await cache.delete(pageKey(u));
        port?.postMessage({ type: 'done', saved: 0, failed: [] });
      })(),
    );
});

// A new version fetches fresh copies of the pages the old one stored, before it takes over.
sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const saved = name.startsWith('grove-saved-');
        if (!(saved || name.startsWith('grove-pages-')) || name === SAVED || name === PAGES) continue;
        const urls = (await (await caches.open(name)).keys()).map((r) => r.url);
        const target = await caches.open(saved ? SAVED : PAGES);
        await pool(urls, PARALLEL, async (url) => {
          try {
            const res = await fetch(url, { cache: 'no-cache' });
            if (res.ok && (await fitsThisVersion(res.clone()))) await target.put(url, res);
          } catch {
            // Offline or gone: the page is fetched again when next opened.
          }
        });
      }
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, SAVED, SEARCH, ASSETS]);
      for (const name of await caches.keys()) if (name.startsWith('grove-') && !keep.has(name)) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});
