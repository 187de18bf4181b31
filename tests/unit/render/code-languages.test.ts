/**
 * Code-fence languages are matched case-insensitively (src/garden/render/code-languages.ts): a fence
 * written ```JavaScript, ```Python or ```SH is highlighted exactly like its lower-case name, through
 * the link plugin and the same Shiki highlighter and themes the build uses.
 */
import { describe, expect, it } from 'vitest';
import { satteriCreateHighlightFn, satteriHighlightPlugin } from '@astrojs/markdown-satteri';
import { markdownToHtml, type HastPluginEntry } from 'satteri';
import { gardenWith, render } from '../markdown-helpers.ts';
import { createLinkPlugin } from '../../../src/garden/render/link-plugin.ts';
import { SHIKI_CONFIG } from '../../../src/garden/render/hast-plugins.ts';
import { MARKDOWN_FEATURES } from '../../../src/garden/content/syntax.ts';

const CASES: Array<[written: string, shiki: string, code: string]> = [
  ['JavaScript', 'javascript', 'const answer = 42;'],
  ['Python', 'python', 'def answer():\n    return 42'],
  ['SH', 'sh', 'ls -la | grep notes'],
  ['Bash', 'bash', 'echo "$HOME"'],
  ['TypeScript', 'typescript', 'let n: number = 1;'],
  ['YAML', 'yaml', 'title: Notes'],
  ['JSON', 'json', '{ "a": 1 }'],
  ['C++', 'c++', 'int main() { return 0; }'],
];

const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code}\n\`\`\`\n`;

describe('code-fence languages, whatever their case', () => {
  it.each(CASES)('```%s is given the language %s', (written, shiki, code) => {
    expect(render(fence(written, code)).html).toContain(`class="language-${shiki}"`);
  });

  it('leaves a lower-case language and a fence without one as they are', () => {
    const { html } = render(`${fence('javascript', 'x')}\n${fence('', 'plain')}`);
    expect(html).toContain('class="language-javascript"');
    expect(html).toContain('<pre><code>plain');
  });

  it('is highlighted by Shiki exactly like the lower-case name', async () => {
    const highlight = await satteriCreateHighlightFn('shiki', SHIKI_CONFIG as never);
    const hastPlugins: HastPluginEntry[] = [satteriHighlightPlugin(highlight!, undefined)];
    const html = async (body: string, withGrove = true) => {
      const { garden, page } = gardenWith('code', body);
      const out = await markdownToHtml(body, { mdastPlugins: withGrove ? [createLinkPlugin(garden, page)] : [], hastPlugins, features: MARKDOWN_FEATURES });
      return (out as { html: string }).html;
    };
    for (const [written, shiki, code] of CASES.filter(([, s]) => s !== 'c++')) {
      // The first block of a language Shiki has just loaded may colour a token differently: compare warm renderings.
      await html(fence(shiki, code));
      const expected = await html(fence(shiki, code));
      // Highlighted: coloured tokens, not one plain line.
      expect(expected).toMatch(/<span style="[^"]*--shiki-dark/);
      expect(await html(fence(written, code))).toBe(expected);
      // Without the lower-casing Shiki would not know the name: the test can tell the difference.
      expect(await html(fence(written, code), false)).not.toBe(expected);
    }
  });
});
