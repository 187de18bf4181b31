/**
 * The HTML policy for pages from `untrusted` sources: the last step of their rendering, and the
 * finder that tells their authors where they broke it.
 *
 * Enforcement is `cleanHtml`: the page's finished HTML is parsed as the browser will parse it (parse5,
 * the WHATWG algorithm, in the context of the `<div>` the page is shown in), sanitized by
 * hast-util-sanitize with one allowlist schema (GitHub's, extended for Grove's own markup), narrowed
 * by Grove's own rules (a short list of CSS properties and values, Grove's classes, clobber-safe ids),
 * and serialized again from that tree. Nothing rewrites the HTML after it, and its output is always
 * the re-serialized tree, never the input string, so a tag left open cannot run on into the layout.
 *
 * The finder, `findHtmlViolations`, judges each element an author wrote with the same schema and the
 * same rules (it runs the sanitizer on the element), so the check reports, with its line and column,
 * what the build removes, and nothing else.
 */
import type { Element, Properties, Root, RootContent } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { defaultTreeAdapter, html as parse5Html, parse, parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import { find, html as htmlSchema } from 'property-information';

/** The rules, by the name messages and docs/contributing.md use. */
export type HtmlRule =
  | 'no-script'
  | 'no-event-handlers'
  | 'no-unsafe-urls'
  | 'no-embeds'
  | 'no-forms'
  | 'no-hiding-styles'
  | 'no-page-elements'
  | 'allowed-elements'
  | 'allowed-attributes'
  | 'allowed-styles'
  | 'no-search-overrides'
  | 'no-external-assets'
  | 'html-structure';

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
  /** A warning only, whatever the source's `unsafeHtml` (an external image shown as a link). */
  warning?: boolean;
}

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
  textarea: ['no-forms', 'could send what the reader types to another site', 'remove it'],
  select: ['no-forms', 'could send what the reader chooses to another site', 'remove it'],
};

/** Form elements: unwrapped, so their text stays but nothing can be submitted anywhere. */
const FORM = new Set(['form', 'option', 'optgroup', 'datalist', 'output', 'keygen']);

/**
 * Classes the site's style sheets give a meaning to in page content: Grove's own markup (callouts,
 * embeds, knowledge checks, code highlighting, task lists, footnotes). Any other class an author
 * writes is kept with the `user-content-` prefix, so it can neither borrow a site style
 * (`visually-hidden`) nor match a selector the site's scripts use.
 */
