/**
 * Link dialects (issue #14): the fixture repositories in tests/fixtures/dialects/ (an Obsidian vault,
 * a Dendron vault, a Foam workspace, each with its tool's marker files), read as a notes source with
 * only `path` and `layout` set and rendered through the link plugin as the build renders them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dialectFixture, dialectGarden, renderFixturePage } from '../dialect-helpers.ts';
import { gardenWith, renderPage } from '../markdown-helpers.ts';
import { detectDialect, dialectOf, wikilinkParts } from '../../../src/garden/content/dialect.ts';
import { blocksIn } from '../../../src/garden/content/headings.ts';
import { hierarchyOf } from '../../../src/garden/model/links.ts';
import { cleanHtml, findHtmlViolations } from '../../../src/garden/policy/html-policy.ts';
import { localSource, parseConfig } from '../../../src/garden/settings/config.ts';
import { checkContent, dialectLines } from '../../../src/garden/commands/content-check.ts';

describe('the dialect of a source', () => {
  it.each([
    ['obsidian', 'obsidian', 'found .obsidian/'],
    ['dendron', 'dendron', 'found dendron.yml'],
    ['foam', 'foam', 'found .vscode/extensions.json (recommends Foam)'],
  ])('fixture %s is detected as %s', (name, dialect, why) => {
    expect(detectDialect(dialectFixture(name))).toEqual({ dialect, why });
  });

  /** A repository in a temporary folder with `files` (a path ending in / is a folder). */
  function repo(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'grove-dialect-'));
    for (const [path, text] of Object.entries(files)) {
      if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
      else {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      }
    }
    return root;
  }

  it.each<[string, Record<string, string>, string, string]>([
    ['dendron.yml at the root, dir vault/', { 'dendron.yml': 'version: 5\n', 'vault/a.md': '# A\n' }, 'vault', 'dendron'],
    ['dendron.code-workspace at the root', { 'dendron.code-workspace': '{}', 'vault/a.md': '# A\n' }, 'vault', 'dendron'],
    ['.obsidian/ inside dir', { 'en/.obsidian/': '', 'en/a.md': '# A\n' }, 'en', 'obsidian'],
    ['.foam/ at the root, dir two levels down', { '.foam/': '', 'docs/notes/a.md': '# A\n' }, 'docs/notes', 'foam'],
    ['.vscode recommending Foam in dir', { 'docs/.vscode/extensions.json': '{ "recommendations": ["foam.foam-vscode"] }', 'docs/a.md': '' }, 'docs', 'foam'],
    ['.vscode recommending other extensions', { '.vscode/extensions.json': '{ "recommendations": ["esbenp.prettier-vscode"] }', 'a.md': '' }, '.', 'gfm'],
    ['a folder called dendron.yml is not the file', { 'dendron.yml/': '', 'a.md': '' }, '.', 'gfm'],
    ['a file called .obsidian is not the folder', { '.obsidian': '', 'a.md': '' }, '.', 'gfm'],
    ['nothing', { 'a.md': '# A\n' }, '.', 'gfm'],
  ])('%s', (_, files, dir, dialect) => {
    const root = repo(files);
    expect(detectDialect(join(root, dir), root).dialect).toBe(dialect);
  });

  it('looks no higher than the repository root', () => {
    const outer = repo({ 'dendron.yml': '', 'inner/a.md': '' });
    expect(detectDialect(join(outer, 'inner'), join(outer, 'inner')).dialect).toBe('gfm');
  });

  it('the setting wins over what the repository says, and says so', () => {
    const dir = dialectFixture('obsidian');
    expect(dialectOf({ dialect: 'foam', dir, root: dir })).toEqual({ dialect: 'foam', why: 'set in the settings' });
    expect(dialectOf({ dialect: 'auto', dir, root: dir }).dialect).toBe('obsidian');
  });
});

/** The one broken link of the fixtures: Obsidian shows a link to a note not written yet, and so does Grove. */
const DANGLING = 'Home.md:23 → broken link [[Not written yet]]: no page is called "Not written yet" (link by id, file name, title or topic alias)';

