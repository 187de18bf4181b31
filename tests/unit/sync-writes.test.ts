/**
 * Pages written synchronously while Astro renders (src/integrations/sync-writes.ts): inside the
 * output and cache folders `fs.promises.mkdir` and `writeFile` do their work before they return, with
 * the same results and the same errors as Node's own; outside them, and after `restore()`, Node's own
 * run. Astro's own page writer is checked to still call them the way this relies on.
 */
import fs, { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import type { AstroPrerenderer } from 'astro';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { syncWritingPrerenderer, writeSynchronously, type SyncWrites } from '../../src/integrations/sync-writes.ts';

const temp = mkdtempSync(join(tmpdir(), 'grove-sync-writes-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const { mkdir, writeFile } = fs.promises;
let writes: SyncWrites | undefined;
afterEach(() => {
  writes?.restore();
  writes = undefined;
});

describe('writeSynchronously', () => {
  const dist = join(temp, 'dist');
  const cache = join(temp, 'cache');

  it.each([
    ['a path', (p: string) => p],
    ['a file: URL', (p: string) => pathToFileURL(p)],
    ['a Buffer path', (p: string) => Buffer.from(p)],
  ])('writes a page under the output folder before returning, named by %s', async (_, name) => {
    writes = writeSynchronously([dist, cache]);
    const folder = join(dist, 'notes', `n-${writes.mkdir}`);
    const made = fs.promises.mkdir(name(folder) as string, { recursive: true });
    expect(existsSync(folder)).toBe(true);
    const file = join(folder, 'index.html');
    const written = fs.promises.writeFile(name(file) as string, Buffer.from('<p>é</p>'));
    expect(readFileSync(file, 'utf8')).toBe('<p>é</p>');
    await Promise.all([made, written]);
    expect([writes.mkdir, writes.writeFile]).toEqual([1, 1]);
  });

  it('writes strings with their encoding, and to the cache folder too', async () => {
    writes = writeSynchronously([dist, cache]);
    await fs.promises.mkdir(join(cache, 'dist'), { recursive: true });
    const written = fs.promises.writeFile(join(cache, 'dist', 'a.html'), 'caf\u00e9', 'latin1');
    expect(readFileSync(join(cache, 'dist', 'a.html'))).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await written;
    expect(writes.writeFile).toBe(1);
  });

  it.each([
    ['a missing folder', () => fs.promises.writeFile(join(dist, 'no', 'such', 'index.html'), 'x'), 'ENOENT'],
    ['a folder where a file is', () => fs.promises.mkdir(join(dist, 'file.txt', 'sub'), { recursive: true }), 'ENOTDIR'],
    ['an existing folder without recursive', () => fs.promises.mkdir(dist), 'EEXIST'],
  ])('rejects as Node does for %s, and does not throw', async (_, call, code) => {
    await mkdir(dist, { recursive: true });
    await writeFile(join(dist, 'file.txt'), 'x');
    writes = writeSynchronously([dist]);
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = call())).not.toThrow();
    await expect(promise).rejects.toMatchObject({ code });
  });

  it.each([
    ['outside the folders', () => fs.promises.writeFile(join(temp, 'elsewhere.txt'), 'x')],
    ['in a folder whose name starts like one', () => fs.promises.writeFile(join(`${dist}-other`, 'x.txt'), 'x')],
    [
      'from an async iterable',
      () =>
        fs.promises.writeFile(
          join(dist, 'iter.txt'),
          (async function* () {
            yield 'x';
          })(),
        ),
    ],
    ['with an abort signal', () => fs.promises.writeFile(join(dist, 'signal.txt'), 'x', { signal: new AbortController().signal })],
  ])('leaves a write %s to Node', async (_, call) => {
    await mkdir(dist, { recursive: true });
    await mkdir(`${dist}-other`, { recursive: true });
    writes = writeSynchronously([dist]);
    await call();
    expect(writes.writeFile).toBe(0);
  });

  it('puts Node’s own functions back', () => {
    writes = writeSynchronously([dist]);
    expect(fs.promises.writeFile).not.toBe(writeFile);
    writes.restore();
    expect([fs.promises.mkdir, fs.promises.writeFile]).toEqual([mkdir, writeFile]);
  });
});

describe('syncWritingPrerenderer', () => {
  it('writes synchronously from setup to teardown only', async () => {
    const dist = join(temp, 'pre');
    let during: unknown;
    const inner: AstroPrerenderer = {
      name: 'simulated',
      getStaticPaths: async () => [],
      render: async () => {
        during = fs.promises.writeFile;
        await fs.promises.mkdir(join(dist, 'a'), { recursive: true });
        await fs.promises.writeFile(join(dist, 'a', 'index.html'), 'a');
        return new Response('a');
      },
    };
    const wrapped = syncWritingPrerenderer(inner, [dist]);
    expect(fs.promises.writeFile).toBe(writeFile);
    await wrapped.setup!();
    await wrapped.render(new Request('http://localhost/a/'), { routeData: {} as never });
    await wrapped.teardown!();
    expect(during).not.toBe(writeFile);
    expect(fs.promises.writeFile).toBe(writeFile);
    expect(readFileSync(join(dist, 'a', 'index.html'), 'utf8')).toBe('a');
  });

  it('relies on what Astro’s page writer does: fs.promises.mkdir and writeFile, looked up when called', () => {
    // If Astro bound them at import or wrote pages another way, the build would still be right, only slower: this says so.
    const require = createRequire(import.meta.url);
    const generate = readFileSync(join(require.resolve('astro/package.json'), '..', 'dist', 'core', 'build', 'generate.js'), 'utf8');
    const incremental = readFileSync(join(require.resolve('astro/package.json'), '..', 'dist', 'core', 'build', 'incremental.js'), 'utf8');
    expect(generate).toMatch(/nodeFs\.promises\.mkdir\(result\.outFolder/);
    expect(generate).toMatch(/nodeFs\.promises\.writeFile\(result\.outFile/);
    expect(incremental).toMatch(/fs\.promises\.writeFile\(cachedOutputFile/);
  });
});
