/**
 * Grove's Markdown plugin for Sätteri (Astro 7's Markdown and MDX processor). It sends every link,
 * reference definition and wikilink of a garden page through the one resolver in `links.ts`, writes
 * the resolved URL into the page, and records what it found (targets and broken links, with the
 * line in the file on disk) for the garden model and for error reports.
 */
import { defineHastPlugin, defineMdastPlugin, markdownToHtml, type HastPluginEntry, type MdastPluginEntry, type PluginFactoryContext } from 'satteri';
import { fileURLToPath } from 'node:url';
import type { AnyEntry } from '../content/entries.ts';
import { currentGarden, type Garden } from '../model/garden.ts';
import { resolveAsset, resolveEmbed, resolveLink, resolveWikilink, type Resolution } from '../model/links.ts';
import { closest, type Problem } from '../core/problems.ts';
import { hasAnchor, outlineOf, type Outline } from '../content/headings.ts';
import { calloutOf } from './callouts.ts';
import { KIND_TABLE, pageKey } from '../core/kinds.ts';
import { escapeHtml } from './html-runtime.ts';
import { cleanHtml, isExternalUrl } from '../policy/html-policy.ts';
import { anchoredDefinitionPathsIn, anchoredLinkPathsIn, limitProblems, wikilinksIn } from '../content/limits.ts';
import { MARKDOWN_FEATURES } from '../content/syntax.ts';

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
 * Grove's own touches on every page's HTML, made on the tree while it renders (never by rewriting
 * the finished HTML, which would undo what the HTML policy cleaned):
 * - a GFM task-list checkbox gets a name, so screen readers say "done" or "not done" rather than an
 *   unlabelled checkbox (axe: label, critical);
 * - a link to another host gets `rel="noopener"`.
 */
export function groveHastPlugins(): HastPluginEntry[] {
  return [
    defineHastPlugin({
      name: 'grove-finish',
      element: [
        {
          filter: ['input'],
          visit(node, c) {
            const p = node.properties as Record<string, unknown>;
            if (p.type === 'checkbox' && p.ariaLabel === undefined) c.setProperty(node, 'ariaLabel', p.checked ? 'done' : 'not done');
          },
        },
        {
          filter: ['a'],
          visit(node, c) {
            const href = (node.properties as Record<string, unknown>).href;
            if (typeof href === 'string' && isExternalUrl(href)) c.setProperty(node, 'rel', ['noopener']);
          },
        },
      ],
    }),
  ];
}

/** The plugin list for `satteri({ mdastPlugins })`; pages outside the garden are left alone. */
export function gardenMdastPlugins(): MdastPluginEntry[] {
  return [(ctx: PluginFactoryContext) => linkPluginFor(ctx)];
}