const GROVE_CLASS =
  /^(broken-link|hierarchy-(parents|children|title)|callout(-[a-z]+)?|embed(-body|-source|-kind)?|external-image|box|check(-inline)?|question(-body|-actions|-hint)?|options|answer|explanation|feedback|button|secondary|astro-code(-themes)?|github-(light|dark)(-high-contrast)?|line|task-list-item|contains-task-list|footnotes|data-footnote-backref|language-[\w+#.-]+)$/;

/**
 * Ids the site's layout, components and pages write: a heading of an untrusted page may not take one
 * (the page's scripts and links look them up). tests/unit/policy/untrusted-boundary.test.ts checks this list
 * against the templates, so a new id there cannot be forgotten here.
 */
export const LAYOUT_IDS: ReadonlySet<string> = new Set(
  (
    'az-title check community continue-title contributed courses-title evergreen-title experts formal growing-title grove-ui hero-title lessons linked-from main map-find ' +
    'map-focus map-list no-git notes objectives opened-title outcomes owns paths-title prerequisites results-title saved-title search-q search-status sub-topics ' +
    'summary-name topics-title used-in what-the-checks-do what-to-write with-git wrote'
  ).split(' '),
);

/** The prefix of every id, name and class that Grove does not own, as GitHub does it (against DOM clobbering). */
export const CLOBBER_PREFIX = 'user-content-';

const aria = ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy'];
/** GitHub's attributes for every element, less form and keyboard ones a page has no use for. */
const GLOBAL = (defaultSchema.attributes!['*'] ?? []).filter((a) => !['accept', 'acceptCharset', 'accessKey', 'action', 'encType', 'method', 'prompt'].includes(String(a)));

/**
 * The allowlist: GitHub's schema (hast-util-sanitize's default) for the elements and attributes of
 * Markdown and wiki HTML, extended with what Grove renders itself.
 */
export const SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((t) => t !== 'source' && t !== 'picture'),
    // `<audio>` and `<video>` play a file of the site (`![[clip.mp3]]`): only `src`, `controls` and `preload`, and one from another host is shown as a link.
    ...['audio', 'video'],
    ...['abbr', 'aside', 'bdi', 'bdo', 'button', 'caption', 'cite', 'col', 'colgroup', 'dfn', 'fieldset', 'figcaption', 'figure', 'label', 'legend', 'mark', 'small', 'time', 'u', 'wbr'],
  ],
  attributes: {
    // GitHub's per-element class lists go: classes Grove does not own are prefixed instead (see GROVE_CLASS).
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).map(([k, v]) => [k, v.filter((d) => !(Array.isArray(d) && d[0] === 'className'))])),
    '*': [...GLOBAL, 'className', 'style', 'lang', 'dir', 'title', 'ariaLabel', ['role', 'status', 'note', 'region', 'img', 'presentation']],
    a: [...aria, 'dataFootnoteBackref', 'dataFootnoteRef', 'href', 'hrefLang', ['rel', 'noopener', 'noreferrer', 'nofollow', 'external']],
    aside: [...aria, 'dataCallout'],
    button: [['type', 'button'], 'dataCheckAnswer'],
    details: ['dataCallout'],
    div: ['dataCallout', 'dataFeedback'],
    fieldset: ['dataQuestion', 'dataAnswer'],
    figure: ['dataEmbed'],
    img: [...aria, 'longDesc', 'src', 'loading', 'decoding'],
    audio: ['src', 'controls', ['preload', 'none', 'metadata']],
    video: ['src', 'controls', ['preload', 'none', 'metadata'], 'width', 'height'],
    input: [['type', 'checkbox', 'radio'], 'checked', 'disabled', 'name', 'value', 'ariaLabel'],
    pre: ['dataLanguage', 'tabIndex'],
    section: ['dataFootnotes'],
    time: ['dateTime'],
  },
  // Grove prefixes ids and names itself (see `prefixNames`): GitHub's clobbering would also prefix the
  // footnote ids Sätteri has already prefixed, and the heading ids that links point at.
  clobber: [],
  clobberPrefix: '',
  protocols: {
    cite: ['http', 'https'],
    href: ['http', 'https', 'mailto', 'tel'],
    longDesc: ['http', 'https'],
    // `data:` is narrowed to images by `restrict`.
    src: ['http', 'https', 'data'],
  },
  required: {},
  strip: Object.keys(REMOVED),
  // A comment cannot run anything once it is re-serialized from the parse; wikis keep notes in them.
  allowComments: true,
  allowDoctypes: false,
};

/** URL schemes a page may link to; a URL without a scheme (relative, `#anchor`, `/path`) is fine. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
/** Images may be inlined as data URLs of these types, which cannot run code. */
const DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|avif)[;,]/;

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
  const a = /^[aeiou]/.test(scheme) ? 'an' : 'a';
  return scheme === 'javascript' || scheme === 'vbscript' ? `a ${scheme}: URL runs code when followed` : `${a} ${scheme}: URL is not a web address`;
}

/** True for a URL that points at another host (`https://…`, `//host/…`): what a page loads from there, the reader's browser requests. */
export function isExternalUrl(url: string): boolean {
  const u = url.trim();
  return /^\/\//.test(u) || /^[a-z][a-z0-9+.-]*:\/\//i.test(u);
}

// ---------------------------------------------------------------------------------------------
// Styles: a short allowlist of properties, each with the values it may take.

const COLOR = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)|[a-z]{3,20})$/;
/** Named colours that are not colours a reader can see. */
const INVISIBLE_COLORS = new Set(['transparent', 'currentcolor', 'inherit', 'initial', 'unset', 'revert', 'none']);
const LENGTH = /^(0|auto|\d{1,3}(\.\d+)?(px|em|rem|%|ch|ex))$/;
const SIZE = /^(0|auto|\d{1,4}(\.\d+)?(px|em|rem|%|ch|vw|vh))$/;
const keywords = (...k: string[]) => new RegExp(`^(${k.join('|')})$`);
const colorValue = (v: string) => COLOR.test(v) && !INVISIBLE_COLORS.has(v);
/** A margin or padding: up to four lengths, none negative. */
const spacing = (v: string) => v.split(' ').length <= 4 && v.split(' ').every((p) => LENGTH.test(p));

