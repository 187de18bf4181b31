/**
 * A right-to-left site (#18): the tiny garden of tests/fixtures/i18n built in Arabic (`lang: 'ar'`, about
 * 40 s; the shared sample build stays English), served as files. axe finds no serious violation on a
 * page of each layout at a phone's and a desktop's width, the page is laid out right to left, and the
 * knowledge check answers in Arabic.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const root = join(import.meta.dirname, '..', '..');
// One worker for the file, so the Arabic garden is built once, not once per worker.
test.describe.configure({ mode: 'serial' });
let server: StaticServer;
let work: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  work = mkdtempSync(join(root, '.grove', 'e2e-rtl-'));
  cpSync(join(root, 'tests/fixtures/i18n'), join(work, 'garden'), { recursive: true });
  execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    env: { ...process.env, GARDEN_CONFIG: join(work, 'garden', 'garden.config.mjs'), GROVE_LANG: 'ar', GROVE_OUT_DIR: join(work, 'dist'), GROVE_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' },
    stdio: 'ignore',
  });
  server = await serveStatic(join(work, 'dist'), '/');
});

test.afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The home page (cards, hero, progress block), a lesson (knowledge check, pager, aside) and search (form, filters, A to Z). */
const PAGES = [
  { path: '', h1: 'Tea House' },
  { path: 'courses/basics/water/', h1: 'Water' },
  { path: 'search/', h1: 'اعثر على أي شيء' },
];

for (const width of [375, 1280]) {
  test(`an Arabic site has no serious accessibility violation at ${width} px`, async ({ page, axe }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const p of PAGES) {
      await page.goto(server.url + p.path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.h1);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      await axe();
    }
  });
}

test('a knowledge check answers in Arabic, and the page reads right to left', async ({ page }) => {
  await page.goto(`${server.url}courses/basics/water/`);
  const check = page.getByRole('region', { name: 'اختبر فهمك' });
  const first = check.getByRole('group').first();
  await first.getByRole('radio').nth(1).check();
  await first.getByRole('button', { name: 'تحقّق من الإجابة' }).click();
  await expect(first.getByRole('status')).toContainText('ليس تمامًا.');
  // The navigation starts at the right edge: its first link sits right of its last.
  const links = page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link');
  const [a, b] = [await links.first().boundingBox(), await links.last().boundingBox()];
  expect(a!.x).toBeGreaterThan(b!.x);
});
