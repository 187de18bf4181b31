/**
 * "Changed since you completed it": a lesson whose content changed (git, or its `updated` field) after
 * the reader completed it says so, with the date, on the lesson, in the course's lesson list and
 * outline, and in "Your learning" on the home page. A completion from before any change is seeded
 * in the store (the format every version of the store has kept: `done` is the time of completion).
 */
import { E2E_BASE } from '../../playwright.config.ts';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts';

const key = (origin: string) => `grove.progress:${origin}${E2E_BASE}`;

test('a lesson changed after its completion says so, with the date; one completed after its last change does not', async ({ page }) => {
  await page.goto('courses/git-foundations/');
  const updated = await page.locator('[data-lesson-item="git-foundations/branches"]').getAttribute('data-updated');
  expect(updated).toMatch(/^\d{4}-\d\d-\d\d$/);
  const stored = JSON.stringify({
    v: 1,
    lessons: {
      'git-foundations/first-commit': { done: '2099-01-01T09:00:00.000Z', by: 'button' },
      'git-foundations/branches': { done: '2001-01-01T09:00:00.000Z', by: 'button', seen: '2001-01-01T09:00:00.000Z' },
    },
  });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key(new URL(page.url()).origin), stored] as const);
  const format = (d: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(d));
  const shown = format(`${updated}T12:00:00`);

  // The course page's lesson list.
  await page.reload();
  const list = page.getByRole('main').locator('ol.steps');
  await expect(list.locator('[data-lesson-item="git-foundations/branches"]')).toContainText(`Changed since you completed it: updated on ${shown}`);
  await expect(list.locator('[data-lesson-item="git-foundations/first-commit"]')).not.toContainText('Changed since');

  // The lesson itself, and its course outline.
  await page.goto('courses/git-foundations/branches/');
  await expect(page.getByRole('region', { name: 'Your progress' })).toContainText(`Completed on ${format('2001-01-01T09:00:00.000Z')}. It has changed since: updated on ${shown}.`);
  await expect(page.getByRole('complementary', { name: 'Course outline' })).toContainText('Changed since you completed it');
  await expectNoSeriousA11yViolations(page);

  // "Your learning" on the home page.
  await page.goto('./');
  await expect(page.getByRole('list', { name: 'Courses in progress' })).toContainText('1 lesson changed since you completed it');
});
