/**
 * The reader's journey through the built sample garden, in real Chromium: from the home page down a
 * learning path into a course and through every one of its lessons, then through the notes and their
 * filters to a topic. Every step asserts what the reader sees (headings, breadcrumbs, counts, badges).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The breadcrumb trail's items, in order, as the reader reads them. */
function breadcrumbItems(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem');
}

/** The notes listed on a notes page: the last list in main (the filter chips come before it). */
function noteItems(page: Page): Locator {
  return page.getByRole('main').getByRole('list').last().getByRole('listitem');
}

/** Reads the number at the end of a filter chip's name (`how-to 8` → 8). */
async function chipCount(chip: Locator): Promise<number> {
  const match = /(\d+)\s*$/.exec((await chip.innerText()).trim());
  expect(match, `a count at the end of the chip "${await chip.innerText()}"`).not.toBeNull();
  return Number(match?.[1]);
}

test('the home page loads under the base path with one main landmark and a level-one heading', async ({ page }) => {
  const response = await page.goto('./'); // relative to baseURL, so it stays under /learning/
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/learning/');
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fernhill Learning');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Fernhill Learning' })).toHaveAttribute('aria-current', 'page');
});

test('a reader goes from the home page down a path, into its first course and through every lesson', async ({ page }) => {
  await page.goto('./');

  // Home → the first learning path card on the home page (its title is a level-three heading).
  const pathLink = page.getByRole('region', { name: 'Learning paths' }).getByRole('heading', { level: 3 }).first().getByRole('link');
  const pathTitle = (await pathLink.innerText()).trim();
  expect(pathTitle).not.toBe('');
  await pathLink.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pathTitle);
  await expect(breadcrumbItems(page)).toHaveText(['Paths', pathTitle]);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Paths' })).toHaveAttribute('aria-current', 'page');

  // Path → its first course, from the ordered "Courses in this path" list.
  await expect(page.getByRole('heading', { level: 2, name: 'Courses in this path' })).toBeVisible();
  const courseList = page.locator('h2:text-is("Courses in this path") + ol');
  const courses = courseList.getByRole('listitem');
  expect(await courses.count()).toBeGreaterThanOrEqual(2); // the last lesson leads on to the second course
  const courseLink = courses.first().getByRole('link').first();
  const courseTitle = (await courseLink.innerText()).trim();
  const nextCourseTitle = (await courses.nth(1).getByRole('link').first().innerText()).trim();
  await courseLink.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(courseTitle);
  // A course in one path sits under that path; one shared by several paths lists them under "Part of"
  // and its breadcrumb shows the path the reader came from (remembered in the browser).
  const partOf = page.getByRole('complementary', { name: 'About this course' }).locator('h2:text-is("Part of") + ul > li');
  const crumbRoot = pathTitle;
  await expect(partOf.filter({ hasText: pathTitle })).toHaveCount(1);
  await expect(breadcrumbItems(page)).toHaveText([crumbRoot, courseTitle]);

  // The course says how many lessons it has, and lists them in order.
  const lessonCountText = await page
    .getByRole('main')
    .getByText(/^\d+ lessons$/)
    .innerText();
  const total = Number(/^(\d+)/.exec(lessonCountText)?.[1]);
  expect(total).toBeGreaterThanOrEqual(2);
  const lessonLinks = page.locator('#lessons + ol').getByRole('listitem').getByRole('link');
  await expect(lessonLinks).toHaveCount(total);
  const lessonTitles = (await lessonLinks.allInnerTexts()).map((t) => t.trim());

  // Course → "Start: <lesson 1>".
  await page.getByRole('link', { name: `Start: ${lessonTitles[0]}` }).click();

  for (const [index, title] of lessonTitles.entries()) {
    const n = index + 1;
    await test.step(`lesson ${n} of ${total}: ${title}`, async () => {
      const main = page.getByRole('main');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(breadcrumbItems(page)).toHaveText([crumbRoot, courseTitle, title]);
      await expect(breadcrumbItems(page).last().locator('[aria-current="page"]')).toHaveText(title);
      await expect(main.getByText(`Lesson ${n} of ${total}`, { exact: true })).toBeVisible();
      await expect(main.getByRole('listitem').filter({ hasText: /^(about )?(\d+ h )?\d+ min$|^(about )?\d+ h$/ })).toHaveCount(1);

      // The course outline lists every lesson and marks only this one as current.
      const outline = page.getByRole('complementary', { name: 'Course outline' });
      await expect(outline.getByRole('heading', { level: 2 }).first()).toHaveText(courseTitle);
      await expect(outline.getByRole('list').first().getByRole('listitem')).toHaveText(lessonTitles);
      await expect(outline.locator('[aria-current]')).toHaveCount(1);
      await expect(outline.locator('[aria-current="page"]')).toHaveText(title);
      await expect(outline.getByRole('link', { name: title, exact: true })).toHaveCount(0);

      const pager = page.getByRole('navigation', { name: 'Lessons' });
      if (n < total) {
        const next = pager.getByRole('link', { name: /^Next(?! course)/ });
        await expect(next).toContainText(lessonTitles[n] ?? '');
        await next.click();
      } else {
        // After the last lesson there is no next lesson; the course is in two paths, so "Where next"
        // offers each path's next course, and the reader follows the one of their path.
        await expect(pager.getByRole('link', { name: /^Next(?! course)/ })).toHaveCount(0);
        const whereNext = page.getByRole('navigation', { name: 'Next courses' });
        await expect(whereNext.getByRole('listitem')).toHaveCount(2);
        const item = whereNext.getByRole('listitem').filter({ hasText: pathTitle });
        await item.getByRole('link', { name: nextCourseTitle }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(nextCourseTitle);
      }
    });
  }
});

