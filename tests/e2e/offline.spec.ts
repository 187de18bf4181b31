/**
 * Offline in the browser: the service worker keeps the shell and the pages a reader opens, search
 * works with no network, a page never opened shows the offline page, "Save for offline" stores a
 * whole course, and a rebuilt site is picked up with the update notice (old and new never mixed).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { E2E_BASE } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';
import { serveStatic } from './static-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LESSON = 'courses/git-foundations/first-commit/';

/** Waits until the service worker controls the page and has stored it. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offlineReady !== undefined, undefined, { timeout: 15_000 });
}

/**
 * Takes the network away again while a page is open. Under Playwright's offline emulation, Chromium
 * (150 at least) gives a page that loaded while offline `navigator.onLine === true`, where a real loss of
 * network gives false; going offline again while the page is open fires its `offline` event and sets
 * `navigator.onLine`, as a real loss of network does, and the indicator follows that event.
 */
async function offlineAgain(context: BrowserContext): Promise<void> {
  await context.setOffline(false);
  await context.setOffline(true);
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('home, a lesson and the search page open offline, and search still finds pages', async ({ page, context }) => {
  await page.goto('./');
  await waitForOfflineReady(page);
  await page.goto(LESSON);
  await expect(h1(page)).toHaveText('Your first commit');
  await page.goto('search/');
  await expect(h1(page)).toHaveText('Find anything');

  await context.setOffline(true);
  for (const [path, title] of [
    ['./', 'Fernhill Learning'],
    [LESSON, 'Your first commit'],
    ['search/', 'Find anything'],
  ] as const) {
    await page.goto(path);
    await expect(h1(page), `${path} offline`).toHaveText(title);
    // Styled from the cache too: the stylesheet loaded (the header is laid out as a flex row).
    expect(await page.locator('.site-header .bar').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
  }
  await offlineAgain(context);
  await expect(page.locator('[data-offline-indicator] summary')).toHaveText('Offline');
  await expect(page.locator('[data-offline-indicator] summary')).toBeVisible();

  // The search page answers offline, from the precached index.
  await page.getByRole('searchbox', { name: 'Search the garden' }).fill('rebase');
  await expect(page.locator('.search-hits > li').first()).toContainText('Rebasing safely');
  // And so does the header's dialog, on a lesson.
  await page.goto(LESSON);
  await page.keyboard.press('/');
  await page.getByRole('combobox').fill('postmortem');
  await expect(page.getByRole('option').first()).toContainText(/Postmortem/);
});

test('offline, a page never opened shows the offline page, which lists what is available', async ({ page, context }) => {
  await page.goto(LESSON);
  await waitForOfflineReady(page);
  await context.setOffline(true);
  await page.goto('notes/pairing-tips/');
  await expect(h1(page)).toHaveText('You are offline');
  // The address is still the page asked for, so trying again once online opens it.
  await expect(page).toHaveURL(/\/notes\/pairing-tips\/$/);
  const opened = page.getByRole('region', { name: 'Pages you opened' });
  await expect(opened.getByRole('link', { name: 'Your first commit · Git foundations' })).toBeVisible();
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(h1(page)).toHaveText('Pairing with a new colleague');
});

test('"Save for offline" on a course makes every lesson open offline', async ({ page, context }) => {
  await page.goto('courses/git-foundations/');
  await waitForOfflineReady(page);
  const lessons = await page.locator('.steps a').evaluateAll((as) => as.map((a) => [(a as HTMLAnchorElement).href, a.textContent!.trim()] as const));
  expect(lessons.length).toBeGreaterThanOrEqual(4);
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await expect(page.getByText(`Saved: ${lessons.length + 1} pages open without a network.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Saved for offline' })).toHaveAttribute('aria-pressed', 'true');

  await context.setOffline(true);
  for (const [href, title] of lessons) {
    await page.goto(href);
    await expect(h1(page), `${href} offline`).toHaveText(title);
  }
  // The indicator says which saved courses are here.
  await offlineAgain(context);
  const indicator = page.locator('[data-offline-indicator]');
  await indicator.locator('summary').click();
  await expect(indicator.getByRole('link', { name: 'Git foundations' })).toBeVisible();
});

test('a rebuilt site with changed content is picked up with the update notice', async ({ browser }) => {
  test.setTimeout(240_000);
  // Two deploys of the sample garden, built here and served by a server this test controls, so it
  // can swap the second in while the reader has the first open.
  // Inside the project: Grove reads local content only from there.
  mkdirSync(join(ROOT, '.grove'), { recursive: true });
  const work = mkdtempSync(join(ROOT, '.grove', 'update-test-'));
  cpSync(join(ROOT, 'content'), join(work, 'content'), { recursive: true });
  writeFileSync(join(work, 'garden.config.mjs'), `export default { title: 'Fernhill Learning', base: '${E2E_BASE}', sources: [{ name: 'local', path: './content' }] };\n`);
  await build(work, 'dist-1');
  const server = await serveStatic(join(work, 'dist-1'), E2E_BASE);
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    await page.goto(LESSON);
    await waitForOfflineReady(page);
    const cachesBefore = await page.evaluate(() => caches.keys());

    // The next deploy: one lesson retitled.
    const lessonFile = join(work, 'content/courses/git-foundations/01-first-commit.md');
    writeFileSync(lessonFile, readFileSync(lessonFile, 'utf8').replace('title: Your first commit', 'title: Your very first commit'));
    await build(work, 'dist-2');
    server.root = join(work, 'dist-2');

    // The browser checks for a new worker on navigation and when the tab comes back; ask now.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    // Announced: the notice appears inside a polite live region.
    const notice = page.getByText('A new version of this site is ready.');
    await expect(notice).toBeVisible({ timeout: 30_000 });
    expect(await notice.evaluate((el) => el.closest('[aria-live="polite"]') !== null)).toBe(true);
    // Until the reader reloads, the old version keeps serving its own files: search still opens.
    await page.keyboard.press('/');
    await page.getByRole('combobox').fill('branches');
    await expect(page.getByRole('option').first()).toBeVisible();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(h1(page)).toHaveText('Your very first commit');
    // Caches are versioned: the old version's page cache is gone, the new one has the page.
    const cachesAfter = await page.evaluate(() => caches.keys());
    const pageCaches = (names: string[]) => names.filter((n) => n.startsWith('grove-pages-'));
    expect(pageCaches(cachesAfter)).toHaveLength(1);
    expect(pageCaches(cachesAfter)).not.toEqual(pageCaches(cachesBefore));
    await page.reload();
    await expect(h1(page)).toHaveText('Your very first commit');
  } finally {
    await context.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

/** Runs `astro build` for the garden in `work` (settings, content) into `work/<out>`. */
function build(work: string, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: ROOT,
      env: { ...process.env, GARDEN_CONFIG: join(work, 'garden.config.mjs'), GROVE_OUT_DIR: join(work, out), GROVE_CACHE_DIR: join(work, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the rebuild failed (exit ${code}):\n${output}`))));
  });
}
