/**
 * A page's outline: the ids its headings get when it is rendered (github-slugger over each heading's
 * text, numbered on repeats, as Astro's heading-ids plugin does) and where each heading's section
 * starts and ends in the body. Links use it to check `#anchors` at build time; embeds to cut out
 * `![[page#heading]]`. A page is parsed only when something links to one of its anchors or embeds
 * it, and at most once per build.
 */
import { markdownToMdast, mdxToMdast } from 'satteri';
import GithubSlugger from 'github-slugger';
import type { AnyEntry } from './entries.ts';
import { limitProblems, limitsOf } from './limits.ts';

/** One heading of a page. */
export interface OutlineHeading {
  /** Its id in the rendered page. */
  slug: string;
  /** 1 for `#`, 6 for `######`. */
  depth: number;
  /** Its text. */
  text: string;
  /** Offset in the body where the heading starts; undefined for headings inside quotes and lists. */
  start?: number;
  /** Offset in the body where its section ends (the next heading of the same or a higher level, or the end). */
  end?: number;
}

/** What a page offers to link to. */
export interface Outline {
  headings: OutlineHeading[];
  /** Every id a link may point at: heading ids, `id="…"` written in HTML or JSX, the page template's own. */
  anchors: Set<string>;
  /** False when the body could not be parsed (broken MDX): its anchors are then not checked. */
  parsed: boolean;
}

/** Ids every page of a kind has from its template, besides its headings (`#check` on a lesson). */
export const TEMPLATE_ANCHORS: Record<AnyEntry['kind'], readonly string[]> = {
  path: ['main', 'outcomes', 'linked-from'],
  course: ['main', 'objectives', 'lessons', 'prerequisites', 'linked-from'],
  lesson: ['main', 'objectives', 'check', 'community', 'linked-from'],
  note: ['main', 'linked-from', 'used-in'],
  topic: ['main', 'formal', 'notes', 'experts', 'linked-from'],
  person: ['main', 'owns', 'wrote', 'contributed', 'linked-from'],
};

type Node = { type: string; value?: string; url?: string; depth?: number; children?: Node[]; position?: { start: { offset?: number } } };

/** How an unlabelled wikilink reads on the page (the linked page's title), or undefined when it resolves nowhere. */
export type WikiLabel = (target: string) => string | undefined;

/**
 * The text of a heading as the rendered page has it: images and HTML add none, and an unlabelled
 * `[[wikilink]]` reads as the title it is rendered with, so `## See [[rebase-safely]]` is `#see-rebasing-safely`.
 */
function textOf(node: Node, body: string, wikiLabel?: WikiLabel): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'image' || node.type === 'html' || node.type === 'footnoteReference') return '';
  const inner = (node.children ?? []).map((c) => textOf(c, body, wikiLabel)).join('');
  const offset = node.position?.start.offset;
  if (node.type === 'link' && wikiLabel && node.url !== undefined && inner === node.url && offset !== undefined && body.startsWith('[[', offset)) {
    return wikiLabel(node.url) ?? inner;
  }
  return inner;
}

const outlines = new WeakMap<AnyEntry, Outline>();

/** The outline of a page, parsed once per build; `wikiLabel` reads wikilinks in headings as the page renders them. */
export function outlineOf(entry: AnyEntry, wikiLabel?: WikiLabel): Outline {
  let o = outlines.get(entry);
  if (!o) {
    o = parseOutline(entry.body, entry.format, entry.title, entry.kind, wikiLabel, limitsOf(entry).length > 0);
    outlines.set(entry, o);
  }
  return o;
}

