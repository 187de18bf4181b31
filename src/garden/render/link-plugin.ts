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
import { hierarchyOf, resolveAsset, resolveEmbed, resolveLink, resolveWikilink, type Resolution } from '../model/links.ts';
import { hasAnchor } from '../content/headings.ts';
import { dialectOf, wikilinkParts, type Dialect } from '../content/dialect.ts';
import { isAssetPath, MEDIA_EXTENSIONS } from '../content/entries.ts';
import { slug as headingSlug } from 'github-slugger';
import { escapeHtml } from './html-runtime.ts';
import { calloutOf } from './callouts.ts';
import { pageKey } from '../core/kinds.ts';
import { hrefOf as hrefOfRoute, type Route } from '../core/ids.ts';
import { wikilinksIn } from '../content/limits.ts';
import { MARKDOWN_FEATURES } from '../content/syntax.ts';
import { groveHastPlugins } from './hast-plugins.ts';
import { linkReports, type LinkReport } from './link-reports.ts';
import { anchorHint, labelOf, outlineIn, publishedHref, publishedId } from './anchors.ts';
import { embedFigure, embedKey, embedRefusal, prerendered, sectionOf } from './embeds.ts';
import { lowerCaseLanguage } from './code-languages.ts';
import { applyEdits, mayHoldUrls, rawUrlsIn, type HtmlEdit } from './raw-html-links.ts';
import { schemeOf } from '../policy/html-policy.ts';

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

/** A Markdown node as the plugin walks it before visiting. */
type MdNode = { type: string; url?: string; identifier?: string; children?: MdNode[]; data?: { hProperties?: Record<string, unknown> } };

/** `… ^block-id` at the end of a paragraph (Obsidian). */
const TRAILING_BLOCK_ID = /(?:^|[ \t\n])(\^[A-Za-z0-9-]+)[ \t]*$/;
/** `… ^block-id` at the end of a line that the paragraph goes on after. */
const LINE_BLOCK_ID = /[ \t](\^[A-Za-z0-9-]+)[ \t]*\n/;

/** Finds the page's link-reference definitions that resolve nowhere (and its wikilinks' targets), before any reference is visited. */
function brokenDefinitions(page: PageLinks, root: MdNode): void {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'definition' && n.url !== undefined && n.identifier !== undefined) {
      const r = resolveLink(page.garden.links, page.from, n.url);
      if (r.type === 'broken') page.brokenDefinitions.set(n.identifier, r.message);
    }
    if (n.children) stack.push(...n.children);
  }
  if (page.dialect === 'foam') for (const m of wikilinksIn(page.entry.body)) page.wikiTargets.add(wikilinkParts(m[0], 'foam').target.split('#')[0]!.trim().toLowerCase());
}

