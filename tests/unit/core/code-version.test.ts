/**
 * The code version in cache keys (src/garden/core/code-version.ts) reads the engine and the packages
 * where they are: a key that hashed no file or found no package would never change with the code.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeVersion, ENGINE_DIR, MODULES_DIR } from '../../../src/garden/core/code-version.ts';

describe('codeVersion', () => {
  it('hashes the whole engine, src/garden/, and finds the installed packages', () => {
    for (const stage of ['core', 'content', 'model', 'render']) expect(existsSync(join(ENGINE_DIR, stage)), stage).toBe(true);
    expect(existsSync(join(MODULES_DIR, 'astro', 'package.json'))).toBe(true);
    // A package's version is part of it: the same engine with the package missing is another version.
    expect(codeVersion(['astro'])).not.toBe(codeVersion(['astro'], ENGINE_DIR, join(MODULES_DIR, 'no-such-folder')));
    expect(codeVersion(['astro'])).toBe(codeVersion(['astro']));
  });
});