/** The properties a page's own styles may set, and the values each accepts. */
const STYLE_PROPERTIES: Record<string, RegExp | ((v: string) => boolean)> = {
  'text-align': keywords('left', 'right', 'center', 'justify', 'start', 'end'),
  'vertical-align': keywords('top', 'middle', 'bottom', 'baseline', 'text-top', 'text-bottom', 'sub', 'super'),
  color: colorValue,
  'background-color': colorValue,
  'font-style': keywords('normal', 'italic', 'oblique'),
  'font-weight': keywords('normal', 'bold', 'bolder', 'lighter', '[1-9]00'),
  'text-decoration': /^(none|underline|line-through|overline)( (underline|line-through|overline))*$/,
  'white-space': keywords('normal', 'nowrap', 'pre', 'pre-wrap', 'pre-line'),
  'overflow-x': keywords('auto', 'scroll', 'visible'),
  float: keywords('left', 'right', 'none'),
  width: SIZE,
  'max-width': SIZE,
  height: SIZE,
  margin: spacing,
  'margin-top': LENGTH,
  'margin-bottom': LENGTH,
  'margin-left': LENGTH,
  'margin-right': LENGTH,
  padding: spacing,
  'padding-top': LENGTH,
  'padding-bottom': LENGTH,
  'padding-left': LENGTH,
  'padding-right': LENGTH,
  // Code highlighting (Shiki's two themes, switched by src/styles/prose.css).
  '--shiki-dark': colorValue,
  '--shiki-light': colorValue,
  '--shiki-dark-bg': colorValue,
  '--shiki-light-bg': colorValue,
  '--shiki-dark-font-style': keywords('normal', 'italic'),
  '--shiki-dark-font-weight': keywords('normal', 'bold'),
  '--shiki-dark-text-decoration': keywords('none', 'underline', 'line-through'),
};

