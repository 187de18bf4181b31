/**
 * Search in the browser: the header's dialog (keyboard, combobox semantics, announced count), the
 * search page (facets, query and filters in the URL), no search code before the reader asks for it,
 * the page without JavaScript, accessibility in light and dark, and the quality of the ranking over
 * the sample garden.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { E2E_DIST } from '../../playwright.config.ts';
import { isAbsolute } from 'node:path';
import { expect, test } from './fixtures.ts';

const LESSON = 'courses/git-foundations/first-commit/';

/** Opens the header search with `/` and types a query. */
async function searchFromHeader(page: Page, query: string) {
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: /Search/ });
  await expect(box).toBeFocused();
  await box.fill(query);
  return box;
}

test.describe('the header search', () => {
  test('loads no search code and no index until the reader opens it', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(LESSON, { waitUntil: 'networkidle' });
    expect(requests.filter((p) => p.includes('/pagefind/') || p.includes('search-dialog') || p.includes('search-fallback'))).toEqual([]);
    await searchFromHeader(page, 'rebase');
    await expect(page.getByRole('option').first()).toBeVisible();
    expect(requests.some((p) => p.endsWith('/pagefind/pagefind.js'))).toBe(true);
  });

  test('opens with /, shows results as you type, moves with arrows and opens one with Enter', async ({ page }) => {
    await page.goto(LESSON);
    const box = await searchFromHeader(page, 'rebase');
    const list = page.getByRole('listbox', { name: 'Search results' });
    const first = list.getByRole('option').first();
    await expect(first).toContainText('Rebasing safely');
    // Kind badge, where it sits, and the excerpt with the match marked.
    await expect(first).toContainText('Note');
    await expect(first).toContainText('Notes › How-to');
    await expect(first.locator('.hit-excerpt mark').first()).toBeVisible();
    // The count is announced in a live region.
    await expect(page.getByRole('dialog').getByRole('status')).toHaveText(/^\d+ results? for “rebase”/);
    // Combobox semantics: expanded, and the active option is the active descendant.
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    const second = list.getByRole('option').nth(1);
    await expect(second).toHaveAttribute('aria-selected', 'true');
    await expect(first).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('ArrowUp');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/learning\/notes\/rebase-safely\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rebasing safely');
  });

  test('opens with Ctrl+K and with a click, and Escape closes it and returns focus', async ({ page }) => {
    await page.goto('./');
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: /Search/ });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const trigger = page.getByRole('banner').getByRole('link', { name: 'Search' });
    await expect(trigger).toHaveAttribute('aria-haspopup', 'dialog');
    await trigger.click();
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('combobox')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(trigger).toBeFocused();
  });

  test('narrows to one kind and leads to the search page with the same query', async ({ page }) => {
    await page.goto(LESSON);
    await searchFromHeader(page, 'git');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Lessons' }).click();
    await expect(dialog.getByRole('status')).toHaveText(/in lessons/i);
    const options = dialog.getByRole('option');
    await expect(options.first()).toBeVisible();
    expect(new Set(await options.locator('.badge').allInnerTexts())).toEqual(new Set(['Lesson']));
    await dialog.getByRole('link', { name: /results|Search page/ }).click();
    await expect(page).toHaveURL(/\/search\/\?q=git&kind=lesson$/);
    await expect(page.getByRole('checkbox', { name: /Lesson/ })).toBeChecked();
  });

  test('says so when nothing matches', async ({ page }) => {
    await page.goto('./');
    // Pagefind matches the longest known start of a word ("xylophone" finds "\x"), so digits it has never seen.
    await searchFromHeader(page, '7777777');
    await expect(page.getByRole('dialog').getByRole('status')).toHaveText('No results for “7777777”.');
    await expect(page.getByRole('combobox')).toHaveAttribute('aria-expanded', 'false');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility violation while open with results (${colorScheme})`, async ({ page, axe }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(LESSON);
      await searchFromHeader(page, 'incident');
      await expect(page.getByRole('option').nth(2)).toBeVisible();
      await page.keyboard.press('ArrowDown');
      await axe();
    });
  }
});

test.describe('the search page', () => {
  test('reads the query and filters from the URL and writes changes back', async ({ page }) => {
    await page.goto('search/?q=rebase&kind=note');
    await expect(page.getByRole('searchbox', { name: 'Search the garden' })).toHaveValue('rebase');
    const status = page.locator('#search-status');
    await expect(status).toHaveText(/^\d+ results? for “rebase”/);
    const hits = page.locator('.search-hits > li');
    await expect(hits.first()).toContainText('Rebasing safely');
    for (const text of await hits.allInnerTexts()) expect(text).toMatch(/^Note/);
    // The A–Z list steps aside while searching.
    await expect(page.getByRole('heading', { name: 'Every page, A to Z' })).toBeHidden();
    // Facets: kind is checked; other kinds still show what they would add.
    const filters = page.getByRole('group', { name: 'Kind' });
    await expect(filters.getByRole('checkbox', { name: /Note/ })).toBeChecked();
    await filters.getByRole('checkbox', { name: /Lesson/ }).check();
    await expect(page).toHaveURL(/\?q=rebase&kind=lesson&kind=note$/);
    await expect(hits.filter({ hasText: /^Lesson/ }).first()).toBeVisible();
    // An active filter can be removed from the chips above the results.
    await page.getByRole('button', { name: 'Remove filter Kind: Note' }).click();
    await expect(page).toHaveURL(/\?q=rebase&kind=lesson$/);
    // Typing updates the URL too, so the list can be shared.
    await page.getByRole('searchbox', { name: 'Search the garden' }).fill('branch');
    await expect(page).toHaveURL(/\?q=branch&kind=lesson$/);
  });

  test('lists every page of a filter with no query, and filters by topic and stage together', async ({ page }) => {
    await page.goto('search/?kind=note&stage=evergreen&topic=git');
    const hits = page.locator('.search-hits > li');
    await expect(hits.first()).toBeVisible();
    for (const text of await hits.allInnerTexts()) expect(text).toMatch(/^Note\s+Notes › .* · evergreen/);
    await expect(page.locator('#search-status')).toHaveText(/^\d+ results?\.$/);
  });

  test('moves from the box through the results with the arrow keys', async ({ page }) => {
    await page.goto('search/?q=incident');
    const box = page.getByRole('searchbox', { name: 'Search the garden' });
    await expect(page.locator('.search-hits > li').first()).toBeVisible();
    await box.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.search-hits .hit-title a').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.search-hits .hit-title a').nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(box).toBeFocused();
  });

  test('offers the sort by last updated, newest first', async ({ page }) => {
    await page.goto('search/?kind=note&sort=updated');
    const crumbs = page.locator('.search-hits > li');
    await expect(crumbs.first()).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('updated');
    // "Last updated" is the `updated` field, else git history: read each result's date from its page
    // (the <time> after "Updated") and check they come newest first.
    const hrefs = await crumbs.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(3);
    const dates: string[] = [];
    for (const href of hrefs.slice(0, 8)) {
      const html = await (await page.request.get(href)).text();
      const m = /Updated <time datetime="(\d{4}-\d{2}-\d{2})"/.exec(html);
      expect(m, `${href} shows when it was updated`).not.toBeNull();
      dates.push(m![1]!);
    }
    expect(dates).toEqual([...dates].sort().reverse());
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no serious accessibility violation with results and facets (${colorScheme})`, async ({ page, axe }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto('search/?q=git&kind=note');
      await expect(page.locator('.search-hits > li').first()).toBeVisible();
      await expect(page.getByRole('group', { name: 'Topic' })).toBeVisible();
      await axe();
    });
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header links to the search page, which says why it needs JavaScript and lists every page', async ({ page }) => {
    await page.goto(LESSON);
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/learning\/search\/$/);
    await expect(page.getByText('Search needs JavaScript.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Every page, A to Z' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Rebasing safely' })).toBeVisible();
    await expect(page.getByRole('searchbox')).toHaveCount(0);
  });
});

