/**
 * Grove's Markdown plugin for Sätteri (Astro 7's Markdown and MDX processor). It sends every link,
 * reference definition and wikilink of a garden page through the one resolver in `links.ts`, writes
 * the resolved URL into the page, renders embeds, and records what it found (targets and broken
 * links, with the line in the file on disk) for the garden model and for error reports.
 */
import { defineMdastPlugin, markdownToHtml, type HastPluginEntry, type MdastPluginEntry, type MdastPluginInstance, type PluginFactoryContext } from 'satteri';
import { fileURLToPath } from 'node:url';
import type { AnyEntry } from '../content/entries.ts';
import { currentGarden, type Garden } from '../model/garden.ts';
import { resolveAsset, resolveEmbed, resolveLink, resolveWikilink, type Resolution } from '../model/links.ts';
import { hasAnchor } from '../content/headings.ts';
import { calloutOf } from './callouts.ts';
import { pageKey } from '../core/kinds.ts';
import { wikilinksIn } from '../content/limits.ts';
import { MARKDOWN_FEATURES } from '../content/syntax.ts';
import { groveHastPlugins } from './hast-plugins.ts';
import { linkReports, type LinkReport } from './link-reports.ts';
import { anchorHint, labelOf, outlineIn } from './anchors.ts';
import { embedFigure, embedKey, embedRefusal, prerendered, sectionOf } from './embeds.ts';

/** The plugin list for `satteri({ mdastPlugins })`; pages outside the garden are left alone. */
export function gardenMdastPlugins(): MdastPluginEntry[] {
  return [(ctx: PluginFactoryContext) => linkPluginFor(ctx)];
}

function linkPluginFor(ctx: PluginFactoryContext) {
  const garden = currentGarden();
  if (!garden || !ctx.fileURL) return null;
  const entry = garden.byAbs.get(fileURLToPath(ctx.fileURL));
  if (!entry) return null;
  return createLinkPlugin(garden, entry);
}

/** Options of the link plugin for one page. */
export interface LinkPluginOptions {
  /**
   * The pages being embedded into the page being rendered, outermost first: set when this page is
   * itself rendered as an embed, so a cycle of embeds is found and the embedded page's links are not
   * reported twice (they are reported when that page is rendered).
   */
  embedding?: readonly AnyEntry[];
}

type Positioned = { position?: { start: { line: number } } | undefined };
type PageResolution = Extract<Resolution, { type: 'page' }>;

/** One page's link plugin at work: the page, where it is embedded, and what it has found so far. */
interface PageLinks {
  garden: Garden;
  entry: AnyEntry;
  embedding: readonly AnyEntry[];
  from: { source: AnyEntry['source']; path: AnyEntry['path'] };
  report: LinkReport;
  /** Reports a broken link at a node, on its line in the file on disk. */
  problem(node: Positioned, message: string, hint?: string): void;
  /** Records a page this page links to. */
  target(e: AnyEntry): void;
}

function pageLinks(garden: Garden, entry: AnyEntry, options: LinkPluginOptions): PageLinks {
  const report: LinkReport = { targets: [], problems: [] };
  // An imported repository may be allowed to build with its broken links reported (`brokenLinks: 'warn'`).
  const source = garden.sources.get(entry.source);
  const severity = source?.brokenLinks === 'warn' ? 'warning' : 'error';
  // For a repository imported as it is, the hint also names the setting that lets it build.
  const orWarn = severity === 'error' && source?.kind === 'git' ? `; or, to build with it listed in the health report, set brokenLinks: 'warn' on the source "${entry.source}"` : '';
  return {
    garden,
    entry,
    embedding: options.embedding ?? [],
    from: { source: entry.source, path: entry.path },
    report,
    problem(node, message, hint) {
      const line = node.position ? node.position.start.line + entry.bodyOffset : undefined;
      report.problems.push({ file: entry.file, line, message, hint: orWarn ? `${hint ?? 'fix the link'}${orWarn}` : hint, severity });
    },
    target(e) {
      const key = pageKey(e.kind, e.id);
      if (!report.targets.includes(key)) report.targets.push(key);
    },
  };
}

