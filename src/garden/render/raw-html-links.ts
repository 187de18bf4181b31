/**
 * Links and images written as raw HTML in Markdown (`<a href="…">`, `<img src="…">`), which
 * repositories written for GitHub use for tables of contributors, centred images and badges: where
 * each URL is in the HTML as written, so the link plugin can resolve it with the same resolver as a
 * Markdown link and write the result back in place, leaving every other byte as it was.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];

/** The attributes that hold a URL, by element. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  img: ['src'],
  source: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
};

/** One URL in raw HTML: the element, the attribute and where things are in the HTML (offsets, end exclusive). */
export interface RawUrl {
  tag: string;
  attribute: string;
  value: string;
  /** The attribute, from its name to the end of its value. */
  attr: { start: number; end: number };
  /** The element's start tag. */
  startTag: { start: number; end: number };
  /** The element's end tag, when this piece of HTML holds it. */
  endTag?: { start: number; end: number };
  /** The line within the HTML, 1-based. */
  line: number;
  /** The element's other attributes (`alt`, `title`). */
  attrs: ReadonlyMap<string, string>;
}

/** Quick test before parsing: could this HTML hold a URL attribute at all? */
export function mayHoldUrls(html: string): boolean {
  return /\b(?:href|src|poster)\s*=/i.test(html);
}

/** The URLs of `a`, `img`, `source`, `audio` and `video` elements in a piece of HTML, in document order. */
export function rawUrlsIn(html: string): RawUrl[] {
  const out: RawUrl[] = [];
  const root = parseFragment(html, { sourceCodeLocationInfo: true });
  const stack: P5Node[] = [...root.childNodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!('tagName' in n)) continue;
    const el = n as P5Element;
    const names = URL_ATTRIBUTES[el.tagName];
    const loc = el.sourceCodeLocation;
    if (names && loc?.startTag) {
      const attrs = new Map(el.attrs.map((a) => [a.name, a.value]));
      for (const name of names) {
        const at = loc.attrs?.[name];
        const value = attrs.get(name);
        if (!at || value === undefined) continue;
        out.push({
          tag: el.tagName,
          attribute: name,
          value,
          attr: { start: at.startOffset, end: at.endOffset },
          startTag: { start: loc.startTag.startOffset, end: loc.startTag.endOffset },
          endTag: loc.endTag ? { start: loc.endTag.startOffset, end: loc.endTag.endOffset } : undefined,
          line: at.startLine,
          attrs,
        });
      }
    }
    const children = el.tagName === 'template' ? (el as unknown as { content: { childNodes: P5Node[] } }).content.childNodes : el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** One change to a piece of HTML: the text from `start` to `end` becomes `text`. */
export interface HtmlEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits that do not overlap (a later one overlapping an earlier one is dropped), leaving the rest as written. */
export function applyEdits(html: string, edits: readonly HtmlEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += html.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + html.slice(at);
}
