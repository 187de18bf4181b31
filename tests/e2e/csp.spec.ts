/**
 * The Content-Security-Policy in the browser: every page type carries the policy, before any script,
 * with no `'unsafe-inline'` for scripts; nothing on any page trips it (no `securitypolicyviolation`
 * event, no CSP message in the console) while its scripts do their work — search in the dialog and on
 * the search page (Pagefind's WebAssembly), the service worker, the map, knowledge checks, progress,
 * and Grove's inline scripts (the breadcrumb's remembered path, the search page's notice). And the
 * policy holds: a script injected into a page does not run.
 */
import type { BrowserContext, ConsoleMessage, Page } from '@playwright/test';
import { HEADER_POLICY, SVG_POLICY } from '../../src/integrations/csp.ts';
import { expect, test } from './fixtures.ts';

/** One page of each type, with the level-one heading that proves the right page loaded. */
const PAGES: ReadonlyArray<{ type: string; path: string; h1: string | RegExp; status?: number }> = [
  { type: 'home', path: './', h1: 'Fernhill Learning' },
  { type: 'path', path: 'paths/new-engineer-onboarding/', h1: 'New engineer onboarding' },
  { type: 'course', path: 'courses/git-foundations/', h1: 'Git foundations' },
  { type: 'lesson', path: 'courses/git-foundations/first-commit/', h1: 'Your first commit' },
  { type: 'note', path: 'notes/rebase-safely/', h1: 'Rebasing safely' },
  { type: 'topic', path: 'topics/git/', h1: 'Git' },
  { type: 'person', path: 'people/priya-raman/', h1: 'Priya Raman' },
  { type: 'notes list', path: 'notes/', h1: 'Notes' },
  { type: 'search page', path: 'search/', h1: 'Find anything' },
  { type: 'map', path: 'map/', h1: 'Map of the garden' },
  { type: 'contribute', path: 'contribute/', h1: 'Share what you know' },
  { type: 'content health', path: 'health/', h1: 'Content health' },
  // Online it lists what this device has; offline, the service worker shows it in place of a page never opened.
  { type: 'offline page', path: 'offline/', h1: /^(?:Available offline|You are offline)$/ },
  { type: '404', path: 'this-page-does-not-exist/', h1: 'This page is not here', status: 404 },
];

/** What the page reported about the policy: violation events (from the page) and console messages. */
interface Watch {
  violations: () => Promise<string[]>;
  console: string[];
}

/**
 * Records every `securitypolicyviolation` event from the start of each document (an init script,
 * which Playwright runs outside the page's policy) and every console message that mentions the policy.
 */
async function watchPolicy(page: Page): Promise<Watch> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  const messages: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (/Content[ -]Security[ -]Policy|CSP/i.test(m.text())) messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (/Content[ -]Security[ -]Policy|CSP/i.test(e.message)) messages.push(`pageerror: ${e.message}`);
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
    console: messages,
  };
}

