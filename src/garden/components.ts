/**
 * Components an `.mdx` page may use without importing them. They render to HTML strings (see
 * html-runtime.ts), need no client JavaScript, and are the allowlist for untrusted sources.
 */
import { escapeHtml, Html, renderChild } from './html-runtime.ts';

type Props = Record<string, unknown> & { children?: unknown };

const CALLOUT_TYPES = ['note', 'tip', 'important', 'warning', 'caution'];

/** `<Callout type="tip" title="Before you push">…</Callout>`: a highlighted aside. */
function Callout(props: Props): Html {
  const type = CALLOUT_TYPES.includes(String(props.type)) ? String(props.type) : 'note';
  const title = props.title ? String(props.title) : type[0]!.toUpperCase() + type.slice(1);
  return new Html(
    `<aside class="callout callout-${type}" aria-label="${escapeHtml(title)}"><p class="callout-title">${escapeHtml(title)}</p>${renderChild(props.children)}</aside>`,
  );
}

/** `<Details summary="Show the answer">…</Details>`: content folded until the reader opens it. */
function Details(props: Props): Html {
  return new Html(`<details><summary>${escapeHtml(String(props.summary ?? 'Details'))}</summary>${renderChild(props.children)}</details>`);
}

/** The garden components, by the name used in MDX. */
export const GARDEN_COMPONENTS: Record<string, (p: Props) => Html> = { Callout, Details };