/** Why a property would hide or cover text, for the messages (the allowlist refuses it anyway). */
function hidingReason(property: string, value: string): string | undefined {
  if (property === 'display' && value === 'none') return '`display: none` hides the text from readers';
  if (property === 'visibility' && value !== 'visible') return `\`visibility: ${value}\` hides the text from readers`;
  if (/^(opacity|filter|clip|clip-path|mask|transform|position|font-size|text-indent|content-visibility|z-index|inset|left|top|right|bottom)/.test(property)) {
    return `\`${property}: ${value}\` can hide the text, shrink it or lay it over the page`;
  }
  if ((property === 'color' || property === 'background-color') && /^(transparent|rgba|hsla|#[0-9a-f]{4}$|#[0-9a-f]{8}$)/.test(value)) return `\`${property}: ${value}\` can make the text invisible`;
  if (/^(margin|padding)/.test(property) && value.includes('-')) return `\`${property}: ${value}\` moves the text out of view`;
  if (/^(overflow|max-height)/.test(property)) return `\`${property}: ${value}\` can cut the text out of view`;
  return undefined;
}

/** One declaration of an inline style: its text as written, and its property and value as CSS reads them. */
interface Declaration {
  text: string;
  property: string;
  value: string;
}

/** The declarations of an inline style; undefined when the style uses CSS escapes or comments, which the allowlist does not read. */
function declarations(style: string): Declaration[] | undefined {
  if (/[\\]|\/\*|[^\x20-\x7e\t\n\r]/.test(style)) return undefined;
  return style.split(';').flatMap((text) => {
    const i = text.indexOf(':');
    if (i < 0) return text.trim() ? [{ text, property: text.trim().toLowerCase(), value: '' }] : [];
    const property = text.slice(0, i).trim().toLowerCase();
    const value = text
      .slice(i + 1)
      .replace(/!\s*important/gi, '')
      .trim()
      .replace(/\s+/g, ' ')
      .toLowerCase();
    return [{ text, property, value }];
  });
}

/** What the allowlist makes of an inline style: the style to keep (undefined: none) and why each removed part was removed. */
function judgeStyle(style: string): { kept: string | undefined; removed: StyleRemoval[] } {
  const ds = declarations(style);
  if (!ds) return { kept: undefined, removed: [{ rule: 'allowed-styles', why: 'CSS escapes, comments and non-ASCII characters in a style are not read', declaration: style.trim() }] };
  const kept: string[] = [];
  const removed: StyleRemoval[] = [];
  for (const d of ds) {
    const test = STYLE_PROPERTIES[d.property];
    const ok = test !== undefined && (typeof test === 'function' ? test(d.value) : test.test(d.value));
    if (ok) kept.push(d.text);
    else {
      const declaration = `${d.property}: ${d.value}`;
      const hiding = hidingReason(d.property, d.value);
      if (/url\(|expression|javascript:|behavior|-moz-binding/.test(d.value)) removed.push({ rule: 'no-unsafe-urls', why: `\`${declaration}\` loads a file from elsewhere or runs code`, declaration });
      else
        removed.push(
          hiding ? { rule: 'no-hiding-styles', why: hiding, declaration } : { rule: 'allowed-styles', why: `\`${declaration}\` is not a style pages from untrusted sources may set`, declaration },
        );
    }
  }
  if (removed.length === 0) return { kept: style, removed };
  return { kept: kept.length ? kept.join(';') : undefined, removed };
}

/** One part of a style the allowlist removes. */
interface StyleRemoval {
  rule: HtmlRule;
  why: string;
  /** The declaration as CSS reads it (`position: fixed`). */
  declaration: string;
}

/** Why an inline style may not be used (its gravest part first, then the others), or undefined when the allowlist keeps all of it. */
export function unsafeStyle(style: string): { rule: HtmlRule; why: string } | undefined {
  const { removed } = judgeStyle(style);
  const gravest = removed.find((r) => r.rule === 'no-unsafe-urls') ?? removed.find((r) => r.rule === 'no-hiding-styles') ?? removed[0];
  if (!gravest) return undefined;
  const others = removed.filter((r) => r !== gravest).map((r) => `\`${r.declaration}\``);
  return { rule: gravest.rule, why: others.length ? `${gravest.why}; also not allowed: ${others.join(', ')}` : gravest.why };
}

// ---------------------------------------------------------------------------------------------
// Grove's rules on top of the schema, applied to an element the sanitizer has kept.

/** The rules the schema cannot say (values of styles, data URLs); returns what was removed, and removes it. */
function restrict(el: Element): Array<{ attribute: string; rule: HtmlRule; why: string }> {
  const out: Array<{ attribute: string; rule: HtmlRule; why: string }> = [];
  const p = el.properties;
  if (typeof p.style === 'string') {
    const { kept } = judgeStyle(p.style);
    // One finding per style, naming every part removed; its rule is the gravest.
    const bad = unsafeStyle(p.style);
    if (bad) out.push({ attribute: 'style', ...bad });
    if (kept === undefined) delete p.style;
    else p.style = kept;
  }
  if (typeof p.src === 'string' && schemeOf(p.src) === 'data' && !(el.tagName === 'img' && DATA_IMAGE.test(p.src.trim().toLowerCase()))) {
    out.push({ attribute: 'src', rule: 'no-unsafe-urls', why: 'only PNG, GIF, JPEG, WebP and AVIF images may be inlined as data: URLs' });
    delete p.src;
  }
  return out;
}

/** Normalisations that are not violations: names Grove does not own get the clobber prefix. */
function prefixNames(el: Element): void {
  const p = el.properties;
  const prefix = (v: string) => (v.startsWith(CLOBBER_PREFIX) ? v : CLOBBER_PREFIX + v);
  if (typeof p.id === 'string') {
    // A heading keeps the id Grove gave it (links point at it), unless the layout uses that id.
    const heading = /^h[1-6]$/.test(el.tagName) && !LAYOUT_IDS.has(p.id);
    const footnote = p.id === 'footnote-label';
    // A block id (`^id`, as Obsidian writes it) keeps it too: links point at it, and no id of the layout starts with `^`.
    const block = /^\^[A-Za-z0-9-]+$/.test(p.id);
    if (!heading && !footnote && !block) p.id = prefix(p.id);
  }
  if (p.name !== undefined && p.name !== null) p.name = prefix(String(p.name));
  for (const k of ['ariaDescribedBy', 'ariaLabelledBy'] as const) {
    const v = p[k];
    if (Array.isArray(v)) p[k] = v.map((x) => (String(x) === 'footnote-label' ? x : prefix(String(x))));
  }
  if (Array.isArray(p.className)) p.className = p.className.map((c) => (GROVE_CLASS.test(String(c)) || c === 'sr-only' || String(c).startsWith(CLOBBER_PREFIX) ? c : CLOBBER_PREFIX + String(c)));
}

// ---------------------------------------------------------------------------------------------
// Parsing in the browser's context.

const DIV_CONTEXT = defaultTreeAdapter.createElement('div', parse5Html.NS.HTML, []);

/** The deepest nesting of elements the policy parses; deeper HTML is refused rather than walked (browsers cap their trees at 512). */
export const MAX_HTML_DEPTH = 256;

/** How deeply a parse5 tree nests, found without recursion. */
function depthOf(root: T.ParentNode): number {
  let max = 0;
  const stack: Array<[T.Node, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_HTML_DEPTH) return max;
    for (const c of 'childNodes' in n ? (n as T.ParentNode).childNodes : []) stack.push([c, d + 1]);
    if ((n as T.Template).content) stack.push([(n as T.Template).content, d + 1]);
  }
  return max;
}

/** Parses HTML as the browser does inside a `<div>`, into hast; undefined when it nests too deeply to walk safely. */
function parseInContext(html: string): Root | undefined {
  const fragment = parseFragment(DIV_CONTEXT, html, {});
  if (depthOf(fragment) > MAX_HTML_DEPTH) return undefined;
  return fromParse5(fragment) as Root;
}

/** Visits every element of a hast tree, without recursion. */
function eachElement(root: Root, visit: (el: Element) => void): void {
  const stack: Array<Root | Element> = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'element') visit(n);
    for (const c of n.children) if (c.type === 'element') stack.push(c);
  }
}