/** What the content collection stores of a page's links: its targets and the warnings they raised (kept with cached pages). */
export function linkDataOf(report: LinkReport | undefined): { links: string[]; warnings: Array<Pick<Problem, 'file' | 'line' | 'message' | 'hint'>> } {
  return {
    links: report?.targets ?? [],
    warnings: (report?.problems ?? []).filter((p) => p.severity === 'warning').map(({ file, line, message, hint }) => ({ file, line, message, hint })),
  };
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

/** Options of the link plugin for one page. */
export interface LinkPluginOptions {
  /**
   * The pages being embedded into the page being rendered, outermost first: set when this page is
   * itself rendered as an embed, so a cycle of embeds is found and the embedded page's links are not
   * reported twice (they are reported when that page is rendered).
   */
  embedding?: readonly AnyEntry[];
}

/** The heading ids to offer for a missing anchor: the closest, else the first few; `write` shows one as the reader would write it. */
function anchorHint(anchors: Iterable<string>, wanted: string, write: (anchor: string) => string = (a) => `#${a}`): string {
  const all = [...anchors].filter((a) => !['main', 'linked-from', 'used-in'].includes(a));
  const near = closest(wanted, all, 3);
  if (near.length) return `did you mean ${near.map(write).join(', ')}?`;
  if (all.length === 0) return 'it has no headings; link to the page without #';
  return `its headings: ${all
    .slice(0, 6)
    .map((a) => `#${a}`)
    .join(', ')}${all.length > 6 ? ', …' : ''}`;
}

/** The link plugin for one page of a garden: links, anchors, images, embeds and callouts. */
export function createLinkPlugin(garden: Garden, entry: AnyEntry, options: LinkPluginOptions = {}) {
  const report: LinkReport = { targets: [], problems: [] };
  const embedding = options.embedding ?? [];
  // An imported repository may be allowed to build with its broken links reported (`brokenLinks: 'warn'`).
  const severity = garden.sources.get(entry.source)?.brokenLinks === 'warn' ? 'warning' : 'error';
  const from = { source: entry.source, path: entry.path };
  const lineOf = (node: { position?: { start: { line: number } } | undefined }) => (node.position ? node.position.start.line + entry.bodyOffset : undefined);
  const problem = (node: { position?: { start: { line: number } } }, message: string, hint?: string) => {
    report.problems.push({ file: entry.file, line: lineOf(node), message, hint, severity });
  };
  const target = (e: AnyEntry) => {
    const key = pageKey(e.kind, e.id);
    if (!report.targets.includes(key)) report.targets.push(key);
  };

  const handle = (node: { url: string; position?: { start: { line: number; offset?: number } } }, r: Resolution, shown: string) => {
    if (r.type === 'page') {
      target(r.entry);
      if (r.anchor !== undefined) {
        // The anchor must be an id on the page it names: a heading, or one the page template has.
        const outline = outlineIn(garden, r.entry);
        if (!hasAnchor(outline, r.anchor)) {
          const page = node.url.slice(0, node.url.indexOf('#'));
          const write = shown.startsWith('[[') ? (a: string) => `[[${page}#${a}]]` : (a: string) => `${page}#${a}`;
          problem(node, `broken link ${shown}: "${r.entry.title}" has no heading #${r.anchor}`, anchorHint(outline.anchors, r.anchor, write));
        }
      }
      return r.href;
    }
    if (r.type === 'route') return r.href;
    if (r.type === 'same-page') {
      const outline = outlineIn(garden, entry);
      const anchor = safeDecode(r.anchor);
      if (anchor && !hasAnchor(outline, anchor)) problem(node, `broken link ${shown}: this page has no heading #${anchor}`, anchorHint(outline.anchors, anchor));
      return undefined;
    }
    if (r.type === 'broken') problem(node, `broken link ${shown}: ${r.message}`, r.hint);
    return undefined;
  };

  /** The HTML of a page (or of one heading's section of it) embedded into this one; undefined when it cannot be. */
  const embedHtml = (node: { position?: { start: { line: number } } }, written: string, r: Extract<Resolution, { type: 'page' }>): string | undefined => {
    const other = r.entry;
    if (other === entry || embedding.includes(other)) {
      const chain = [...embedding, entry, other].map((e) => e.id).join(' → ');
      problem(node, `embed ${written}: embeds form a cycle (${chain})`, 'embed a page that does not embed this one, or link to it with [[…]] instead');
      return undefined;
    }
    if (other.format === 'mdx') {
      problem(node, `embed ${written}: "${other.title}" is MDX, which cannot be embedded`, `link to it instead: [[${written.slice(3, -2)}]]`);
      return undefined;
    }
    if (limitProblems(other).length) {
      problem(node, `embed ${written}: "${other.title}" is over Grove's limits (see its own problem), so it is not embedded`, `link to it instead: [[${written.slice(3, -2)}]]`);
      return undefined;
    }
    const section = sectionOf(garden, other, r.anchor);
    if (!section) {
      const outline = outlineIn(garden, other);
      problem(
        node,
        `broken embed ${written}: "${other.title}" has no heading #${r.anchor}`,
        anchorHint(
          outline.headings.map((x) => x.slug),
          r.anchor!,
          (a) => `![[${written.slice(3, written.indexOf('#'))}#${a}]]`,
        ),
      );
      return undefined;
    }
    const { body, heading } = section;
    // Rendered ahead with code highlighting by the content loader (prerenderEmbeds), else plainly here.
    // The embedded page's own problems are reported when it is rendered itself, not here again.
    const rendered =
      prerendered().get(embedKey(entry, other, r.anchor)) ??
      (
        markdownToHtml(body, { mdastPlugins: [createLinkPlugin(garden, other, { embedding: [...embedding, entry] })], hastPlugins: groveHastPlugins(), features: MARKDOWN_FEATURES }) as {
          html: string;
        }
      ).html;
    // An untrusted page's HTML is cleaned wherever it is shown, embedded in a trusted page too: as the
    // last step, so it goes into this page's tree as it is (its problems are reported with its own page).
    const source = garden.sources.get(other.source);
    const html = source?.trust === 'untrusted' ? cleanHtml(rendered, { externalAssets: source.externalAssets }).html : rendered;
    const caption = `${escapeHtml(other.title)}${heading ? ` › ${escapeHtml(heading)}` : ''}`;
    return `<figure class="embed" data-embed="${other.kind}:${escapeHtml(other.id)}"><figcaption class="embed-source"><span class="embed-kind">${KIND_TABLE[other.kind].label}</span> <a href="${escapeHtml(r.href)}">${caption}</a></figcaption><div class="embed-body">\n${html}\n</div></figure>`;
  };

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
    link(node, c) {
      const offset = node.position?.start.offset;
      const isWiki = offset !== undefined && c.source.startsWith('[[', offset);
      const r = isWiki ? resolveWikilink(garden.links, node.url) : resolveLink(garden.links, from, node.url);
      const href = handle(node, r, isWiki ? `[[${node.url}]]` : `"${node.url}"`);
      if (isWiki && href !== undefined && r.type === 'page' && c.textContent(node) === node.url) {
        // `[[rebase-safely]]` reads as the page's title (`[[x#the-rule]]` as "Title › The rule"); `[[rebase-safely|label]]` keeps its label.
        c.replaceNode(node, { type: 'link', url: href, title: null, children: [{ type: 'text', value: labelOf(garden, r) }] });
      } else if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
    },
    image(node, c) {
      const offset = node.position?.start.offset;
      const isEmbed = offset !== undefined && c.source.startsWith('![[', offset);
      if (!isEmbed) {
        // `![alt](diagram.svg)`: a file beside the page, published under /files/.
        const r = resolveAsset(garden.links, from, node.url);
        if (r.type === 'route') c.setProperty(node, 'url', r.href);
        else if (r.type === 'broken') problem(node, `broken image "${node.url}": ${r.message}`, r.hint);
        return;
      }
      const written = `![[${node.url}]]`;
      const r = resolveEmbed(garden.links, from, node.url);
      if (r.type === 'route') {
        // `![[diagram.svg]]` is an image; its alt text is the file name unless `|alt` was given.
        c.setProperty(node, 'url', r.href);
        return;
      }
      if (r.type !== 'page') {
        if (r.type === 'broken') problem(node, `broken embed ${written}: ${r.message}`, r.hint);
        return;
      }
      target(r.entry);
      const parent = c.parent(node);
      const alone = parent?.type === 'paragraph' && parent.children.length === 1;
      const html = alone ? embedHtml(node, written, r) : undefined;
      if (alone && html !== undefined && c.parent(parent) !== undefined) {
        c.replaceNode(parent, { type: 'html', value: html });
      } else {
        // Inside a sentence an embed cannot hold a page: it reads as a link to it.
        c.replaceNode(node, { type: 'link', url: r.href, title: null, children: [{ type: 'text', value: labelOf(garden, r) }] });
      }
    },
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
      const r = resolveLink(garden.links, from, node.url);
      const href = handle(node, r, `"${node.url}" (definition [${node.label ?? node.identifier}])`);
      if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
    },
    after() {
      if (embedding.length === 0) linkReports().set(entry.abs, report);
    },
  });
  return Object.assign(plugin, { reportFor: () => report });
}

