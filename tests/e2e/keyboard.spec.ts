/**
 * Keyboard only: the skip link, the order and visible focus of the header navigation, and no
 * keyboard trap on a long lesson page. Every step presses real keys in Chromium.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** What the reader can tell about the focused element: its text, where it is, and its focus ring. */
interface Focused {
  tag: string;
  text: string;
  href: string | null;
  inHeader: boolean;
  inFooter: boolean;
  outlineStyle: string;
  outlineWidth: number;
}

/** Describes document.activeElement. */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : undefined;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.innerText ?? '').replace(/\s+/g, ' ').trim(),
      href: el?.getAttribute('href') ?? null,
      inHeader: Boolean(el?.closest('body > header')),
      inFooter: Boolean(el?.closest('body > footer')),
      outlineStyle: style?.outlineStyle ?? 'none',
      outlineWidth: parseFloat(style?.outlineWidth ?? '0'),
    };
  });
}

const HEADER_ITEMS = ['Paths', 'Courses', 'Notes', 'Topics', 'People', 'Contribute', 'Search'] as const;

test('the first Tab shows the skip link, and Enter moves focus to the main content', async ({ page }) => {
  await page.goto('courses/git-foundations/first-commit/');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  // Hidden above the top edge until focused (global.css .skip-link).
  await expect(skip).not.toBeInViewport();

  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport({ ratio: 1 });
  const ring = await focused(page);
  expect(ring.outlineStyle).not.toBe('none');
  expect(ring.outlineWidth).toBeGreaterThan(0);

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole('main')).toBeFocused();
  await expect(skip).not.toBeInViewport();

  // The next Tab continues inside main (this lesson is translated: its language switcher, then the breadcrumb), not back in the header.
  await page.keyboard.press('Tab');
  const next = await focused(page);
  expect(next.inHeader, `focus after the skip link went to "${next.text}"`).toBe(false);
  await expect(page.getByRole('navigation', { name: 'Languages' }).getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').first()).toBeFocused();
});

for (const path of ['./', 'notes/']) {
  test(`Tab reaches every header navigation item in order, each with a visible focus ring (${path})`, async ({ page }) => {
    await page.goto(path);
    const seen: Focused[] = [];
    // Skip link, brand, then the seven items: a dozen presses is plenty.
    for (let i = 0; i < 12 && seen.filter((f) => f.inHeader).length < 1 + HEADER_ITEMS.length; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    expect(seen[0]?.text).toBe('Skip to content');
    const header = seen.filter((f) => f.inHeader);
    expect(header.map((f) => f.text)).toEqual(['Fernhill Learning', ...HEADER_ITEMS]);
    for (const item of header) {
      expect(item.outlineStyle, `outline-style of "${item.text}" when focused`).not.toBe('none');
      expect(item.outlineWidth, `outline-width of "${item.text}" when focused`).toBeGreaterThan(0);
    }
    // The ring is the site's focus colour, not the browser default that can vanish on a tinted header.
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: 'Search' })).toBeFocused();
    await expect(banner.getByRole('link', { name: 'Search' })).toHaveCSS('outline-color', /^rgb\(179, 85, 13\)$|^rgb\(255, 176, 103\)$/);
  });
}

test('there is no keyboard trap on a lesson page: Tab goes from the top to the footer link', async ({ page }) => {
  // A lesson with a table, code blocks, a knowledge check (options and "Check answer"), "Mark as
  // complete" and a pager.
  await page.goto('courses/git-foundations/first-commit/');
  const footerLink = page.getByRole('contentinfo').getByRole('link', { name: 'Share what you know' });
  await expect(footerLink).toBeVisible();

  const visited: string[] = [];
  let reached = false;
  for (let i = 0; i < 150 && !reached; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    visited.push(`${f.tag}:${f.text.slice(0, 40)}`);
    // Every stop must show where focus is.
    expect(f.outlineStyle, `focus ring on stop ${i + 1} (${visited.at(-1)})`).not.toBe('none');
    reached = f.inFooter && f.text === 'Share what you know';
  }
  expect(reached, `footer link not reached; last stops: ${visited.slice(-8).join(' → ')}`).toBe(true);
  await expect(footerLink).toBeFocused();
  // On the way, focus passed through the knowledge check (a radio group is one Tab stop; arrows move
  // within it), "Mark as complete" and the pager.
  expect(visited.filter((v) => v === 'input:').length).toBeGreaterThanOrEqual(2);
  expect(visited.filter((v) => v === 'button:Check answer').length).toBeGreaterThanOrEqual(2);
  expect(visited).toContain('button:Mark as complete');
  expect(visited.some((v) => v.startsWith('a:Next'))).toBe(true);

  // And back: Shift+Tab past the footer's links (map, content health, this one) leaves it towards the content.
  const footerLinks = await page.getByRole('contentinfo').getByRole('link').count();
  for (let i = 0; i < footerLinks; i++) await page.keyboard.press('Shift+Tab');
  const back = await focused(page);
  expect(back.inFooter).toBe(false);
});