/** The link plugin for one page of a garden: links, anchors, images, embeds and callouts. */
export function createLinkPlugin(garden: Garden, entry: AnyEntry, options: LinkPluginOptions = {}) {
  const page = pageLinks(garden, entry, options);
  const plugin = defineMdastPlugin({
    name: 'grove-links',
    options: { position: true },
    heading(node, c) {
      // The page shows the title as its heading; a first `# heading` that repeats it would show twice.
      const first = c.parent(node)?.type === 'root' && c.indexOf(node) === 0;
      if (first && node.depth === 1 && c.textContent(node).trim().toLowerCase() === entry.title.toLowerCase()) {
        c.removeNode(node);
      }
    },
    link: visitLink(page),
    image: visitImage(page),
    blockquote(node, c) {
      const callout = calloutOf(node, (n) => c.textContent(n));
      if (!callout) return;
      for (const edit of callout.edits) {
        if (edit.remove) c.removeNode(edit.node);
        else c.setProperty(edit.node as { type: 'text'; value: string }, 'value', edit.value);
      }
      c.prependChild(node, callout.title);
      c.setProperty(node, 'data', callout.data);
    },
    definition(node, c) {
      const r = resolveLink(garden.links, page.from, node.url);
      const href = hrefOf(page, node, r, `"${node.url}" (definition [${node.label ?? node.identifier}])`);
      if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
    },
    after() {
      if (page.embedding.length === 0) linkReports().set(entry.abs, page.report);
    },
  });
  return Object.assign(plugin, { reportFor: () => page.report });
}

/** `[text](url)` and `[[wikilink]]`: the resolved URL; a wikilink without a label reads as the page's title. */
function visitLink(page: PageLinks): NonNullable<MdastPluginInstance['link']> {
  const { garden } = page;
  return (node, c) => {
    const offset = node.position?.start.offset;
    const isWiki = offset !== undefined && c.source.startsWith('[[', offset);
    const r = isWiki ? resolveWikilink(garden.links, node.url, page.from) : resolveLink(garden.links, page.from, node.url);
    const href = hrefOf(page, node, r, isWiki ? `[[${node.url}]]` : `"${node.url}"`);
    if (isWiki && href !== undefined && r.type === 'page' && c.textContent(node) === node.url) {
      // `[[rebase-safely]]` reads as the page's title (`[[x#the-rule]]` as "Title › The rule"); `[[rebase-safely|label]]` keeps its label.
      c.replaceNode(node, { type: 'link', url: href, title: null, children: [{ type: 'text', value: labelOf(garden, r) }] });
    } else if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
  };
}

/** `![alt](file)` and `![[embed]]`: a file beside the page, or a page embedded (alone in its paragraph) or linked (inside a sentence). */
function visitImage(page: PageLinks): NonNullable<MdastPluginInstance['image']> {
  const { garden } = page;
  return (node, c) => {
    const offset = node.position?.start.offset;
    const isEmbed = offset !== undefined && c.source.startsWith('![[', offset);
    if (!isEmbed) {
      // `![alt](diagram.svg)`: a file beside the page, published under /files/.
      const r = resolveAsset(garden.links, page.from, node.url);
      if (r.type === 'route') c.setProperty(node, 'url', r.href);
      else if (r.type === 'broken') page.problem(node, `broken image "${node.url}": ${r.message}`, r.hint);
      return;
    }
    const written = `![[${node.url}]]`;
    const r = resolveEmbed(garden.links, page.from, node.url);
    if (r.type === 'route') {
      // `![[diagram.svg]]` is an image; its alt text is the file name unless `|alt` was given.
      c.setProperty(node, 'url', r.href);
      return;
    }
    if (r.type !== 'page') {
      if (r.type === 'broken') page.problem(node, `broken embed ${written}: ${r.message}`, r.hint);
      return;
    }
    page.target(r.entry);
    const parent = c.parent(node);
    const alone = parent?.type === 'paragraph' && parent.children.length === 1;
    const html = alone ? embedHtml(page, node, written, r) : undefined;
    if (alone && html !== undefined && c.parent(parent) !== undefined) {
      c.replaceNode(parent, { type: 'html', value: html });
    } else {
      // Inside a sentence an embed cannot hold a page: it reads as a link to it.
      c.replaceNode(node, { type: 'link', url: r.href, title: null, children: [{ type: 'text', value: labelOf(garden, r) }] });
    }
  };
}

