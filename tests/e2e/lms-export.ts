/**
 * For the LMS package tests: runs `npm run export` on the sample site the browser tests build, and
 * unzips the package into a folder, as an LMS does when a course is uploaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { E2E_CONFIG, E2E_DIST } from '../../playwright.config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Exports `id` with `args` (`['scorm', …, '--version', '2004']`) to `zip` and unzips it into `folder`. */
export function exportAndUnzip(args: readonly string[], zip: string, folder: string): void {
  execFileSync(process.execPath, ['scripts/export.ts', ...args, '--out', zip, '--dist', E2E_DIST], { cwd: ROOT, env: { ...process.env, GARDEN_CONFIG: E2E_CONFIG }, stdio: 'pipe' });
  for (const [path, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), bytes);
  }
}