test('the notes page lists every note, and filters by kind and stage show only matching notes', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes');

  const kinds = page.getByRole('navigation', { name: 'Filter by kind' });
  const all = await chipCount(kinds.getByRole('link', { name: /^All \d+$/ }));
  expect(all).toBeGreaterThan(10);
  await expect(page.getByRole('status')).toHaveText(`${all} notes, by title`);
  await expect(noteItems(page)).toHaveCount(all);

  await test.step('filter by kind: how-to', async () => {
    const chip = kinds.getByRole('link', { name: /^how-to \d+$/i });
    const expected = await chipCount(chip);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(all);
    await chip.click();
    await expect(page).toHaveURL(/\/learning\/notes\/kind\/how-to\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes: How-to');
    await expect(kinds.getByRole('link', { name: /^how-to \d+$/i })).toHaveAttribute('aria-current', 'page');
    await expect(kinds.getByRole('link', { name: /^All \d+$/ })).not.toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status')).toHaveText(`${expected} note${expected === 1 ? '' : 's'}, by title`);
    await expect(noteItems(page)).toHaveCount(expected);
    for (const item of await noteItems(page).all()) {
      await expect(item.getByText('How-to', { exact: true })).toBeVisible();
    }
  });

  await test.step('filter by stage: evergreen', async () => {
    const stages = page.getByRole('navigation', { name: 'Filter by stage' });
    const chip = stages.getByRole('link', { name: /^evergreen \d+$/ });
    const expected = await chipCount(chip);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(all);
    await chip.click();
    await expect(page).toHaveURL(/\/learning\/notes\/stage\/evergreen\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes: evergreen');
    await expect(stages.getByRole('link', { name: /^evergreen \d+$/ })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status')).toHaveText(`${expected} note${expected === 1 ? '' : 's'}, by title`);
    await expect(noteItems(page)).toHaveCount(expected);
    for (const item of await noteItems(page).all()) {
      await expect(item.getByText('evergreen', { exact: true })).toBeVisible();
      for (const other of ['seedling', 'budding']) await expect(item.getByText(other, { exact: true })).toHaveCount(0);
    }
  });
});

test('a topic chip on the notes page leads to that topic and its notes', async ({ page }) => {
  await page.goto('notes/');
  const chip = page.getByRole('navigation', { name: 'Filter by topic' }).getByRole('link', { name: /^#Git \d+$/ });
  const expected = await chipCount(chip);
  expect(expected).toBeGreaterThan(0);
  await chip.click();
  await expect(page).toHaveURL(/\/learning\/topics\/git\/#notes$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Git');
  await expect(breadcrumbItems(page)).toHaveText(['Topics', 'Git']);
  const notes = page.getByRole('region', { name: 'Community Notes' });
  await expect(notes).toBeInViewport(); // the #notes fragment scrolled the reader to the notes
  await expect(notes.getByRole('listitem')).toHaveCount(expected);
});

test('the end of a course shared by two paths leads on within the path the reader is following', async ({ page }) => {
  // Git foundations is in both "New engineer onboarding" (then Code review) and "On-call readiness"
  // (then Incident response; content/paths/on-call-readiness.md). A reader on the on-call path must not
  // be sent into the onboarding path at the end of the course.
  await page.goto('paths/on-call-readiness/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('On-call readiness');
  const courses = page.locator('h2:text-is("Courses in this path") + ol').getByRole('listitem');
  await expect(courses.first().getByRole('link').first()).toHaveText('Git foundations');
  await expect(courses.nth(1).getByRole('link').first()).toHaveText('Incident response');

  await courses.first().getByRole('link', { name: 'Git foundations' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Git foundations');
  const lastLesson = page.locator('#lessons + ol').getByRole('link').last();
  const lastTitle = (await lastLesson.innerText()).trim();
  await lastLesson.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lastTitle);

  // A static page cannot know which path the reader follows: it offers each path's next course,
  // named by its path, and never sends the reader into the other path unannounced.
  const pager = page.getByRole('navigation', { name: 'Lessons' });
  await expect(pager.getByRole('link', { name: /^Next course/ })).toHaveCount(0);
  const whereNext = page.getByRole('navigation', { name: 'Next courses' });
  // The path the reader came from (remembered by its page) is offered first, marked as theirs.
  await expect(whereNext.getByRole('listitem').first()).toHaveText(/^Your path: In On-call readiness: Incident response/);
  const onCall = whereNext.getByRole('listitem').filter({ hasText: 'On-call readiness' });
  await onCall.getByRole('link', { name: 'Incident response' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incident response');
});

test('the breadcrumb of a course shared by two paths shows the path the reader opened last, else Courses', async ({ page }) => {
  const crumbs = breadcrumbItems(page);
  // No path opened yet in this browser: the static trail.
  await page.goto('courses/git-foundations/branches/');
  await expect(crumbs).toHaveText(['Courses', 'Git foundations', 'Working on branches']);
  await expect(crumbs.first().getByRole('link')).toHaveAttribute('href', '/learning/courses/');

  await page.goto('paths/on-call-readiness/');
  await page.goto('courses/git-foundations/branches/');
  await expect(crumbs).toHaveText(['On-call readiness', 'Git foundations', 'Working on branches']);
  await expect(crumbs.first().getByRole('link')).toHaveAttribute('href', '/learning/paths/on-call-readiness/');

  await page.goto('paths/new-engineer-onboarding/');
  await page.goto('courses/git-foundations/');
  await expect(crumbs).toHaveText(['New engineer onboarding', 'Git foundations']);

  // A path the course is not in leaves the trail as it is.
  await page.goto('paths/data-foundations/');
  await page.goto('courses/git-foundations/');
  await expect(crumbs).toHaveText(['Courses', 'Git foundations']);
});
