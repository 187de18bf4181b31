/**
 * Makes sure the browser tests have a Chromium to run, before Playwright starts.
 *
 *   node scripts/ensure-browser.ts      (run by `npm run test:e2e`)
 *
 * Looks, in order, at CHROMIUM_PATH, Playwright's own download, then the system's Chromium. When
 * there is none and we may install one (root on Debian/Ubuntu, in CI or with GROVE_INSTALL_BROWSER=1)
 * it installs Debian's `chromium` package: Playwright's download host is often unreachable on
 * intranet CI, while the distribution mirror is not. Otherwise it prints one line saying how to get one.
 * playwright.config.ts calls findBrowser() so both agree on the browser.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/** Where a usable browser came from. */
export type BrowserSource = 'CHROMIUM_PATH' | 'playwright' | 'system';

/** A usable browser and where it came from. */
export interface FoundBrowser {
  /** Absolute path of the executable. */
  path: string;
  /** How it was found; `playwright` means Playwright's own download (launch it without a path). */
  source: BrowserSource;
}

/** System browsers tried last, in order: Debian's package, Ubuntu's older name, Google's package. */
export const SYSTEM_BROWSERS: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Finds a browser: CHROMIUM_PATH if executable, else Playwright's download, else a system Chromium. */
export function locateBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return { path: resolve(fromEnv), source: 'CHROMIUM_PATH' };
    // Say so rather than silently using another browser than the one asked for.
    console.warn(`ensure-browser: CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere`);
  }
  const own = playwrightChromium();
  if (own !== undefined && isExecutable(own)) return { path: own, source: 'playwright' };
  const system = SYSTEM_BROWSERS.find(isExecutable);
  return system === undefined ? undefined : { path: system, source: 'system' };
}

/** The executablePath for Playwright: a system or CHROMIUM_PATH browser, or undefined for Playwright's own. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = locateBrowser(env);
  // Undefined also when nothing is found: Playwright then fails with its own "run npx playwright install" hint.
  return found === undefined || found.source === 'playwright' ? undefined : found.path;
}

/** True when we may install Debian's chromium ourselves: root, apt-get present, and CI or an explicit opt-in. */
export function mayInstallBrowser(env: NodeJS.ProcessEnv = process.env): boolean {
  const isRoot = process.getuid?.() === 0;
  const optedIn = env['CI'] === 'true' || env['CI'] === '1' || env['GROVE_INSTALL_BROWSER'] === '1';
  return isRoot && optedIn && onPath('apt-get', env) !== undefined;
}

/** One line on how to get a browser, for when there is none and we may not install one. */
export const NO_BROWSER_HINT =
  'ensure-browser: no Chromium found for the browser tests. Get one with `apt-get install chromium` (as root, Debian/Ubuntu), ' +
  'or `npx playwright install chromium` (where downloads work), or set CHROMIUM_PATH=/path/to/chromium.';

/** Path of Playwright's own Chromium for this Playwright version (it may not be downloaded). */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright throws on platforms it has no build for; a system browser may still work there.
    return undefined;
  }
}

/** True for an existing regular file we may execute. */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Finds a command on PATH, like `command -v`. */
function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  return (env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, command))
    .find(isExecutable);
}

/** Runs a command with inherited output; throws with the command and exit status when it fails. */
function run(command: string, args: readonly string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }; // never wait for a prompt in CI
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

/** Command-line entry: reports the browser, installs one when allowed, or explains; returns the exit code. */
function main(): number {
  let found = locateBrowser();
  if (found === undefined && mayInstallBrowser()) {
    console.log("ensure-browser: no Chromium found; installing Debian's `chromium` package (apt-get update && apt-get install -y chromium)");
    try {
      run('apt-get', ['update']);
      run('apt-get', ['install', '-y', 'chromium']);
    } catch (error) {
      console.error(`ensure-browser: could not install chromium: ${(error as Error).message}`);
      return 1;
    }
    found = locateBrowser();
  }
  if (found === undefined) {
    console.error(NO_BROWSER_HINT);
    return 1;
  }
  const from = { CHROMIUM_PATH: 'from CHROMIUM_PATH', playwright: "Playwright's download", system: 'system browser' }[found.source];
  console.log(`ensure-browser: using Chromium at ${found.path} (${from})`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