/** The URL to write for a resolved link (undefined: leave it), reporting it when broken or when its anchor names no heading. */
function hrefOf(page: PageLinks, node: { url: string } & Positioned, r: Resolution, shown: string): string | undefined {
  const { garden, entry } = page;
  if (r.type === 'page') {
    page.target(r.entry);
    if (r.anchor !== undefined) {
      // The anchor must be an id on the page it names: a heading, or one the page template has.
      const outline = outlineIn(garden, r.entry);
      if (!hasAnchor(outline, r.anchor)) {
        const path = node.url.slice(0, node.url.indexOf('#'));
        const write = shown.startsWith('[[') ? (a: string) => `[[${path}#${a}]]` : (a: string) => `${path}#${a}`;
        page.problem(node, `broken link ${shown}: "${r.entry.title}" has no heading #${r.anchor}`, anchorHint(outline.anchors, r.anchor, write));
      }
    }
    return r.href;
  }
  if (r.type === 'route') return r.href;
  if (r.type === 'same-page') {
    const outline = outlineIn(garden, entry);
    const anchor = safeDecode(r.anchor);
    if (anchor && !hasAnchor(outline, anchor)) page.problem(node, `broken link ${shown}: this page has no heading #${anchor}`, anchorHint(outline.anchors, anchor));
    return undefined;
  }
  if (r.type === 'broken') page.problem(node, `broken link ${shown}: ${r.message}`, r.hint);
  return undefined;
}

/** The HTML of a page (or of one heading's section of it) embedded into this one; undefined (and reported) when it cannot be. */
function embedHtml(page: PageLinks, node: Positioned, written: string, r: PageResolution): string | undefined {
  const { garden, entry, embedding } = page;
  const other = r.entry;
  const refusal = embedRefusal(entry, other, embedding);
  if (refusal === 'cycle') {
    const chain = [...embedding, entry, other].map((e) => e.id).join(' → ');
    page.problem(node, `embed ${written}: embeds form a cycle (${chain})`, 'embed a page that does not embed this one, or link to it with [[…]] instead');
    return undefined;
  }
  if (refusal === 'mdx') {
    page.problem(node, `embed ${written}: "${other.title}" is MDX, which cannot be embedded`, `link to it instead: [[${written.slice(3, -2)}]]`);
    return undefined;
  }
  if (refusal === 'limits') {
    page.problem(node, `embed ${written}: "${other.title}" is over Grove's limits (see its own problem), so it is not embedded`, `link to it instead: [[${written.slice(3, -2)}]]`);
    return undefined;
  }
  const section = sectionOf(garden, other, r.anchor);
  if (!section) {
    const outline = outlineIn(garden, other);
    const write = (a: string) => `![[${written.slice(3, written.indexOf('#'))}#${a}]]`;
    page.problem(
      node,
      `broken embed ${written}: "${other.title}" has no heading #${r.anchor}`,
      anchorHint(
        outline.headings.map((x) => x.slug),
        r.anchor!,
        write,
      ),
    );
    return undefined;
  }
  // Rendered ahead with code highlighting by the content loader (prerenderEmbeds), else plainly here.
  // The embedded page's own problems are reported when it is rendered itself, not here again.
  const rendered =
    prerendered().get(embedKey(entry, other, r.anchor)) ??
    (
      markdownToHtml(section.body, { mdastPlugins: [createLinkPlugin(garden, other, { embedding: [...embedding, entry] })], hastPlugins: groveHastPlugins(), features: MARKDOWN_FEATURES }) as {
        html: string;
      }
    ).html;
  return embedFigure(garden, r, rendered, section.heading);
}

/**
 * Renders what page `entry` embeds before the page itself, with `hastPlugins` (code highlighting, which
 * is asynchronous and so cannot run inside the link plugin's synchronous visit): the page then shows
 * its embeds highlighted like its own code. Embeds inside embeds are rendered the same way, first.
 */
export async function prerenderEmbeds(garden: Garden, entry: AnyEntry, hastPlugins: HastPluginEntry[], embedding: readonly AnyEntry[] = []): Promise<void> {
  if (!entry.body.includes('![[')) return;
  const from = { source: entry.source, path: entry.path };
  for (const m of wikilinksIn(entry.body)) {
    if (!m[1]) continue;
    const r = resolveEmbed(garden.links, from, m[2]!);
    if (r.type !== 'page' || embedRefusal(entry, r.entry, embedding)) continue;
    const key = embedKey(entry, r.entry, r.anchor);
    const section = sectionOf(garden, r.entry, r.anchor);
    if (prerendered().has(key) || !section) continue;
    const chain = [...embedding, entry];
    await prerenderEmbeds(garden, r.entry, hastPlugins, chain);
    const out = await markdownToHtml(section.body, {
      mdastPlugins: [createLinkPlugin(garden, r.entry, { embedding: chain })],
      hastPlugins: [...hastPlugins, ...groveHastPlugins()],
      features: MARKDOWN_FEATURES,
    });
    prerendered().set(key, (out as { html: string }).html);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