/** The page's policy, directive name → sources, from its `<meta>`; asserts there is exactly one. */
async function policyOf(page: Page): Promise<Map<string, string[]>> {
  const meta = page.locator('meta[http-equiv="content-security-policy" i]');
  await expect(meta).toHaveCount(1);
  const content = (await meta.getAttribute('content')) ?? '';
  const policy = new Map<string, string[]>();
  for (const d of content.split(';')) {
    const [name, ...sources] = d.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

/** Asserts nothing on the page has tripped the policy so far. */
async function expectNoViolation(page: Page, watch: Watch): Promise<void> {
  expect(await watch.violations(), `CSP violations on ${page.url()}`).toEqual([]);
  expect(watch.console, `CSP messages in the console on ${page.url()}`).toEqual([]);
}

test.describe('every page type', () => {
  for (const c of PAGES) {
    test(`${c.type} has the policy, before any script, and trips none of it`, async ({ page }) => {
      const watch = await watchPolicy(page);
      const response = await page.goto(c.path, { waitUntil: 'networkidle' });
      expect(response?.status(), `HTTP status of ${c.path}`).toBe(c.status ?? 200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.h1);

      const policy = await policyOf(page);
      for (const name of ['script-src', 'script-src-elem', 'script-src-attr', 'default-src']) {
        expect(policy.get(name) ?? [], `${name} of ${c.path}`).not.toContain("'unsafe-inline'");
      }
      expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
      expect(
        policy.get('script-src')?.some((s) => /^'(?:unsafe-eval|strict-dynamic)'$|^\*$|^https?:$|^data:$/.test(s)),
        'script-src allows no eval, wildcard or scheme',
      ).toBe(false);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      // A <meta> policy covers only what the parser meets after it: no script may come first.
      const beforePolicy = await page.evaluate(() => {
        const meta = document.querySelector('meta[http-equiv="content-security-policy" i]')!;
        return [...document.scripts].filter((s) => s.compareDocumentPosition(meta) & Node.DOCUMENT_POSITION_FOLLOWING).length;
      });
      expect(beforePolicy, 'scripts before the policy').toBe(0);
      await expectNoViolation(page, watch);
    });
  }
});

test('a script injected into a page does not run, nor does an inline event handler', async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto('notes/rebase-safely/');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handler = true');
    img.src = 'data:,not-an-image';
    document.body.append(img);
  });
  await expect.poll(() => watch.violations()).toHaveLength(2);
  const ran = await page.evaluate(() => {
    const w = window as unknown as { __injected?: boolean; __handler?: boolean };
    return { script: w.__injected ?? false, handler: w.__handler ?? false };
  });
  expect(ran).toEqual({ script: false, handler: false });
  const [script, handler] = await watch.violations();
  expect(script).toMatch(/^script-src-elem blocked inline/);
  expect(handler).toMatch(/^script-src-attr blocked inline/);
});

test('search answers under the policy, in the header dialog and on the search page', async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto('courses/git-foundations/first-commit/');
  await page.keyboard.press('/');
  await page.getByRole('combobox', { name: /Search/ }).fill('rebase');
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toContainText('Rebasing safely');
  await expectNoViolation(page, watch);

  await page.goto('search/?q=rebase');
  // The inline script hid "Search needs JavaScript" as the page was parsed.
  await expect(page.getByText('Search needs JavaScript.')).toBeHidden();
  await expect(page.locator('.search-hits > li').first()).toContainText('Rebasing safely');
  // Facets load Pagefind's filter chunks too.
  await expect(page.locator('[data-facet-groups]')).toContainText('Note');
  await expectNoViolation(page, watch);
});

test('the service worker registers and the map, knowledge checks, progress and offline work under the policy', async ({ page, context }) => {
  const watch = await watchPolicy(page);
  await page.goto('courses/git-foundations/first-commit/');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offlineReady !== undefined, undefined, { timeout: 15_000 });

  // A knowledge check answers, and "Mark as complete" is kept.
  const question = page.getByRole('region', { name: 'Check your understanding' }).getByRole('group').first();
  const right = (await question.getAttribute('data-answer'))!.split(' ').map(Number);
  const options = question.getByRole(right.length > 1 ? 'checkbox' : 'radio');
  for (const k of right) await options.nth(k).check();
  await question.getByRole('button', { name: 'Check answer' }).click();
  await expect(question.getByRole('status')).toContainText('Correct.');
  const progress = page.getByRole('region', { name: 'Your progress' });
  await progress.getByRole('button', { name: 'Mark as complete' }).click();
  await expect(progress.getByRole('button', { name: 'Mark as not complete' })).toBeVisible();
  await expectNoViolation(page, watch);

  await page.goto('map/');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-ready', /^\d+$/);
  await expectNoViolation(page, watch);

  // Offline, a page never opened is answered by the offline page from the worker's cache.
  await context.setOffline(true);
  await page.goto('notes/pairing-tips/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
  await page.goto('courses/git-foundations/first-commit/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your first commit');
  await expectNoViolation(page, watch);
});

test('Grove\'s inline scripts run: the breadcrumb and "Where next" follow the path the reader opened', async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto('paths/on-call-readiness/');
  // The last lesson of a course in two paths: the remembered one replaces "Courses" and goes first.
  await page.goto('courses/git-foundations/undoing-mistakes/');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem').first()).toHaveText('On-call readiness');
  await expect(page.getByRole('navigation', { name: 'Next courses' }).getByRole('listitem').first()).toContainText(/^Your path: In On-call readiness/);
  await expectNoViolation(page, watch);
});