/** What `![[page]]` or `![[page#heading]]` shows of a page: all of it, or one heading's section without its heading line; undefined when there is no such heading. */
function sectionOf(garden: Garden, other: AnyEntry, anchor: string | undefined): { body: string; heading?: string } | undefined {
  if (anchor === undefined) return { body: other.body };
  const h = outlineIn(garden, other).headings.find((x) => x.slug === anchor && x.start !== undefined);
  // The section without its own heading: the embed's caption names it.
  return h ? { body: other.body.slice(other.body.indexOf('\n', h.start) + 1, h.end), heading: h.text } : undefined;
}

const PRERENDERED = Symbol.for('grove.prerenderedEmbeds');
/** Embedded sections rendered ahead of their pages, by embedding page, embedded page and heading. */
function prerendered(): Map<string, string> {
  const g = globalThis as Record<symbol, Map<string, string>>;
  return (g[PRERENDERED] ??= new Map());
}
/** Forgets the embeds rendered ahead (the dev server renders the garden again after an edit). */
export function resetPrerenderedEmbeds(): void {
  prerendered().clear();
}
const embedKey = (page: AnyEntry, other: AnyEntry, anchor: string | undefined) => `${page.abs}\0${other.abs}#${anchor ?? ''}`;

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
    if (r.type !== 'page' || r.entry === entry || embedding.includes(r.entry) || r.entry.format === 'mdx' || limitProblems(r.entry).length) continue;
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