describe('each fixture renders with only path and layout set', () => {
  it.each([
    ['obsidian', ['Home.md', 'Guide.md']],
    ['dendron', ['lang.md', 'lang.python.md', 'lang.python.data.md', 'lang.rust.types.md']],
    ['foam', ['index.md', 'features/wikilinks.md', 'features/graph-view.md']],
  ])('%s: no problem reading or rendering but the one note the vault links to and never wrote', (name, pages) => {
    const { problems } = dialectGarden(name);
    expect(problems).toEqual([]);
    for (const p of pages) expect([p, renderFixturePage(name, p).problems]).toEqual([p, name === 'obsidian' && p === 'Home.md' ? [DANGLING] : []]);
  });

  it('and with the dialect written out, the same', () => {
    for (const name of ['obsidian', 'dendron', 'foam'] as const) {
      expect(renderFixturePage(name, name === 'obsidian' ? 'Home.md' : name === 'dendron' ? 'lang.md' : 'index.md', { dialect: name }).problems).toEqual(name === 'obsidian' ? [DANGLING] : []);
    }
  });

  it("a link to a note not written yet is a warning and marked text in a notes layout; brokenLinks: 'error' makes it an error", () => {
    const { garden, page } = dialectGarden('obsidian');
    expect(garden.sources.get('obsidian')!.brokenLinks).toBe('warn');
    expect(renderPage(garden, page('Home.md')).html).toMatch(/An idea for later: <span class="broken-link" title="[^"]*">Not written yet<\/span>/);
    const strict = dialectGarden('obsidian', { brokenLinks: 'error' });
    expect(strict.garden.sources.get('obsidian')!.brokenLinks).toBe('error');
    expect(renderPage(strict.garden, strict.page('Home.md')).html).not.toContain('broken-link');
  });
});

