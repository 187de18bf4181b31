/**
 * Links and hosts: the built site has no broken link or anchor, stays under its base path, loads no
 * asset from another host (DESIGN.md, "Pages": no request to any other host), and in the browser a
 * reader's page load touches nothing but the intranet server.
 */
import { fileURLToPath } from 'node:url';
import { resolve, sep } from 'node:path';
import { E2E_BASE, E2E_DIST } from '../../playwright.config.ts';
import { checkSite, formatProblem, type CheckResult } from '../../scripts/check-links.ts';
import { expect, test } from './fixtures.ts';

// The folder the webServer built into, resolved from the repository root rather than the cwd.
// GROVE_E2E_DIST may be absolute (a run of its own in /tmp) or relative to the project.
const DIST = resolve(fileURLToPath(new URL('../../', import.meta.url)), E2E_DIST) + sep;

let result: CheckResult | undefined;

/** Checks the built site once for the tests in this file (about 0.1 s for the sample garden). */
function siteCheck(): CheckResult {
  result ??= checkSite(DIST, { base: E2E_BASE });
  return result;
}

test('the built site has no broken link, broken anchor or link outside the base path', () => {
  const { pages, links, problems } = siteCheck();
  // A check over an empty or missing folder would pass vacuously: the sample garden has ~90 pages.
  expect(pages).toBeGreaterThan(50);
  expect(links).toBeGreaterThan(pages);
  expect(problems.map((p) => formatProblem(p, E2E_DIST))).toEqual([]);
});

test('no script, stylesheet, image, font or icon in the built site comes from another host', () => {
  const external = siteCheck().problems.filter((p) => p.kind === 'external-asset');
  expect(external.map((p) => formatProblem(p, E2E_DIST))).toEqual([]);
});

test('every internal link on the home page starts with the base path', async ({ page }) => {
  await page.goto('./');
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  // Links to other sites, mail and in-page fragments (`#main`) are not site paths.
  const internal = hrefs.filter((h) => !/^[a-z][a-z0-9+.-]*:/i.test(h) && !h.startsWith('//') && !h.startsWith('#'));
  expect(internal.length).toBeGreaterThan(20); // nav, paths, courses, notes, topics
  expect(internal.filter((h) => !h.startsWith(E2E_BASE))).toEqual([]);
  // Fragment links on the page point at an element that exists.
  for (const fragment of hrefs.filter((h) => h.startsWith('#') && h.length > 1)) {
    await expect(page.locator(`[id="${fragment.slice(1)}"]`), `target of ${fragment}`).toHaveCount(1);
  }
});

for (const [what, path] of [
  ['the home page', './'],
  ['a lesson', 'courses/git-foundations/remotes-and-pull-requests/'],
] as const) {
  test(`loading ${what} makes no request to any host but the site's own`, async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(path, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The page itself and its stylesheet at least: proves the listener saw the load.
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.some((u) => u.endsWith('.css'))).toBe(true);
    const foreign = requests.filter((u) => {
      const { protocol, hostname } = new URL(u);
      return !(protocol === 'data:' || protocol === 'blob:' || hostname === 'localhost');
    });
    expect(foreign).toEqual([]);
  });
}
