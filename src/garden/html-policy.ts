/**
 * The raw-HTML policy for pages from `untrusted` sources: one table of rules, used twice. It finds
 * violations in the Markdown's own HTML (with the line and column on disk), and it strips them from
 * the rendered page, so what the check reports is exactly what `unsafeHtml: 'strip'` removes.
 *
 * HTML is parsed with parse5, the WHATWG parsing algorithm browsers use, so the policy sees the
 * element a browser would build (`&#x6A;avascript:` is `javascript:`, `<svg><script>` is a script),
 * not what a regular expression guesses. Elements are allowlisted; attributes are judged by rule
 * (event handlers, URLs, hiding styles), since Grove's own markup (code highlighting, knowledge
 * checks, footnotes) needs `class`, `id`, `style`, `data-*` and `aria-*` to pass unchanged.
 */
import { parseFragment, serialize, type DefaultTreeAdapterTypes as T } from 'parse5';

/** The rules, by the name messages and the README use. */
export type HtmlRule =
  | 'no-script'
  | 'no-event-handlers'
  | 'no-unsafe-urls'
  | 'no-embeds'
  | 'no-forms'
  | 'no-hiding-styles'
  | 'no-page-elements'
  | 'allowed-elements'
  | 'no-search-overrides';

/** One thing the policy forbids, found in a piece of HTML. */
export interface HtmlFinding {
  rule: HtmlRule;
  /** What it is and why it is forbidden: `<script> runs code in the reader's browser`. */
  message: string;
  /** How to write it instead. */
  hint: string;
  /** 1-based line and column in the HTML given, when known. */
  line?: number;
  column?: number;
}

/** What stripping does: drop the element with its content, keep its content only, or drop an attribute. */
type Action = 'remove' | 'unwrap' | 'attribute';

/** Elements removed with everything inside them, and why. */
const REMOVED: Record<string, [HtmlRule, string, string]> = {
  script: ['no-script', "runs code in the reader's browser", 'show code in a fenced code block instead'],
  noscript: ['no-script', 'is only for pages that run scripts', 'remove it'],
  style: ['no-hiding-styles', 'can restyle or hide any part of the page', 'remove it; the site styles pages itself'],
  template: ['no-script', 'holds markup for scripts to insert', 'remove it'],
  iframe: ['no-embeds', 'embeds another page, which may run code', 'link to the page instead'],
  frame: ['no-embeds', 'embeds another page, which may run code', 'link to the page instead'],
  frameset: ['no-embeds', 'embeds other pages, which may run code', 'link to the pages instead'],
  object: ['no-embeds', 'embeds a plugin or another page, which may run code', 'link to the file instead'],
  embed: ['no-embeds', 'embeds a plugin or another page, which may run code', 'link to the file instead'],
  applet: ['no-embeds', 'embeds a plugin, which runs code', 'remove it'],
  portal: ['no-embeds', 'embeds another page', 'link to the page instead'],
  fencedframe: ['no-embeds', 'embeds another page', 'link to the page instead'],
  svg: ['no-embeds', 'written inline, SVG can carry scripts and event handlers', 'save the drawing as an .svg file and use it as an image: ![description](drawing.svg)'],
  math: ['no-embeds', 'written inline, MathML can carry links that run code', 'write the formula as text or an image'],
  base: ['no-page-elements', 'changes where every link of the page points', 'remove it'],
  meta: ['no-page-elements', 'can redirect the reader or change how the page behaves', 'remove it'],
  link: ['no-page-elements', 'loads a stylesheet or other resource into the whole page', 'remove it; to link a page, use a Markdown link'],
  head: ['no-page-elements', 'belongs to the site, not to a page', 'remove it'],
  title: ['no-page-elements', 'belongs to the site, not to a page', 'set `title:` in the frontmatter instead'],
  xmp: ['allowed-elements', 'is obsolete and treats its content as raw text', 'use a code block'],
  plaintext: ['allowed-elements', 'is obsolete and swallows the rest of the page', 'use a code block'],
  noembed: ['no-embeds', 'is only for pages with embeds', 'remove it'],
  noframes: ['no-embeds', 'is only for pages with frames', 'remove it'],
};