describe('Obsidian', () => {
  const home = () => renderFixturePage('obsidian', 'Home.md').html;
  const guide = () => renderFixturePage('obsidian', 'Guide.md').html;

  it('[[#Heading]] is a heading of the same page, labelled with it', () => {
    expect(home()).toContain('Start at <a href="#details">Details</a>');
    expect(guide()).toContain('<a href="#%5Ekey-point">key-point</a>');
  });

  it("a link to a page's own title (its first # heading) goes to the page", () => {
    expect(home()).toContain('<a href="/notes/home/">this page from the top</a>');
  });

  it('[[page\\|label]] in a table keeps its cell and its label', () => {
    expect(home()).toContain('<td><a href="/notes/guide/">the guide</a></td>');
    expect(home()).toContain('<td><img src="/files/obsidian/diagram.png" alt="diagram.png" width="40"></td>');
  });

  it('block ids are anchors on their block, and the marker is not shown', () => {
    const g = guide();
    expect(g).toContain('<p id="^key-point">The one thing to remember: commit early.</p>');
    expect(g).toContain('<li id="^step-install">Install it</li>');
    expect(g).toContain('<table id="^table-1">');
    expect(g).not.toMatch(/\^(key-point|step-install|table-1)</);
    expect(g).not.toContain('<p>^table-1</p>');
    expect(home()).toContain('<p id="^detail">A detail worth linking to.</p>');
  });

  it('[[page#^id]] links to the block, ![[page#^id]] shows it', () => {
    expect(home()).toContain('<a href="/notes/guide/#%5Ekey-point">Guide</a>');
    expect(home()).toMatch(/<figure class="embed" data-embed="note:guide">.*<div class="embed-body">\n<p>The one thing to remember: commit early.<\/p>\n+<\/div><\/figure>/s);
    expect(guide()).toContain('<a href="/notes/home/#%5Edetail">the detail</a>');
  });

  it('a heading written as its text, [[page#Setup Steps]]', () => {
    expect(home()).toContain('<a href="/notes/guide/#setup-steps">Guide › Setup Steps</a>');
  });

  it('image sizes, alt text, audio, video and PDF', () => {
    const h = home();
    expect(h).toContain('<img src="/files/obsidian/diagram.png" alt="diagram.png" width="100" height="145">');
    expect(h).toContain('<img src="/files/obsidian/diagram.png" alt="Diagram of the parts">');
    expect(h).toContain('<audio controls preload="metadata" src="/files/obsidian/clip.mp3"><a href="/files/obsidian/clip.mp3">clip.mp3</a></audio>');
    expect(h).toContain('<video controls preload="metadata" src="/files/obsidian/movie.mp4"><a href="/files/obsidian/movie.mp4">movie.mp4</a></video>');
    expect(h).toContain('<p><a href="/files/obsidian/docs/manual.pdf">manual.pdf</a></p>');
  });

  it('plain relative links to files Grove publishes', () => {
    expect(home()).toContain('See <img src="/files/obsidian/img/photo.png" alt=""> and <a href="/files/obsidian/docs/manual.pdf">the manual</a>.');
  });

  it('[[page#Heading#Sub-heading]] names the last heading; [[file.svg]] links the file', () => {
    const { garden, page } = gardenWith('paths', '# Paths\n\n[[rebase-safely#The rule#Force pushing]] and [[branches.svg]] and [[branches.svg|the diagram]]\n');
    const r = renderPage(garden, page);
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('<a href="/learning/notes/rebase-safely/#force-pushing">Rebasing safely › Force-pushing</a>');
    expect(r.html).toContain('<a href="/learning/files/local/courses/git/branches.svg">branches.svg</a> and <a href="/learning/files/local/courses/git/branches.svg">the diagram</a>');
  });

  it('a block id on the line under a quote, a callout or an image (the line continues the block)', () => {
    const body = '# Blocks\n\n> [!tip] Tip\n> Use it.\n^callout-tip\n\n**Q?**\nAn answer.\n^answer\n\n![[branches.svg]]\n^drawing\n\nSee [[#^callout-tip]], [[#^answer]] and [[#^drawing]].\n';
    const { garden, page } = gardenWith('blocks', body);
    const r = renderPage(garden, page);
    expect(r.problems).toEqual([]);
    for (const id of ['callout-tip', 'answer', 'drawing']) {
      expect(r.html).toContain(`id="^${id}"`);
      expect(r.html).not.toContain(`^${id}<`);
    }
  });

  it('[[#Heading]] inside an embedded section links to the page it was written in', () => {
    const { garden, page } = gardenWith('host', '# Host\n\n![[guest#The rule]]\n', { others: { guest: '# Guest\n\n## The rule\n\nSee [[#Force pushing]].\n\n## Force pushing\n\nNo.\n' } });
    const r = renderPage(garden, page);
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('<a href="/learning/notes/guest/#force-pushing">Force pushing</a>');
  });

  it('a block id that is not there is an error naming the block', () => {
    const { garden, page } = gardenWith('blocks', '# Blocks\n\nText. ^here\n\nSee [[#^hree]] and [[rebase-safely#^nope]].\n\n![[rebase-safely#^nope]]\n');
    expect(renderPage(garden, page).problems).toEqual([
      'content/notes/blocks.md:5 → broken link [[#^hree]]: this page has no heading #^hree (did you mean #^here?)',
      'content/notes/blocks.md:5 → broken link [[rebase-safely#^nope]]: "Rebasing safely" has no block ^nope (its headings: #the-rule, #force-pushing)',
      'content/notes/blocks.md:7 → broken embed ![[rebase-safely#^nope]]: "Rebasing safely" has no block ^nope (its headings: #the-rule, #force-pushing)',
    ]);
  });
});