/** A frontmatter field as text, for Dendron's `{{fm.key}}`: the title, or a field of the note that is text, a number or a date. */
function frontmatterText(entry: AnyEntry, key: string): string | undefined {
  if (key === 'title') return entry.title;
  const data = entry.data as Record<string, unknown>;
  const v = data[key] ?? (key === 'desc' || key === 'description' ? data.summary : undefined);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

type Positioned = { position?: { start: { line: number } } | undefined };
type PageResolution = Extract<Resolution, { type: 'page' }>;

/** One page's link plugin at work: the page, where it is embedded, and what it has found so far. */
interface PageLinks {
  garden: Garden;
  entry: AnyEntry;
  embedding: readonly AnyEntry[];
  from: { source: AnyEntry['source']; path: AnyEntry['path']; lang?: string };
  report: LinkReport;
  /** How the page's source writes links. */
  dialect: Dialect;
  /** True when the source reports broken links as warnings (`brokenLinks: 'warn'`): they then render as marked text, not as links. */
  lenient: boolean;
  /** Link-reference definitions that resolve nowhere, by identifier, with why (found before the references that use them). */
  brokenDefinitions: Map<string, string>;
  /** The targets of the page's wikilinks, lower-cased (Foam's definitions repeat them). */
  wikiTargets: Set<string>;
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
    from: { source: entry.source, path: entry.path, lang: entry.lang },
    report,
    dialect: source ? dialectOf(source).dialect : 'gfm',
    lenient: severity === 'warning',
    brokenDefinitions: new Map(),
    wikiTargets: new Set(),
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
    // Visitors of a dialect only where the page can need them: each node type visited crosses into JavaScript.
    ...dialectVisitors(page),
    link: visitLink(page),
    image: visitImage(page),
    html: visitRawHtml(page),
    code: lowerCaseLanguage,
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
      // Foam appends `[note]: note.md "Title"` for each `[[note]]`: when it is broken, the wikilink says so already.
      const quiet = page.dialect === 'foam' && r.type === 'broken' && page.wikiTargets.has(node.identifier.toLowerCase());
      const href = quiet ? undefined : hrefOf(page, node, r, `"${node.url}" (definition [${node.label ?? node.identifier}])`);
      if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
    },
    after(root, c) {
      if (page.embedding.length === 0 && page.dialect === 'dendron') {
        // Dendron's `a.b.c` hierarchy: the parents above the page, its children below it.
        const { parents, children } = hierarchyOf(garden.links, entry);
        if (parents.length) c.prependChild(root, { type: 'html', value: hierarchyHtml('parents', parents, garden.links.base) });
        if (children.length) c.appendChild(root, { type: 'html', value: hierarchyHtml('children', children, garden.links.base) });
      }
      if (page.embedding.length === 0) linkReports().set(entry.abs, page.report);
    },
  });
  return Object.assign(plugin, { reportFor: () => page.report });
}

/**
 * The visitors a page's dialect and settings call for: broken reference definitions shown as marked
 * text (lenient sources) or left to their wikilinks (Foam), block ids (`^id`), Dendron's `{{fm.x}}`.
 */
function dialectVisitors(page: PageLinks): Partial<MdastPluginInstance> {
  const out: Partial<MdastPluginInstance> = {};
  const { entry } = page;
  const body = entry.body;
  const definitions = body.includes(']:');
  if (definitions && (page.lenient || page.dialect === 'foam')) {
    out.before = (root) => {
      // Definitions are visited after the references that use them: which are broken is known first.
      brokenDefinitions(page, root as unknown as MdNode);
    };
    out.linkReference = (node, c) => {
      const broken = page.brokenDefinitions.get(node.identifier);
      if (broken !== undefined && page.lenient) c.replaceNode(node, brokenSpan(c.textContent(node) || node.identifier, broken));
    };
  }
  if (body.includes('^')) {
    out.paragraph = (node, c) => {
      // `A paragraph. ^summary` (Obsidian): the id goes on the block, the marker is not shown.
      const last = node.children[node.children.length - 1];
      const m = last?.type === 'text' ? TRAILING_BLOCK_ID.exec(last.value) : null;
      if (!m || last?.type !== 'text') {
        // `… ^id` at the end of a line inside a paragraph (Dendron writes them so): the paragraph's id.
        for (const t of node.children) {
          const inner = t.type === 'text' ? LINE_BLOCK_ID.exec(t.value) : null;
          if (!inner || t.type !== 'text') continue;
          c.setProperty(t, 'value', t.value.slice(0, inner.index) + t.value.slice(inner.index + inner[0].length - 1));
          c.setProperty(node as never, 'data', { ...((node as MdNode).data ?? {}), hProperties: { ...((node as MdNode).data?.hProperties ?? {}), id: inner[1]! } });
          return;
        }
        return;
      }
      const id = m[1]!;
      const rest = last.value.slice(0, last.value.length - m[0].length);
      if (rest.trim() === '' && node.children.length === 1) {
        // `^id` alone under a table, a quote or a list names the block above it.
        const parent = c.parent(node);
        const at = c.indexOf(node);
        const before = parent && at !== undefined && at > 0 ? (parent.children as MdNode[])[at - 1] : undefined;
        // Code (highlighted later) and raw HTML carry no id of their own: an empty anchor just above them does.
        if (before && (before.type === 'code' || before.type === 'html')) c.insertBefore(before as never, { type: 'html', value: `<div id="${escapeHtml(id)}" class="block-anchor"></div>` });
        else if (before) c.setProperty(before as never, 'data', { ...((before as MdNode).data ?? {}), hProperties: { ...((before as MdNode).data?.hProperties ?? {}), id } });
        c.removeNode(node);
        return;
      }
      c.setProperty(last, 'value', rest.replace(/[ \t]+$/, ''));
      // In a list the id goes on the item (a tight list shows no paragraph to carry it).
      const parent = c.parent(node);
      const holder = parent?.type === 'listItem' ? parent : node;
      c.setProperty(holder as never, 'data', { ...((holder as MdNode).data ?? {}), hProperties: { ...((holder as MdNode).data?.hProperties ?? {}), id } });
    };
  }
  if (page.dialect === 'dendron' && body.includes('{{')) {
    out.text = (node, c) => {
      // Dendron's `{{fm.desc}}` shows a field of the note's frontmatter; one Grove does not know stays as written.
      if (!node.value.includes('{{')) return;
      const value = node.value.replace(/\{\{\s*fm\.([A-Za-z0-9_-]+)\s*\}\}/g, (whole, key: string) => frontmatterText(entry, key) ?? whole);
      if (value !== node.value) c.setProperty(node, 'value', value);
    };
  }
  return out;
}

