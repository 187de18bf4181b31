/**
 * Accessibility pass: axe (WCAG 2.0-2.2 A and AA) finds no serious or critical violation on one page
 * of every type, in light mode, and again in dark mode where colours change (contrast).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** One page of a type, with the level-one heading that proves the right page loaded. */
interface PageCase {
  type: string;
  path: string;
  h1: string | RegExp;
  /** The HTTP status the page is served with. */
  status?: number;
  /** Brings the page into the state to check (e.g. open the answers of a knowledge check). */
  prepare?: (page: Page) => Promise<void>;
}

/**
 * Answers a knowledge check, the first question wrongly and the others rightly, so axe checks the
 * feedback of both kinds and the marked options too (the check is interactive with JavaScript).
 */
async function answerCheck(page: Page): Promise<void> {
  const questions = page.getByRole('region', { name: 'Check your understanding' }).getByRole('group');
  const count = await questions.count();
  expect(count, 'the lesson has a knowledge check').toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const q = questions.nth(i);
    const right = (await q.getAttribute('data-answer'))!.split(' ').map(Number);
    const options = q.getByRole(right.length > 1 ? 'checkbox' : 'radio');
    const wrong = [...Array(await options.count()).keys()].find((k) => !right.includes(k))!;
    for (const k of i === 0 ? [wrong] : right) await options.nth(k).check();
    await q.getByRole('button', { name: 'Check answer' }).click();
    await expect(q.getByRole('status')).toContainText(i === 0 ? 'Not quite.' : 'Correct.');
  }
}

const PAGES: readonly PageCase[] = [
  { type: 'home', path: './', h1: 'Fernhill Learning' },
  { type: 'paths index', path: 'paths/', h1: 'Learning paths' },
  { type: 'path', path: 'paths/new-engineer-onboarding/', h1: 'New engineer onboarding' },
  { type: 'courses index', path: 'courses/', h1: 'Courses' },
  { type: 'course', path: 'courses/git-foundations/', h1: 'Git foundations' },
  // content/courses/git-foundations/01-first-commit.md has a `check:` (knowledge check) with two questions.
  { type: 'lesson with a knowledge check', path: 'courses/git-foundations/first-commit/', h1: 'Your first commit', prepare: answerCheck },
  { type: 'notes index', path: 'notes/', h1: 'Notes' },
  { type: 'notes filter', path: 'notes/kind/how-to/', h1: 'Notes: How-to' },
  { type: 'note', path: 'notes/rebase-safely/', h1: 'Rebasing safely' },
  // content/notes/on-call-handover-checklist.md is a GFM task list: checkboxes in the text.
  { type: 'note with a task list', path: 'notes/on-call-handover-checklist/', h1: 'On-call handover checklist' },
  { type: 'note with a Hebrew (RTL) name', path: 'notes/ברוכים-הבאים/', h1: 'ברוכים הבאים' },
  { type: 'note with a German name', path: 'notes/überblick-deployments/', h1: 'Überblick Deployments' },
  { type: 'topics index', path: 'topics/', h1: 'Topics' },
  { type: 'topic', path: 'topics/git/', h1: 'Git' },
  { type: 'people index', path: 'people/', h1: 'People' },
  { type: 'person', path: 'people/priya-raman/', h1: 'Priya Raman' },
  { type: 'search', path: 'search/', h1: 'Find anything' },
  { type: 'contribute', path: 'contribute/', h1: 'Share what you know' },
  // The map draws on a canvas; its controls, focus panel and list alternative are what axe can check.
  {
    type: 'map',
    path: 'map/',
    h1: 'Map of the garden',
    prepare: async (page) => {
      await expect(page.locator('[data-map]')).toHaveAttribute('data-ready', /\d+/);
      await page.getByLabel('Find on the map').fill('Git');
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      await expect(page.locator('#map-focus')).toContainText('Topic: Git');
    },
  },
  { type: 'content health', path: 'health/', h1: 'Content health' },
  { type: '404', path: 'this-page-does-not-exist/', h1: 'This page is not here', status: 404 },
];

/** Loads a page, proves it is the right one, and runs axe on it. */
async function checkPage(page: Page, axe: () => Promise<void>, c: PageCase): Promise<void> {
  const response = await page.goto(c.path);
  expect(response?.status(), `HTTP status of ${c.path}`).toBe(c.status ?? 200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.h1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await c.prepare?.(page);
  await axe();
}

// A trace of axe's injected script and its DOM snapshots made these tests ~45% slower (42 s → 60 s for
// this file on a 2-core runner), and axe's own report already names the rule, the element and the fix;
// a CI retry still records one.
test.use({ trace: 'on-first-retry' });

test.describe('light mode', () => {
  test.use({ colorScheme: 'light' });
  for (const c of PAGES) {
    test(`${c.type} (${c.path}) has no serious accessibility violation`, async ({ page, axe }) => {
      await checkPage(page, axe, c);
    });
  }
});

test.describe('dark mode', () => {
  test.use({ colorScheme: 'dark' });
  // The pages where dark colours meet every kind of element: hero and cards, a lesson's code, knowledge
  // check and pager, the notes' kind and stage chips and badges, a topic's formal and informal columns.
  const DARK = new Set(['home', 'lesson with a knowledge check', 'notes index', 'topic', 'map', 'content health']);
  for (const c of PAGES.filter((p) => DARK.has(p.type))) {
    test(`${c.type} (${c.path}) has no serious accessibility violation in dark mode`, async ({ page, axe }) => {
      await checkPage(page, axe, c);
      // Prove the dark scheme is what axe just checked.
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    });
  }
});

test('a note written in Hebrew is laid out right to left', async ({ page }) => {
  // content/notes/ברוכים הבאים.md is Hebrew; in a left-to-right block its full stops land at the wrong
  // end, its list bullets on the wrong side, and wrapped lines read out of order (WCAG 1.3.2).
  await page.goto('notes/ברוכים-הבאים/');
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('ברוכים הבאים');
  const firstParagraph = page
    .getByRole('main')
    .getByRole('article')
    .getByText(/^היום הראשון בעבודה/);
  await expect(firstParagraph).toBeVisible();
  for (const [what, element] of [
    ['title', title],
    ['first paragraph', firstParagraph],
  ] as const) {
    const direction = await element.evaluate((el) => getComputedStyle(el).direction);
    expect(direction, `text direction of the note's ${what}`).toBe('rtl');
  }
});