test('code stays coloured in light and dark: Shiki’s style attributes are allowed', async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto('courses/git-foundations/first-commit/');
  const token = page.locator('pre.astro-code span[style*="--shiki-dark"]').first();
  const colour = () => token.evaluate((el) => getComputedStyle(el).color);
  const light = await colour();
  // The token's own colour, not the text colour it would inherit without its style attribute.
  expect(light).not.toBe(
    await page
      .locator('pre.astro-code')
      .first()
      .evaluate((el) => getComputedStyle(el).color),
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colour();
  expect(dark).not.toBe(light);
  const darkVar = await token.evaluate((el) => el.style.getPropertyValue('--shiki-dark').trim().toLowerCase());
  expect(dark).toBe(
    await page.evaluate((hex) => {
      const probe = document.createElement('span');
      probe.style.color = hex;
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    }, darkVar),
  );
  await expectNoViolation(page, watch);
});

test('links Grove renders to another host carry rel="noopener"', async ({ page }) => {
  await page.goto('courses/git-foundations/first-commit/');
  const edit = page.getByRole('link', { name: 'Edit this page' });
  await expect(edit).toHaveAttribute('href', /^https:\/\/git\.fernhill\.example\//);
  await expect(edit).toHaveAttribute('rel', 'noopener');
  await page.goto('contribute/');
  await expect(page.getByRole('link', { name: 'Propose a note' })).toHaveAttribute('rel', 'noopener');
  // The site's own links have no rel.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Paths' })).not.toHaveAttribute('rel', /./);
});

/** Adds the headers docs/deploying.md gives to every response of the site, as nginx or Apache would. */
async function serveWithHeaders(context: BrowserContext): Promise<void> {
  await context.route(/\/learning\//, async (route) => {
    const response = await route.fetch();
    const svg = /\.svg$/.test(new URL(route.request().url()).pathname);
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        'content-security-policy': svg ? `${HEADER_POLICY}, ${SVG_POLICY}` : HEADER_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
      },
    });
  });
}

test.describe('with the headers of docs/deploying.md', () => {
  // Routed responses would bypass a service worker; this is about the headers, not offline.
  test.use({ serviceWorkers: 'block' });

  test('pages and search work under both policies, and no other site can frame a page', async ({ page, context, baseURL }) => {
    await serveWithHeaders(context);
    const watch = await watchPolicy(page);
    const response = await page.goto('courses/git-foundations/first-commit/');
    expect(response?.headers()['content-security-policy']).toBe(HEADER_POLICY);
    await page.keyboard.press('/');
    await page.getByRole('combobox', { name: /Search/ }).fill('rebase');
    await expect(page.getByRole('option').first()).toContainText('Rebasing safely');
    await expectNoViolation(page, watch);

    // Framed by another page (here about:blank, an opaque origin): the browser refuses to show it.
    await page.goto('about:blank');
    const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.setContent(`<iframe src="${baseURL}" title="framed"></iframe>`);
    await refused;
    await expect(page.frameLocator('iframe').getByRole('heading', { level: 1 })).toHaveCount(0);
  });

  // Its own test, on a fresh page: run after the framing check above in one test, it failed on CI.
  test('the search page works under the headers of docs/deploying.md', async ({ page, context }) => {
    await serveWithHeaders(context);
    const watch = await watchPolicy(page);
    await page.goto('search/?q=incident');
    await expect(page.locator('.search-hits > li').first()).toBeVisible();
    await expectNoViolation(page, watch);
  });

  test('an SVG opened on its own runs no script', async ({ page, context }) => {
    await serveWithHeaders(context);
    // A drawing with a script in it, as a trusted source might publish one.
    await context.route(/\/files\/local\/drawing\.svg$/, (route) =>
      route.fulfill({
        contentType: 'image/svg+xml',
        headers: { 'content-security-policy': `${HEADER_POLICY}, ${SVG_POLICY}` },
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>document.documentElement.setAttribute("data-ran", "1")</script><rect width="10" height="10"/></svg>',
      }),
    );
    await page.goto('files/local/drawing.svg');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-ran'))).toBeNull();
  });
});