/** `[text](url)` and `[[wikilink]]`: the resolved URL; a wikilink without a label reads as the page's title. */
function visitLink(page: PageLinks): NonNullable<MdastPluginInstance['link']> {
  const { garden } = page;
  return (node, c) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const isWiki = start !== undefined && c.source.startsWith('[[', start);
    if (!isWiki) {
      const r = resolveLink(garden.links, page.from, node.url);
      const href = hrefOf(page, node, r, `"${node.url}"`);
      const missingAnchor = r.type === 'same-page' && href === undefined;
      if ((r.type === 'broken' || missingAnchor) && page.lenient) c.replaceNode(node, brokenSpan(c.textContent(node), r.type === 'broken' ? r.message : `this page has no heading #${r.anchor}`));
      else if (href !== undefined && href !== node.url) c.setProperty(node, 'url', href);
      return;
    }
    const raw = end !== undefined ? c.source.slice(start, end) : `[[${node.url}]]`;
    const parts = wikilinkParts(raw, page.dialect);
    const target = parts.target;
    const written = `[[${target}]]`;
    // `[[diagram.png]]` links a file Grove publishes; anything else names a page.
    const r = isAssetPath(target.split('#')[0]!) ? resolveAsset(garden.links, page.from, target) : resolveWikilink(garden.links, target, page.from);
    const href = hrefOf(page, { ...node, url: target }, r, written);
    if (r.type === 'broken' || (r.type === 'same-page' && href === undefined)) {
      if (page.lenient) c.replaceNode(node, brokenSpan(parts.label ?? target, r.type === 'broken' ? r.message : `this page has no heading #${r.anchor}`));
      return;
    }
    if (href === undefined) return;
    let label = parts.label;
    if (label === undefined && r.type === 'page') label = labelOf(garden, r);
    // `[[#Heading]]` reads as the heading.
    if (label === undefined && r.type === 'same-page') label = target.slice(target.indexOf('#') + 1).replace(/^\^/, '');
    c.replaceNode(node, { type: 'link', url: href, title: null, children: [{ type: 'text', value: label ?? target }] });
  };
}

/**
 * Raw HTML as written in the page (`<a href>`, `<img src>`, media): each URL resolved like a Markdown
 * link and written back in place. What does not resolve is reported; where broken links are warnings
 * it becomes marked text (`<span class="broken-link">`), not a link or an image that is not there.
 */