/** Options of the cleaner. */
export interface CleanOptions {
  /** `allow`: images from other hosts stay images; `block` (default): they become links to the image, so no reader's browser calls another host. */
  externalAssets?: 'block' | 'allow';
}

/** What cleaning one page did. */
export interface CleanResult {
  /** The page's HTML as it may be shown: always re-serialized from the sanitized parse. */
  html: string;
  /** True when the sanitizer or Grove's rules removed something (normalisations aside). */
  changed: boolean;
  /** Where the first removal was, as a snippet of the HTML before cleaning, for messages. */
  near?: string;
  /** True when the HTML nested too deeply to be walked; `html` is then empty. */
  tooDeep?: boolean;
}

/** Where two serializations first differ, as a snippet of the first from the tag that holds the difference, for messages. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const start = Math.max(0, a.lastIndexOf('<', i));
  return a.slice(start, start + 80).replace(/\s+/g, ' ');
}

/** Turns an image from another host into a link to it, named by its alt text. */
function imageAsLink(el: Element): Element {
  const alt = typeof el.properties.alt === 'string' && el.properties.alt.trim() ? el.properties.alt : 'image';
  const href = String(el.properties.src);
  return { type: 'element', tagName: 'a', properties: { href, className: ['external-image'], rel: ['noopener', 'noreferrer', 'nofollow'] }, children: [{ type: 'text', value: alt }] };
}

/** `<audio src>` / `<video src>` from another host as a link to the file. */
function mediaAsLink(el: Element): Element {
  const href = String(el.properties.src);
  return { type: 'element', tagName: 'a', properties: { href, className: ['external-image'], rel: ['noopener', 'noreferrer', 'nofollow'] }, children: [{ type: 'text', value: href }] };
}

/**
 * Cleans the finished HTML of an untrusted page (or of an embed of one): the last step of its
 * rendering. Parse in the browser's context → normalise (prefix names Grove does not own; images
 * from other hosts as links; `rel` on links to other hosts) → sanitize with SCHEMA → Grove's rules →
 * serialize. `changed` compares the serializations before and after the sanitizing steps.
 */
