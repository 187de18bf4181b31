/**
 * Contributing from the site: /contribute/ explains both ways in and links to the host's editor
 * with the note template; every page's footer offers "Report a problem", a new issue naming the page.
 * The sample garden's host is GitLab (tests/fixtures/learning/garden.config.ts).
 */
import { expect, test } from './fixtures.ts';

test('/contribute/ explains the flow without git and with it, and proposes a note in the host editor', async ({ page }) => {
  await page.goto('contribute/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Share what you know');
  await expect(page.getByRole('heading', { name: 'Without git on your machine' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'From your editor' })).toBeVisible();
  await expect(page.getByText('npm run new -- note "Rebase safely"')).toBeVisible();
  const propose = new URL((await page.getByRole('link', { name: 'Propose a note' }).getAttribute('href'))!);
  expect(`${propose.origin}${propose.pathname}`).toBe('https://git.fernhill.example/learning/garden/-/new/main/content/notes');
  expect(propose.searchParams.get('content')).toMatch(/^---\ntitle: A short, specific title\n/);
});

test('a lesson offers "Report a problem" beside "Edit this page": a new issue naming the page and its file', async ({ page }) => {
  await page.goto('courses/git-foundations/branches/');
  await expect(page.getByRole('link', { name: 'Edit this page' })).toBeVisible();
  const link = page.getByRole('link', { name: 'Report a problem' });
  await expect(link).toBeVisible();
  const report = new URL((await link.getAttribute('href'))!);
  expect(`${report.origin}${report.pathname}`).toBe('https://git.fernhill.example/learning/garden/-/issues/new');
  expect(report.searchParams.get('issue[title]')).toBe('Problem on "Working on branches"');
  expect(report.searchParams.get('issue[description]')).toContain('Page: /learning/courses/git-foundations/branches/\nFile: content/courses/git-foundations/02-branches.md');
});

test('/contribute/ fits a phone screen: nothing but the command block scrolls sideways', async ({ page, axe }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('contribute/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await axe();
});