function visitRawHtml(page: PageLinks): NonNullable<MdastPluginInstance['html']> {
  const { garden } = page;
  return (node, c) => {
    // Only HTML written in the page: what the plugin writes itself (embeds, media) has no position.
    const line = node.position?.start.line;
    if (line === undefined || !mayHoldUrls(node.value)) return;
    const edits: HtmlEdit[] = [];
    for (const u of rawUrlsIn(node.value)) {
      // Read as a browser reads it (`jav\tascript:` is `javascript:`): a scheme other than the web's is
      // no page or file to resolve, and in an untrusted page the HTML policy judges it.
      const scheme = schemeOf(u.value);
      if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') continue;
      const r = u.attribute === 'href' ? resolveLink(garden.links, page.from, u.value) : resolveAsset(garden.links, page.from, u.value);
      if (r.type === 'external') continue;
      const at = { position: { start: { line: line + u.line - 1 } } };
      const href = hrefOf(page, { url: u.value, ...at }, r, `"${u.value}" (in <${u.tag} ${u.attribute}>)`);
      if (href !== undefined) {
        if (href !== u.value) edits.push({ ...u.attr, text: `${u.attribute}="${escapeHtml(href)}"` });
        continue;
      }
      if (!page.lenient) continue;
      const why = r.type === 'broken' ? r.message : `this page has no heading #${r.type === 'same-page' ? r.anchor : ''}`;
      const marked = `<span class="broken-link" title="${escapeHtml(`Grove could not resolve this link: ${why}`)}">`;
      if (u.tag === 'img') edits.push({ ...u.startTag, text: `${marked}${escapeHtml(u.attrs.get('alt') || u.value)}</span>` });
      else if (u.tag === 'a' && u.endTag) edits.push({ ...u.startTag, text: marked }, { ...u.endTag, text: '</span>' });
      else edits.push({ ...u.attr, text: '' });
    }
    if (edits.length) c.setProperty(node, 'value', applyEdits(node.value, edits));
  };
}

/** `![alt](file)` and `![[embed]]`: a file beside the page, or a page embedded (alone in its paragraph) or linked (inside a sentence). */
function visitImage(page: PageLinks): NonNullable<MdastPluginInstance['image']> {
  const { garden } = page;
  return (node, c) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const isEmbed = start !== undefined && c.source.startsWith('![[', start);
    if (!isEmbed) {
      // `![alt](diagram.svg)`: a file beside the page, published under /files/.
      const r = resolveAsset(garden.links, page.from, node.url);
      if (r.type === 'route') c.setProperty(node, 'url', r.href);
      else if (r.type === 'broken') {
        page.problem(node, `broken image "${node.url}": ${r.message}`, r.hint);
        if (page.lenient) c.replaceNode(node, brokenSpan(node.alt || fileName(node.url), r.message));
      }
      return;
    }
    const raw = end !== undefined ? c.source.slice(start, end) : `![[${node.url}]]`;
    const parts = wikilinkParts(raw, page.dialect);
    const target = parts.target;
    const written = `![[${target}]]`;
    const r = resolveEmbed(garden.links, page.from, target);
    if (r.type === 'route') {
      c.replaceNode(node, assetEmbed(r.href, target, parts.label));
      return;
    }
    if (r.type !== 'page') {
      if (r.type === 'broken') {
        page.problem(node, `broken embed ${written}: ${r.message}`, r.hint);
        if (page.lenient) c.replaceNode(node, brokenSpan(brokenEmbedLabel(target, parts.label), r.message));
      }
      return;
    }
    page.target(r.entry);
    const parent = c.parent(node);
    const alone = parent?.type === 'paragraph' && parent.children.length === 1;
    const html = alone ? embedHtml(page, node, written, r) : undefined;
    if (alone && html !== undefined && c.parent(parent) !== undefined) {
      c.replaceNode(parent, { type: 'html', value: html });
    } else if (alone && html === undefined && page.lenient) {
      // Reported by embedHtml; what could not be embedded is linked (to the page, without the missing section).
      c.replaceNode(node, { type: 'link', url: r.entry.route === page.entry.route ? '#top' : hrefOfPage(r.href), title: null, children: [{ type: 'text', value: parts.label ?? r.entry.title }] });
    } else {
      // Inside a sentence an embed cannot hold a page: it reads as a link to it (its anchor checked like a link's;
      // alone, embedHtml has reported why it could not be embedded).
      const href = alone ? r.href : (hrefOf(page, { ...node, url: target }, r, written) ?? hrefOfPage(r.href));
      c.replaceNode(node, { type: 'link', url: href, title: null, children: [{ type: 'text', value: parts.label ?? labelOf(garden, r) }] });
    }
  };
}

