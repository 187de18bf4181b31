/**
 * The untrusted boundary (#12), one row per hostile input, each run through the one page pipeline
 * the build and `npm run check` share (render-page.ts):
 * - with the default `unsafeHtml: 'error'` the check reports it, naming the file (no stack trace);
 * - with `unsafeHtml: 'strip'` the page's final HTML, parsed as the browser parses it inside the
 *   layout, has no event handler, no script, no `javascript:` URL, no element that loads or embeds
 *   something, no unprefixed `name`, and cannot swallow the layout that follows it;
 * - the check's warnings and the sanitizer agree: it warns exactly when the sanitizer changed the page.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dangersIn } from '../html-dangers.ts';
import { loadConfig } from '../../../src/garden/settings/config.ts';
import { checkContent } from '../../../src/garden/commands/content-check.ts';
import { buildGarden, type Garden } from '../../../src/garden/model/garden.ts';
import { cleanHtml, LAYOUT_IDS } from '../../../src/garden/policy/html-policy.ts';
import { formatProblem, type Problem } from '../../../src/garden/core/problems.ts';
import { commandRendering, renderPage } from '../../../src/garden/render/render-page.ts';

/** `error`: the check must report an error; `clean`: no error, and the output is inert; `warn`: a warning only. */
type Expect = 'error' | 'clean' | 'warn';