describe('Dendron', () => {
  it('[[label|note]] names the note second; dendron://vault/note is a note', () => {
    const html = renderFixturePage('dendron', 'lang.md').html;
    expect(html).toContain('<a href="/notes/lang-python/">Python basics</a>');
    expect(html).toContain('<a href="/notes/lang-rust-types/">Rust types</a>');
  });

  it('an anchor naming a range (#heading,1:#*) goes to where it starts', () => {
    expect(renderFixturePage('dendron', 'lang.python.data.md').html).toContain('<a href="/notes/lang-python/#summary">up</a>');
  });

  it('{{fm.x}} shows the field; one Grove does not know stays as text', () => {
    expect(renderFixturePage('dendron', 'lang.md').html).toContain('<p>Programming languages we use.</p>');
    expect(renderFixturePage('dendron', 'lang.python.md').html).toContain('<p>The Python language, described in Python; {{fm.unknown}} stays as written.</p>');
  });

  it('a.b.c: breadcrumbs show the parents, a page lists its children, a missing level is skipped', () => {
    const { garden, page } = dialectGarden('dendron');
    const titles = (h: ReturnType<typeof hierarchyOf>) => ({ parents: h.parents.map((e) => e.title), children: h.children.map((e) => e.title) });
    expect(titles(hierarchyOf(garden.links, page('lang.md')))).toEqual({ parents: [], children: ['Python', 'Rust types'] });
    expect(titles(hierarchyOf(garden.links, page('lang.python.data.md')))).toEqual({ parents: ['Languages', 'Python'], children: [] });
    expect(titles(hierarchyOf(garden.links, page('lang.rust.types.md')))).toEqual({ parents: ['Languages'], children: [] });
    const data = renderFixturePage('dendron', 'lang.python.data.md').html;
    expect(data.startsWith('<p class="hierarchy-parents" aria-label="Parent notes"><a href="/notes/lang/">Languages</a> › <a href="/notes/lang-python/">Python</a> ›</p>')).toBe(true);
    expect(renderFixturePage('dendron', 'lang.md').html).toContain(
      '<div class="hierarchy-children"><p class="hierarchy-title">Children</p><ul><li><a href="/notes/lang-python/">Python</a></li><li><a href="/notes/lang-rust-types/">Rust types</a></li></ul></div>',
    );
  });

  it('the hierarchy is Dendron only: the same files read as Obsidian show none', () => {
    expect(renderFixturePage('dendron', 'lang.md', { dialect: 'obsidian' }).html).not.toContain('hierarchy');
  });

  it('the same link read as Obsidian puts the page first', () => {
    const r = renderFixturePage('dendron', 'lang.md', { dialect: 'obsidian', brokenLinks: 'warn' });
    expect(r.problems).toEqual(['lang.md:8 → broken link [[Python basics]]: no page is called "Python basics" (link by id, file name, title or topic alias)']);
  });
});

describe('Foam', () => {
  it('wikilinks and the definitions Foam appends make one link each, with no problem', () => {
    const r = renderFixturePage('foam', 'index.md');
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('Read about <a href="/notes/features-wikilinks/">Wikilinks</a> and <a href="/notes/features-graph-view/">Graph View</a>');
    expect(r.html).toContain('<a href="/notes/features-graph-view/" title="Graph View">the graph</a>');
    expect(r.html).not.toContain('graph-view.md');
  });

  it('a definition of a missing note is reported once, by its wikilink', () => {
    const { garden, page } = gardenWith('foamish', '# F\n\n[[missing-note]]\n\n[missing-note]: missing-note.md "Missing"\n', { brokenLinks: 'warn' });
    garden.sources.set('local', { ...garden.sources.get('local')!, dialect: 'foam' });
    expect(renderPage(garden, page).problems).toEqual(['content/notes/foamish.md:3 → broken link [[missing-note]]: no page is called "missing-note" (link by id, file name, title or topic alias)']);
  });
});

describe('what Grove cannot resolve, in a source whose broken links are warnings', () => {
  const warn = (body: string) => {
    const { garden, page } = gardenWith('lenient', `# Lenient\n\n## Here\n\n${body}\n`, { brokenLinks: 'warn' });
    return renderPage(garden, page);
  };
  it.each([
    ['a wikilink to no page', '[[no-such-page]]', 'no-such-page'],
    ['a labelled wikilink', '[[no-such-page|the label]]', 'the label'],
    ['a same-page heading', '[[#Nowhere]]', '#Nowhere'],
    ['a same-page anchor', '[up](#nowhere)', 'up'],
    ['a Markdown link', '[the text](missing.md)', 'the text'],
    ['a site path', '[the text](/notes/missing/)', 'the text'],
    ['an image', '![a picture](missing.png)', 'a picture'],
    ['a file embed', '![[missing.png]]', 'missing.png'],
    ['an icon embed', 'Press ![[lucide-cog.svg#icon]] to open', 'cog'],
    ['a page embed', '![[no-such-page]]', 'no-such-page'],
    ['a reference link', '[the text][ref]\n\n[ref]: missing.md', 'the text'],
  ])('%s is marked text, not a link, and a warning', (_, body, label) => {
    const r = warn(body);
    expect(r.html).toMatch(new RegExp(`<span class="broken-link" title="Grove could not resolve this link: [^"]+">${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span>`));
    expect(r.html).not.toMatch(/href="[^"]*missing|href="[^"]*no-such-page|href="#Nowhere"|href="#nowhere"/i);
    expect(r.problems).toHaveLength(1);
  });

  it('a missing heading keeps the link to the page, without the anchor', () => {
    const r = warn('[[rebase-safely#nope]]');
    expect(r.html).toContain('<a href="/learning/notes/rebase-safely/">');
    expect(r.problems).toHaveLength(1);
  });

  it('in a source whose broken links are errors, a broken link stays an error', () => {
    const { garden, page } = gardenWith('strict', '# Strict\n\n[[no-such-page]]\n');
    const r = renderPage(garden, page);
    expect(r.html).not.toContain('broken-link');
    expect(r.problems).toEqual(['content/notes/strict.md:3 → broken link [[no-such-page]]: no page is called "no-such-page" (link by id, file name, title or topic alias)']);
    expect(garden.sources.get('local')!.brokenLinks).toBe('error');
  });
});

