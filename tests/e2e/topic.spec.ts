/**
 * Topic and person pages join formal and informal learning (DESIGN.md: "one site, one directory of
 * people"): a topic shows courses, community notes and the people who know it on one page; a person
 * shows what they own, what they wrote and how to reach them.
 */
import { expect, test } from './fixtures.ts';

test('a topic page shows its courses, the community notes and the people who know it together', async ({ page }) => {
  const response = await page.goto('topics/git/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Git');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem')).toHaveText(['Topics', 'Git']);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics' })).toHaveAttribute('aria-current', 'page');

  // Formal: the path and the courses that cover git (content/paths, content/courses/*/index.md topics).
  const formal = page.getByRole('region', { name: 'Formal Courses and lessons' });
  await expect(formal).toBeVisible();
  await expect(formal.getByText('No course covers this topic yet.')).toHaveCount(0);
  for (const name of ['New engineer onboarding', 'Git foundations', 'Code review', 'Learning with Grove']) {
    await expect(formal.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(formal.getByRole('listitem').filter({ hasText: 'Git foundations' })).toContainText('4 lessons');

  // Informal: notes tagged git, with their kind and stage.
  const notes = page.getByRole('region', { name: 'Community Notes' });
  await expect(notes).toBeVisible();
  for (const name of ['Rebasing safely', 'Commit message style', 'TIL: a deleted branch is not gone (git reflog)']) {
    await expect(notes.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(notes.getByRole('listitem').filter({ hasText: 'Rebasing safely' })).toContainText(/How-to\s*evergreen/);
  // A course is not a note: the two columns stay apart.
  await expect(notes.getByRole('link', { name: 'Git foundations', exact: true })).toHaveCount(0);

  // People: experts by declared expertise, ownership and writing, each linked to their page.
  const people = page.getByRole('region', { name: 'People who know Git' });
  await expect(people).toBeVisible();
  await expect(people.getByRole('listitem').filter({ hasText: 'Priya Raman' })).toContainText('declared expertise');
  await expect(people.getByRole('link', { name: 'Jonas Keller', exact: true })).toBeVisible();

  // The three are on one page: following the expert leads to their person page.
  await people.getByRole('link', { name: 'Priya Raman', exact: true }).click();
  await expect(page).toHaveURL(/\/learning\/people\/priya-raman\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Priya Raman');
});

test('a person page shows what they own, what they wrote, and how to contact them', async ({ page }) => {
  // Priya owns a path and two courses (content/paths, content/courses) and wrote several notes.
  const response = await page.goto('people/priya-raman/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Priya Raman');
  await expect(page.getByRole('main').getByText('Staff Engineer · Platform', { exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem')).toHaveText(['People', 'Priya Raman']);

  const owns = page.getByRole('region', { name: 'Owns' });
  await expect(owns.getByRole('link')).toHaveText(['New engineer onboarding', 'Code review', 'Git foundations']);
  await expect(owns.getByRole('listitem').filter({ hasText: 'New engineer onboarding' })).toContainText('Path');
  await expect(owns.getByRole('listitem').filter({ hasText: 'Git foundations' })).toContainText('Course');

  const wrote = page.getByRole('region', { name: 'Wrote' });
  await expect(wrote.getByText('No notes yet.')).toHaveCount(0);
  for (const name of ['Rebasing safely', 'Commit message style', 'Git cheat sheet', 'Review comment labels']) {
    await expect(wrote.getByRole('link', { name, exact: true })).toBeVisible();
  }
  // A note she did not write is not credited to her.
  await expect(wrote.getByRole('link', { name: 'Postmortem template' })).toHaveCount(0);

  const contact = page.getByRole('complementary', { name: 'Contact and expertise' });
  await expect(contact.getByRole('heading', { name: 'Ask Priya' })).toBeVisible();
  const email = contact.getByRole('link', { name: 'priya.raman@fernhill.example' });
  await expect(email).toBeVisible();
  await expect(email).toHaveAttribute('href', 'mailto:priya.raman@fernhill.example');
  await expect(contact.getByRole('link', { name: 'Chat' })).toHaveAttribute('href', /^https:\/\/chat\.fernhill\.example\//);
  await expect(contact.getByRole('link', { name: 'Git', exact: true })).toHaveAttribute('href', '/learning/topics/git/');

  // What she owns is one click away.
  await owns.getByRole('link', { name: 'Git foundations' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Git foundations');
  await expect(page.getByRole('complementary', { name: 'About this course' }).getByRole('link', { name: 'Priya Raman' })).toBeVisible();
});