/** Pages whose outline is being worked out, so two headings that link to each other's pages cannot loop. */
const outlining = new Set<AnyEntry>();

/** A page's outline, with wikilinks in its headings read as the page renders them. */
function outlineIn(garden: Garden, e: AnyEntry): Outline {
  return outlineOf(e, (target) => {
    const r = resolveWikilink(garden.links, target);
    return r.type === 'page' ? labelOf(garden, r) : undefined;
  });
}

/** How a wikilink or embed without a label reads: the page's title, and the heading's when it names one. */
function labelOf(garden: Garden, r: Extract<Resolution, { type: 'page' }>): string {
  if (!r.anchor || outlining.has(r.entry)) return r.entry.title;
  outlining.add(r.entry);
  try {
    const h = outlineIn(garden, r.entry).headings.find((x) => x.slug === r.anchor);
    return h ? `${r.entry.title} › ${h.text}` : r.entry.title;
  } finally {
    outlining.delete(r.entry);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * What a page's rendering depends on besides its own file and the set of pages: the files of pages
 * it embeds (their text is part of it) and of pages it links to with an `#anchor` (their headings
 * decide whether the link is broken). Found with a quick scan, resolved by the one resolver; the
 * content loader adds it to the page's cache key.
 */
export function renderDependencies(garden: Garden, entry: AnyEntry, seen: Set<AnyEntry> = new Set([entry])): string {
  const from = { source: entry.source, path: entry.path };
  const out: string[] = [];
  const add = (r: Resolution, deep: boolean) => {
    if (r.type !== 'page' || seen.has(r.entry)) return;
    seen.add(r.entry);
    out.push(`${pageKey(r.entry.kind, r.entry.id)}:${r.entry.digest}`);
    const deeper = deep ? renderDependencies(garden, r.entry, seen) : '';
    if (deeper) out.push(deeper);
  };
  const body = entry.body;
  if (!body.includes('#') && !body.includes('![[')) return '';
  for (const m of wikilinksIn(body)) {
    if (m[1] || m[2]!.includes('#')) add(m[1] ? resolveEmbed(garden.links, from, m[2]!) : resolveWikilink(garden.links, m[2]!), !!m[1]);
  }
  for (const path of anchoredLinkPathsIn(body)) if (path) add(resolveLink(garden.links, from, `${path}#x`), false);
  // Reference definitions check their anchors too: `[rule]: ../notes/b.md#the-rule`.
  for (const path of anchoredDefinitionPathsIn(body)) add(resolveLink(garden.links, from, `${path}#x`), false);
  return out.join('\n');
}
