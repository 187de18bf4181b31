import { expect, test } from './fixtures.ts';

// Proves the harness end to end: build under /learning/, preview, real Chromium, role-based locators.
test('the home page loads under the base path with a main landmark and a level-one heading', async ({ page }) => {
  const response = await page.goto('./'); // relative to baseURL, so it stays under /learning/
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