describe('wikilinkParts', () => {
  const name = fc.stringMatching(/^[A-Za-z0-9 ._-]{1,20}$/).filter((s) => s.trim() !== '');
  it('reads the page and label in the order of each dialect, escaped pipe or not', () => {
    fc.assert(
      fc.property(name, name, fc.boolean(), (page, label, escaped) => {
        const bar = escaped ? '\\|' : '|';
        expect(wikilinkParts(`[[${page}${bar}${label}]]`, 'obsidian')).toEqual({ target: page, label });
        expect(wikilinkParts(`![[${page}${bar}${label}]]`, 'foam')).toEqual({ target: page, label });
        expect(wikilinkParts(`[[${label}${bar}${page}]]`, 'dendron')).toEqual({ target: page, label });
        expect(wikilinkParts(`[[${page}]]`, 'gfm')).toEqual({ target: page });
      }),
    );
  });
  it.each([
    ['[[dendron://vault/a.b#h,1:#*]]', 'dendron', 'dendron://vault/a.b#h'],
    ['[[x|a.b#^start:#^end]]', 'dendron', 'a.b#^start'],
    ['[[a.b#h,1]]', 'obsidian', 'a.b#h,1'],
  ] as const)('%s as %s names %s', (raw, dialect, target) => {
    expect(wikilinkParts(raw, dialect).target).toBe(target);
  });
});

describe('blocksIn', () => {
  it.each([
    ['a paragraph', 'One\ntwo ^a1\n\nNext', [{ id: '^a1', text: 'One\ntwo' }]],
    ['a list item', '- one ^i1\n- two', [{ id: '^i1', text: 'one' }]],
    ['an id alone after a table', '| a |\n| - |\n| 1 |\n\n^t1', [{ id: '^t1', text: '| a |\n| - |\n| 1 |' }]],
    ['right after an embed', '![[shot.png]]^img1', [{ id: '^img1', text: '![[shot.png]]' }]],
    ['inside a code fence: none', '```\nx ^c1\n```', []],
    ['a caret inside a word is no id', 'x^2 and 2^10', []],
    ['an id needs a space before it', 'word^a1', []],
  ])('%s', (_, body, blocks) => {
    expect(blocksIn(body)).toEqual(blocks);
  });
});