/** Form elements: unwrapped, so their text stays but nothing can be submitted anywhere. */
const FORM = new Set(['form', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'output', 'keygen']);

/**
 * Elements a page may use: GitHub's Markdown allowlist, plus what Grove itself renders (knowledge
 * checks are fieldsets of inputs and buttons; callouts are asides; footnotes a section).
 */
const ALLOWED = new Set(
  (
    'a abbr address article aside audio b bdi bdo blockquote br button caption center cite code col colgroup data dd del details dfn div dl dt em ' +
    'fieldset figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr i img input ins kbd label legend li main mark nav ol p picture pre q rp rt ruby ' +
    's samp section small source span strike strong sub summary sup table tbody td tfoot th thead time tr track tt u ul var video wbr'
  ).split(' '),
);

/** Attributes that hold a URL (or a list of them), checked for their scheme. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster', 'cite', 'action', 'formaction', 'background', 'longdesc', 'ping', 'data', 'xlink:href', 'lowsrc', 'dynsrc', 'manifest', 'codebase', 'icon', 'itemtype']);
/** URL schemes a page may link to; a URL without a scheme (relative, `#anchor`, `/path`) is fine. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
/** Images may be inlined as data URLs, which cannot run code as an image. */
const DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|avif);/;

/** The scheme of a URL as a browser reads it (tabs and newlines removed, leading spaces trimmed), lower-cased. */
export function schemeOf(url: string): string | undefined {
  const u = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]?.toLowerCase();
}

/** Why a URL may not be used in an untrusted page, or undefined when it may. */
export function unsafeUrl(url: string, asImage = false): string | undefined {
  const scheme = schemeOf(url);
  if (scheme === undefined || SAFE_SCHEMES.has(scheme)) return undefined;
  if (scheme === 'data' && asImage && DATA_IMAGE.test(url.trim().toLowerCase())) return undefined;
  return scheme === 'javascript' || scheme === 'vbscript' ? `a ${scheme}: URL runs code when followed` : `a ${scheme}: URL is not a web address`;
}

/** The declarations of an inline style, with CSS escapes and comments removed, lower-cased. */
function declarations(style: string): Array<[string, string]> {
  const plain = style
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16) || 0xfffd, 0x10ffff)))
    .replace(/\\(.)/g, '$1')
    .toLowerCase();
  return plain.split(';').flatMap((d) => {
    const i = d.indexOf(':');
    return i < 0 ? [] : [[d.slice(0, i).trim(), d.slice(i + 1).replace(/!\s*important/g, '').trim().replace(/\s+/g, ' ')] as [string, string]];
  });
}

/** A CSS length in px (em and rem as 16 px), or undefined when it is not one. */
function px(v: string): number | undefined {
  const m = /^(-?\d*\.?\d+)(px|em|rem|pt|%|vw|vh)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'em' || m[2] === 'rem' ? n * 16 : m[2] === 'pt' ? n * 1.33 : m[2] === '%' || m[2] === 'vw' || m[2] === 'vh' ? n * 10 : n;
}

