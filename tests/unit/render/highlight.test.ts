import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import type { Nodes } from 'hast';
import { satteriCreateHighlightFn as createHighlightFn } from '@astrojs/markdown-satteri';
import { bundledThemes, type ThemeRegistration } from 'shiki';
import { paletteOf, singlePass, siteHighlighter } from '../../../src/garden/render/highlight.ts';
import { SHIKI_CONFIG } from '../../../src/garden/render/hast-plugins.ts';

// The site's settings as Astro resolves them: its defaults beside the site's (`theme` is ignored while `themes` is set).
const resolved = { langs: [], langAlias: {}, theme: 'github-dark', themes: SHIKI_CONFIG.themes, wrap: false, transformers: [] };

const theme = async (name: keyof typeof bundledThemes) => (await bundledThemes[name]()).default as ThemeRegistration;

// Blocks where one pass could differ from Shiki's two: font styles (Markdown's bold and italic),
// embedded languages, Astro's own diff handling, default-coloured text, entities, tabs, wide
// characters, an empty block, a language Shiki does not know, and a meta string.
const BLOCKS: Array<[lang: string, code: string, meta?: string]> = [
  ['md', '# Title\n\nSome **bold**, _italic_ and `code`.\n\n> quote with [a link](https://example.org)\n\n- [ ] task'],
  ['html', '<style>p { color: red }</style>\n<p class="x" onclick="go(1 < 2 && 3 > 2)">Tom &amp; Jerry</p>\n<script>const a = "</p>";</script>'],
  ['diff', '--- a/file\n+++ b/file\n@@ -1 +1 @@\n-old line\n+new line\n unchanged'],
  ['ts', 'type A<T> = { [K in keyof T]?: T[K] };\n\tconst x: A<{ a: 1 }> = {}; // comment\nexport default x;'],
  ['python', 'def f(x):\n    """Doc ü 日本語."""\n    return x ** 2  # square'],
  ['sql', "SELECT a, count(*) FROM t WHERE b >= '2026-01-01' GROUP BY a;"],
  ['bash', 'echo "$HOME" | grep -v \'^#\' > /dev/null 2>&1'],
  ['json', '{ "a": [1, 2.5e3, true, null], "b": "\\u00e9" }'],
  ['css', '@media (min-width: 40em) { .a::before { content: "→"; color: #fff !important } }'],
  ['yaml', 'key: value # comment\nlist:\n  - !tag item\n  - "quoted"'],
  ['rust', 'fn main() { let v: Vec<&str> = vec!["a"]; println!("{:?}", v); }'],
  ['plaintext', 'just text, <not> markup & nothing else'],
  ['klingon', "Qapla'!"],
  ['js', ''],
  ['js', 'console.log(1)', 'title="example.js" {1}'],
];

describe('the site highlighter', () => {
  it('writes both themes in one pass exactly as Shiki writes them in two', async () => {
    const twoPasses = (await createHighlightFn('shiki', resolved as never))!;
    const onePass = (await siteHighlighter('shiki', resolved as never))!;
    for (const [lang, code, meta] of BLOCKS) {
      const expected = toHtml((await twoPasses(code, lang, meta)) as Nodes);
      expect(toHtml((await onePass(code, lang, meta)) as Nodes), `${lang}: ${code.slice(0, 30)}`).toBe(expected);
    }
  }, 60_000);

  it('takes the single pass only for themes that are one theme in two palettes', async () => {
    const palette = paletteOf(await theme('github-light-high-contrast'), await theme('github-dark-high-contrast'));
    expect(palette?.get('#0E1116')).toBe('#F0F3F6');
    expect(paletteOf(await theme('github-light'), await theme('nord'))).toBeUndefined();
    // A light colour that would stand for two dark ones.
    const light = {
      name: 'l',
      tokenColors: [
        { scope: 'a', settings: { foreground: '#111111' } },
        { scope: 'b', settings: { foreground: '#111111' } },
      ],
    } as ThemeRegistration;
    const dark = {
      name: 'd',
      tokenColors: [
        { scope: 'a', settings: { foreground: '#eeeeee' } },
        { scope: 'b', settings: { foreground: '#dddddd' } },
      ],
    } as ThemeRegistration;
    expect(paletteOf(light, dark)).toBeUndefined();
    // The same colours, but one rule bold in the dark theme only.
    const bold = {
      ...dark,
      tokenColors: [
        { scope: 'a', settings: { foreground: '#eeeeee', fontStyle: 'bold' } },
        { scope: 'b', settings: { foreground: '#eeeeee' } },
      ],
    } as ThemeRegistration;
    expect(paletteOf(light, bold)).toBeUndefined();
  });

  it('takes the single pass for the site’s settings as Astro resolves them, and not when they hold more', async () => {
    expect(await singlePass(SHIKI_CONFIG)).toBeDefined();
    expect(await singlePass(resolved as never)).toMatchObject({ theme: 'github-light-high-contrast', wrap: false });
    expect(await singlePass({ ...resolved, defaultColor: 'dark' } as never)).toBeUndefined();
    expect(await singlePass({ ...resolved, transformers: [{ pre: () => {} }] } as never)).toBeUndefined();
    expect(await singlePass({ ...resolved, themes: { light: 'github-light', dark: 'nord' } } as never)).toBeUndefined();
    expect(await singlePass({ theme: 'github-light' } as never)).toBeUndefined();
  });

  it('highlights as Astro does when the settings hold anything else', async () => {
    const code = 'const a = 1;';
    for (const config of [{ theme: 'github-light' }, { themes: { light: 'github-light', dark: 'nord' } }, { ...SHIKI_CONFIG, defaultColor: false }]) {
      const astro = (await createHighlightFn('shiki', config as never))!;
      const site = (await siteHighlighter('shiki', config as never))!;
      expect(toHtml((await site(code, 'js')) as Nodes)).toBe(toHtml((await astro(code, 'js')) as Nodes));
    }
    expect(await siteHighlighter(false as never, SHIKI_CONFIG)).toBeUndefined();
  }, 60_000);
});
