import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkSite, decodeEntities, formatProblem, formatSummary, normalizeBase, parseSrcset, type LinkProblem } from '../../scripts/check-links.ts';

/** Writes a tiny built site (file path → contents) into a fresh temp folder and returns the folder. */
function writeSite(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'grove-check-links-'));
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), contents);
  }
  return dir;
}

const page = (head: string, body: string): string => `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

/** The sample site, as Astro would build it with base `/learning/`. */
const SITE: Record<string, string> = {
  'index.html': page(
    `<link rel="stylesheet" href="/learning/_astro/site.css"><script type="module" src="/learning/_astro/app.js"></script>`,
    `<main id="main"><h1>Grove</h1>
      <a href="/learning/notes/a/">good link</a>
      <a href='/learning/notes/missing/'>broken link</a>
      <a href="/learning/notes/a/#usage">good anchor</a>
      <a href="/learning/notes/a/#nowhere">broken anchor</a>
      <a href="/learning/notes/%C3%BCberblick/#%C3%BCbersicht">encoded non-ASCII page and anchor</a>
      <a href="/learning/notes/überblick/#übersicht">raw non-ASCII page and anchor</a>
      <a href="/learning/search/?q=a&amp;kind=note">query with an entity</a>
      <a href="/learning/about">extensionless, served from about.html</a>
      <a href="/learning">base without its slash</a>
      <a href="/elsewhere/">outside the base</a>
      <a href="#main">same-page anchor</a>
      <a href="#gone">broken same-page anchor</a>
      <a href="https://example.com/docs">external navigation is fine</a>
      <a href="mailto:team@example.com">mail</a>
      <img src="/learning/_astro/logo.png" srcset="/learning/_astro/logo.png 1x, /learning/_astro/logo@2x.png 2x" alt="">
      <script>const html = '<a href="/learning/in-a-script/">'; // not a link</script>
      <!-- <a href="/learning/in-a-comment/"> -->
    </main>`,
  ),
  'notes/a/index.html': page('', `<main><h1>A</h1><h2 id="usage">Usage</h2><a href="../überblick/">relative</a><a href="../../">home</a></main>`),
  'notes/überblick/index.html': page('', `<main><h1>Überblick</h1><h2 id="übersicht">Übersicht</h2></main>`),
  'search/index.html': page('', '<main><h1>Search</h1></main>'),
  'about.html': page('', '<main><h1>About</h1></main>'),
  '_astro/site.css': `body{background:url(./logo.png)}@font-face{src:url("/learning/_astro/font.woff2")}`,
  '_astro/app.js': '',
  '_astro/logo.png': '',
  '_astro/logo@2x.png': '',
  '_astro/font.woff2': '',
};

/** A site that loads assets from other hosts in every way the checker knows. */
const EXTERNAL_SITE: Record<string, string> = {
  'index.html': page(
    `<link rel="stylesheet" href="https://cdn.example.com/x.css">
     <link rel="icon" href="//cdn.example.com/favicon.ico">
     <link rel="canonical" href="https://intranet.example/learning/">
     <script src="https://cdn.example.com/x.js"></script>
     <style>body { background: url('https://img.example.com/bg.png') } /* url(https://in-a-comment.example/) */</style>`,
    `<main><h1>x</h1><a href="https://example.com/">a link to another site</a>
      <img src="https://img.example.com/a.png" alt=""><iframe src="https://video.example.com/embed"></iframe></main>`,
  ),
  'site.css': `@import url("https://fonts.example.com/css2?family=Inter");
    @import 'https://cdn.example.com/reset.css';
    .hero { background-image: url(https://img.example.com/hero.jpg) }`,
};

describe('checkSite', () => {
  let site: string;
  let external: string;
  beforeAll(() => {
    site = writeSite(SITE);
    external = writeSite(EXTERNAL_SITE);
  });
  afterAll(() => {
    rmSync(site, { recursive: true, force: true });
    rmSync(external, { recursive: true, force: true });
  });

  test('reports exactly the broken links and anchors, in document order', () => {
    const result = checkSite(site, { base: '/learning/' });
    expect(result.problems).toEqual<LinkProblem[]>([
      { file: 'index.html', kind: 'broken-link', link: '/learning/notes/missing/', reason: 'no such file' },
      { file: 'index.html', kind: 'broken-anchor', link: '/learning/notes/a/#nowhere', reason: 'no id "nowhere" in notes/a/index.html' },
      { file: 'index.html', kind: 'outside-base', link: '/elsewhere/', reason: 'outside base /learning/' },
      { file: 'index.html', kind: 'broken-anchor', link: '#gone', reason: 'no id "gone" in index.html' },
    ]);
    expect(result.pages).toBe(5);
  });

  test('formats one line per problem and a summary', () => {
    const result = checkSite(site, { base: '/learning/' });
    expect(result.problems.map((p) => formatProblem(p, 'dist/'))).toEqual([
      'dist/index.html: broken link /learning/notes/missing/ (no such file)',
      'dist/index.html: broken anchor /learning/notes/a/#nowhere (no id "nowhere" in notes/a/index.html)',
      'dist/index.html: broken link /elsewhere/ (outside base /learning/)',
      'dist/index.html: broken anchor #gone (no id "gone" in index.html)',
    ]);
    expect(formatSummary({ ...result, ms: 12.3 })).toBe(`5 pages, ${result.links} links checked, 4 problems in 12 ms`);
  });

  test('with the default base `/`, every /learning/ link is a broken link', () => {
    const problems = checkSite(site).problems.filter((p) => p.kind === 'broken-link');
    expect(problems.map((p) => p.link)).toContain('/learning/notes/a/');
    expect(problems.map((p) => p.link)).toContain('/learning/_astro/font.woff2');
  });

  test('a missing file referenced from CSS is reported against the stylesheet', () => {
    const { '_astro/logo.png': _logo, ...withoutLogo } = SITE;
    const broken = writeSite(withoutLogo);
    try {
      const problems = checkSite(broken, { base: '/learning/' }).problems.filter((p) => p.kind === 'broken-link');
      expect(problems).toEqual<LinkProblem[]>([
        { file: '_astro/site.css', kind: 'broken-link', link: './logo.png', reason: 'no such file' },
        { file: 'index.html', kind: 'broken-link', link: '/learning/notes/missing/', reason: 'no such file' },
        { file: 'index.html', kind: 'broken-link', link: '/learning/_astro/logo.png', reason: 'no such file' },
      ]);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  test('flags every asset from another host, but not links to other sites', () => {
    const { problems } = checkSite(external);
    expect(problems.map((p) => `${p.file}: ${p.link} ${p.reason}`)).toEqual([
      'index.html: https://cdn.example.com/x.css <link rel=stylesheet>',
      'index.html: //cdn.example.com/favicon.ico <link rel=icon>',
      'index.html: https://cdn.example.com/x.js <script src>',
      'index.html: https://img.example.com/bg.png <style> url()',
      'index.html: https://img.example.com/a.png <img src>',
      'index.html: https://video.example.com/embed <iframe src>',
      'site.css: https://fonts.example.com/css2?family=Inter CSS @import',
      'site.css: https://cdn.example.com/reset.css CSS @import',
      'site.css: https://img.example.com/hero.jpg CSS url()',
    ]);
    expect(problems.every((p) => p.kind === 'external-asset')).toBe(true);
  });

  test('reports a broken nav link once per page, not once per use', () => {
    const nav = '<a href="/gone/">x</a>'.repeat(3);
    const dir = writeSite({ 'index.html': page('', nav), 'b/index.html': page('', nav) });
    try {
      expect(checkSite(dir).problems.map((p) => p.file)).toEqual(['b/index.html', 'index.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('helpers', () => {
  test.each([
    [undefined, '/'],
    ['', '/'],
    ['learning', '/learning/'],
    ['/learning', '/learning/'],
    ['/learning/', '/learning/'],
    ['/lernen/über/', '/lernen/%C3%BCber/'],
  ])('normalizeBase(%j) → %j', (input, expected) => {
    expect(normalizeBase(input)).toBe(expected);
  });

  test.each([
    ['a.png', ['a.png']],
    ['a.png 1x, b.png 2x', ['a.png', 'b.png']],
    ['a.png, b.png 2x', ['a.png', 'b.png']],
    // The spec reads up to whitespace first, so a comma with no space after it stays inside the URL.
    ['a.png,b.png 2x', ['a.png,b.png']],
    ['a.png 1x,b.png 2x', ['a.png', 'b.png']],
    ['  a.png 100w ,  b.png 200w  ', ['a.png', 'b.png']],
    ['data:image/png;base64,AAA 1x, b.png 2x', ['data:image/png;base64,AAA', 'b.png']],
  ])('parseSrcset(%j) → %j', (input, expected) => {
    expect(parseSrcset(input)).toEqual(expected);
  });

  test.each([
    ['/a?x=1&amp;y=2', '/a?x=1&y=2'],
    ['&#39;&#x27;&quot;', `''"`],
    ['&#xFC;ber', 'über'],
    ['?a=1&copy=2', '?a=1&copy=2'],
    ['&unknown;', '&unknown;'],
  ])('decodeEntities(%j) → %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});