/** Why an inline style may not be used (it hides or covers content, or loads code), or undefined. */
export function unsafeStyle(style: string): { rule: HtmlRule; why: string } | undefined {
  const ds = declarations(style);
  // The last declaration of a property is the one that applies (`display:inline;display:none` hides).
  const get = (p: string) => ds.findLast(([k]) => k === p)?.[1];
  for (const [k, v] of ds) {
    if (/expression\s*\(|javascript:|vbscript:|-moz-binding|behavior/.test(`${k}:${v}`)) return { rule: 'no-unsafe-urls', why: `\`${k}: ${v}\` can run code` };
    const url = /url\(\s*['"]?([^'")]*)/.exec(v)?.[1];
    if (url !== undefined && unsafeUrl(url, true)) return { rule: 'no-unsafe-urls', why: `\`${k}: ${v}\` loads ${unsafeUrl(url, true)!.replace(/^a /, 'a ')}` };
  }
  const hides = (why: string) => ({ rule: 'no-hiding-styles' as const, why });
  const display = get('display');
  if (display === 'none') return hides('`display: none` hides the text from readers');
  const visibility = get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return hides(`\`visibility: ${visibility}\` hides the text from readers`);
  if (get('content-visibility') === 'hidden') return hides('`content-visibility: hidden` hides the text from readers');
  const opacity = get('opacity');
  if (opacity !== undefined) {
    const n = opacity.endsWith('%') ? Number(opacity.slice(0, -1)) / 100 : Number(opacity);
    if (Number.isFinite(n) && n < 0.2) return hides(`\`opacity: ${opacity}\` makes the text invisible`);
  }
  const fontSize = get('font-size');
  if (fontSize !== undefined && (px(fontSize) ?? 99) < 6) return hides(`\`font-size: ${fontSize}\` makes the text too small to read`);
  const position = get('position');
  if (position === 'absolute' || position === 'fixed' || position === 'sticky') return hides(`\`position: ${position}\` can lay the text over the page or move it out of view`);
  for (const p of ['clip', 'clip-path']) {
    const v = get(p);
    if (v !== undefined && v !== 'auto' && v !== 'none') return hides(`\`${p}: ${v}\` can cut the text out of view`);
  }
  const transform = get('transform');
  if (transform !== undefined && transform !== 'none') return hides(`\`transform: ${transform}\` can shrink or move the text out of view`);
  for (const [k, v] of ds) {
    if (/^(text-indent|margin(-\w+)?|left|top|right|bottom|inset)$/.test(k) && v.split(' ').some((part) => (px(part) ?? 0) <= -100)) {
      return hides(`\`${k}: ${v}\` moves the text out of view`);
    }
  }
  const overflow = get('overflow') ?? get('overflow-x') ?? get('overflow-y');
  if (overflow === 'hidden' || overflow === 'clip') {
    for (const p of ['height', 'max-height', 'width', 'max-width']) {
      const v = get(p);
      if (v !== undefined && px(v) === 0) return hides(`\`${p}: ${v}\` with \`overflow: ${overflow}\` hides the text`);
    }
  }
  const color = get('color');
  if (color === 'transparent') return hides('`color: transparent` makes the text invisible');
  return undefined;
}

type Attr = { name: string; value: string };

/**
 * What the policy says of one element: an action on the element and findings, or findings on its
 * attributes. `rendered` is true for a page's rendered HTML, where Grove's own markup is allowed what an
 * author's is not.
 */
export function judgeElement(tag: string, attrs: readonly Attr[], rendered = false): { element?: { action: 'remove' | 'unwrap'; finding: HtmlFinding }; attributes: Array<{ name: string; finding: HtmlFinding }> } {
  const name = tag.toLowerCase();
  const removed = REMOVED[name];
  if (removed) return { element: { action: 'remove', finding: { rule: removed[0], message: `<${name}> ${removed[1]}`, hint: removed[2] } }, attributes: [] };
  if (FORM.has(name)) {
    return { element: { action: 'unwrap', finding: { rule: 'no-forms', message: `<${name}> could send what the reader types to another site`, hint: 'remove the form; link to the real form instead' } }, attributes: [] };
  }
  if (!ALLOWED.has(name)) {
    return { element: { action: 'unwrap', finding: { rule: 'allowed-elements', message: `<${name}> is not an element pages from untrusted sources may use`, hint: 'use Markdown, or one of the common HTML elements (div, span, details, kbd, sup, img, table …)' } }, attributes: [] };
  }
  const attributes: Array<{ name: string; finding: HtmlFinding }> = [];
  for (const a of attrs) {
    const n = a.name.toLowerCase();
    const at = (finding: Omit<HtmlFinding, 'line' | 'column'>) => attributes.push({ name: a.name, finding });
    if (n === 'hidden') {
      // Grove's own knowledge-check controls start hidden until the page's script shows them; in
      // rendered HTML they keep it. Written by a page's author, `hidden` only hides text.
      const grove = rendered && /(^|\s)question-actions(\s|$)/.test(attrs.find((x) => x.name.toLowerCase() === 'class')?.value ?? '');
      if (!grove) at({ rule: 'no-hiding-styles', message: `the hidden attribute on <${name}> hides the text from readers`, hint: 'remove it; use a <details> fold for optional text' });
    } else if (n.startsWith('on')) at({ rule: 'no-event-handlers', message: `the event handler ${n}="…" on <${name}> runs code in the reader's browser`, hint: 'remove the attribute' });
    else if (n === 'srcdoc' || n === 'formaction' || n === 'is') at({ rule: n === 'is' ? 'allowed-elements' : 'no-embeds', message: `the attribute ${n} on <${name}> is not allowed`, hint: 'remove the attribute' });
    else if (n.startsWith('data-pagefind')) at({ rule: 'no-search-overrides', message: `${n} on <${name}> changes how search indexes and ranks the page`, hint: 'remove the attribute; the site sets search data itself' });
    else if (n === 'style') {
      const bad = unsafeStyle(a.value);
      if (bad) at({ rule: bad.rule, message: `the style on <${name}>: ${bad.why}`, hint: 'remove the style; use Markdown emphasis or a <details> fold for optional text' });
    } else if (URL_ATTRIBUTES.has(n)) {
      const urls = n === 'srcset' ? a.value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : n === 'ping' ? a.value.split(/\s+/) : [a.value];
      const asImage = (name === 'img' || name === 'source' || name === 'video') && (n === 'src' || n === 'srcset' || n === 'poster');
      const why = urls.map((u) => unsafeUrl(u, asImage)).find((w) => w);
      if (why) at({ rule: 'no-unsafe-urls', message: `${n} on <${name}>: ${why}`, hint: 'link to an http(s) address or a page of the garden' });
    }
  }
  return { attributes };
}

type Node = T.ChildNode | T.DocumentFragment;
const isElement = (n: Node): n is T.Element => 'tagName' in n;

/**
 * Finds what the policy forbids in a piece of HTML as written (one raw-HTML node of a Markdown page,
 * say); lines and columns are within `html`, 1-based.
 */
export function findHtmlViolations(html: string): HtmlFinding[] {
  const found: HtmlFinding[] = [];
  const walk = (n: Node) => {
    if (isElement(n)) {
      const verdict = judgeElement(n.tagName, n.attrs);
      const loc = n.sourceCodeLocation;
      if (verdict.element) {
        found.push({ ...verdict.element.finding, line: loc?.startLine, column: loc?.startCol });
        if (verdict.element.action === 'remove') return;
      }
      for (const a of verdict.attributes) {
        const al = loc?.attrs?.[a.name] ?? loc;
        found.push({ ...a.finding, line: al?.startLine, column: al?.startCol });
      }
      if (n.tagName === 'template') walk((n as T.Template).content);
    }
    for (const c of 'childNodes' in n ? n.childNodes : []) walk(c);
  };
  walk(parseFragment(html, { sourceCodeLocationInfo: true }));
  return found;
}

/**
 * Removes what the policy forbids from rendered HTML: forbidden elements with their content, form
 * and unknown elements keeping their content, forbidden attributes. Returns the HTML unchanged
 * (the same string) when there was nothing to remove.
 */
export function stripHtml(html: string): { html: string; removed: HtmlFinding[] } {
  const removed: HtmlFinding[] = [];
  const fragment = parseFragment(html);
  const walk = (parent: T.ParentNode) => {
    const out: T.ChildNode[] = [];
    for (const n of parent.childNodes) {
      if (!isElement(n)) {
        out.push(n);
        continue;
      }
      const verdict = judgeElement(n.tagName, n.attrs, true);
      const action: Action | undefined = verdict.element?.action;
      if (verdict.element) removed.push(verdict.element.finding);
      if (action === 'remove') continue;
      for (const a of verdict.attributes) removed.push(a.finding);
      const drop = new Set(verdict.attributes.map((a) => a.name));
      if (drop.size) n.attrs = n.attrs.filter((a) => !drop.has(a.name));
      walk(n);
      if (action === 'unwrap') {
        for (const c of n.childNodes) {
          c.parentNode = parent as T.ParentNode as T.Element;
          out.push(c);
        }
      } else out.push(n);
    }
    parent.childNodes = out;
  };
  walk(fragment);
  return removed.length ? { html: serialize(fragment), removed } : { html, removed };
}
