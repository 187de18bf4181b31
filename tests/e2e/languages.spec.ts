/**
 * Multilingual content (#18, docs/languages.md) on the sample garden, whose Git foundations course is
 * partly in German (content/de/): the language switcher and its `hreflang` links, the fallback notice
 * on a page not translated into the language the reader chose, search within the page's language,
 * the site's lists in German (`/de/courses/`…), and progress shared between a lesson's two languages.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const BRANCHES = 'courses/git-foundations/branches/';
const BRANCHES_DE = 'de/courses/git-foundations/branches/';
const UNTRANSLATED = 'courses/git-foundations/undoing-mistakes/';

// A page speaks its own language (docs/languages.md): the English page's words, or the German page's.
const switcher = (page: Page, name = 'Languages') => page.getByRole('navigation', { name });

test('switches a lesson to German and back, with hreflang links for each version', async ({ page, axe }) => {
  await page.goto(BRANCHES);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await switcher(page).getByRole('link', { name: 'Deutsch' }).click();
  await expect(page).toHaveURL(new RegExp(`/learning/${BRANCHES_DE}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arbeiten mit Branches');
  // The course outline: translated lessons in German, the others in English, marked as such.
  const outline = page.getByRole('complementary', { name: 'Kursübersicht' });
  await expect(outline.getByRole('link', { name: 'Dein erster Commit' })).toHaveAttribute('href', '/learning/de/courses/git-foundations/first-commit/');
  await expect(outline.getByRole('link', { name: 'Undoing mistakes' })).toHaveAttribute('href', `/learning/${UNTRANSLATED}`);
  const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((ls) => ls.map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`));
  expect(alternates).toEqual([`en /learning/${BRANCHES}`, `de /learning/${BRANCHES_DE}`, `x-default /learning/${BRANCHES}`]);
  await axe();
  await switcher(page, 'Sprachen').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`/learning/${BRANCHES}$`));
});

test('shows the fallback notice on a page not in the language the reader chose, and only then', async ({ page }) => {
  // The notice is for a reader who chose German: it is written in German.
  const notice = page.getByRole('note').filter({ hasText: 'noch nicht auf Deutsch' });
  await page.goto(UNTRANSLATED);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Undoing mistakes');
  await expect(notice).toBeHidden();
  await page.goto(BRANCHES_DE);
  // From a German lesson to one that is not translated: the reader reads the original, and is told so.
  await page.getByRole('complementary', { name: 'Kursübersicht' }).getByRole('link', { name: 'Undoing mistakes' }).click();
  await expect(notice).toHaveText('Diese Seite gibt es noch nicht auf Deutsch; du liest das Original auf Englisch.');
  // On an English page that has a German version, the notice offers it instead.
  await page.goto(BRANCHES);
  await expect(page.getByRole('note').getByRole('link', { name: 'Diese Seite auf Deutsch lesen' })).toBeVisible();
});

test('searches within the language of the page', async ({ page }) => {
  const titles = async (query: string) => {
    await page.keyboard.press('/');
    await page.getByRole('combobox', { name: /Search|durchsuchen/ }).fill(query);
    const list = page.getByRole('listbox', { name: /^(Search results|Suchergebnisse)$/ });
    await expect(list.getByRole('option').first()).toBeVisible();
    return list.locator('.hit-title').allTextContents();
  };
  await page.goto(BRANCHES_DE);
  const german = await titles('Branch');
  expect(german).toContain('Arbeiten mit Branches');
  expect(german).not.toContain('Working on branches');
  await page.goto(BRANCHES);
  const english = await titles('Branch');
  expect(english).toContain('Working on branches');
  expect(english).not.toContain('Arbeiten mit Branches');
});

test('shares progress between a lesson’s two languages', async ({ page }) => {
  const german = page.getByRole('region', { name: 'Dein Fortschritt' });
  await page.goto(BRANCHES_DE);
  await german.getByRole('button', { name: 'Als erledigt markieren' }).click();
  await expect(german.getByRole('button', { name: 'Als nicht erledigt markieren' })).toBeVisible();
  await page.goto(BRANCHES);
  await expect(page.getByRole('region', { name: 'Your progress' }).getByRole('button', { name: 'Mark as not complete' })).toBeVisible();
  await page.goto('de/courses/git-foundations/');
  await expect(page.locator('main [data-progress-text]').first()).toHaveText(/^1 von 4 Lektionen abgeschlossen/);
});

test('keeps a reader in German: the navigation leads to the German lists, in German', async ({ page, axe }) => {
  await page.goto(BRANCHES_DE);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Kurse' }).click();
  await expect(page).toHaveURL(/\/learning\/de\/courses\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kurse');
  // The translated course by its German title and page; one not translated is its original, marked as English.
  await expect(page.getByRole('link', { name: 'Git-Grundlagen' })).toHaveAttribute('href', '/learning/de/courses/git-foundations/');
  await expect(page.getByRole('heading', { name: 'Code review' })).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Notizen' })).toHaveAttribute('href', '/learning/de/notes/');
  // The list in the other language is one click away, and paired for search engines.
  await expect(switcher(page, 'Sprachen').getByRole('link', { name: 'English' })).toHaveAttribute('href', '/learning/courses/');
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', '/learning/courses/');
  await axe();
});

test("a German list's search finds the German lesson, and its search page searches German", async ({ page }) => {
  await page.goto('de/courses/');
  await page.keyboard.press('/');
  await page.getByRole('combobox', { name: /durchsuchen/ }).fill('Branch');
  const list = page.getByRole('listbox', { name: 'Suchergebnisse' });
  await expect(list.getByRole('option').first()).toBeVisible();
  const titles = await list.locator('.hit-title').allTextContents();
  expect(titles).toContain('Arbeiten mit Branches');
  expect(titles).not.toContain('Working on branches');
  // "All results" is the German search page.
  await page.locator('.sd-all').click();
  await expect(page).toHaveURL(/\/learning\/de\/search\/\?q=Branch$/);
  await expect(page.locator('.search-hits').getByRole('link', { name: 'Arbeiten mit Branches' })).toBeVisible();
  await expect(page.locator('.search-hits').getByRole('link', { name: 'Working on branches' })).toHaveCount(0);
});
