/**
 * Callouts as note-taking tools write them (Obsidian, GitHub): a quote whose first line is
 * `[!type] Title`. `> [!note] Title` is a note box, `> [!warning]-` a folded one (a `<details>` the
 * reader opens), `> [!tip]+` a foldable one shown open. Types outside the known ones render as notes.
 */
import type { Blockquote, Paragraph, PhrasingContent, Text } from 'mdast';

/** The look each callout type takes, by type and its aliases (Obsidian's list). */
export const CALLOUT_STYLES: Record<string, 'note' | 'tip' | 'question' | 'warning' | 'danger'> = {
  note: 'note',
  info: 'note',
  todo: 'note',
  abstract: 'note',
  summary: 'note',
  tldr: 'note',
  example: 'note',
  quote: 'note',
  cite: 'note',
  tip: 'tip',
  hint: 'tip',
  important: 'tip',
  success: 'tip',
  check: 'tip',
  done: 'tip',
  question: 'question',
  help: 'question',
  faq: 'question',
  warning: 'warning',
  caution: 'warning',
  attention: 'warning',
  danger: 'danger',
  error: 'danger',
  failure: 'danger',
  fail: 'danger',
  missing: 'danger',
  bug: 'danger',
};

/** A change to make to the quote's first line: remove a node, or give a text node a new value. */
export type CalloutEdit = { node: PhrasingContent; remove: true } | { node: Text; remove?: false; value: string };

/** How to turn a quote into a callout. */
export interface Callout {
  /** The type as written (`warning`). */
  type: string;
  /** Its look. */
  style: 'note' | 'tip' | 'question' | 'warning' | 'danger';
  /** `-` folded, `+` foldable and open, undefined not foldable. */
  fold?: '-' | '+';
  /** The title shown: as written, else the type with a capital. */
  titleText: string;
  /** The title node to put first in the quote. */
  title: Paragraph;
  /** What the quote becomes in HTML. */
  data: { hName: string; hProperties: Record<string, unknown> };
  /** Edits that take the `[!type] Title` line out of the first paragraph. */
  edits: CalloutEdit[];
}

const MARKER = /^\[!([A-Za-z][\w-]*)\]([+-]?)[ \t]*/;

/** The callout a quote is, or undefined for an ordinary quote. `text` gives a node's text. */
export function calloutOf(quote: Readonly<Blockquote>, text: (n: PhrasingContent) => string): Callout | undefined {
  const first = quote.children[0];
  if (!first || first.type !== 'paragraph') return undefined;
  const head = first.children[0];
  if (!head || head.type !== 'text') return undefined;
  const m = MARKER.exec(head.value);
  if (!m) return undefined;
  const type = m[1]!.toLowerCase();
  const fold = (m[2] || undefined) as '-' | '+' | undefined;
  const edits: CalloutEdit[] = [];
  // The title is the rest of the first line, which may span several inline nodes (`Title *with* emphasis`).
  const rest = head.value.slice(m[0].length);
  let title: string;
  const nl = rest.indexOf('\n');
  let bodyLeft = true;
  if (nl >= 0) {
    title = rest.slice(0, nl);
    edits.push({ node: head, value: rest.slice(nl + 1) });
  } else {
    title = rest;
    edits.push({ node: head, remove: true });
    bodyLeft = false;
    for (const child of first.children.slice(1)) {
      if (child.type === 'text' && child.value.includes('\n')) {
        const k = child.value.indexOf('\n');
        title += child.value.slice(0, k);
        edits.push({ node: child, value: child.value.slice(k + 1) });
        bodyLeft = true;
        break;
      }
      if (child.type === 'break') {
        edits.push({ node: child, remove: true });
        bodyLeft = first.children.indexOf(child) < first.children.length - 1;
        break;
      }
      title += text(child);
      edits.push({ node: child, remove: true });
    }
  }
  // A first paragraph that held only the title goes entirely.
  if (!bodyLeft) {
    edits.length = 0;
    edits.push({ node: first as unknown as PhrasingContent, remove: true });
  }
  const style = CALLOUT_STYLES[type] ?? 'note';
  const titleText = title.trim() || type.charAt(0).toUpperCase() + type.slice(1);
  const className = ['callout', `callout-${style}`];
  return {
    type,
    style,
    fold,
    titleText,
    title: {
      type: 'paragraph',
      data: { hName: fold ? 'summary' : 'p', hProperties: { className: ['callout-title'] } },
      children: [{ type: 'text', value: titleText }],
    } as Paragraph,
    data: fold
      ? { hName: 'details', hProperties: { className, dataCallout: type, ...(fold === '+' ? { open: true } : {}) } }
      : { hName: 'div', hProperties: { className, dataCallout: type, role: 'note' } },
    edits,
  };
}
