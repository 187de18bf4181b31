/**
 * The incremental build (Astro's `experimental.incrementalBuild`, keyed by the garden's buildKey):
 * a second build with no change reuses every generated page, and a change to one note reaches
 * every page that shows it — its own page, the topic and the lesson that list it by title — rather than serving stale HTML from the cache.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// Content must live inside the project (sources may not point outside it): a scratch folder under .grove/.
mkdirSync(join(root, '.grove'), { recursive: true });
const work = mkdtempSync(join(root, '.grove', 'incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dist = join(work, 'dist');
const note = join(work, 'content', 'notes', 'rebase-safely.md');

function build(): string {
  return execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GARDEN_CONFIG: join(work, 'garden.config.mjs'), GROVE_OUT_DIR: dist, GROVE_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' },
  });
}
const html = (route: string) => readFileSync(join(dist, route, 'index.html'), 'utf8');
const reused = (log: string) => log.split('\n').filter((l) => /\((cached|restored)\)/.test(l)).length;

describe('a second build', () => {
  it('reuses every page when nothing changed, and re-renders the pages a changed note appears on', { timeout: 180_000 }, () => {
    cpSync(join(root, 'content'), join(work, 'content'), { recursive: true });
    writeFileSync(join(work, 'garden.config.mjs'), `export default { title: 'Incremental', base: '/', sources: [{ name: 'local', path: ${JSON.stringify(join(work, 'content'))} }] };\n`);
    const cold = build();
    expect(reused(cold)).toBe(0);
    const pages = cold.split('\n').filter((l) => /├─ \/(notes|courses|topics|paths|people)\/.+\/index\.html/.test(l)).length;
    expect(pages).toBeGreaterThan(50);

    const warm = build();
    // Every page generated from a garden page comes from the cache; only the few listing pages are rendered.
    expect(reused(warm)).toBeGreaterThanOrEqual(pages);

    writeFileSync(note, readFileSync(note, 'utf8').replace('title: Rebasing safely', 'title: Rebasing without fear'));
    const changed = build();
    expect(reused(changed)).toBe(0);
    expect(html('notes/rebase-safely')).toContain('Rebasing without fear');
    expect(html('topics/git')).toContain('Rebasing without fear');
    // The lesson lists the note (`notes: [rebase-safely]`) by its title.
    expect(html('courses/git-foundations/branches')).toContain('Rebasing without fear');
  });
});

describe('the routes the build generated', () => {
  it('are every one linkable from content: the link index knows each page Grove generates', { timeout: 60_000 }, async () => {
    const { loadConfig } = await import('../../src/garden/settings/config.ts');
    const { buildGarden } = await import('../../src/garden/model/garden.ts');
    const { resolveLink } = await import('../../src/garden/model/links.ts');
    const garden = buildGarden(await loadConfig(work, { GARDEN_CONFIG: join(work, 'garden.config.mjs') }), work);
    const routes = readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name === 'index.html')
      .map((d) => `/${relative(dist, d.parentPath).split('\\').join('/')}/`.replace('//', '/'));
    expect(routes.length).toBeGreaterThan(90);
    for (const kind of ['/notes/kind/how-to/', '/notes/stage/seedling/', '/offline/']) expect(routes).toContain(kind);
    const from = { source: 'local', path: 'notes/rebase-safely.md' as never };
    const broken = routes.filter((r) => resolveLink(garden.links, from, r).type === 'broken');
    expect(broken).toEqual([]);
  });
});

describe('a setting of a source', () => {
  // The cache key of a page holds every setting of its source (sourceKeyOf): with brokenLinks left out,
  // a page cached while its source was `warn` kept passing after the switch to `error`.
  it('re-renders its pages when it changes: a broken link cached under `warn` fails the build under `error`', { timeout: 240_000 }, () => {
    const config = (brokenLinks: string) =>
      writeFileSync(
        join(work, 'garden.config.mjs'),
        `export default { title: 'Incremental', base: '/', sources: [{ name: 'local', path: ${JSON.stringify(join(work, 'content'))}, brokenLinks: '${brokenLinks}' }] };\n`,
      );
    if (!existsSync(note)) cpSync(join(root, 'content'), join(work, 'content'), { recursive: true });
    writeFileSync(note, `${readFileSync(note, 'utf8')}\nSee [the old guide](./no-such-guide.md).\n`);
    config('warn');
    expect(build()).toContain('no-such-guide.md');
    config('error');
    let failed: { status?: number; stdout?: string; stderr?: string } | undefined;
    try {
      build();
    } catch (err) {
      failed = err as typeof failed;
    }
    // The build fails: the page was rendered again under `error`, not served from the cache made under `warn`.
    expect(failed, 'the build passed: a page cached under warn was reused').toBeDefined();
    expect(failed?.status).not.toBe(0);
    expect(`${failed?.stdout}${failed?.stderr}`).toContain('no-such-guide.md');
  });
});