export function cleanHtml(html: string, options: CleanOptions = {}): CleanResult {
  const tree = parseInContext(html);
  if (!tree) return { html: '', changed: true, tooDeep: true, near: html.slice(0, 80) };
  const block = options.externalAssets !== 'allow';
  // Normalise first: these edits are Grove's own, not the author's violations.
  const replace = new Map<Element, Element>();
  eachElement(tree, (el) => {
    prefixNames(el);
    if (el.tagName === 'a' && typeof el.properties.href === 'string' && isExternalUrl(el.properties.href)) {
      el.properties.rel = ['noopener', 'noreferrer', 'nofollow'];
    }
    if (block && el.tagName === 'img' && typeof el.properties.src === 'string' && isExternalUrl(el.properties.src)) replace.set(el, imageAsLink(el));
    // Media from another host is always a link: the site's CSP (default-src 'self') would not play it.
    if ((el.tagName === 'audio' || el.tagName === 'video') && typeof el.properties.src === 'string' && isExternalUrl(el.properties.src)) replace.set(el, mediaAsLink(el));
  });
  if (replace.size) swapElements(tree, replace);
  // hast-util-sanitize builds a new tree: the normalised one stays as it was, to compare with.
  const clean = sanitize(tree, SCHEMA) as Root;
  let restricted = false;
  eachElement(clean, (el) => {
    if (restrict(el).length) restricted = true;
  });
  const after = toHtml(clean);
  // Comparing the trees is cheaper than serializing the one before (0.4 ms a page); the text is only needed for the message.
  const changed = restricted || !sameTree(tree, clean);
  return { html: after, changed, near: changed ? firstDifference(toHtml(tree), after) : undefined };
}

/** True when two hast trees hold the same nodes with the same properties and text, compared without recursion. */
function sameTree(a: Root, b: Root): boolean {
  const stack: Array<[Root | RootContent, Root | RootContent]> = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop()!;
    if (x.type !== y.type) return false;
    if (x.type === 'element' && y.type === 'element') {
      if (x.tagName !== y.tagName || !sameProperties(x.properties, y.properties)) return false;
    } else if ('value' in x && 'value' in y && x.value !== y.value) return false;
    const xs = 'children' in x ? x.children : [];
    const ys = 'children' in y ? y.children : [];
    if (xs.length !== ys.length) return false;
    for (let i = 0; i < xs.length; i++) stack.push([xs[i]!, ys[i]!]);
  }
  return true;
}

/** True when two elements' properties are the same (values compared as lists or as they are). */
function sameProperties(p: Properties, q: Properties): boolean {
  const keys = Object.keys(p).filter((k) => p[k] !== undefined && p[k] !== null);
  if (keys.length !== Object.keys(q).filter((k) => q[k] !== undefined && q[k] !== null).length) return false;
  for (const k of keys) {
    const v = p[k];
    const w = q[k];
    if (Array.isArray(v) && Array.isArray(w)) {
      if (v.length !== w.length || v.some((x, i) => x !== w[i])) return false;
    } else if (v !== w) return false;
  }
  return true;
}

/** Replaces elements of a tree by others, without recursion. */
function swapElements(root: Root, replace: Map<Element, Element>): void {
  const stack: Array<Root | Element> = [root];
  while (stack.length) {
    const n = stack.pop()!;
    n.children = n.children.map((c) => (c.type === 'element' && replace.has(c) ? replace.get(c)! : c)) as typeof n.children;
    for (const c of n.children) if (c.type === 'element') stack.push(c);
  }
}

// ---------------------------------------------------------------------------------------------
// The finder: the same schema and rules, element by element, with lines and columns.

type Attr = { name: string; value: string };

/** Attributes that hold URLs and are not allowed at all; a dangerous URL in one is named as such. */
const URL_LISTS = new Set(['srcset', 'ping', 'poster', 'background', 'action', 'formaction', 'xlink:href', 'data', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'icon']);

