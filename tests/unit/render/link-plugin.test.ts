/**
 * Markdown transforms of the link plugin (src/garden/render/link-plugin.ts): callouts, embeds, images and
 * anchors, rendered through Sätteri as the build renders them. Each case is a folder in
 * tests/fixtures/markdown/cases/ with `input.md` (rendered as the note `notes/<case>.md` of the small
 * garden in tests/fixtures/markdown/garden/) and the expected `output.html` and `problems.txt`;
 * regenerate them on purpose only, with `npx vitest run tests/unit/render/link-plugin.test.ts -u`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gardenWith, render, renderPage } from '../markdown-helpers.ts';
import type { HastPluginEntry } from 'satteri';
import { linkDataOf, linkReports } from '../../../src/garden/render/link-reports.ts';
import { prerenderEmbeds } from '../../../src/garden/render/link-plugin.ts';
import { resetPrerenderedEmbeds } from '../../../src/garden/render/embeds.ts';

const CASES = fileURLToPath(new URL('../../fixtures/markdown/cases/', import.meta.url));

describe('fixtures', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const { html, problems } = render(readFileSync(`${CASES}${name}/input.md`, 'utf8'), name);
      await expect(html).toMatchFileSnapshot(`${CASES}${name}/output.html`);
      await expect(problems.join('\n') + '\n').toMatchFileSnapshot(`${CASES}${name}/problems.txt`);
    });
  }
});

describe('every error message', () => {
  const one = (body: string) => render(`# Page\n\n## Here\n\n${body}\n`).problems;
  it('an anchor that is not a heading of the page, in a wikilink', () => {
    expect(one('[[rebase-safely#forse-pushing]]')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken link [[rebase-safely#forse-pushing]]: "Rebasing safely" has no heading #forse-pushing (did you mean [[rebase-safely#force-pushing]]?)",
      ]
    `);
  });
  it('an anchor that is not a heading, in a Markdown link', () => {
    expect(one('[x](../courses/git/01-branches.md#nameing)')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken link "../courses/git/01-branches.md#nameing": "Working on branches" has no heading #nameing (did you mean ../courses/git/01-branches.md#naming?)",
      ]
    `);
  });
  it('an anchor far from every heading lists the headings', () => {
    expect(one('[[rebase-safely#zzzzzzzz]]')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken link [[rebase-safely#zzzzzzzz]]: "Rebasing safely" has no heading #zzzzzzzz (its headings: #the-rule, #force-pushing)",
      ]
    `);
  });
  it('a same-page anchor', () => {
    expect(one('[up](#hree)')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken link "#hree": this page has no heading #hree (did you mean #here?)",
      ]
    `);
  });
  it('an embed of no page', () => {
    expect(one('![[recovr]]')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken embed ![[recovr]]: no page is called "recovr" (did you mean [[recover]]?)",
      ]
    `);
  });
  it('an embed of a section that does not exist', () => {
    expect(one('![[recover#stpes]]')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken embed ![[recover#stpes]]: "Recover a deleted branch" has no heading #stpes (did you mean ![[recover#steps]]?)",
      ]
    `);
  });
  it('an embed of a missing image', () => {
    expect(one('![[branchs.svg]]')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken embed ![[branchs.svg]]: no such file (looked for notes/branchs.svg) (did you mean ../courses/git/branches.svg?)",
      ]
    `);
  });
  it('an embed matching two files', () => {
    const { garden, page } = gardenWith('deep/page', '# Page\n\n![[dup.svg]]\n');
    expect(renderPage(garden, page).problems).toMatchInlineSnapshot(`
      [
        "content/notes/deep/page.md:3 → broken embed ![[dup.svg]]: "dup.svg" matches 2 files (write its path relative to this page: ../dup.svg, ../more/dup.svg)",
      ]
    `);
  });
  it('an image that is not there', () => {
    expect(one('![a diagram](diagrm.svg)')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → broken image "diagrm.svg": no such file (looked for notes/diagrm.svg) (put the file beside the page; files Grove publishes: .png .jpg .jpeg .gif .svg .webp .avif .pdf .mp3 .wav .ogg .oga .m4a .flac .mp4 .webm .ogv .mov)",
      ]
    `);
  });
  it('an embed of the page itself', () => {
    expect(one('![[page]]')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → embed ![[page]]: embeds form a cycle (page → page) (embed a page that does not embed this one, or link to it with [[…]] instead)",
      ]
    `);
  });
  it('an embed of an MDX page', () => {
    expect(one('![[widget]]')).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:5 → embed ![[widget]]: "Widget" is MDX, which cannot be embedded (link to it instead: [[widget]])",
      ]
    `);
  });
  it('an ambiguous embed', () => {
    const { garden, page } = gardenWith('page', '# Page\n\n![[Git]]\n');
    expect(renderPage(garden, page).problems).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:3 → broken embed ![[Git]]: "Git" matches 2 pages (write one of [[courses/git]], [[topics/git]])",
      ]
    `);
  });
});

describe('a source with brokenLinks: warn', () => {
  it('reports broken anchors and embeds as warnings, which the collection keeps with the page', () => {
    const { garden, page } = gardenWith('page', '# Page\n\n![[nope]]\n\n[[recover#nope]]\n', { brokenLinks: 'warn' });
    renderPage(garden, page);
    const report = linkReports().get(page.abs)!;
    expect(report.problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
    expect(linkDataOf(report)).toEqual({
      links: ['note:recover'],
      warnings: report.problems.map(({ file, line, message, hint }) => ({ file, line, message, hint })),
    });
  });
});

describe('a heading that holds a wikilink', () => {
  it('takes its id from the title the link is rendered with, and anchors are checked against that id', () => {
    const { html, problems } = render('## See [[rebase-safely]]\n\n[right](#see-rebasing-safely) and [wrong](#see-rebase-safely)\n');
    expect(html).toContain('>Rebasing safely</a>');
    expect(problems).toMatchInlineSnapshot(`
      [
        "content/notes/page.md:3 → broken link "#see-rebase-safely": this page has no heading #see-rebase-safely (did you mean #see-rebasing-safely?)",
      ]
    `);
  });
});

describe('prerenderEmbeds', () => {
  it('renders what a page embeds ahead with the HTML plugins it is given (code highlighting in the build), and the page shows that', async () => {
    const { garden, page } = gardenWith('page', 'Before.\n\n![[recover]]\n');
    // An asynchronous plugin, as Shiki's highlighting is: it could not run inside the link plugin's visit.
    const mark = {
      name: 'mark',
      element: { filter: ['p'], visit: async (node: { properties?: Record<string, unknown> }) => ({ ...node, properties: { ...node.properties, className: ['marked'] } }) },
    } as unknown as HastPluginEntry;
    await prerenderEmbeds(garden, page, [mark]);
    const embedded = (html: string) => html.slice(html.indexOf('<figure'));
    expect(embedded(renderPage(garden, page).html)).toContain('<p class="marked">');
    resetPrerenderedEmbeds();
    expect(embedded(renderPage(garden, page).html)).not.toContain('class="marked"');
  });
});
