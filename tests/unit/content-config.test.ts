/**
 * src/content.config.ts imports the loader and the schemas with Node's own `import()`, not through
 * Vite (it saves 2-3 s a build): that holds only while everything they import loads in plain Node.
 * An `astro:` module or `import.meta.env` in the engine would break every build; this says where.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = readFileSync(new URL('../../src/content.config.ts', import.meta.url), 'utf8');

describe('content.config.ts', () => {
  it('imports nothing of the engine through Vite: only Astro and zod are static imports', () => {
    const statics = [...config.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(statics).toEqual(['astro/content/config', 'astro/zod']);
  });

  it.each(['src/collections/garden-loader.ts', 'src/garden/content/schemas.ts'])(
    '%s and all it imports load in plain Node',
    (file) => {
      const url = pathToFileURL(`${root}${file}`).href;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(Object.keys(m).length)`], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(Number(out.trim())).toBeGreaterThan(0);
    },
    90_000,
  );
});
