/**
 * Learning progress and knowledge checks, in real Chromium over the sample garden: completing lessons
 * by button and by passing a check, progress bars and "Continue" on lesson, course, path and home
 * pages, state that survives a reload and going offline, export then import into a fresh browser,
 * resetting a course, prerequisites, a damaged stored value, the no-JavaScript fallback, the printable
 * path summary, and axe on every state. Each test starts with an empty browser profile.
 */
import type { Locator, Page } from '@playwright/test';
import { E2E_BASE } from '../../playwright.config.ts';
import { expect, test } from './fixtures.ts';

const FIRST_COMMIT = 'courses/git-foundations/first-commit/'; // frontmatter check: two single-choice questions
const BRANCHES = 'courses/git-foundations/branches/'; // no check
const GIT = 'courses/git-foundations/';
const GIT_LESSONS = ['first-commit', 'branches', 'remotes-and-pull-requests', 'undoing-mistakes'];
const JOINS = 'courses/sql-for-analysts/joins/'; // .mdx with one <Question> in the text
const RISK = 'courses/code-review/reviewing-for-risk/'; // a multiple-choice question
const ONBOARDING = 'paths/new-engineer-onboarding/'; // learning-with-grove, git-foundations, code-review

/** The reader's "Your progress" box at the end of a lesson. */
const lessonProgress = (page: Page) => page.getByRole('region', { name: 'Your progress' });

/** The nth question of the page's knowledge check (or inline questions), as a group. */
const question = (page: Page, n: number) => page.getByRole('main').getByRole('group').nth(n);

/** Picks options by their labels and checks the answer. */
async function answer(q: Locator, ...labels: string[]): Promise<void> {
  for (const label of labels) await q.getByLabel(label, { exact: true }).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
}

/** Marks the lesson at `path` complete with the button. */
async function complete(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await lessonProgress(page).getByRole('button', { name: 'Mark as complete' }).click();
  await expect(lessonProgress(page).getByRole('button', { name: 'Mark as not complete' })).toBeVisible();
}

/** The first progress bar in main: its value, its maximum and its label. */
async function expectBar(page: Page, done: number, total: number, scope: Locator = page.getByRole('main')): Promise<void> {
  const bar = scope.getByRole('progressbar').first();
  await expect(bar).toHaveJSProperty('value', done);
  await expect(bar).toHaveJSProperty('max', total);
  await expect(bar).toHaveAccessibleName(new RegExp(`${done} of ${total} lessons complete`));
}

/** Today as the site writes dates. */
const today = (page: Page) => page.evaluate(() => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date()));

