/**
 * Long lists paginate in the built site (#14): a garden of 450 notes, 250 of them in one folder (a
 * topic), builds list pages of at most 200 notes with counts, "Page 2 of 3" navigation, `rel`
 * prev/next links and per-filter pages, and every link between them resolves (check:links).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// Content must live inside the project (sources may not point outside it): a scratch folder under .grove/.
mkdirSync(join(root, '.grove'), { recursive: true });
const work = mkdtempSync(join(root, '.grove', 'pagination-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dist = join(work, 'dist');

const html = (route: string) => readFileSync(join(dist, route, 'index.html'), 'utf8');
/** How many notes a page lists: links to a note's page. */
const notesListed = (page: string) => (page.match(/<li><a href="\/notes\/(?:ops-)?note-\d+\/"/g) ?? []).length;

beforeAll(() => {
  const vault = join(work, 'vault');
  mkdirSync(join(vault, 'ops'), { recursive: true });
  for (let i = 0; i < 450; i++) {
    const kind = i % 150 === 0 ? 'kind: how-to\n' : '';
    writeFileSync(join(vault, i < 250 ? 'ops' : '', `note-${String(i).padStart(3, '0')}.md`), `---\n${kind}---\n# Note ${i}\n\nText of note ${i}.\n`);
  }
  writeFileSync(
    join(work, 'garden.config.mjs'),
    `export default { title: 'Many notes', base: '/', sources: [{ name: 'vault', path: ${JSON.stringify(vault)}, layout: 'notes', defaults: { stage: 'seedling' } }] };\n`,
  );
  execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GARDEN_CONFIG: join(work, 'garden.config.mjs'), GROVE_OUT_DIR: dist, GROVE_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' },
  });
}, 300_000);

describe('a garden of 450 notes', () => {
  it('lists 200 notes a page on three pages, with counts and navigation', () => {
    const first = html('notes');
    expect(notesListed(first)).toBe(200);
    expect(first).toContain('450 notes, by title: 1–200, page 1 of 3');
    expect(first).toMatch(/<nav class="pagination"[^>]* aria-label="Pages of notes"/);
    expect(first).toContain('<link rel="next" href="/notes/page/2/">');
    expect(first).not.toContain('rel="prev"');
    expect(first).toMatch(/<a href="\/notes\/page\/2\/" rel="next"/);

    const second = html('notes/page/2');
    expect(notesListed(second)).toBe(200);
    expect(second).toContain('<title>Notes, page 2 of 3 · Many notes</title>');
    expect(second).toContain('<link rel="prev" href="/notes/">');
    expect(second).toContain('<link rel="next" href="/notes/page/3/">');
    expect(second).toMatch(/<a href="\/notes\/page\/2\/" aria-current="page"/);

    const last = html('notes/page/3');
    expect(notesListed(last)).toBe(50);
    expect(last).toContain('401–450, page 3 of 3');
    expect(last).not.toContain('rel="next"');
    expect(existsSync(join(dist, 'notes', 'page', '4'))).toBe(false);
    expect(existsSync(join(dist, 'notes', 'page', '1'))).toBe(false);
  });

  it('keeps the notes in title order across the pages, each once', () => {
    const titles = ['notes', 'notes/page/2', 'notes/page/3'].flatMap((r) => [...html(r).matchAll(/<li><a href="\/notes\/((?:ops-)?note-\d+)\/"/g)].map((m) => m[1]));
    expect(titles).toHaveLength(450);
    expect(new Set(titles).size).toBe(450);
  });

  it('paginates each filter on its own, and the filters link to their first pages', () => {
    const note = html('notes/kind/note');
    expect(note).toContain('447 notes, by title: 1–200, page 1 of 3');
    expect(html('notes/kind/note/page/3')).toContain('401–447, page 3 of 3');
    // Three how-tos fit one page: no navigation, no later pages.
    const howTo = html('notes/kind/how-to');
    expect(notesListed(howTo)).toBe(3);
    expect(howTo).not.toContain('class="pagination"');
    expect(existsSync(join(dist, 'notes', 'kind', 'how-to', 'page'))).toBe(false);
    // Every filter page offers every filter, with its count.
    for (const page of [note, html('notes/page/2'), html('notes/stage/seedling/page/3')]) {
      expect(page).toMatch(/href="\/notes\/kind\/how-to\/"[^>]*>How-to 3</);
      expect(page).toMatch(/href="\/notes\/stage\/seedling\/"[^>]*>seedling 450</);
      expect(page).toMatch(/href="\/topics\/ops\/#notes"[^>]*>#ops 250</);
    }
  });

  it("paginates a topic's notes", () => {
    const topic = html('topics/ops');
    expect(notesListed(topic)).toBe(200);
    expect(topic).toContain('aria-label="Pages of notes on ops"');
    const second = html('topics/ops/page/2');
    expect(notesListed(second)).toBe(50);
    expect(second).toContain('250 notes, by title: 201–250');
    expect(second).toContain('<link rel="prev" href="/topics/ops/">');
  });

  it('keeps every list page small, and every link resolves', () => {
    for (const route of ['notes', 'notes/page/2', 'notes/stage/seedling', 'topics/ops']) expect(html(route).length).toBeLessThan(150_000);
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'check-links.ts'), dist], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/, 0 problems in /);
  });
});

describe('the search page of a garden of 450 notes', () => {
  it('lists every other page A to Z and leaves the notes to their paginated list', () => {
    const search = html('search');
    expect(search).toContain('Every page but the notes, A to Z');
    expect(search).toMatch(/The 450 notes are listed A to Z on <a href="\/notes\/"[^>]*>their own pages<\/a> \(3 pages\)/);
    expect(search).not.toMatch(/href="\/notes\/(ops-)?note-\d+\/"/);
    expect(search).toMatch(/href="\/topics\/ops\/"/);
  });
});