/** The breadcrumbs (`parents`) or the list of children of a note in a dot hierarchy. */
export function hierarchyHtml(which: 'parents' | 'children', notes: readonly AnyEntry[], base: string): string {
  const a = (e: AnyEntry) => `<a href="${escapeHtml(hrefOfRoute(base, e.route as Route))}">${escapeHtml(e.title)}</a>`;
  if (which === 'parents') return `<p class="hierarchy-parents" aria-label="Parent notes">${notes.map(a).join(' › ')} ›</p>`;
  return `<div class="hierarchy-children"><p class="hierarchy-title">Children</p><ul>${notes.map((e) => `<li>${a(e)}</li>`).join('')}</ul></div>`;
}

/** A page's href without its `#anchor`. */
const hrefOfPage = (href: string) => (href.includes('#') ? href.slice(0, href.indexOf('#')) : href);

/** The file name of a path (`img/x.png` → `x.png`). */
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** What a missing file embed reads as: its label, else its name; an icon (`![[lucide-cog.svg#icon]]`) its name without the icon set. */
function brokenEmbedLabel(target: string, label: string | undefined): string {
  if (label !== undefined && !/^\d+(x\d+)?$/.test(label)) return label;
  const name = fileName(target.split('#')[0]!);
  return target.endsWith('#icon') ? name.replace(/\.svg$/i, '').replace(/^lucide-/, '') : name;
}

const AUDIO = new RegExp(`\\.(${MEDIA_EXTENSIONS.audio.join('|')})$`, 'i');
const VIDEO = new RegExp(`\\.(${MEDIA_EXTENSIONS.video.join('|')})$`, 'i');

/**
 * What `![[file]]` shows: an image (`|100` or `|100x145` its width and height, any other label its
 * alt text), `<audio controls>` or `<video controls>` for sound and video, a link for anything else (a PDF).
 */
export function assetEmbed(href: string, target: string, label: string | undefined): PhrasingNode {
  const path = target.split('#')[0]!;
  const name = fileName(path);
  const link = `<a href="${escapeHtml(href)}">${escapeHtml(label ?? name)}</a>`;
  if (AUDIO.test(path)) return { type: 'html', value: `<audio controls preload="metadata" src="${escapeHtml(href)}">${link}</audio>` };
  if (VIDEO.test(path)) return { type: 'html', value: `<video controls preload="metadata" src="${escapeHtml(href)}">${link}</video>` };
  if (!/\.(png|jpe?g|gif|svg|webp|avif)$/i.test(path)) return { type: 'link', url: href, title: null, children: [{ type: 'text', value: label ?? name }] };
  const size = label === undefined ? undefined : /^\s*(\d+)\s*(?:x\s*(\d+)\s*)?$/.exec(label);
  const alt = size ? name : (label ?? name);
  if (!size) return { type: 'image', url: href, alt, title: null };
  const height = size[2] ? ` height="${size[2]}"` : '';
  return { type: 'html', value: `<img src="${escapeHtml(href)}" alt="${escapeHtml(alt)}" width="${size[1]}"${height}>` };
}

/** A link Grove cannot resolve, in a source whose broken links are warnings: its text, marked, with why in its title; never a link that leads nowhere. */
export function brokenSpan(label: string, why: string): PhrasingNode {
  return { type: 'html', value: `<span class="broken-link" title="${escapeHtml(`Grove could not resolve this link: ${why}`)}">${escapeHtml(label)}</span>` };
}

