/**
 * The untrusted boundary in a real browser (#12): the stored-XSS payloads that once ran
 * (tests/fixtures/hostile/browser-team/) are built with `unsafeHtml: 'strip'`, with a trusted page
 * that embeds them, and every page is opened in Chromium, hovered, clicked and toggled. Any dialog
 * fails the test; so does a request to another host, or the text around a payload going missing.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic, type StaticServer } from './static-server.ts';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, '.grove', 'e2e-hostile');

let server: StaticServer;
// One build for the file, in one worker.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    // Without the Content-Security-Policy, which would stop these payloads itself: this tests the sanitizer alone (csp.spec.ts tests the policy).
    env: {
      ...process.env,
      GROVE_CSP: 'off',
      GARDEN_CONFIG: join(root, 'tests/fixtures/hostile/browser.config.mjs'),
      GROVE_OUT_DIR: join(out, 'dist'),
      GROVE_CACHE_DIR: join(out, 'cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
  });
  if (r.status !== 0) throw new Error(`the hostile fixture did not build:\n${r.stdout}\n${r.stderr}`);
  server = await serveStatic(join(out, 'dist'), '/');
});

test.afterAll(async () => {
  await server?.stop();
});

/** Opens a page, does what a reader does (hover, click, toggle), and returns the dialogs and other-host requests seen. */
async function visit(page: Page, path: string): Promise<{ dialogs: string[]; offsite: string[] }> {
  const dialogs: string[] = [];
  const offsite: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (req) => {
    if (!req.url().startsWith(server.url) && !req.url().startsWith('data:')) offsite.push(req.url());
  });
  await page.goto(new URL(path.replace(/^\//, ''), server.url).href);
  await page.waitForLoadState('load');
  // Hover and click everything in the content; toggle every fold.
  const content = page.locator('main .prose *');
  const n = Math.min(await content.count(), 60);
  for (let i = 0; i < n; i++)
    await content
      .nth(i)
      .hover({ timeout: 1_000, force: true })
      .catch(() => undefined);
  await page.mouse.move(5, 5);
  await page.mouse.move(600, 400, { steps: 5 });
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = !d.open;
  });
  await page.waitForTimeout(300);
  return { dialogs, offsite };
}

test('the site is built without its Content-Security-Policy, and the harness sees a dialog when one opens', async ({ page }) => {
  const seen: string[] = [];
  page.on('dialog', async (d) => {
    seen.push(d.message());
    await d.dismiss();
  });
  await page.goto(server.url);
  expect(await page.locator('meta[http-equiv="content-security-policy" i]').count()).toBe(0);
  await page.evaluate(() => setTimeout(() => alert('control'), 0));
  await expect.poll(() => seen).toEqual(['control']);
});

const PAGES: Array<[string, string]> = [
  ['notes/body-onload/', 'Text before body-onload.'],
  ['notes/col-img/', 'Text after col-img.'],
  ['notes/html-mouseover/', 'Text of html-mouseover.'],
  ['notes/details-unclosed/', 'Text before details-unclosed.'],
  ['notes/title-reopen/', 'Text of title-reopen.'],
  ['notes/svg-onload/', 'Text of svg-onload.'],
  ['notes/mxss/', 'Text of mxss.'],
  ['notes/link/', 'Text of link:'],
  ['notes/external/', 'Text of external.'],
  // A trusted page embedding the untrusted ones: nothing may rewrite it after they were cleaned.
  ['notes/embeds-hostile/', 'Text after the embeds.'],
  // Translations (#18): by folder, declared, and from an untrusted source of translations of the trusted page.
  ['de/notes/body-onload/', 'Text vor body-onload.'],
  ['ar/notes/link/', 'Text of link in Arabic:'],
  ['de/notes/embeds-hostile/', 'Text nach den Einbettungen.'],
];

for (const [path, text] of PAGES) {
  test(`no script runs on ${path}`, async ({ page }) => {
    const { dialogs, offsite } = await visit(page, path);
    expect(dialogs).toEqual([]);
    expect(offsite).toEqual([]);
    await expect(page.getByText(text).first()).toBeVisible();
    // The layout after the page's content is intact: the page did not swallow it.
    await expect(page.locator('footer').last()).toBeAttached();
  });
}

test("an untrusted translation's title is shown without its bidirectional override, and the trusted page's switcher leads to it under /de/", async ({ page }) => {
  await page.goto(new URL('de/notes/body-onload/', server.url).href);
  const title = await page.title();
  expect(title).toContain('Körper onload');
  expect(title).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
  await page.goto(new URL('notes/embeds-hostile/', server.url).href);
  await expect(page.locator('.language-switcher a[hreflang="de"]')).toHaveAttribute('href', '/de/notes/embeds-hostile/');
});
