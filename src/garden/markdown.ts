/**
 * Grove's Markdown plugin for Sätteri (Astro 7's Markdown and MDX processor). It sends every link,
 * reference definition and wikilink of a garden page through the one resolver in `links.ts`, writes
 * the resolved URL into the page, and records what it found (targets and broken links, with the
 * line in the file on disk) for the garden model and for error reports.
 */
import { defineMdastPlugin, type MdastPluginEntry, type PluginFactoryContext } from 'satteri';
import { fileURLToPath } from 'node:url';
import type { AnyEntry } from './entries.ts';
import { currentGarden, type Garden } from './garden.ts';
import { resolveLink, resolveWikilink, type Resolution } from './links.ts';
import type { Problem } from './problems.ts';

/** What rendering one page found out about its links. */
export interface LinkReport {
  /** Pages this page links to, by `kind:id`, in order of first appearance. */
  targets: string[];
  /** Links that point nowhere, one problem each. */
  problems: Problem[];
}

/** Code highlighting: two themes, switched by the reader's colour scheme in global.css. */
export const SHIKI_CONFIG = { themes: { light: 'github-light', dark: 'github-dark' } } as const;

/** Sätteri's wikilink feature, enabled for every garden page. */
export const MARKDOWN_FEATURES = { wikilinks: true } as const;

/** The plugin list for `satteri({ mdastPlugins })`; pages outside the garden are left alone. */
export function gardenMdastPlugins(): MdastPluginEntry[] {
  return [(ctx: PluginFactoryContext) => linkPluginFor(ctx)];
}

const REPORTS = Symbol.for('grove.linkReports');
/** Link reports by absolute file path, filled as pages render. */
export function linkReports(): Map<string, LinkReport> {
  const g = globalThis as Record<symbol, Map<string, LinkReport>>;
  return (g[REPORTS] ??= new Map());
}

function linkPluginFor(ctx: PluginFactoryContext) {
  const garden = currentGarden();
  if (!garden || !ctx.fileURL) return null;
  const entry = garden.byAbs.get(fileURLToPath(ctx.fileURL));
  if (!entry) return null;
  return createLinkPlugin(garden, entry);
}

/** The link plugin for one page of a garden. */
export function createLinkPlugin(garden: Garden, entry: AnyEntry) {
  const report: LinkReport = { targets: [], problems: [] };
  const from = { source: entry.source, path: entry.path };
  const lineOf = (node: { position?: { start: { line: number } } | undefined }) =>
    node.position ? node.position.start.line + entry.bodyOffset : undefined;

  const handle = (node: { url: string; position?: { start: { line: number; offset?: number } } }, r: Resolution, shown: string) => {
    if (r.type === 'page') {
      const key = `${r.entry.kind}:${r.entry.id}`;
      if (!report.targets.includes(key)) report.targets.push(key);
      return r.href;
    }
    if (r.type === 'route') return r.href;
    if (r.type === 'broken') {
      report.problems.push({ file: entry.file, line: lineOf(node), message: `broken link ${shown}: ${r.message}`, hint: r.hint, severity: 'error' });
    }
    return undefined;
  };

  return defineMdastPlugin({
    name: 'grove-links',
    options: { position: true },
    heading(node, c) {
      // The page shows the title as its heading; a first `# heading` that repeats it would show twice.
      const first = c.parent(node)?.type === 'root' && c.indexOf(node) === 0;
      if (first && node.depth === 1 && c.textContent(node).trim().toLowerCase() === entry.title.toLowerCase()) {
        c.removeNode(node);
      }
    },
    link(node, c) {
      const offset = node.position?.start.offset;
      const isWiki = offset !== undefined && c.source.startsWith('[[', offset);
      const r = isWiki ? resolveWikilink(garden.links, node.url) : resolveLink(garden.links, from, node.url);
      const href = handle(node, r, isWiki ? `[[${node.url}]]` : `"${node.url}"`);
      if (isWiki && href !== undefined && r.type === 'page' && c.textContent(node) === node.url) {
        // `[[rebase-safely]]` reads as the page's title; `[[rebase-safely|label]]` keeps its label.
        c.replaceNode(node, { type: 'link', url: href, title: null, children: [{ type: 'text', value: r.entry.title }] });
      } else if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
    },
    definition(node, c) {
      const r = resolveLink(garden.links, from, node.url);
      const href = handle(node, r, `"${node.url}" (definition [${node.label ?? node.identifier}])`);
      if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
    },
    after() {
      linkReports().set(entry.abs, report);
    },
  });
}
