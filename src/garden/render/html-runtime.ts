/**
 * A JSX runtime that renders straight to HTML strings. MDX without imports is evaluated with it at
 * load time, so the page's HTML is cached like Markdown's and never goes through the bundler.
 */

/** HTML that is already safe to insert as it is. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RENAME: Record<string, string> = { className: 'class', htmlFor: 'for' };

/** Renders any JSX child (text, HTML, lists, nothing) to an HTML string. */
export function renderChild(child: unknown): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof Html) return child.value;
  if (Array.isArray(child)) return child.map(renderChild).join('');
  return escapeHtml(String(child));
}

function attributes(props: Record<string, unknown>): string {
  let out = '';
  for (const [k, v] of Object.entries(props)) {
    if (k === 'children' || v === null || v === undefined || v === false || typeof v === 'function') continue;
    const name = RENAME[k] ?? k;
    if (v === true) out += ` ${name}`;
    else if (name === 'style' && typeof v === 'object') {
      const css = Object.entries(v as Record<string, unknown>)
        .map(([p, x]) => `${p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${String(x)}`)
        .join(';');
      out += ` style="${escapeHtml(css)}"`;
    } else out += ` ${name}="${escapeHtml(String(v))}"`;
  }
  return out;
}

/** The fragment marker MDX uses for `<>…</>`. */
export const Fragment = Symbol.for('grove.fragment');

/** Builds one element: an HTML tag, a fragment, or a component called with its props. */
export function jsx(type: unknown, props: Record<string, unknown>): Html {
  if (type === Fragment) return new Html(renderChild(props.children));
  if (typeof type === 'function') return new Html(renderChild((type as (p: Record<string, unknown>) => unknown)(props)));
  const tag = String(type);
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(tag)) throw new Error(`<${tag}> is not an HTML element name`);
  const open = `<${tag}${attributes(props)}>`;
  return new Html(VOID.has(tag) ? open : `${open}${renderChild(props.children)}</${tag}>`);
}

/** The runtime object MDX's `evaluate` takes. */
export const htmlRuntime = { Fragment, jsx, jsxs: jsx };