test('from disk (file://), where Pagefind cannot run, search answers from the fallback index', async ({ page }) => {
  // GROVE_E2E_DIST may be absolute (a second run beside this one) or relative to the project.
  const dist = isAbsolute(E2E_DIST) ? `${E2E_DIST}/` : fileURLToPath(new URL(`../../${E2E_DIST}/`, import.meta.url));
  await page.goto(pathToFileURL(`${dist}courses/git-foundations/first-commit/index.html`).href);
  // Styled and linked from disk: the stylesheet and the header's links point at the files beside it.
  expect(await page.locator('.site-header .bar').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
  await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\/index\.html$/);
  await page.getByRole('searchbox', { name: 'Search the garden' }).fill('vcs');
  await expect(page.locator('#search-status')).toContainText('titles, summaries and headings only');
  const first = page.locator('.search-hits .hit-title a').first();
  await expect(first).toHaveText('Git');
  await first.click();
  await expect(page).toHaveURL(/\/topics\/git\/index\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Git');
});

/**
 * Search quality over the sample garden: each query and the page that must be among the top three.
 * Titles, aliases, body-only words, people, accents and other scripts.
 */
const QUALITY: ReadonlyArray<[query: string, route: string, why: string]> = [
  ['vcs', 'topics/git/', 'a topic alias (content/topics/git.md: aliases)'],
  ['version control', 'topics/git/', 'the other alias, two words'],
  ['reconciled', 'courses/sql-for-analysts/checking-your-numbers/', 'a word only in that lesson’s body'],
  ['shallow clone', 'courses/git-foundations/remotes-and-pull-requests/', 'body words of one lesson'],
  ['rebase', 'notes/rebase-safely/', 'a stemmed title word'],
  ['first commit', 'courses/git-foundations/first-commit/', 'a lesson title'],
  ['severity levels', 'courses/incident-response/severity-levels/', 'a lesson title shared with a note'],
  ['postmortem template', 'notes/postmortem-template/', 'a note title'],
  ['reflog', 'notes/recover-a-deleted-branch/', 'a command in a TIL title'],
  ['joins', 'courses/sql-for-analysts/joins/', 'an MDX lesson'],
  ['NOT IN NULL', 'notes/null-surprises/', 'capitals and short words'],
  ['psql', 'notes/psql-expanded-display/', 'a tool name'],
  ['Priya', 'people/priya-raman/', 'a person by first name'],
  ['Wojcik', 'people/tomasz-wojcik/', 'a person by a name written without its accent'],
  ['handover', 'notes/on-call-handover-checklist/', 'a note with a task list'],
  ['secret committed', 'notes/secrets-in-repos/', 'a question-style title'],
  ['deploy friday', 'notes/deploy-on-fridays/', 'singular of a title word'],
  ['giving feedback', 'courses/code-review/giving-feedback/', 'a lesson title'],
  ['code review', 'courses/code-review/', 'a course title shared with a topic'],
  ['status page', 'notes/status-page-updates/', 'a how-to title'],
  ['time zones', 'notes/timezones-in-bookings/', 'two words the title writes as such'],
  ['database migration', 'notes/who-approves-migrations/', 'a question title'],
  ['Überblick', 'notes/überblick-deployments/', 'a German title with an umlaut'],
  ['SQL for analysts', 'courses/sql-for-analysts/', 'a course title'],
  ['suspicious login', 'notes/suspicious-login-alerts/', 'a hyphenated title word'],
  ['on-call readiness', 'paths/on-call-readiness/', 'a path title'],
];

test('search finds the right page in the top three for each of the quality queries', async ({ page }) => {
  test.setTimeout(120_000);
  const misses: string[] = [];
  await page.goto('search/');
  const box = page.getByRole('searchbox', { name: 'Search the garden' });
  for (const [query, route, why] of QUALITY) {
    await box.fill(query);
    await expect(page.locator('#search-status')).toHaveText(new RegExp(`for “${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
    const top = await page.locator('.search-hits .hit-title a').evaluateAll((as) => as.slice(0, 3).map((a) => decodeURI(new URL((a as HTMLAnchorElement).href).pathname)));
    if (!top.includes(`/learning/${route}`)) misses.push(`“${query}” (${why}): wanted /learning/${route}, got ${top.join(', ') || 'nothing'}`);
  }
  expect(misses).toEqual([]);
});

/** Queries that are a page's title, exactly (case aside), though many other pages use their words. */
const EXACT_TITLES = ['SQL', 'git', 'Severity levels', 'Code review', 'postmortems', 'Joining tables', 'Incident response', 'Security'];

test('a page whose title is the query comes first, on the search page and in the dialog', async ({ page }) => {
  test.setTimeout(120_000);
  const wrong: string[] = [];
  await page.goto('search/');
  const box = page.getByRole('searchbox', { name: 'Search the garden' });
  for (const query of EXACT_TITLES) {
    await box.fill(query);
    await expect(page.locator('#search-status')).toHaveText(new RegExp(`for “${query}”`));
    const first = (await page.locator('.search-hits .hit-title a').first().textContent())?.trim() ?? '';
    if (first.toLowerCase() !== query.toLowerCase()) wrong.push(`search page, “${query}”: first is “${first}”`);
  }
  await page.goto(LESSON);
  const dialogBox = await searchFromHeader(page, 'SQL');
  for (const query of EXACT_TITLES) {
    await dialogBox.fill(query);
    await expect(page.getByRole('dialog').getByRole('status')).toHaveText(new RegExp(`for “${query}”`));
    const first = (await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().locator('.hit-title').textContent())?.trim() ?? '';
    if (first.toLowerCase() !== query.toLowerCase()) wrong.push(`dialog, “${query}”: first is “${first}”`);
  }
  expect(wrong).toEqual([]);
});
