/**
 * The incremental build (Astro's `experimental.incrementalBuild`, each page keyed by what it shows,
 * model/page-keys.ts): a second build with no change reuses every generated page; a change to a
 * note's text renders again only its page and the page that links to one of its headings; a change to
 * its title reaches every page that shows it — its own page, the topic and the lesson that list it by
 * title — and the site built this way is the site built from scratch, page for page.
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

function build(out = dist, cache = join(work, 'cache')): string {
  return execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GARDEN_CONFIG: join(work, 'garden.config.mjs'), GROVE_OUT_DIR: out, GROVE_CACHE_DIR: cache, NO_COLOR: '1' },
  });
}
const html = (route: string, out = dist) => readFileSync(join(out, route, 'index.html'), 'utf8');
const reused = (log: string) => log.split('\n').filter((l) => /\((cached|restored)\)/.test(l)).length;
/** The pages generated from garden pages that a build rendered rather than copied, by route. */
const rendered = (log: string) =>
  log
    .split('\n')
    .filter((l) => !/\((cached|restored)\)/.test(l))
    .flatMap((l) => /├─ (\/(?:notes|courses|topics|paths|people)\/.+\/)index\.html/.exec(l)?.[1] ?? [])
    .sort();
/** Every file of a built site, by path. */
const filesOf = (out: string) =>
  readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(out, join(d.parentPath, d.name)))
    .sort();
/** Every HTML page of a built site, by path. */
const pagesOf = (out: string) =>
  readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => relative(out, join(d.parentPath, d.name)))
    .sort();

describe('a second build', () => {
  it('reuses every page when nothing changed, and re-renders the pages a changed note appears on, and only those', { timeout: 480_000 }, () => {
    cpSync(join(root, 'content'), join(work, 'content'), { recursive: true });
    writeFileSync(join(work, 'garden.config.mjs'), `export default { title: 'Incremental', base: '/', sources: [{ name: 'local', path: ${JSON.stringify(join(work, 'content'))} }] };\n`);
    const cold = build();
    expect(reused(cold)).toBe(0);
    const pages = cold.split('\n').filter((l) => /├─ \/(notes|courses|topics|paths|people)\/.+\/index\.html/.test(l)).length;
    expect(pages).toBeGreaterThan(50);

    const warm = build();
    // Every page generated from a garden page comes from the cache; only the few listing pages are rendered.
    expect(reused(warm)).toBeGreaterThanOrEqual(pages);

    // Its text: its page, and the lesson that links to one of its headings (which decide whether that link is broken).
    writeFileSync(note, `${readFileSync(note, 'utf8')}\nOne more paragraph about leases.\n`);
    const text = build();
    expect(rendered(text)).toEqual(['/courses/git-foundations/branches/', '/notes/rebase-safely/']);
    expect(html('notes/rebase-safely')).toContain('One more paragraph about leases.');

    writeFileSync(note, readFileSync(note, 'utf8').replace('title: Rebasing safely', 'title: Rebasing without fear'));
    // And a note of its own, removed again below: dist/ is kept between builds (src/integrations/out-dir.ts).
    const passing = join(work, 'content', 'notes', 'passing-thought.md');
    writeFileSync(passing, '---\ntitle: A passing thought\ntopics: [git]\n---\nHere today.\n');
    const changed = build();
    expect(html('notes/passing-thought')).toContain('Here today.');
    expect(html('notes/rebase-safely')).toContain('Rebasing without fear');
    expect(html('topics/git')).toContain('Rebasing without fear');
    // The lesson lists the note (`notes: [rebase-safely]`) by its title.
    expect(html('courses/git-foundations/branches')).toContain('Rebasing without fear');
    // Pages that do not show it are copied: a person who did not write it, a course that does not list it.
    expect(rendered(changed)).not.toContain('/people/amara-okafor/');
    expect(rendered(changed)).not.toContain('/courses/sql-for-analysts/');
    expect(reused(changed)).toBeGreaterThan(pages / 2);

    // Gone from the site, not left behind in the kept dist/: its page, and its topic lists it no more.
    rmSync(passing);
    build();
    expect(existsSync(join(dist, 'notes', 'passing-thought'))).toBe(false);
    expect(html('topics/git')).not.toContain('A passing thought');

    // No page kept stale: the site built from these caches is the site built from scratch, page for
    // page, and holds no file the scratch build does not (an old page, an old bundle, an old index shard).
    const scratch = join(work, 'scratch');
    build(scratch, join(work, 'scratch-cache'));
    expect(filesOf(dist)).toEqual(filesOf(scratch));
    const stale = pagesOf(scratch).filter((p) => readFileSync(join(dist, p), 'utf8') !== readFileSync(join(scratch, p), 'utf8'));
    expect(stale).toEqual([]);
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
