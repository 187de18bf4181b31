/**
 * The trust policy. MDX is code: a build runs what it contains. Pages from an `untrusted` source may
 * use Markdown and the garden's allowlisted components, nothing that runs at build time or ships
 * script to readers.
 */
import { mdxToMdast } from 'satteri';
import { MARKDOWN_FEATURES } from './markdown.ts';

type MdxNode = {
  type: string;
  name?: string | null;
  position?: { start: { line: number } };
  children?: MdxNode[];
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
};

/**
 * What untrusted MDX may not contain: imports and exports, `{expressions}`, components outside the
 * allowlist, script/style/frame elements and event-handler attributes. Each finding is
 * `[line in the body, what]`.
 */
export function untrustedCode(body: string, allowed: ReadonlySet<string>): Array<[number | undefined, string]> {
  const tree = mdxToMdast(body, { position: true, features: MARKDOWN_FEATURES }) as MdxNode;
  const found: Array<[number | undefined, string]> = [];
  const walk = (n: MdxNode) => {
    const line = n.position?.start.line;
    if (n.type === 'mdxjsEsm') found.push([line, 'an import or export']);
    else if (n.type === 'mdxFlowExpression' || n.type === 'mdxTextExpression') found.push([line, 'a {…} expression']);
    else if (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') {
      if (n.name && /^[A-Z]/.test(n.name) && !allowed.has(n.name)) found.push([line, `the component <${n.name}>`]);
      if (n.name && /^(script|style|iframe|object|embed)$/i.test(n.name)) found.push([line, `a <${n.name}> element`]);
      for (const a of n.attributes ?? []) {
        if (a.type === 'mdxJsxExpressionAttribute' || (a.value !== null && typeof a.value === 'object')) found.push([line, 'an attribute with a {…} expression']);
        else if (/^on/i.test(a.name ?? '')) found.push([line, `the event-handler attribute ${a.name}`]);
      }
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return found;
}