describe('untrusted sources: media and block ids through the HTML policy', () => {
  it.each([
    [
      'audio of the site is kept',
      '<audio controls preload="metadata" src="/files/v/a.mp3"><a href="/files/v/a.mp3">a.mp3</a></audio>',
      '<audio controls preload="metadata" src="/files/v/a.mp3"><a href="/files/v/a.mp3">a.mp3</a></audio>',
    ],
    ['video of the site is kept', '<video controls src="/files/v/m.mp4"></video>', '<video controls src="/files/v/m.mp4"></video>'],
    [
      'audio from another host is a link',
      '<audio controls src="https://evil.example/a.mp3"></audio>',
      '<a href="https://evil.example/a.mp3" class="external-image" rel="noopener noreferrer nofollow">https://evil.example/a.mp3</a>',
    ],
    ['autoplay and handlers go', '<video autoplay onplay="alert(1)" src="/files/v/m.mp4"></video>', '<video src="/files/v/m.mp4"></video>'],
    ['a javascript: source goes', '<audio src="javascript:alert(1)"></audio>', '<audio></audio>'],
    ['a block id keeps its name', '<p id="^key">x</p>', '<p id="^key">x</p>'],
    ['any other id is prefixed', '<p id="key">x</p>', '<p id="user-content-key">x</p>'],
    ['the broken-link mark keeps its class', '<span class="broken-link" title="why">x</span>', '<span class="broken-link" title="why">x</span>'],
  ])('%s', (_, html, clean) => {
    expect(cleanHtml(html).html).toBe(clean);
  });

  it('the check reports what the build removes from media', () => {
    expect(findHtmlViolations('<video autoplay src="/files/v/m.mp4"></video>').map((f) => f.message)).toEqual([expect.stringContaining('autoplay')]);
  });

  it('an untrusted fixture source renders its media and anchors unchanged through the policy', () => {
    const dir = dialectFixture('obsidian');
    const source = { ...localSource('obsidian', dir, { layout: 'notes' }), trust: 'untrusted' as const };
    const { garden, page } = dialectGarden('obsidian');
    garden.sources.set('obsidian', source);
    const html = renderPage(garden, page('Home.md')).html;
    // The policy writes a quote in an attribute as `&#x22;`, the renderer as `&quot;`: the same text.
    expect(cleanHtml(html).html).toBe(html.replaceAll('&quot;', '&#x22;'));
  });
});

