/** DOM helpers shared by the search dialog and the search page: elements, badges, highlighted titles. */
import { isKind, KIND_TABLE } from '../garden/core/kinds.ts';
import { t } from './ui.ts';
import { wordsOf } from '../garden/model/search.ts';
import type { Hit } from './search-engine.ts';

type Child = Node | string | false | null | undefined;

/** Creates an element with attributes (`false`/`undefined` values are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== false && c !== null && c !== undefined) el.append(c);
  return el;
}

/** The kind badge of a result: formal kinds blue, informal ones amber, as everywhere on the site. */
export function kindBadge(kind: string): HTMLElement {
  return h('span', { class: `badge ${isKind(kind) && KIND_TABLE[kind].formal ? 'formal' : 'informal'}` }, isKind(kind) ? t(`js.kind.${kind}`) : kind);
}

/** The text with the starts of words the query matches wrapped in `<mark>`. */
export function highlighted(text: string, query: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  // Pagefind stems words ("rebase" finds "rebasing"): mark the shared start of long words too.
  const terms = wordsOf(query).map((t) => (t.length > 4 ? t.replace(/(?:ing|ed|es|e|s)$/, '') : t));
  if (terms.length === 0) {
    frag.append(text);
    return frag;
  }
  // Fold accents the way the index does, one character for one, so positions in both line up.
  const chars = [...text];
  const folded = chars.map((c) => [...c.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()][0] ?? c);
  const isWord = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);
  let last = 0;
  for (let i = 0; i < chars.length;) {
    if (!isWord(folded[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && isWord(folded[j])) j++;
    const w = folded.slice(i, j).join('');
    const t = terms.find((term) => w.startsWith(term));
    if (t) {
      const end = i + [...t].length;
      if (i > last) frag.append(chars.slice(last, i).join(''));
      frag.append(h('mark', {}, chars.slice(i, end).join('')));
      last = end;
    }
    i = j;
  }
  if (last < chars.length) frag.append(chars.slice(last).join(''));
  return frag;
}

/** An excerpt from the engine, whose only markup is `<mark>` (see `safeExcerpt`). */
export function excerptOf(hit: Hit): HTMLElement {
  const p = h('span', { class: 'hit-excerpt' });
  p.innerHTML = hit.excerpt;
  return p;
}