/** Parses a body into its outline; `title` is the page's title (a first `# heading` repeating it is not shown). */
export function parseOutline(
  body: string,
  format: 'md' | 'mdx',
  title: string,
  kind: AnyEntry['kind'],
  wikiLabel?: WikiLabel,
  overLimits = limitProblems({ file: '', body, bodyOffset: 0, format }).length > 0,
): Outline {
  const anchors = new Set<string>(TEMPLATE_ANCHORS[kind]);
  // Ids written by hand: `<a id="x">`, `<h2 id="x">` (also `{#x}` is not a feature Grove turns on).
  for (const m of body.matchAll(/\bid=["']([^"'\s]+)["']/g)) anchors.add(m[1]!);
  // Block ids (`… ^summary`, Obsidian's): the link plugin puts each on its block.
  for (const b of blocksIn(body)) anchors.add(b.id);
  // A page over Grove's limits is reported by limitProblems and not parsed here either: a linked
  // page's outline is read before that page renders, so this is the first parse it would get.
  if (overLimits) return { headings: [], anchors, parsed: false };
  let root: Node;
  try {
    // As the page renders (MARKDOWN_FEATURES, content/syntax.ts): the body has no frontmatter left to read.
    root = (format === 'mdx' ? mdxToMdast : markdownToMdast)(body, { features: { wikilinks: true, frontmatter: false } }) as Node;
  } catch {
    return { headings: [], anchors, parsed: false };
  }
  const slugger = new GithubSlugger();
  const headings: OutlineHeading[] = [];
  const top = root.children ?? [];
  // Depth first, in document order, with a stack instead of recursion.
  const stack: Array<{ nodes: Node[]; i: number; atTop: boolean }> = [{ nodes: top, i: 0, atTop: true }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const i = frame.i++;
    const n = frame.nodes[i]!;
    if (n.type === 'heading') {
      const text = textOf(n, body, wikiLabel);
      // The link plugin (render/link-plugin.ts) removes a first `# Title` that repeats the page title, so it takes no id.
      if (frame.atTop && i === 0 && n.depth === 1 && text.trim().toLowerCase() === title.toLowerCase()) continue;
      headings.push({ slug: slugger.slug(text), depth: n.depth ?? 1, text, start: frame.atTop ? n.position?.start.offset : undefined });
    } else if (n.children && (n.type === 'blockquote' || n.type === 'list' || n.type === 'listItem')) stack.push({ nodes: n.children, i: 0, atTop: false });
  }
  for (const h of headings) anchors.add(h.slug);
  // A section runs to the next heading of the same or a higher level: one pass with a stack of the
  // sections still open (searching ahead from every heading was quadratic in 50,000 headings).
  const open: OutlineHeading[] = [];
  for (const h of headings) {
    if (h.start === undefined) continue;
    while (open.length && open[open.length - 1]!.depth >= h.depth) open.pop()!.end = h.start;
    open.push(h);
  }
  for (const h of open) h.end = body.length;
  return { headings, anchors, parsed: true };
}

/** True when `anchor` is an id the rendered page has: a heading, a hand-written id, a footnote, the template's. */
export function hasAnchor(outline: Outline, anchor: string): boolean {
  return !outline.parsed || outline.anchors.has(anchor) || anchor.startsWith('user-content-');
}

/** A block with an id, `A paragraph. ^summary` or `^summary` on the line after a table or quote (Obsidian). */
export interface IdBlock {
  /** `^summary`, as links write it and as the block's id on the page. */
  id: string;
  /** The block's Markdown, without its `^id`. */
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// After a space, or right after an embed or image (`![[x.png]]^id`, as Obsidian accepts it).
const TRAILING_ID = /(?:^|[ \t]|(?<=[\])]))(\^[A-Za-z0-9-]+)[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]/;

/**
 * The blocks of a body that carry an id: a line ending in ` ^id` is its paragraph (the lines since
 * the last blank one) or, for a list item, that item's line; a line holding only `^id` names the
 * block above it (a table, a quote, a list). Lines inside code fences are not read.
 */
export function blocksIn(body: string): IdBlock[] {
  if (!body.includes('^')) return [];
  const lines = body.split('\n');
  const out: IdBlock[] = [];
  let fence: string | undefined;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    if (line.trim() === '') {
      start = i + 1;
      continue;
    }
    const m = TRAILING_ID.exec(line);
    if (!m) continue;
    const id = m[1]!;
    if (line.trim() === id) {
      // `^id` alone: the block above it, back to the blank line before that block.
      let top = i - 1;
      while (top >= 0 && lines[top]!.trim() === '') top--;
      let first = top;
      while (first > 0 && lines[first - 1]!.trim() !== '') first--;
      if (top >= 0 && first <= top) out.push({ id, text: lines.slice(first, top + 1).join('\n') });
      continue;
    }
    const own = line.slice(0, line.length - m[0].length);
    out.push({ id, text: LIST_ITEM.test(line) ? own.replace(LIST_ITEM, '') : [...lines.slice(start, i), own].join('\n') });
  }
  return out;
}
