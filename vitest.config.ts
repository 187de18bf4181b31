import { configDefaults, defineConfig } from 'vitest/config';

/** Vitest runs the unit tests only; the browser tests in tests/e2e belong to Playwright. */
export default defineConfig({
  test: {
    // Vitest's default include (`**/*.{test,spec}.ts`) would also collect tests/e2e/*.spec.ts, which
    // call Playwright's test() and crash under Vitest, and anything inside dist/ or the .grove cache.
    include: ['tests/unit/**/*.test.ts', 'tests/smoke/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'tests/e2e/**', 'dist/**', '.grove/**', 'tests/fixtures/**'],
  },
});
