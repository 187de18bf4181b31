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

/**
 * Code highlighting: two themes, switched by the reader's colour scheme in global.css. The
 * high-contrast GitHub themes keep every token at 4.5:1 or more (axe found 3.1:1 with the plain ones).
 */
export const SHIKI_CONFIG = { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } } as const;

/**
 * Last touches on a page's HTML from any processor: a GFM task-list checkbox gets a name, so screen
 * readers say "done" or "not done" rather than an unlabelled checkbox (axe: label, critical).
 */
export function finishHtml(html: string): string {
  return html.replace(/<input\b([^>]*\btype="checkbox"[^>]*)>/g, (tag, attrs: string) =>
    /aria-label=/.test(attrs) ? tag : `<input${attrs} aria-label="${/\bchecked\b/.test(attrs) ? 'done' : 'not done'}">`,
  );
}

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
  // An imported repository may be allowed to build with its broken links reported (`brokenLinks: 'warn'`).
  const severity = garden.sources.get(entry.source)?.brokenLinks === 'warn' ? 'warning' : 'error';
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
      report.problems.push({ file: entry.file, line: lineOf(node), message: `broken link ${shown}: ${r.message}`, hint: r.hint, severity });
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
