/**
 * The CMS preview in Grove's look (docs/cms.md): a remark plugin for Decap's Markdown preview that
 * turns `> [!note] Title` quotes into callouts with Grove's own rule (render/callouts.ts `calloutOf`,
 * the function the site's renderer uses) and `[[wikilinks]]` into links to the site's pages, found
 * by id (the last part of the page's address) or title in the site's `map.json`; one it cannot find
 * is marked as the site marks a broken link. Pure: the page list is passed in.
 */
import { calloutOf } from '../garden/render/callouts.ts';

/** A page a wikilink may name: its address (under the site's base) and title. */
export interface PreviewPage {
  title: string;
  href: string;
}

/** Pages by id and by lower-case title, from map.json's nodes (`[kind, x, y, cluster, title, route]`). */
export function pageIndex(nodes: ReadonlyArray<readonly unknown[]>, base: string): Map<string, PreviewPage> {
  const index = new Map<string, PreviewPage>();
  const root = base.endsWith('/') ? base : `${base}/`;
  for (const n of nodes) {
    const [title, route] = [n[4], n[5]];
    if (typeof title !== 'string' || typeof route !== 'string') continue;
    const href = route.startsWith(root) ? route : root + route.replace(/^\//, '');
    const id = route.replace(/\/$/, '').split('/').pop();
    if (id && !index.has(id)) index.set(id, { title, href });
    if (!index.has(title.toLowerCase())) index.set(title.toLowerCase(), { title, href });
  }
  return index;
}

/** A Markdown tree node, as Decap's remark makes them (only what this plugin reads and writes). */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  title?: string | null;
  children?: MdNode[];
  data?: Record<string, unknown>;
}

/** `[[target#heading|label]]`. */
const WIKILINK = /\[\[([^[\]|#]*)(#[^[\]|]*)?(?:\|([^[\]]*))?\]\]/g;

/** The link, or broken-link mark, for one wikilink. */
function wikilinkNode(pages: ReadonlyMap<string, PreviewPage>, target: string, heading: string | undefined, label: string | undefined): MdNode {
  const key = target.trim();
  const page = pages.get(key) ?? pages.get(key.toLowerCase());
  const anchor = heading ? `#${heading.slice(1).trim().toLowerCase().replace(/\s+/g, '-')}` : '';
  const text = label?.trim() || (page && !key ? '' : key) || heading?.slice(1) || '';
  if (page || (!key && heading)) {
    return { type: 'link', url: `${page?.href ?? ''}${anchor}`, title: null, children: [{ type: 'text', value: text || page!.title }] };
  }
  return {
    type: 'emphasis',
    data: { hName: 'span', hProperties: { className: ['broken-link'], title: `Grove could not resolve this link: no page "${key}"` } },
    children: [{ type: 'text', value: text }],
  };
}

/** Joins neighbouring text nodes: Decap's remark splits `[[x]]` and `[!note]` into pieces. */
function joinText(parent: MdNode): void {
  const out: MdNode[] = [];
  for (const child of parent.children ?? []) {
    const last = out[out.length - 1];
    if (child.type === 'text' && last?.type === 'text') last.value = (last.value ?? '') + (child.value ?? '');
    else out.push(child.type === 'text' ? { ...child } : child);
  }
  parent.children = out;
}

/** Links the wikilinks in a block's text. */
function linkWikilinks(parent: MdNode, pages: ReadonlyMap<string, PreviewPage>): void {
  joinText(parent);
  const linked: MdNode[] = [];
  for (const child of parent.children ?? []) {
    if (child.type !== 'text' || !child.value?.includes('[[')) {
      linked.push(child);
      continue;
    }
    let at = 0;
    for (const m of child.value.matchAll(WIKILINK)) {
      if (m.index > at) linked.push({ type: 'text', value: child.value.slice(at, m.index) });
      linked.push(wikilinkNode(pages, m[1]!, m[2], m[3]));
      at = m.index + m[0].length;
    }
    if (at < child.value.length) linked.push({ type: 'text', value: child.value.slice(at) });
  }
  parent.children = linked;
}

const textOf = (n: MdNode): string => n.value ?? (n.children ?? []).map(textOf).join('');

/** Turns a quote that is a callout into one, as the site's renderer does. */
function makeCallout(quote: MdNode): void {
  const first = quote.children?.[0];
  if (first?.type === 'paragraph') joinText(first);
  const callout = calloutOf(quote as never, (n) => textOf(n as MdNode));
  if (!callout) return;
  for (const edit of callout.edits) {
    const node = edit.node as unknown as MdNode;
    if (edit.remove) {
      if (quote.children?.includes(node)) quote.children = quote.children.filter((c) => c !== node);
      else if (first?.children) first.children = first.children.filter((c) => c !== node);
    } else node.value = edit.value;
  }
  quote.children = [callout.title as unknown as MdNode, ...(quote.children ?? [])];
  quote.data = callout.data;
}

/** Runs over the tree: callouts first (their marker is text), then the wikilinks of every block. */
export function groveMarkdown(tree: MdNode, pages: ReadonlyMap<string, PreviewPage>): MdNode {
  const visit = (node: MdNode) => {
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return;
    if (node.type === 'blockquote') makeCallout(node);
    if (node.children?.some((c) => c.type === 'text')) linkWikilinks(node, pages);
    for (const c of node.children ?? []) if (c.type !== 'link') visit(c);
  };
  visit(tree);
  return tree;
}

/** The remark plugin (an attacher), reading the pages from `pages()` each time the preview renders. */
export function groveRemarkPlugin(pages: () => ReadonlyMap<string, PreviewPage>) {
  return () => (tree: MdNode) => groveMarkdown(tree, pages());
}
