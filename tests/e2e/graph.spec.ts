/**
 * The knowledge graph in the browser (issue 4): a lesson offers community notes and a note leads back
 * to the lessons that link to it; a topic gathers courses, notes, sub-topics and experts to ask; embeds
 * and callouts render; the map draws, zooms and focuses, and its list alternative works without it;
 * the health page lists what curators should look at. Sample garden built under /learning/.
 */
import { expect, test } from './fixtures.ts';

test('from a lesson, follow a community note and come back through its backlink', async ({ page }) => {
  await page.goto('courses/git-foundations/branches/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Working on branches');
  const community = page.getByRole('region', { name: 'From the community' });
  // content/notes/rebase-safely.md lists the lesson and the lesson links to it: it ranks first.
  await expect(community.getByRole('listitem').first()).toContainText('Rebasing safely');
  await expect(community.getByRole('listitem').first()).toContainText('listed with the lesson');
  await community.getByRole('link', { name: 'Rebasing safely', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rebasing safely');
  const linkedFrom = page.getByRole('region', { name: 'Linked from' });
  const curriculum = linkedFrom.getByRole('region', { name: 'Curriculum' });
  await expect(curriculum.getByRole('listitem').filter({ hasText: 'Working on branches' })).toContainText('Lesson 2 · Git foundations');
  await expect(linkedFrom.getByRole('region', { name: 'Community' }).getByRole('link', { name: 'Git cheat sheet' })).toBeVisible();
  // "Used in" names the lessons that list or link to the note.
  await expect(page.getByRole('region', { name: 'Used in' }).getByRole('link', { name: 'Working on branches' })).toBeVisible();

  await curriculum.getByRole('link', { name: 'Working on branches' }).click();
  await expect(page).toHaveURL(/\/learning\/courses\/git-foundations\/branches\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Working on branches');
});

test('a topic lists its courses, notes, sub-topics and the experts to ask, with how to reach them', async ({ page }) => {
  await page.goto('topics/git/');
  const subTopics = page.getByRole('region', { name: 'Sub-topics' });
  await expect(subTopics.getByRole('listitem').filter({ hasText: 'Rewriting and recovering history' })).toContainText('1 lesson · 2 notes');
  const formal = page.getByRole('region', { name: 'Formal Courses and lessons' });
  await expect(formal.getByRole('link')).toHaveText(['New engineer onboarding', 'Code review', 'Git foundations', 'Learning with Grove']);
  const notes = page.getByRole('region', { name: 'Community Notes' });
  for (const name of ['Rebasing safely', 'Git cheat sheet', 'Small pull requests']) await expect(notes.getByRole('link', { name, exact: true })).toBeVisible();
  const experts = page.getByRole('region', { name: 'People who know Git' });
  await expect(experts.getByRole('listitem').first()).toContainText('Priya Raman');
  await expect(experts.getByRole('listitem').first()).toContainText('declared expertise, owns a course, owns a path, wrote notes');
  await expect(experts.getByRole('link', { name: 'Email Priya' })).toHaveAttribute('href', 'mailto:priya.raman@fernhill.example');
  await expect(experts.getByRole('link', { name: 'Chat with Priya' })).toHaveAttribute('href', /^https:\/\/chat\.fernhill\.example\//);

  // The sub-topic leads back up to its parent.
  await subTopics.getByRole('link', { name: 'Rewriting and recovering history' }).click();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem')).toHaveText(['Topics', 'Git', 'Rewriting and recovering history']);
  await expect(page.getByRole('region', { name: 'Formal Courses and lessons' }).getByRole('link', { name: 'Undoing mistakes' })).toBeVisible();
});

test('a person page lists what they know, own and wrote', async ({ page }) => {
  await page.goto('people/jonas-keller/');
  const aside = page.getByRole('complementary', { name: 'Contact and expertise' });
  // Declared expertise, then the topics he is asked about for what he wrote: the reflog TIL and its sub-topic.
  await expect(aside.getByRole('link', { name: 'Git', exact: true })).toBeVisible();
  await expect(aside.getByRole('heading', { name: 'Also asked about' })).toBeVisible();
  await expect(aside.getByRole('listitem').filter({ hasText: 'Rewriting and recovering history' })).toContainText('first to ask, wrote notes');
  await expect(page.getByRole('region', { name: 'Wrote' }).getByRole('link', { name: 'TIL: a deleted branch is not gone (git reflog)' })).toBeVisible();
});

test('embeds show the other page with its source, images are published, callouts fold', async ({ page }) => {
  await page.goto('courses/incident-response/severity-levels/');
  const embed = page.getByRole('figure').filter({ hasText: 'Severity cheat sheet › Numbers' });
  await expect(embed.getByRole('cell', { name: 'Security on call' })).toBeVisible();
  await embed.getByRole('link', { name: 'Severity cheat sheet › Numbers' }).click();
  await expect(page).toHaveURL(/\/notes\/severity-cheatsheet\/#numbers$/);

  await page.goto('courses/git-foundations/branches/');
  const image = page.getByRole('img', { name: 'A feature branch leaves main' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByRole('note').filter({ hasText: 'Only rebase a branch that is yours alone' })).toBeVisible();

  await page.goto('notes/rebase-safely/');
  const folded = page.locator('details.callout').filter({ hasText: 'Something went wrong anyway?' });
  await expect(folded.getByRole('link', { name: 'reflog', exact: true })).toBeHidden();
  await folded.getByText('Something went wrong anyway?').click();
  await expect(folded.getByRole('link', { name: 'reflog', exact: true })).toBeVisible();
});

test('the map draws the garden, zooms and focuses a page and its neighbours', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('map/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Map of the garden');
  const map = page.locator('[data-map]');
  await expect(map).toHaveAttribute('data-ready', /^\d+$/);
  const canvas = page.getByRole('img').or(page.locator('canvas'));
  // Something is drawn: the canvas has painted pixels.
  const painted = async () =>
    page.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
  expect(await painted()).toBeGreaterThan(1000);
  await expect(canvas.first()).toBeVisible();

  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByLabel('Find on the map').fill('Rebasing safely');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const focus = page.locator('#map-focus');
  await expect(focus).toContainText('Note: Rebasing safely');
  await expect(focus.getByRole('link', { name: 'Git', exact: true })).toBeVisible();
  await expect(focus.getByRole('link', { name: 'Git foundations' })).toBeVisible();

  // With the keyboard: focus the canvas, Escape clears, Enter focuses the page nearest the centre.
  await page.locator('canvas').focus();
  await page.keyboard.press('Escape');
  await expect(focus).toContainText('Select a page on the map');
  await page.keyboard.press('Enter');
  await expect(focus).toContainText(/^(Topic|Course|Note): /);

  // Everything came from this site.
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  expect(requests.some((u) => u.endsWith('/learning/map.json'))).toBe(true);
});

test('the map loads its script and data on its own page only', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('courses/git-foundations/branches/');
  await page.waitForLoadState('networkidle');
  expect(requests.filter((u) => u.includes('map'))).toEqual([]);
});

test('the map as a list works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('map/');
  await expect(page.locator('[data-map]')).toBeHidden();
  const list = page.getByRole('region', { name: 'The map as a list' });
  const git = list
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Git', exact: true }) })
    .first();
  await expect(git.getByRole('link', { name: 'Git foundations' })).toBeVisible();
  await expect(git.getByRole('link', { name: 'Rewriting and recovering history' })).toBeVisible();
  await list.getByRole('link', { name: 'Query performance' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Query performance');
  await context.close();
});

test('the health page shows what curators should look at', async ({ page }) => {
  await page.goto('health/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Content health');
  const tags = page.getByRole('region', { name: /^Topics created by tags/ });
  await expect(tags.getByRole('listitem').filter({ hasText: 'kafka' })).toContainText('create topics/kafka.md');
  await expect(page.getByRole('region', { name: /^Authors who are not in people/ })).toContainText('Dana (Operations)');
  await expect(page.getByRole('region', { name: /^Topics with notes but no course/ }).getByRole('link', { name: 'Query performance' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Seedlings that have not grown/ }).getByRole('link', { name: 'Reading consumer lag on the events cluster' })).toBeVisible();
  // The summary links to each section.
  await page
    .getByRole('navigation', { name: 'Sections of the report' })
    .getByRole('link', { name: /Content without an owner/ })
    .click();
  await expect(page).toHaveURL(/#unowned$/);
});