/** The message for an attribute the schema does not keep. */
function attributeFinding(tag: string, name: string, value: string): Omit<HtmlFinding, 'line' | 'column'> {
  const n = name.toLowerCase();
  if (n.startsWith('on')) return { rule: 'no-event-handlers', message: `the event handler ${n}="…" on <${tag}> runs code in the reader's browser`, hint: 'remove the attribute' };
  if (n.startsWith('data-pagefind'))
    return { rule: 'no-search-overrides', message: `${n} on <${tag}> changes how search indexes and ranks the page`, hint: 'remove the attribute; the site sets search data itself' };
  if (n === 'hidden') return { rule: 'no-hiding-styles', message: `the hidden attribute on <${tag}> hides the text from readers`, hint: 'remove it; use a <details> fold for optional text' };
  if (['href', 'src', 'cite', 'longdesc'].includes(n)) {
    const why = unsafeUrl(value, tag === 'img' && n === 'src') ?? 'this address is not allowed here';
    return { rule: 'no-unsafe-urls', message: `${n} on <${tag}>: ${why}`, hint: 'link to an http(s) address or a page of the garden' };
  }
  if (URL_LISTS.has(n)) {
    const why = value
      .split(/[\s,]+/)
      .map((u) => unsafeUrl(u, true))
      .find((w) => w);
    if (why) return { rule: 'no-unsafe-urls', message: `${n} on <${tag}>: ${why}`, hint: 'remove the attribute; link to an http(s) address or a page of the garden' };
  }
  if (n === 'srcdoc' || n === 'formaction') return { rule: 'no-embeds', message: `the attribute ${n} on <${tag}> is not allowed`, hint: 'remove the attribute' };
  if (n === 'popover' || n === 'popovertarget' || n === 'target')
    return { rule: 'allowed-attributes', message: `the attribute ${n} on <${tag}> is not allowed: it can lay content over the page or open another window`, hint: 'remove the attribute' };
  return {
    rule: 'allowed-attributes',
    message: `the attribute ${n}${value ? `="${value.length > 30 ? `${value.slice(0, 30)}…` : value}"` : ''} on <${tag}> is not one pages from untrusted sources may use`,
    hint: 'remove the attribute; Markdown and the common attributes (href, src, alt, title, lang, dir, colspan …) are fine',
  };
}

/** The hast property name of an HTML attribute. */
const propertyOf = (attribute: string) => find(htmlSchema, attribute).property;

/**
 * What the policy says of one element as an author wrote it: an action on the element and findings,
 * or findings on its attributes. It asks the sanitizer itself (on the element alone), then Grove's
 * rules, so it cannot disagree with `cleanHtml`.
 */
export function judgeElement(
  tag: string,
  attrs: readonly Attr[],
  options: CleanOptions = {},
): { element?: { action: 'remove' | 'unwrap'; finding: HtmlFinding }; attributes: Array<{ name: string; finding: HtmlFinding }> } {
  const name = tag.toLowerCase();
  const removed = REMOVED[name];
  if (removed) return { element: { action: 'remove', finding: { rule: removed[0], message: `<${name}> ${removed[1]}`, hint: removed[2] } }, attributes: [] };
  if (FORM.has(name)) {
    return {
      element: { action: 'unwrap', finding: { rule: 'no-forms', message: `<${name}> could send what the reader types to another site`, hint: 'remove the form; link to the real form instead' } },
      attributes: [],
    };
  }
  const el = elementOf(name, attrs);
  if (!el || !(SCHEMA.tagNames ?? []).includes(name)) {
    return {
      element: {
        action: 'unwrap',
        finding: {
          rule: 'allowed-elements',
          message: `<${name}> is not an element pages from untrusted sources may use`,
          hint: 'use Markdown, or one of the common HTML elements (div, span, details, kbd, sup, img, table …)',
        },
      },
      attributes: [],
    };
  }
  const attributes: Array<{ name: string; finding: HtmlFinding }> = [];
  if (options.externalAssets !== 'allow' && name === 'img') {
    const src = attrs.find((a) => a.name.toLowerCase() === 'src')?.value;
    if (src !== undefined && isExternalUrl(src)) {
      attributes.push({ name: 'src', finding: externalImageFinding(src) });
      return { attributes };
    }
  }
  prefixNames(el);
  const given = structuredClone(el.properties);
  const kept = (sanitize({ type: 'root', children: [el] }, { ...SCHEMA, ancestors: {} }) as Root).children[0] as Element | undefined;
  const keptProps: Properties = kept?.type === 'element' ? kept.properties : {};
  for (const a of attrs) {
    const prop = propertyOf(a.name);
    if (!(prop in keptProps) || JSON.stringify(keptProps[prop]) !== JSON.stringify(given[prop])) attributes.push({ name: a.name, finding: attributeFinding(name, a.name, a.value) });
  }
  if (kept?.type === 'element') {
    for (const r of restrict(kept)) {
      const message = r.attribute === 'style' ? `the style on <${name}>: ${r.why}` : `${r.attribute} on <${name}>: ${r.why}`;
      const hint = r.attribute === 'style' ? 'remove the style; use Markdown emphasis or a <details> fold for optional text' : 'remove it';
      attributes.push({ name: r.attribute, finding: { rule: r.rule, message, hint } });
    }
  }
  return { attributes };
}