test('"Mark as complete" on a lesson moves the bars and "Continue" on course, path and home pages', async ({ page }) => {
  await page.goto(BRANCHES);
  const box = lessonProgress(page);
  await expect(box.getByRole('status')).toBeEmpty();
  await box.getByRole('button', { name: 'Mark as complete' }).click();
  await expect(box.getByText(`Completed on ${await today(page)}.`)).toBeVisible();
  await expect(box.getByRole('status')).toHaveText('Lesson marked as complete: 1 of 4 lessons in this course done.');
  // The course outline beside the lesson follows.
  const outline = page.getByRole('complementary', { name: 'Course outline' });
  await expectBar(page, 1, 4, outline);
  await expect(outline.getByRole('listitem').filter({ hasText: 'Working on branches' })).toContainText('(completed)');

  await page.goto(GIT);
  await expectBar(page, 1, 4);
  await expect(page.getByRole('main').getByText('1 of 4 lessons complete · 1 h left')).toBeVisible();
  await expect(page.locator('#lessons + ol > li').nth(1)).toContainText('(completed)');
  await expect(page.locator('#lessons + ol > li').first()).not.toContainText('(completed)');
  await expect(page.getByRole('link', { name: 'Continue: Remotes and pull requests' })).toBeVisible();

  await page.goto(ONBOARDING);
  await expectBar(page, 1, 12);
  await expect(page.locator('h2:text-is("Courses in this path") + ol > li').nth(1)).toContainText('1 of 4 lessons done');
  await expect(page.locator('h2:text-is("Courses in this path") + ol > li').first()).toContainText('Not started');
  await expect(page.getByRole('link', { name: 'Continue: Remotes and pull requests' })).toBeVisible();

  await page.goto('./');
  const learning = page.getByRole('region', { name: 'Your learning' });
  await expect(learning.getByText('Git foundations · lesson 3 of 4 · 20 min')).toBeVisible();
  await expect(learning.getByRole('progressbar', { name: 'Git foundations: 1 of 4 lessons complete' })).toBeVisible();
  await learning.getByRole('link', { name: 'Continue: Remotes and pull requests' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Remotes and pull requests');

  // Undone: the lesson drops out of the count again.
  await page.goto(BRANCHES);
  await lessonProgress(page).getByRole('button', { name: 'Mark as not complete' }).click();
  await expect(lessonProgress(page).getByRole('status')).toHaveText('Lesson marked as not complete.');
  await page.goto(GIT);
  await expectBar(page, 0, 4);
});

test('a wrong answer shows the explanation; passing every question completes the lesson', async ({ page }) => {
  await page.goto(FIRST_COMMIT);
  // With JavaScript the answers are no longer behind "Show answer": the reader answers instead.
  for (const fold of await page.getByText('Show answer').all()) await expect(fold).toBeHidden();
  const [q1, q2] = [question(page, 0), question(page, 1)];
  await expect(q1).toHaveAccessibleName(/Which email should your commits/);

  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toHaveText('Choose an answer first.');

  await answer(q1, 'Your personal email address');
  await expect(q1.getByRole('status')).toContainText('Not quite. The answer is: Your @fernhill.example work email.');
  await expect(q1.getByRole('status')).toContainText('A personal address means your work does not show up on your profile.');
  await expect(lessonProgress(page).getByRole('button', { name: 'Mark as complete' })).toBeVisible();

  await answer(q1, 'Your @fernhill.example work email');
  await expect(q1.getByRole('status')).toContainText('Correct.');
  await expect(lessonProgress(page).getByRole('button', { name: 'Mark as complete' })).toBeVisible(); // one question still open
  await answer(q2, 'Puts the change in the staging area for the next commit');
  await expect(q2.getByRole('status')).toContainText('Correct.');
  await expect(q2.getByRole('status')).toContainText('Nothing leaves your machine until you push.');
  await expect(lessonProgress(page).getByRole('status')).toHaveText('You answered every question correctly, so this lesson is marked as complete.');
  await expect(lessonProgress(page).getByText(`Completed on ${await today(page)}, by passing its knowledge check.`)).toBeVisible();

  // The answers are stored with the progress and shown again.
  await page.reload();
  await expect(q2.getByLabel('Puts the change in the staging area for the next commit')).toBeChecked();
  await expect(q1.getByRole('status')).toContainText('Correct.');
  await expect(lessonProgress(page).getByRole('button', { name: 'Mark as not complete' })).toBeVisible();
  await page.goto(GIT);
  await expectBar(page, 1, 4);
});

test('a <Question> in the text of an MDX lesson is graded and completes the lesson', async ({ page }) => {
  await page.goto(JOINS);
  const q = question(page, 0);
  await expect(q).toHaveAccessibleName('A booking has three consignments. What does this query return for it?');
  await expect(q.locator('pre')).toContainText('sum(b.price_total)'); // the component's children
  await answer(q, "The booking's price once");
  await expect(q.getByRole('status')).toContainText("Not quite. The answer is: The booking's price three times over.");
  await expect(q.getByRole('status')).toContainText('The join makes one row per consignment');
  await answer(q, "The booking's price three times over");
  await expect(lessonProgress(page).getByText(/by passing its knowledge check/)).toBeVisible();
});

test('a <Question> in a note is graded too, and nothing is stored for it', async ({ page }) => {
  await page.goto('notes/small-prs/');
  const q = question(page, 0);
  await answer(q, 'One pull request, so reviewers see the whole story');
  await expect(q.getByRole('status')).toContainText('Not quite. The answer is: The rename first, on its own; then the fix.');
  await expect(lessonProgress(page)).toHaveCount(0);
  await page.reload();
  await expect(q.getByRole('status')).toBeEmpty();
  expect(await page.evaluate(() => Object.values(localStorage).join(''))).not.toContain('small-prs');
});

test('a multiple-choice question is right only with all of its answers', async ({ page }) => {
  await page.goto(RISK);
  const q = question(page, 1);
  await expect(q).toHaveAccessibleName(/\(choose all that apply\)/);
  await answer(q, 'creates its index with CREATE INDEX CONCURRENTLY');
  await expect(q.getByRole('status')).toContainText('Not quite. The answers are: creates its index with CREATE INDEX CONCURRENTLY, can be left in place if the code is reverted.');
  await answer(q, 'can be left in place if the code is reverted');
  await expect(q.getByRole('status')).toContainText('Correct.');
});

test('progress survives a reload and going offline', async ({ page, context }) => {
  await complete(page, BRANCHES);
  await page.reload();
  await expect(lessonProgress(page).getByRole('button', { name: 'Mark as not complete' })).toBeVisible();

  await page.goto(FIRST_COMMIT);
  await context.setOffline(true);
  // Nothing here needs the network: answering and completing work offline and are stored.
  await answer(question(page, 0), 'Your @fernhill.example work email');
  await answer(question(page, 1), 'Puts the change in the staging area for the next commit');
  await expect(lessonProgress(page).getByRole('button', { name: 'Mark as not complete' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Course outline' }).getByRole('progressbar')).toHaveJSProperty('value', 2);
  await context.setOffline(false);

  await page.reload();
  await expect(lessonProgress(page).getByText(/by passing its knowledge check/)).toBeVisible();
  await expect(question(page, 0).getByRole('status')).toContainText('Correct.');
  await page.goto(GIT);
  await expectBar(page, 2, 4);
});

test('exported progress imported into a fresh browser restores it', async ({ page, browser }, testInfo) => {
  // Two browsers and a dozen pages: room for a busy 2-core machine.
  test.slow();
  await complete(page, BRANCHES);
  await page.goto(FIRST_COMMIT);
  await answer(question(page, 0), 'Your personal email address');
  await page.goto('./');
  const learning = page.getByRole('region', { name: 'Your learning' });
  const [download] = await Promise.all([page.waitForEvent('download'), learning.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^grove-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath('progress.json');
  await download.saveAs(file);
  await expect(learning.getByRole('status')).toContainText('with 1 completed lesson');

  const fresh = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const other = await fresh.newPage();
  await other.goto('./');
  const there = other.getByRole('region', { name: 'Your learning' });
  await expect(there.getByText(/Moving from another device\? Import the progress/)).toBeVisible();
  await expect(there.getByRole('button', { name: 'Export progress' })).toBeHidden();
  const [chooser] = await Promise.all([other.waitForEvent('filechooser'), there.getByRole('button', { name: 'Import progress' }).click()]);
  await chooser.setFiles(file);
  await expect(there.getByRole('status')).toHaveText('Imported 1 completed lesson from progress.json.');
  await expect(there.getByRole('link', { name: 'Continue: Your first commit' })).toBeVisible();

  await other.goto(GIT);
  await expectBar(other, 1, 4);
  await other.goto(FIRST_COMMIT);
  await expect(question(other, 0).getByLabel('Your personal email address')).toBeChecked(); // attempts came too
  await expect(question(other, 0).getByRole('status')).toContainText('Not quite.');

  // A file that is not progress is refused with a message, and changes nothing.
  await other.goto('./');
  const [again] = await Promise.all([other.waitForEvent('filechooser'), there.getByRole('button', { name: 'Import progress' }).click()]);
  await again.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await expect(there.getByRole('status')).toHaveText('notes.json is not a progress file exported from this site.');
  await fresh.close();
});

test('a reader resets a course, and can undo it', async ({ page }) => {
  await complete(page, BRANCHES);
  await page.goto(GIT);
  await expectBar(page, 1, 4);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expectBar(page, 0, 4);
  await expect(page.getByRole('button', { name: 'Reset progress' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Start: Your first commit' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectBar(page, 1, 4);

  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.reload();
  await expectBar(page, 0, 4);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden();
});

test("a course's prerequisites show the reader's state, with a gentle notice until they are done", async ({ page }) => {
  await page.goto('courses/code-review/');
  const before = page.getByRole('region', { name: 'Before you start' });
  await expect(before.getByRole('listitem')).toHaveText(['Git foundations Not started']);
  await expect(before.getByText('You have not finished Git foundations yet. This course builds on it, but you are welcome to start anyway.')).toBeVisible();

  for (const lesson of GIT_LESSONS.slice(0, 2)) await complete(page, `${GIT}${lesson}/`);
  await page.goto('courses/code-review/');
  await expect(before.getByRole('listitem')).toHaveText(['Git foundations 2 of 4 lessons done']);
  await expect(before.getByText(/You have not finished Git foundations yet/)).toBeVisible();

  for (const lesson of GIT_LESSONS.slice(2)) await complete(page, `${GIT}${lesson}/`);
  await page.goto('courses/code-review/');
  await expect(before.getByRole('listitem')).toHaveText(['Git foundations Completed']);
  await expect(before.getByText(/You have not finished/)).toBeHidden();
  // The course that was finished leads on to the next course of its path.
  await page.goto('./');
  await expect(page.getByRole('region', { name: 'Your learning' }).getByRole('link', { name: 'Continue: Why we review' })).toBeVisible();
});

test('a damaged or newer stored value is replaced with a notice, never a crash', async ({ page }) => {
  const key = (origin: string) => `grove.progress:${origin}${E2E_BASE}`;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  for (const [stored, notice] of [
    ['{"v": 1, "lessons": {"git-foundations/branches": {"done": "2026-03', 'could not be read, so it has been started afresh'],
    ['{"v": 99, "lessons": {}}', 'written by a newer version of this site'],
    ['{"v": 1, "lessons": {"git-foundations/branches": {"done": "2026-03-14T09:30:00.000Z"}, "broken": 5}}', 'Part of your saved progress on this device was damaged'],
  ] as const) {
    await page.goto(GIT);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key(new URL(page.url()).origin), stored] as const);
    await page.reload();
    const box = page.getByRole('main').getByRole('status').filter({ hasText: notice });
    await expect(box).toBeVisible();
    // The damaged value is kept aside, not lost.
    expect(await page.evaluate((k) => localStorage.getItem(`${k}:backup`), key(new URL(page.url()).origin))).toBe(stored);
    await box.getByRole('button', { name: 'Dismiss' }).click();
    await expect(box).toBeHidden();
    // Shown once: the value was rewritten in good order.
    await page.reload();
    await expect(page.getByRole('main').getByText(notice)).toHaveCount(0);
  }
  // What could be read was kept: the repaired value still has its completed lesson.
  await expectBar(page, 1, 4);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expectBar(page, 0, 4);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a lesson is fully readable, answers sit behind "Show answer", and no progress control appears', async ({ page }) => {
    await page.goto(FIRST_COMMIT);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your first commit');
    const check = page.getByRole('region', { name: 'Check your understanding' });
    await expect(check.locator('fieldset')).toHaveCount(2);
    await expect(check.getByRole('radio')).toHaveCount(6);
    await check.getByText('Show answer').first().click();
    await expect(check.getByText('Answer: Your @fernhill.example work email')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Mark as complete' })).toHaveCount(0);
    await expect(page.getByRole('progressbar')).toHaveCount(0);

    await page.goto(GIT);
    await expect(page.getByRole('link', { name: 'Start: Your first commit' })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reset progress' })).toHaveCount(0);
    await page.goto('./');
    await expect(page.getByRole('region', { name: 'Your learning' })).toHaveCount(0);
  });
});

test('the printable path summary lists what was completed and when, and prints without controls', async ({ page }) => {
  await complete(page, BRANCHES);
  await page.goto(FIRST_COMMIT);
  await answer(question(page, 0), 'Your @fernhill.example work email');
  await page.goto(ONBOARDING);
  await page.getByRole('link', { name: 'Completion summary' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Completion summary: New engineer onboarding');
  const git = page.getByRole('region', { name: 'Git foundations' });
  const row = (name: string) => git.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  const date = await today(page);
  await expect(row('Working on branches').getByRole('cell')).toHaveText(['20 min', date, '—']);
  await expect(row('Your first commit').getByRole('cell')).toHaveText(['15 min', 'not yet', '1 of 2 right']);
  await expect(row('Remotes and pull requests').getByRole('cell')).toHaveText(['20 min', 'not yet', '—']);
  await expect(row('Undoing mistakes').getByRole('cell')).toHaveText(['25 min', 'not yet', 'not answered']);
  await expect(git.getByText('1 of 4 lessons complete · 1 h left')).toBeVisible();
  await expect(page.getByText('1 of 12 lessons complete')).toBeVisible();

  const print = page.getByRole('button', { name: 'Print this summary' });
  await expect(print).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(print).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(row('Working on branches')).toBeVisible();
});

test.describe('accessibility of progress and checks', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(colorScheme, () => {
      test.use({ colorScheme });

      test('a lesson with a check, answered wrongly then rightly, and completed', async ({ page, axe }) => {
        // The lesson's code blocks are left to a11y.spec.ts, which checks this page as a whole: here the
        // subject is the check and the progress controls, in each of their states.
        const scope = { exclude: ['pre'] };
        await page.goto(FIRST_COMMIT);
        await axe(scope);
        await answer(question(page, 0), 'Your personal email address');
        await answer(question(page, 1), 'Puts the change in the staging area for the next commit');
        await axe(scope);
        await answer(question(page, 0), 'Your @fernhill.example work email');
        await expect(lessonProgress(page).getByText(/Completed on/)).toBeVisible();
        await axe(scope);
      });

      test('course, path, home and summary pages with progress', async ({ page, axe }) => {
        // Five pages, each checked by axe: about 20 s on an idle 2-core machine, so room for a busy one.
        test.slow();
        await complete(page, BRANCHES);
        for (const path of [GIT, 'courses/code-review/', ONBOARDING, './', `${ONBOARDING}summary/`]) {
          await page.goto(path);
          await expect(
            page
              .getByRole('main')
              .getByText(/\d+ of \d+/)
              .first(),
          ).toBeVisible();
          await axe();
        }
      });
    });
  }
});
