/**
 * `npm run bench:search -- --pages <N>` measures search in Chromium on the garden `npm run bench --
 * --pages <N>` built (in .grove/bench/<N>-1/dist): for typical queries, the bytes a first search
 * downloads (code, Pagefind runtime, index chunks, fragments; text gzipped as a server would), and
 * the time from the last keystroke to the results shown, once the index is warm. Also the size of
 * the service worker's first-visit precache. Not a test: it reports figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findBrowser } from './ensure-browser.ts';
import { serveStatic } from '../tests/e2e/static-server.ts';
import { median } from '../src/bench/measure.ts';
import { transferSize } from '../src/integrations/offline.ts';
import type { FallbackIndex } from '../src/garden/model/search.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { pages: { type: 'string', default: '1000' }, queries: { type: 'string', default: '20' }, dist: { type: 'string' } } });
const dist = resolve(values.dist ?? join(root, '.grove', 'bench', `${values.pages}-1`, 'dist'));
if (!existsSync(join(dist, 'pagefind'))) {
  console.error(`no built garden with a search index in ${dist}: run \`npm run bench -- --pages ${values.pages}\` first`);
  process.exit(2);
}

// Typical queries: one or two words of page titles spread over the garden, as readers type them.
const index = JSON.parse(
  readFileSync(join(dist, 'search-fallback.js'), 'utf8')
    .replace(/^window\.__groveFallback=/, '')
    .replace(/;\s*$/, ''),
) as FallbackIndex;
const n = Number(values.queries);
const step = Math.max(1, Math.floor(index.pages.length / n));
const queries = index.pages
  .filter((_, i) => i % step === 0)
  .slice(0, n)
  .map((p, i) =>
    p[1]
      .split(/\s+/)
      .filter((w) => w.length > 3)
      .slice(0, 1 + (i % 2))
      .join(' ')
      .toLowerCase(),
  )
  .filter(Boolean);

const manifest = [...readFileSync(join(dist, 'sw.js'), 'utf8').matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
const precache = transferSize(dist, manifest);

const server = await serveStatic(dist, '/');
const browser = await chromium.launch({
  executablePath: findBrowser(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
// A lesson when the garden has one (the peer corpus has notes only): the page a reader searches from.
const lesson = (index.pages.find((p) => p[2] === 'lesson') ?? index.pages[0]!)[0];
const bytes: number[] = [];
const latency: number[] = [];
try {
  for (const q of queries) {
    // A fresh reader each time, without the service worker, so every byte crosses the network.
    const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(lesson.slice(1), { waitUntil: 'networkidle' });
    // The header's script has run once the Search link announces its dialog.
    await page.locator('[data-search-open][aria-haspopup="dialog"]').waitFor();
    const seen: Array<Promise<number>> = [];
    page.on('requestfinished', (r) => seen.push(r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
    await page.keyboard.press('/');
    const box = page.getByRole('combobox');
    await box.fill(q);
    const status = page.getByRole('dialog').getByRole('status');
    await status.filter({ hasText: `for “${q}”` }).waitFor();
    bytes.push((await Promise.all(seen)).reduce((a, b) => a + b, 0));
    // Warm: time from the last keystroke of a new query to its results on screen.
    const next = `${q.split(' ')[0]!.slice(0, -1)}`;
    await box.fill('');
    await box.pressSequentially(next.slice(0, -1));
    const t = await page.evaluate(
      ([last, text]) =>
        new Promise<number>((done) => {
          const el = document.querySelector('.search-dialog [role=status]')!;
          let start = 0;
          new MutationObserver(() => {
            if (start && el.textContent!.includes(`for “${text}”`)) done(performance.now() - start);
          }).observe(el, { childList: true, characterData: true, subtree: true });
          const input = document.querySelector<HTMLInputElement>('.search-dialog input')!;
          start = performance.now();
          input.value += last;
          input.dispatchEvent(new InputEvent('input', { bubbles: true, data: last }));
        }),
      [next.slice(-1), next] as const,
    );
    latency.push(t);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
console.log(`Search in Chromium, ${index.pages.length} pages, ${queries.length} queries (${queries.slice(0, 5).join(', ')}, …)\n`);
console.log('| metric | median | max |\n| --- | ---: | ---: |');
console.log(`| bytes for a first query (no cache) | ${kb(median(bytes))} | ${kb(Math.max(...bytes))} |`);
console.log(`| last keystroke to results, warm | ${median(latency).toFixed(0)} ms | ${Math.max(...latency).toFixed(0)} ms |`);
console.log(`| first-visit precache (service worker) | ${kb(precache)} | |`);
