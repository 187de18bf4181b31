/**
 * The CMS preview in Grove's look (docs/cms.md): the body's Markdown, before Decap's Markdown preview
 * renders it, with `> [!note] Title` quotes made callouts by Grove's own rule (render/callouts.ts
 * `calloutOf`, the function the site's renderer uses) and `[[wikilinks]]` made links to the site's
 * pages, found by id (the last part of the page's address) or title in the site's `map.json`; one it
 * cannot find is marked as the site marks a broken link. A text transform, not a remark plugin:
 * Decap 3.16's preview does not pass registered remark plugins to its renderer. Pure: the pages are
 * passed in.
 */
import { slug } from 'github-slugger';
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

/** `[[target#heading|label]]`, and `![[…]]` (an embed, left as written). */
const WIKILINK = /(!?)\[\[([^[\]|#]*)(#[^[\]|]*)?(?:\|([^[\]]*))?\]\]/g;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A wikilink as Markdown: a link to the page, or the broken-link mark the site shows. */
function wikilink(pages: ReadonlyMap<string, PreviewPage>, target: string, heading: string | undefined, label: string | undefined): string {
  const key = target.trim();
  const page = pages.get(key) ?? pages.get(key.toLowerCase());
  // The heading's id as the site gives it (content/headings.ts: github-slugger), for its first heading of that text.
  const anchor = heading ? `#${slug(heading.slice(1).trim())}` : '';
  // Shown as the site shows it: the label, else the page's title, else what was written.
  const text = label?.trim() || page?.title || key || heading?.slice(1).trim() || '';
  if (page || (!key && heading)) return `[${text.replace(/([[\]\\])/g, '\\$1')}](<${page?.href ?? ''}${anchor}>)`;
  return `<span class="broken-link" title="${escapeHtml(`Grove could not resolve this link: no page "${key}"`)}">${escapeHtml(text)}</span>`;
}

/** Links the wikilinks of one line, outside code spans. */
function linkLine(line: string, pages: ReadonlyMap<string, PreviewPage>): string {
  if (!line.includes('[[')) return line;
  // Code spans (`…`, ``…``) keep their text; the rest is linked.
  return line
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(WIKILINK, (all, bang: string, target: string, heading?: string, label?: string) => (bang ? all : wikilink(pages, target, heading, label)))))
    .join('');
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}> ?/;

/** The opening tag of a callout's box, from the attributes the site's renderer gives it (`calloutOf`'s `data`). */
function openTag(data: { hName: string; hProperties: Record<string, unknown> }): string {
  const attrs = Object.entries(data.hProperties).map(([k, v]) => {
    const name = k === 'className' ? 'class' : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return v === true ? ` ${name}` : ` ${name}="${escapeHtml(Array.isArray(v) ? v.join(' ') : String(v))}"`;
  });
  return `<${data.hName}${attrs.join('')}>`;
}

/**
 * A page's Markdown as Decap's preview should show it: each `> [!type] Title` quote made the box the
 * site renders (its tag, classes and title from `calloutOf`, the site's own rule; its body Markdown
 * between the tags, nested callouts too), and each `[[wikilink]]` a link to the page in `pages` or
 * the broken-link mark. Code blocks and code spans are left as written.
 */
export function previewMarkdown(markdown: string, pages: ReadonlyMap<string, PreviewPage>): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      out.push(line);
      continue;
    }
    if (f) {
      fence = f[1]!;
      out.push(line);
      continue;
    }
    const q = QUOTE.exec(line);
    if (q) {
      const first = line.slice(q[0].length);
      const callout = calloutOf({ type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'text', value: first }] }] }, (n) => ('value' in n ? String(n.value) : ''));
      if (callout) {
        const body: string[] = [];
        while (i + 1 < lines.length && QUOTE.test(lines[i + 1]!)) body.push(lines[++i]!.replace(QUOTE, ''));
        const title = callout.title.data as { hName: string; hProperties: Record<string, unknown> };
        out.push(`${openTag(callout.data)}${openTag(title)}${escapeHtml(callout.titleText)}</${title.hName}>`, '', previewMarkdown(body.join('\n'), pages), '', `</${callout.data.hName}>`);
        continue;
      }
    }
    out.push(linkLine(line, pages));
  }
  return out.join('\n');
}
