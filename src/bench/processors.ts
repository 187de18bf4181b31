/**
 * Astro 7's two Markdown processors side by side on the same pages, with Grove's link behaviour in
 * both: Sätteri (Rust, the default) with Grove's mdast plugin, and unified (remark/rehype) with a
 * remark plugin that sends the same links and wikilinks through the same resolver. Both highlight
 * code with Shiki and add heading ids, as a build does.
 */
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { pathToFileURL } from 'node:url';
import type { Garden } from '../garden/model/garden.ts';
import { resolveLink, resolveWikilink } from '../garden/model/links.ts';
import { gardenMdastPlugins } from '../garden/render/link-plugin.ts';
import { linkReports } from '../garden/render/link-reports.ts';
import { SHIKI_CONFIG } from '../garden/render/hast-plugins.ts';
import { median } from './measure.ts';
import { MARKDOWN_FEATURES } from '../garden/content/syntax.ts';

type MdNode = { type: string; url?: string; value?: string; children?: MdNode[] };

/** The remark version of Grove's link handling, for the comparison only. */
function remarkGroveLinks(garden: Garden) {
  return () => (tree: MdNode, file: { path?: string; history?: string[] }) => {
    const abs = file.path ?? file.history?.[0];
    const entry = abs ? garden.byAbs.get(abs) : undefined;
    if (!entry) return;
    const from = { source: entry.source, path: entry.path };
    const visit = (node: MdNode) => {
      if ((node.type === 'link' || node.type === 'definition') && node.url) {
        const r = resolveLink(garden.links, from, node.url);
        if (r.type === 'page' || r.type === 'route') node.url = r.href;
      }
      if (!node.children) return;
      const out: MdNode[] = [];
      for (const child of node.children) {
        if (child.type === 'text' && child.value?.includes('[[')) {
          let rest = child.value;
          for (let m = /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/.exec(rest); m; m = /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/.exec(rest)) {
            if (m.index > 0) out.push({ type: 'text', value: rest.slice(0, m.index) });
            const r = resolveWikilink(garden.links, m[1]!);
            const label = m[2] ?? (r.type === 'page' ? r.entry.title : m[1]!);
            out.push(r.type === 'page' ? { type: 'link', url: r.href, children: [{ type: 'text', value: label }] } : { type: 'text', value: m[0] });
            rest = rest.slice(m.index + m[0].length);
          }
          if (rest) out.push({ type: 'text', value: rest });
        } else {
          visit(child);
          out.push(child);
        }
      }
      node.children = out;
    };
    visit(tree);
  };
}

/** Milliseconds each processor took to render every `.md` page of the garden (median of `rounds`). */
export async function compareProcessors(garden: Garden, rounds = 3): Promise<{ pages: number; satteriMs: number; unifiedMs: number }> {
  const pages = garden.entries.filter((e) => e.format === 'md');
  const satteri = await createSatteriMarkdownProcessor({ mdastPlugins: gardenMdastPlugins(), features: MARKDOWN_FEATURES, syntaxHighlight: 'shiki', shikiConfig: SHIKI_CONFIG });
  const unified = await createMarkdownProcessor({
    remarkPlugins: [remarkGroveLinks(garden) as never],
    syntaxHighlight: 'shiki',
    shikiConfig: SHIKI_CONFIG,
  });
  const run = async (r: { render: (s: string, o: { fileURL: URL }) => Promise<unknown> }) => {
    const start = performance.now();
    for (const e of pages) await r.render(e.body, { fileURL: pathToFileURL(e.abs) });
    return performance.now() - start;
  };
  // One round each first, so both start with warm code and a loaded highlighter.
  await run(satteri);
  await run(unified);
  const s: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < rounds; i++) {
    s.push(await run(satteri));
    u.push(await run(unified));
  }
  linkReports().clear();
  return { pages: pages.length, satteriMs: median(s), unifiedMs: median(u) };
}
