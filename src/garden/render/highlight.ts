/**
 * The site's code highlighter: Astro's (`@astrojs/markdown-satteri`, Shiki) made from the Markdown
 * settings, with one saving. Shiki writes a block in a light and a dark theme by tokenizing it once
 * per theme (1.7–2 times the cost of one theme: highlighting is the largest cost of rendering a
 * garden's pages). When the two themes are one theme in two palettes — the same rules, scope for
 * scope, with the same font styles, and each light colour standing for one dark colour, as GitHub's
 * light and dark themes are — the dark colours follow from the light ones, so the block is tokenized
 * once, in the light theme, and each token is given both colours the way Shiki gives them
 * (`flatTokenVariants`). The HTML is the same as Shiki's two-pass output (tests/unit/render/highlight.test.ts
 * compares them block by block); any other pair of themes, or settings this does not know (Shiki
 * transformers, a default colour), is highlighted by Astro's function as it is.
 */
import { satteriCreateHighlightFn as createHighlightFn } from '@astrojs/markdown-satteri';
import { bundledThemes, flatTokenVariants, type ShikiTransformer, type ThemedToken, type ThemeRegistration } from 'shiki';

type Settings = Parameters<typeof createHighlightFn>;
/** A code block to its hast element (undefined when highlighting is off). */
export type Highlight = Awaited<ReturnType<typeof createHighlightFn>>;

type Rule = { scope?: string | string[]; settings?: { foreground?: string; fontStyle?: string } };

/** The light → dark colour of every rule and of the default text, when `dark` is `light` in another palette; else undefined. */
export function paletteOf(light: ThemeRegistration, dark: ThemeRegistration): Map<string, string> | undefined {
  const rules = (t: ThemeRegistration): Rule[] => (t.tokenColors ?? t.settings ?? []) as Rule[];
  const a = rules(light);
  const b = rules(dark);
  if (a.length === 0 || a.length !== b.length) return undefined;
  const palette = new Map<string, string>();
  const pair = (l: string | undefined, d: string | undefined): boolean => {
    if (!l && !d) return true;
    if (!l || !d) return false;
    const [from, to] = [l.toUpperCase(), d.toUpperCase()];
    if (palette.has(from) && palette.get(from) !== to) return false;
    palette.set(from, to);
    return true;
  };
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (JSON.stringify(x.scope) !== JSON.stringify(y.scope)) return undefined;
    if ((x.settings?.fontStyle ?? '') !== (y.settings?.fontStyle ?? '')) return undefined;
    if (!pair(x.settings?.foreground, y.settings?.foreground)) return undefined;
  }
  if (!pair(light.colors?.['editor.foreground'], dark.colors?.['editor.foreground'])) return undefined;
  return palette;
}

/** Shiki's two-theme output made from one light tokenization (see the top of this file). */
function twoThemesFromOne(light: ThemeRegistration, dark: ThemeRegistration, palette: ReadonlyMap<string, string>): ShikiTransformer {
  const darkOf = (color: string | undefined) => (color ? palette.get(color.toUpperCase()) : undefined);
  const [lightBg, lightFg] = [light.colors?.['editor.background'], light.colors?.['editor.foreground']];
  const [darkBg, darkFg] = [dark.colors?.['editor.background'], dark.colors?.['editor.foreground']];
  return {
    name: 'grove:two-themes-from-one',
    tokens(lines: ThemedToken[][]) {
      for (const line of lines) {
        for (const token of line) {
          const variant = { color: token.color, fontStyle: token.fontStyle, bgColor: token.bgColor };
          const merged = { content: token.content, offset: token.offset, variants: { light: variant, dark: { ...variant, color: darkOf(token.color) } } };
          token.htmlStyle = flatTokenVariants(merged, ['light', 'dark'], '--shiki-', 'light').htmlStyle;
        }
      }
    },
    pre(node) {
      const cls = String(node.properties.class ?? '');
      node.properties.class = cls.replace(` ${light.name}`, ` astro-code-themes ${light.name} ${dark.name}`);
      const style = String(node.properties.style ?? '');
      node.properties.style = style.replace(`background-color:${lightBg};color:${lightFg}`, `background-color:${lightBg};--shiki-dark-bg:${darkBg};color:${lightFg};--shiki-dark:${darkFg}`);
    },
  };
}

/** Settings that do not change what the single pass must write: `theme` is ignored beside `themes` (Astro's default fills it). */
const NEUTRAL = new Set(['theme', 'wrap', 'langs', 'langAlias']);

/**
 * The settings for the single pass, when these can take it: two bundled themes, light and dark, one
 * theme in two palettes, and nothing else that changes Shiki's output; else undefined.
 */
export async function singlePass(shikiConfig: Settings[1]): Promise<Settings[1] | undefined> {
  const config = (shikiConfig ?? {}) as Record<string, unknown> & { themes?: Record<string, unknown> };
  const { themes, ...rest } = config;
  if (!themes || Object.keys(themes).sort().join() !== 'dark,light') return undefined;
  if (Object.entries(rest).some(([k, v]) => v !== undefined && !NEUTRAL.has(k) && !(k === 'transformers' && Array.isArray(v) && v.length === 0))) return undefined;
  const names = [themes.light, themes.dark];
  if (!names.every((n): n is keyof typeof bundledThemes => typeof n === 'string' && n in bundledThemes)) return undefined;
  const [light, dark] = (await Promise.all(names.map((n) => bundledThemes[n]!()))).map((m) => m.default as ThemeRegistration);
  const palette = paletteOf(light!, dark!);
  if (!palette) return undefined;
  return { ...rest, theme: names[0], transformers: [twoThemesFromOne(light!, dark!, palette)] } as Settings[1];
}

/** The highlighter for these Markdown settings: Astro's, in one pass where the themes allow it. */
export async function siteHighlighter(syntaxHighlight: Settings[0], shikiConfig: Settings[1]): Promise<Highlight> {
  const type = typeof syntaxHighlight === 'string' ? syntaxHighlight : syntaxHighlight ? syntaxHighlight.type : undefined;
  const fast = type === 'shiki' ? await singlePass(shikiConfig) : undefined;
  return createHighlightFn(syntaxHighlight, fast ?? shikiConfig);
}
