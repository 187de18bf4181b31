/**
 * Layout as the reader sees it: a phone-width screen with no sideways scrolling, the lesson outline
 * beside the text on a wide screen, a clean printed lesson, and the dark colour scheme.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const LESSON = 'courses/git-foundations/remotes-and-pull-requests/'; // has a wide table and code blocks
const HEADER_ITEMS = ['Paths', 'Courses', 'Notes', 'Topics', 'People', 'Contribute'] as const;

/** Relative luminance of a CSS `rgb(r, g, b)` colour (WCAG 2 definition). */
function luminance(rgb: string): number {
  const channels = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb)?.slice(1, 4).map(Number);
  expect(channels, `an rgb() colour, got ${rgb}`).toHaveLength(3);
  const [r = 0, g = 0, b = 0] = (channels ?? []).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The body's background and text colours as computed now. */
async function bodyColours(page: Page): Promise<{ background: string; color: string }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, color: style.color };
  });
}

test.describe('at 375 px wide (a phone)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  for (const [what, path] of [
    ['home', './'],
    ['a lesson', LESSON],
    ['notes', 'notes/'],
    // Long unbreakable words in the text: inline code (`git.fernhill.example/learning/garden`) and a bare URL.
    ['a lesson with long inline code', 'courses/learning-with-grove/contributing-and-reviewing/'],
    ['a note with a long URL', 'notes/reading-the-booking-dashboard/'],
  ] as const) {
    test(`${what}: every header item is on screen and the page does not scroll sideways`, async ({ page }) => {
      await page.goto(path);
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const name of HEADER_ITEMS) {
        await expect(nav.getByRole('link', { name, exact: true })).toBeInViewport({ ratio: 1 });
      }
      await expect(page.getByRole('banner').getByRole('link', { name: 'Search' })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole('banner').getByRole('link', { name: 'Fernhill Learning' })).toBeInViewport({ ratio: 1 });
      const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        // The innermost elements sticking out past the right edge, to name the culprit in the failure.
        wide: [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.closest('pre, table') === null)
          .filter((el, _, all) => !all.some((other) => other !== el && el.contains(other)))
          .slice(0, 5)
          .map((el) => `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 50)}" ends at ${Math.round(el.getBoundingClientRect().right)} px`),
      }));
      expect(innerWidth).toBe(375);
      expect(scrollWidth, `page width (scrollWidth) at a 375 px viewport; too wide: ${wide.join('; ')}`).toBeLessThanOrEqual(innerWidth);
    });
  }
});

test.describe('at 1440 px wide', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a lesson shows its course outline beside the text', async ({ page }) => {
    await page.goto(LESSON);
    const article = page.getByRole('main').getByRole('article');
    const outline = page.getByRole('complementary', { name: 'Course outline' });
    await expect(outline).toBeVisible();
    await expect(outline).toBeInViewport();
    const text = await article.boundingBox();
    const aside = await outline.boundingBox();
    expect(text).not.toBeNull();
    expect(aside).not.toBeNull();
    if (text === null || aside === null) return;
    // Beside: to the right of the text, starting within the text's height, not stacked below it.
    expect(aside.x).toBeGreaterThanOrEqual(text.x + text.width);
    expect(aside.y).toBeLessThan(text.y + text.height / 2);
    expect(Math.abs(aside.y - text.y)).toBeLessThan(50);
    expect(aside.x + aside.width).toBeLessThanOrEqual(1440);
  });
});

test('a printed lesson leaves out the header, footer, pager and outline, and keeps the text', async ({ page }) => {
  await page.goto(LESSON);
  const chrome = [page.getByRole('banner'), page.getByRole('contentinfo'), page.getByRole('navigation', { name: 'Lessons' }), page.getByRole('complementary', { name: 'Course outline' })];
  for (const part of chrome) await expect(part).toBeVisible(); // on screen they are there

  await page.emulateMedia({ media: 'print' });
  for (const part of chrome) await expect(part).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Remotes and pull requests');
  await expect(page.getByRole('main').getByRole('table').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'In this lesson you will' })).toBeVisible();

  await page.emulateMedia({ media: 'screen' });
  for (const part of chrome) await expect(part).toBeVisible();
});

test('the dark colour scheme darkens the page and lightens the text', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  const light = await bodyColours(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(async () => (await bodyColours(page)).background).not.toBe(light.background);
  const dark = await bodyColours(page);

  expect(luminance(dark.background)).toBeLessThan(luminance(light.background));
  expect(luminance(dark.color)).toBeGreaterThan(luminance(dark.background));
  expect(luminance(light.color)).toBeLessThan(luminance(light.background));
});