describe('npm run check says which dialect it assumed', () => {
  it('for each notes source, and for a source read in a dialect', async () => {
    const root = dialectFixture('.');
    const config = parseConfig(
      {
        sources: [
          { name: 'vault', path: './obsidian', layout: 'notes' },
          { name: 'dendron', path: './dendron', layout: 'notes' },
          { name: 'foam', path: './foam', layout: 'notes', dialect: 'gfm' },
        ],
      },
      'garden.config.ts',
      root,
    );
    const report = await checkContent({ cwd: root, config });
    expect(dialectLines(report)).toEqual([
      'Source "vault": links read as obsidian (found .obsidian/; set `dialect` to change it)',
      'Source "dendron": links read as dendron (found dendron.yml; set `dialect` to change it)',
      'Source "foam": links read as gfm (set in the settings; set `dialect` to change it)',
    ]);
    // Beside each other, with only path and layout: every form above resolves.
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('links and images written as raw HTML', () => {
  it('resolve like Markdown links and are written back in place', () => {
    const body =
      '# Raw\n\n<p align="center"><a href="rebase-safely.md#the-rule" title="The rule"><img src="../courses/git/branches.svg" width="60"/></a> <a href="https://example.com/">out</a></p>\n\n## Here\n\n<a href="#here">up</a> <a href="/notes/rebase-safely/">by route</a>\n';
    const { garden, page } = gardenWith('raw', body);
    const r = renderPage(garden, page);
    expect(r.problems).toEqual([]);
    expect(r.html).toContain(
      '<p align="center"><a href="/learning/notes/rebase-safely/#the-rule" title="The rule"><img src="/learning/files/local/courses/git/branches.svg" width="60"/></a> <a href="https://example.com/">out</a></p>',
    );
    expect(r.html).toContain('<a href="#here">up</a> <a href="/learning/notes/rebase-safely/">by route</a>');
  });

  it('leaves alone what is no page or file: other schemes, written as a browser reads them', () => {
    const { garden, page } = gardenWith('raw', '# Raw\n\n<a href="mailto:a@b.example">m</a> <a href="jav\tascript:alert(1)">j</a> <a href=" data:text/html,x">d</a>\n');
    expect(renderPage(garden, page).problems).toEqual([]);
  });

  it.each([
    ['a missing page', '<a href="nope.md">x</a>', 'raw.md:3 → broken link "nope.md" (in <a href>): no such file (looked for notes/nope.md)'],
    ['a missing anchor on this page', '<a href="#nowhere">x</a>', 'raw.md:3 → broken link "#nowhere" (in <a href>): this page has no heading #nowhere'],
    ['a missing image', '<img src="gone.png" alt="Gone">', 'raw.md:3 → broken link "gone.png" (in <img src>): no such file (looked for notes/gone.png)'],
    ['a missing image on the third line of the HTML', '<div>\n\n<img src="gone.png" alt="Gone">\n</div>', 'raw.md:5 → broken link "gone.png" (in <img src>): no such file (looked for notes/gone.png)'],
  ])('%s is an error at its line', (_why, html, expected) => {
    const { garden, page } = gardenWith('raw', `# Raw\n\n${html}\n`);
    expect(renderPage(garden, page).problems[0]).toContain(expected);
  });

  it('an address no browser can follow is a broken link; with brokenLinks: warn, marked text', () => {
    const body = '# Raw\n\nAt <http://localhost:port> or [here](https://exa mple.com/) and <https://example.com/ok>.\n';
    const strict = gardenWith('raw', body);
    expect(renderPage(strict.garden, strict.page).problems).toEqual([expect.stringContaining('raw.md:3 → broken link "http://localhost:port": it is not a valid URL (write the whole address')]);
    const lenient = gardenWith('raw', body, { brokenLinks: 'warn' });
    const r = renderPage(lenient.garden, lenient.page);
    expect(r.html).toContain('At <span class="broken-link" title="Grove could not resolve this link: it is not a valid URL">http://localhost:port</span> or');
    expect(r.html).toContain('<a href="https://example.com/ok">');
  });

  it('with brokenLinks: warn, what does not resolve is marked text, not a link or an image', () => {
    const { garden, page } = gardenWith('raw', '# Raw\n\n<td><a href="#question-x" title="Answering Questions">💬</a> <img src="gone.png" alt="Gone"/></td>\n', { brokenLinks: 'warn' });
    const r = renderPage(garden, page);
    expect(r.problems).toHaveLength(2);
    expect(r.html).toContain('<span class="broken-link" title="Grove could not resolve this link: this page has no heading #question-x">💬</span>');
    expect(r.html).toContain('<span class="broken-link" title="Grove could not resolve this link: no such file (looked for notes/gone.png)">Gone</span>');
    expect(r.html).not.toMatch(/href="#question-x"|src="gone.png"/);
  });
});

describe('anchors as the published page has them', () => {
  it("^id at the end of a line the paragraph goes on after is the paragraph's id", () => {
    const { garden, page } = gardenWith('mid', '# Mid\n\nFirst line. ^mid-block\nSecond line.\n\nSee [[#^mid-block]].\n');
    const r = renderPage(garden, page);
    expect(r.problems).toEqual([]);
    expect(r.html).toContain('<p id="^mid-block">First line.\nSecond line.</p>');
  });

  it('^id alone under a code block is an anchor just above it', () => {
    const { garden, page } = gardenWith('code', '# Code\n\n```yml\na: 1\n```\n\n^the-config\n\nSee [[#^the-config]].\n');
    const r = renderPage(garden, page);
    expect(r.problems).toEqual([]);
    expect(r.html).toMatch(/<div id="\^the-config" class="block-anchor"><\/div>\s*<pre/);
    expect(r.html).not.toContain('<p>^the-config</p>');
  });

  it("an untrusted page's heading that the layout also uses is linked by the id the policy gives it", () => {
    const { garden, page } = dialectGarden('obsidian', { trust: 'untrusted' });
    const guide = page('Guide.md');
    (guide as { body: string }).body += '\n\n## Prerequisites\n\nSee [[#Prerequisites]] and [[Guide#Prerequisites]].\n';
    const r = renderPage(garden, guide);
    expect(r.html).toContain('<a href="#user-content-prerequisites">Prerequisites</a>');
    expect(r.html).toContain('<a href="/notes/guide/#user-content-prerequisites">Guide › Prerequisites</a>');
  });

  it('an embed inside a sentence is a link whose anchor is checked like any link', () => {
    const { garden, page } = gardenWith('inline', '# Inline\n\nSee ![[rebase-safely#nope]] here.\n', { brokenLinks: 'warn' });
    const r = renderPage(garden, page);
    expect(r.problems).toEqual([expect.stringContaining('"Rebasing safely" has no heading #nope')]);
    expect(r.html).toContain('<a href="/learning/notes/rebase-safely/">');
  });
});
