/**
 * What an attacker could use in a page's HTML, found as the browser finds it: the HTML is parsed with
 * parse5 inside a copy of the layout (a `<main>` with the prose `<div>`, then the layout's own markup
 * after it). Shared by the table of hostile inputs and the property-based tests of the HTML policy.
 */
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';

/** Elements that run, load, embed or submit something, or hold markup for scripts. */
const ACTIVE = ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'base', 'meta', 'link', 'template', 'form', 'frame', 'noscript', 'textarea'];
/** Attributes that open windows, lay content over the page, embed documents, or hide text. */
const ACTIVE_ATTRIBUTES = ['popover', 'target', 'formaction', 'srcdoc', 'hidden', 'is'];

/** Every way `html`, shown in the layout, could run script, reach another host, clobber the page's scripts or swallow the layout after it; [] when there is none. */
export function dangersIn(html: string): string[] {
  const doc = parse(`<!doctype html><html><head></head><body><main><div class="prose">${html}</div><p id="layout-after">after</p></main></body></html>`);
  const found: string[] = [];
  let afterParent: string | undefined;
  // Without recursion: the HTML under test may nest deeply.
  const stack: Array<[T.Node, boolean]> = [[doc, false]];
  while (stack.length) {
    const [n, inContent] = stack.pop()!;
    let inner = inContent;
    if ('tagName' in n) {
      const el = n as T.Element;
      const attrs = el.attrs;
      if (attrs.some((a) => a.name === 'id' && a.value === 'layout-after')) afterParent = (el.parentNode as T.Element).tagName;
      if (inContent) {
        if (ACTIVE.includes(el.tagName)) found.push(`<${el.tagName}>`);
        for (const a of attrs) {
          if (a.name.startsWith('on') || ACTIVE_ATTRIBUTES.includes(a.name)) found.push(`${a.name} on <${el.tagName}>`);
          if (['href', 'src', 'action', 'data', 'xlink:href'].includes(a.name) && /^\s*(javascript|vbscript|data:text|data:image\/svg)/i.test(a.value.replace(/[\t\n\r]/g, '')))
            found.push(`${a.name}=${a.value}`);
          if (a.name === 'name' && !a.value.startsWith('user-content-')) found.push(`name=${a.value}`);
          if (a.name === 'id' && a.value === 'main') found.push('id=main');
          if (a.name === 'style' && /url\(|position|opacity|display|visibility/i.test(a.value)) found.push(`style=${a.value}`);
        }
        if (el.tagName === 'img' && /^(https?:)?\/\//.test(attrs.find((a) => a.name === 'src')?.value ?? '')) found.push('an image from another host');
      }
      inner = inContent || attrs.some((a) => a.name === 'class' && a.value === 'prose');
    }
    const children = 'tagName' in n && (n as T.Element).tagName === 'template' ? (n as T.Template).content.childNodes : 'childNodes' in n ? (n as T.ParentNode).childNodes : [];
    for (const c of children) stack.push([c, inner]);
  }
  if (afterParent !== 'main') found.push(`the layout after the page ended up inside <${afterParent}>`);
  return found;
}