type PhrasingNode =
  { type: 'html'; value: string } | { type: 'link'; url: string; title: null; children: Array<{ type: 'text'; value: string }> } | { type: 'image'; url: string; alt: string; title: null };

/** The URL to write for a resolved link (undefined: leave it), reporting it when broken or when its anchor names no heading. */
function hrefOf(page: PageLinks, node: { url: string } & Positioned, r: Resolution, shown: string): string | undefined {
  const { garden, entry } = page;
  if (r.type === 'page') {
    page.target(r.entry);
    if (r.anchor !== undefined) {
      // The anchor must be an id on the page it names: a heading, or one the page template has.
      const outline = outlineIn(garden, r.entry);
      if (!hasAnchor(outline, r.anchor)) {
        const fixed = fixAnchor(page, r.entry, r.anchor, outline);
        if (fixed !== undefined) return fixed === '' ? hrefOfPage(r.href) : `${hrefOfPage(r.href)}#${fixed}`;
        const path = node.url.slice(0, node.url.indexOf('#'));
        const write = shown.startsWith('[[') ? (a: string) => `[[${path}#${a}]]` : (a: string) => `${path}#${a}`;
        const what = r.anchor.startsWith('^') ? `has no block ${r.anchor}` : `has no heading #${r.anchor}`;
        page.problem(node, `broken link ${shown}: "${r.entry.title}" ${what}`, anchorHint(outline.anchors, r.anchor, write));
        // Where broken links are warnings, the link still goes to the page, without the anchor.
        if (page.lenient) return hrefOfPage(r.href);
      }
      return publishedHref(garden, r);
    }
    return r.href;
  }
  if (r.type === 'route') return r.href;
  if (r.type === 'same-page') {
    const outline = outlineIn(garden, entry);
    const anchor = safeDecode(r.anchor);
    // Inside a section embedded in another page, "this page" is still the page it was written in.
    const here = page.embedding.length > 0 ? hrefOfRoute(garden.links.base, entry.route as Route) : '';
    if (!anchor) return `${here}#${r.anchor}`;
    if (hasAnchor(outline, anchor)) {
      const id = publishedId(garden, entry, anchor);
      return `${here}#${id === anchor ? r.anchor : encodeURIComponent(id)}`;
    }
    const fixed = fixAnchor(page, entry, anchor, outline);
    if (fixed !== undefined) return here && !fixed ? here : `${here}#${fixed || 'top'}`;
    page.problem(node, `broken link ${shown}: this page has no heading #${anchor}`, anchorHint(outline.anchors, anchor));
    return undefined;
  }
  if (r.type === 'broken') page.problem(node, `broken link ${shown}: ${r.message}`, r.hint);
  return undefined;
}

/**
 * An anchor that names no id as written but that the page has in another form: its own title (the
 * first `# Title`, which the page shows as its heading: `''`, the top of the page), or a heading
 * written as its text (`#Heading Text`, as Obsidian and Foam write them) rather than its id.
 */
function fixAnchor(page: PageLinks, target: AnyEntry, anchor: string, outline: ReturnType<typeof outlineIn>): string | undefined {
  const slug = headingSlug(anchor);
  if (slug === headingSlug(target.title)) return '';
  if (page.dialect !== 'gfm' && slug !== anchor && hasAnchor(outline, slug)) return slug;
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
      `broken embed ${written}: "${other.title}" ${r.anchor!.startsWith('^') ? `has no block ${r.anchor}` : `has no heading #${r.anchor}`}`,
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
  const source = garden.sources.get(entry.source);
  const dialect = source ? dialectOf(source).dialect : 'gfm';
  for (const m of wikilinksIn(entry.body)) {
    if (!m[1]) continue;
    const r = resolveEmbed(garden.links, from, wikilinkParts(m[0], dialect).target);
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
