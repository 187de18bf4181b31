import { defineConfig, devices } from '@playwright/test';
import { findBrowser } from './scripts/ensure-browser.ts';

/** The base path the sample site is built under for the browser tests, as on an intranet host. */
export const E2E_BASE = '/learning/';

/**
 * Port of the preview server (4321 is left to `npm start`, so both can run at once).
 * `GROVE_E2E_PORT` and `GROVE_E2E_DIST` give a second run its own server and build, so two people
 * testing in one checkout do not test each other's build (the server is reused when it is up).
 */
export const E2E_PORT = Number(process.env.GROVE_E2E_PORT ?? 4322);

/** The settings the browser tests build with: the sample garden under `/learning/`. */
export const E2E_CONFIG = 'tests/fixtures/learning/garden.config.ts';

/** Where that build goes, apart from `npm start`'s dist/. */
export const E2E_DIST = process.env.GROVE_E2E_DIST ?? '.grove/e2e-dist';

/** Builds the sample site once for every browser test; change it here only. */
export const E2E_BUILD_COMMAND = 'npx astro build';

/** Serves the built dist/ as the intranet would (astro preview honours the base path). */
// --ignore-lock: Astro allows one preview per project, and `npm start` may be serving on 4321.
export const E2E_SERVE_COMMAND = `npx astro preview --port ${E2E_PORT} --ignore-lock`;

// Undefined means Playwright's own download; scripts/ensure-browser.ts has already checked one exists.
const executablePath = findBrowser();

/** Browser tests: real Chromium against the built site, served under its base path. */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // A test that walks a page with axe or waits for the search index takes 5–15 s on an idle 2-core
  // machine and over 30 s (the default) when the machine is shared; 60 s fits a busy box.
  timeout: 60_000,
  // The first search loads Pagefind's WebAssembly and index chunks: about a second when idle, past
  // the default 5 s for one expectation when the machine is shared.
  expect: { timeout: 15_000 },
  // Two workers: each runs its own Chromium, and CI machines here have 2-4 cores to share with the server.
  workers: 2,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${E2E_PORT}${E2E_BASE}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox', // CI runs as root in a container, where Chromium's sandbox cannot start
            '--disable-gpu',
            // Nothing but the site under test may touch the network (DESIGN.md: no request to any other host).
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `${E2E_BUILD_COMMAND} && ${E2E_SERVE_COMMAND}`,
    url: `http://localhost:${E2E_PORT}${E2E_BASE}`,
    // The preview server reads astro.config.mjs again, so it needs the same settings as the build.
    // The search index in shards of 30 pages (the sample has about 85): the tests search the merged index a large garden has.
    env: { GARDEN_CONFIG: E2E_CONFIG, GROVE_OUT_DIR: E2E_DIST, ASTRO_TELEMETRY_DISABLED: '1', GROVE_SEARCH_SHARD_PAGES: '30' },
    reuseExistingServer: !process.env.CI,
    // The build runs first, and a full sample site takes a while on a cold CI machine.
    timeout: 300_000,
  },
});