/** The warning for an image from another host. */
export function externalImageFinding(src: string): HtmlFinding {
  return {
    rule: 'no-external-assets',
    message: `the image ${src.length > 60 ? `${src.slice(0, 60)}…` : src} is on another host, so it is shown as a link (a reader's browser would call that host)`,
    hint: "copy the image into the repository beside the page, or set externalAssets: 'allow' on the source",
    warning: true,
  };
}

/** A hast element for one element as written, through hast-util-from-parse5 like the page; undefined for a name HTML cannot hold. */
function elementOf(tag: string, attrs: readonly Attr[]): Element | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(tag)) return undefined;
  const node = defaultTreeAdapter.createElement(
    tag,
    parse5Html.NS.HTML,
    attrs.map((a) => ({ name: a.name.toLowerCase(), value: a.value })),
  );
  const fragment = defaultTreeAdapter.createDocumentFragment();
  defaultTreeAdapter.appendChild(fragment, node);
  return (fromParse5(fragment) as Root).children[0] as Element;
}

/**
 * Finds what the policy forbids in a piece of HTML as written (one raw-HTML node of a Markdown page,
 * say), parsed as the browser parses it inside the page; lines and columns are within `html`, 1-based.
 */
export function findHtmlViolations(html: string, options: CleanOptions = {}): HtmlFinding[] {
  const found: HtmlFinding[] = [];
  const fragment = parseFragment(DIV_CONTEXT, html, { sourceCodeLocationInfo: true });
  if (depthOf(fragment) > MAX_HTML_DEPTH) {
    return [
      {
        rule: 'html-structure',
        message: `this HTML nests more than ${MAX_HTML_DEPTH} elements deep`,
        hint: 'flatten it; pages are read by people, and browsers stop nesting at 512',
        line: 1,
        column: 1,
      },
    ];
  }
  const unclosed = html.lastIndexOf('<!--');
  if (unclosed >= 0 && html.indexOf('-->', unclosed + 4) < 0) {
    const before = html.slice(0, unclosed);
    const line = before.split('\n').length;
    found.push({
      rule: 'html-structure',
      message: 'an HTML comment that is never closed hides the rest of the page',
      hint: 'close it with -->, or remove it',
      line,
      column: unclosed - before.lastIndexOf('\n'),
    });
  }
  // A tag cut off at the end would run on into whatever follows it on the page; the parse drops it.
  const lt = html.lastIndexOf('<');
  if (lt >= 0 && html.indexOf('>', lt) < 0 && /[a-z]/i.test(html[lt + 1] ?? '')) {
    const before = html.slice(0, lt);
    found.push({
      rule: 'html-structure',
      message: `the tag ${html.slice(lt, lt + 30).split('\n')[0]}… is never closed with >, so it would swallow what follows it`,
      hint: 'finish the tag with >, or remove it',
      line: before.split('\n').length,
      column: lt - before.lastIndexOf('\n'),
    });
  }
  // `<html>`, `<head>` and `<body>` tags are dropped inside a page, but a browser adds their attributes to the page's own.
  if (/<(html|head|body)\b/i.test(html)) {
    for (const n of parse(html, { sourceCodeLocationInfo: true }).childNodes) {
      const pageElements = 'tagName' in n ? [n as T.Element, ...(n as T.Element).childNodes.filter((c): c is T.Element => 'tagName' in c)] : [];
      for (const el of pageElements) {
        const loc = el.sourceCodeLocation;
        if (el.attrs.length && loc?.startTag) {
          found.push({
            rule: 'no-page-elements',
            message: `<${el.tagName}> with attributes (${el.attrs.map((a) => a.name).join(', ')}) would change the whole page`,
            hint: `remove the <${el.tagName}> tag`,
            line: loc.startLine,
            column: loc.startCol,
          });
        }
      }
    }
  }
  const stack: Array<T.Node> = [...fragment.childNodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!('tagName' in n)) continue;
    const el = n as T.Element;
    const verdict = judgeElement(el.tagName, el.attrs, options);
    const loc = el.sourceCodeLocation;
    if (verdict.element) {
      found.push({ ...verdict.element.finding, line: loc?.startLine, column: loc?.startCol });
      if (verdict.element.action === 'remove') continue;
    }
    for (const a of verdict.attributes) {
      const al = loc?.attrs?.[a.name] ?? loc;
      found.push({ ...a.finding, line: al?.startLine, column: al?.startCol });
    }
    const children = el.tagName === 'template' ? (el as T.Template).content.childNodes : el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}