/** Each hostile input: a name (its file), the page body, what the check must say, and what the final HTML must (not) contain. */
const HOSTILE: Array<[string, string, Expect, { has?: string[]; lacks?: string[] }?]> = [
  // Stored XSS that passed the check before (#12).
  ['body-onload', 'Text.\n\n<body onload="alert(1)">', 'error', { has: ['Text.'] }],
  ['col-img-onerror', '<col><img src=x onerror=alert(1)>', 'error'],
  ['html-onmouseover', '<html onmouseover="alert(1)">x', 'error'],
  ['details-unclosed', 'Text.\n\n<details open ontoggle=alert(1)', 'error', { has: ['Text.'] }],
  ['title-reopens', '<input type="checkbox" title="a><img src=x onerror=alert(1)>">', 'clean'],
  // Script, handlers and URLs, however they are spelled.
  ['script', '<script>alert(1)</script>', 'error'],
  ['svg-script', '<svg><script>alert(1)</script></svg>', 'error'],
  ['svg-onload', '<svg onload=alert(1)>', 'error'],
  ['math-mxss', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', 'error'],
  ['noscript-mxss', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', 'error'],
  ['form-math-mxss', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', 'error'],
  ['template', '<template><img src=x onerror=alert(1)></template>', 'error'],
  ['xmp', '<xmp><img src=x onerror=alert(1)></xmp>', 'error'],
  ['iframe-srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', 'error'],
  ['object-js', '<object data="javascript:alert(1)"></object>', 'error'],
  ['meta-refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">', 'error'],
  ['base', '<base href="https://evil.example/">', 'error'],
  ['a-javascript', '<a href="javascript:alert(1)">x</a>', 'error', { has: ['>x</a>'] }],
  ['a-javascript-tab', '<a href="jav&#x09;ascript:alert(1)">x</a>', 'error'],
  ['a-data-html', '<a href="data:text/html,<script>alert(1)</script>">x</a>', 'error'],
  ['img-data-svg', '<img src="data:image/svg+xml,<svg onload=alert(1)>">', 'error'],
  ['md-link-javascript', '[x](javascript:alert(1))', 'error'],
  ['md-autolink-javascript', '<javascript:alert(1)>', 'error'],
  ['md-definition-javascript', '[x]\n\n[x]: javascript:alert(1)', 'error'],
  ['md-image-javascript', '![x](javascript:alert(1))', 'error'],
  ['button-formaction', '<button formaction="javascript:alert(1)">x</button>', 'error'],
  ['input-text', '<input type="text" name="password">', 'error'],
  // Gaps in the policy (#12): unknown attributes, clobbering, hidden text, other hosts, windows.
  ['popover', '<div popover id="x">x</div>', 'error'],
  ['target-blank', '<a href="https://example.org/" target="_blank">x</a>', 'error', { has: ['rel="noopener noreferrer nofollow"'] }],
  ['name-clobber', '<img name="querySelector" src="a.png" alt="">', 'clean', { has: ['name="user-content-querySelector"'] }],
  ['id-clobber', '<div id="main">x</div>', 'clean', { has: ['id="user-content-main"'] }],
  ['heading-layout-id', '## Main\n\nText', 'clean', { has: ['id="user-content-main"'] }],
  ['class-visually-hidden', '<span class="visually-hidden">secret</span>', 'clean', { has: ['class="user-content-visually-hidden"'] }],
  ['class-question-actions-hidden', '<div class="question-actions" hidden>secret</div>', 'error', { lacks: ['hidden'] }],
  ['opacity-calc', '<span style="opacity:calc(0)">secret</span>', 'error', { lacks: ['opacity'] }],
  ['filter-opacity', '<span style="filter:opacity(0)">secret</span>', 'error', { lacks: ['filter'] }],
  ['rgba-transparent', '<span style="color:rgba(0,0,0,0)">secret</span>', 'error', { lacks: ['rgba'] }],
  ['one-pixel-box', '<div style="width:1px;height:1px;overflow:hidden">secret</div>', 'error', { lacks: ['overflow'] }],
  ['overlay', '<div style="position:fixed;inset:0;background:white">Log in again</div>', 'error', { lacks: ['position'] }],
  ['css-url', '<div style="background-image:url(https://evil.example/t.png)">x</div>', 'error', { lacks: ['evil.example'] }],
  ['unclosed-comment', 'Text.\n\n<!-- the rest is hidden\n\nSecret.', 'error'],
  ['data-pagefind', '<div data-pagefind-weight="10">spam</div>', 'error'],
  // Images from other hosts become links, with a warning only.
  ['external-image-html', '<img src="https://evil.example/track.png" alt="A cat">', 'warn', { has: ['>A cat</a>'], lacks: ['<img'] }],
  ['external-image-md', '![A cat](https://evil.example/track.png)', 'warn', { has: ['>A cat</a>'], lacks: ['<img'] }],
  // A body that starts with a thematic break is not a second frontmatter: nothing of it is dropped.
  ['thematic-break', '---\n\nText one.\n\n---\n\nText two.', 'clean', { has: ['Text one.', '<hr>', 'Text two.'] }],
  // What ordinary Markdown and wiki HTML use stays as it was.
  [
    'harmless',
    '<details><summary>More</summary><kbd>Ctrl</kbd> H<sub>2</sub>O <mark>x</mark></details>\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: A note.\n\n- [x] done\n',
    'clean',
    { has: ['<kbd>Ctrl</kbd>', 'style="text-align: center"', 'aria-label="done"', 'id="user-content-fn-1"'] },
  ],
  [
    'harmless-styles',
    '<p align="center"><span style="color: darkred; font-weight: bold">x</span> <img src="a.png" alt="A" width="300"></p>',
    'clean',
    { has: ['style="color: darkred; font-weight: bold"'] },
  ],
];

const temp = mkdtempSync(join(tmpdir(), 'grove-boundary-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A garden with one untrusted source holding every row as a note. */
function garden(unsafeHtml: 'error' | 'strip'): string {
  const dir = join(temp, unsafeHtml);
  mkdirSync(join(dir, 'team', 'notes'), { recursive: true });
  mkdirSync(join(dir, 'local', 'notes'), { recursive: true });
  writeFileSync(join(dir, 'local', 'notes', 'home.md'), '# Home\n\nA trusted note.\n');
  for (const [name, body] of HOSTILE) writeFileSync(join(dir, 'team', 'notes', `${name}.md`), `---\ntitle: ${name}\n---\n${body}\n`);
  // The image the raw HTML above shows (its src is resolved like any link).
  writeFileSync(join(dir, 'team', 'notes', 'a.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
  writeFileSync(
    join(dir, 'garden.config.mjs'),
    `export default { title: 'Boundary', sources: [{ name: 'local', path: './local' }, { name: 'team', path: './team', trust: 'untrusted', unsafeHtml: '${unsafeHtml}' }] };\n`,
  );
  return dir;
}

describe('hostile input through the one page pipeline', () => {
  let checked: Problem[] = [];
  let strip: Garden;
  beforeAll(async () => {
    const errorDir = garden('error');
    const report = await checkContent({ config: await loadConfig(errorDir, { GARDEN_CONFIG: join(errorDir, 'garden.config.mjs') }), cwd: errorDir });
    checked = report.problems;
    const stripDir = garden('strip');
    strip = buildGarden(await loadConfig(stripDir, { GARDEN_CONFIG: join(stripDir, 'garden.config.mjs') }), stripDir);
  });

  it.each(HOSTILE)('%s', async (name, _body, expected, contains = {}) => {
    const mine = checked.filter((p) => p.file.endsWith(`/${name}.md`));
    const shown = mine.map(formatProblem).join('\n');
    // Never a stack trace, always the file.
    expect(shown).not.toMatch(/^\s+at /m);
    if (expected === 'error') expect(mine.filter((p) => p.severity === 'error').length, `the check said: ${shown || 'nothing'}`).toBeGreaterThan(0);
    else if (expected === 'warn')
      expect(
        mine.map((p) => p.severity),
        shown,
      ).toEqual(mine.map(() => 'warning'));
    else expect(mine, shown).toEqual([]);
    if (expected === 'warn') expect(mine.length).toBeGreaterThan(0);

    const entry = strip.entries.find((e) => e.id === name)!;
    const page = await renderPage(strip, entry, commandRendering(strip));
    expect(page.status).toBe('html');
    const html = page.html!;
    expect(dangersIn(html), html).toEqual([]);
    for (const s of contains.has ?? []) expect(html).toContain(s);
    for (const s of contains.lacks ?? []) expect(html).not.toContain(s);
    // Check and strip agree: in strip mode a page warns of removals exactly when the error mode fails it.
    const removals = page.problems.filter((p) => p.severity === 'warning' && p.message.startsWith('removed'));
    expect(removals.length > 0, page.problems.map(formatProblem).join('\n')).toBe(expected === 'error');
    // And what it shows is final: cleaning it again changes nothing.
    expect(cleanHtml(html).changed).toBe(false);
  });

  it('untrusted MDX that does not parse is one problem at its line, and never compiled', async () => {
    const dir = join(temp, 'mdx');
    mkdirSync(join(dir, 'team', 'notes'), { recursive: true });
    writeFileSync(join(dir, 'team', 'notes', 'heart.mdx'), '---\ntitle: Heart\n---\nI <3 MDX\n');
    writeFileSync(join(dir, 'garden.config.mjs'), `export default { title: 'MDX', sources: [{ name: 'team', path: './team', trust: 'untrusted' }] };\n`);
    const report = await checkContent({ config: await loadConfig(dir, { GARDEN_CONFIG: join(dir, 'garden.config.mjs') }), cwd: dir });
    expect(report.problems.map(formatProblem)).toEqual([expect.stringMatching(/^team\/notes\/heart\.mdx:4:\d+ → this MDX does not compile: /)]);
  });
});

describe('ids the layout owns', () => {
  it('are every static id the templates write, so an untrusted heading cannot take one', () => {
    const src = join(import.meta.dirname, '..', '..', '..', 'src');
    const ids = new Set<string>();
    for (const dir of ['layouts', 'components', 'pages']) {
      for (const f of readdirSync(join(src, dir), { recursive: true, withFileTypes: true })) {
        if (!f.isFile() || !f.name.endsWith('.astro')) continue;
        for (const m of readFileSync(join(f.parentPath, f.name), 'utf8').matchAll(/\bid="([a-z][a-z0-9-]*)"/g)) ids.add(m[1]!);
      }
    }
    expect(ids.size).toBeGreaterThan(20);
    expect([...ids].filter((id) => !LAYOUT_IDS.has(id))).toEqual([]);
  });
});

/**
 * Input that once crashed or hung the check and the build (#12): now one problem naming the file and
 * line, through the one pipeline; or (no pattern) plain text that renders, in linear time.
 */
const CRASHERS: Array<[string, () => string, RegExp | undefined]> = [
  ['deep-list', () => Array.from({ length: 3000 }, (_, i) => `${' '.repeat(Math.min(2 * i, 600))}- x`).join('\n'), /nest|MiB/],
  ['deep-quotes', () => `${'>'.repeat(10_000)} x`, /nest/],
  ['deep-divs', () => '<div>'.repeat(100_000), /nest|MiB/],
  ['many-lt', () => '<'.repeat(400_000), undefined],
  ['many-embeds', () => '![['.repeat(50_000), /brackets open/],
  ['yaml-alias-bomb', () => 'x', /aliases/],
];

describe('input that once crashed or hung the check', () => {
  it('is one problem naming the file, never a stack trace', { timeout: 120_000 }, async () => {
    const dir = join(temp, 'crashers');
    mkdirSync(join(dir, 'team', 'notes'), { recursive: true });
    for (const [name, body] of CRASHERS) {
      const front =
        name === 'yaml-alias-bomb'
          ? `title: Bomb\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntopics: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]`
          : `title: ${name}`;
      writeFileSync(join(dir, 'team', 'notes', `${name}.md`), `---\n${front}\n---\n${body()}\n`);
    }
    writeFileSync(join(dir, 'garden.config.mjs'), `export default { title: 'Crash', sources: [{ name: 'team', path: './team', trust: 'untrusted', unsafeHtml: 'strip' }] };\n`);
    const report = await checkContent({ config: await loadConfig(dir, { GARDEN_CONFIG: join(dir, 'garden.config.mjs') }), cwd: dir });
    for (const [name, , pattern] of CRASHERS) {
      const mine = report.problems.filter((p) => p.file.endsWith(`/${name}.md`) && p.severity === 'error');
      const shown = mine.map(formatProblem).join('\n');
      if (!pattern) {
        expect(mine, name).toEqual([]);
        continue;
      }
      expect(mine.length, `${name}: ${report.problems.map(formatProblem).join('\n').slice(0, 500)}`).toBeGreaterThan(0);
      expect(shown).toMatch(pattern);
      expect(shown).not.toMatch(/^\s+at /m);
    }
  });
});
