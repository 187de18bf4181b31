/**
 * The version of Grove's own code, for the keys of what a build caches: every file of the engine
 * (all of src/garden/, so no file can be forgotten from a list) and the installed version of each
 * package named. A change to any of them makes the cached results stale, and they are made again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/garden/, the engine: this file is in its `core/` folder. */
export const ENGINE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The project's node_modules, beside src/. */
export const MODULES_DIR = join(ENGINE_DIR, '..', '..', 'node_modules');

/** A digest of every `.ts` file under `engine` and of the installed version of each of `packages`. */
export function codeVersion(packages: readonly string[], engine = ENGINE_DIR, modules = MODULES_DIR): string {
  const hash = createHash('sha1');
  const files = readdirSync(engine, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.ts$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .sort();
  for (const f of files) hash.update(f.slice(engine.length)).update('\0').update(readFileSync(f));
  for (const p of packages) {
    let version = 'missing';
    try {
      version = (JSON.parse(readFileSync(join(modules, p, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      /* not installed: nothing can depend on it */
    }
    hash.update(`${p}@${version}\0`);
  }
  return hash.digest('hex');
}
