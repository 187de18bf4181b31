/**
 * The trust policy. MDX is code: a build runs what it contains. Pages from an `untrusted` source may
 * use Markdown, the garden's allowlisted components and harmless HTML; nothing that runs at build
 * time, ships script to readers, or hides text from them. The check and the build both ask
 * `trustPolicy`, so they cannot disagree.
 */
import { markdownToMdast, mdxToMdast } from 'satteri';
import type { Source } from './config.ts';
import type { AnyEntry } from './entries.ts';
import { findHtmlViolations, judgeElement, stripHtml, unsafeUrl, type HtmlFinding } from './html-policy.ts';
import { MARKDOWN_FEATURES } from './markdown.ts';
import type { Problem } from './problems.ts';

type MdNode = {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  position?: { start: { line: number; column: number } };
  children?: MdNode[];
  attributes?: Array<{ type: string; name?: string; value?: unknown; position?: { start: { line: number; column: number } } }>;
};

/** A finding in a page body: its line and column in the body, and whether it is code (never strippable). */
interface BodyFinding {
  line?: number;
  column?: number;
  /** MDX code: imports, expressions, components outside the allowlist. Always an error. */
  code: boolean;
  rule: string;
  message: string;
  hint: string;
}

/** Walks a page body's syntax tree for everything the policy forbids, with body lines and columns. */
function findInBody(body: string, format: 'md' | 'mdx', allowed: ReadonlySet<string>): BodyFinding[] {
  const tree = (format === 'mdx' ? mdxToMdast : markdownToMdast)(body, { position: true, features: MARKDOWN_FEATURES }) as MdNode;
  const found: BodyFinding[] = [];
  const html = (start: MdNode['position'], f: HtmlFinding) => {
    const line = start && f.line !== undefined ? start.start.line + f.line - 1 : start?.start.line;
    const column = start && f.line === 1 && f.column !== undefined ? start.start.column + f.column - 1 : f.column ?? start?.start.column;
    found.push({ line, column, code: false, rule: f.rule, message: f.message, hint: f.hint });
  };
  const code = (n: MdNode, message: string, hint: string) =>
    found.push({ line: n.position?.start.line, column: n.position?.start.column, code: true, rule: 'no-mdx-code', message, hint });
  const walk = (n: MdNode) => {
    const componentsHint = `use Markdown and the garden components (${[...allowed].map((c) => `<${c}>`).join(', ')}) with literal props, or mark the source trusted`;
    switch (n.type) {
      case 'html':
        for (const f of findHtmlViolations(n.value ?? '')) html(n.position, f);
        break;
      case 'link':
      case 'image':
      case 'definition': {
        const why = unsafeUrl(n.url ?? '', n.type === 'image');
        if (why) html(n.position, { rule: 'no-unsafe-urls', message: `the ${n.type} to "${n.url}": ${why}`, hint: 'link to an http(s) address or a page of the garden', line: 1, column: 1 });
        break;
      }
      case 'mdxjsEsm':
        code(n, 'an import or export runs code at build time', componentsHint);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        code(n, 'a {…} expression runs code at build time', componentsHint);
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = n.name ?? '';
        const exprAttr = (n.attributes ?? []).some((a) => a.type === 'mdxJsxExpressionAttribute' || (a.value !== null && typeof a.value === 'object'));
        if (exprAttr) code(n, `an attribute with a {…} expression on <${name}> runs code at build time`, componentsHint);
        if (/^[A-Z]/.test(name) || name.includes('.')) {
          if (!allowed.has(name)) code(n, `the component <${name}> is not a garden component`, componentsHint);
        } else if (name) {
          const attrs = (n.attributes ?? []).flatMap((a) => (a.type === 'mdxJsxAttribute' && a.name ? [{ name: a.name, value: typeof a.value === 'string' ? a.value : '' }] : []));
          const verdict = judgeElement(name, attrs);
          if (verdict.element) html(n.position, { ...verdict.element.finding, line: 1, column: 1 });
          for (const a of verdict.attributes) html(n.position, { ...a.finding, line: 1, column: 1 });
          if (verdict.element?.action === 'remove') return;
        }
        break;
      }
      default:
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return found;
}

/** What the policy says of one page. */
export interface TrustVerdict {
  /** Problems to report: errors, or warnings for HTML a `strip` source has removed. */
  problems: Problem[];
  /** True when the page may not be rendered at all: untrusted MDX that contains code. */
  refused: boolean;
  /** Cleans the rendered page: strips what the HTML policy forbids (untrusted sources); unchanged otherwise. */
  clean: (html: string) => string;
}

const TRUSTED: TrustVerdict = { problems: [], refused: false, clean: (html) => html };

/**
 * Applies the trust policy to one page of `source`. A trusted page passes untouched (and is not
 * parsed). An untrusted one is searched for MDX code (always an error, and the page is not
 * rendered, so nothing in it runs) and for HTML the policy forbids: an error, or with the source's
 * `unsafeHtml: 'strip'` a warning, the HTML being removed from the rendered page by `clean`.
 */
export function trustPolicy(e: Pick<AnyEntry, 'file' | 'body' | 'bodyOffset' | 'format' | 'source'>, source: Pick<Source, 'trust' | 'unsafeHtml'> | undefined, components: readonly string[]): TrustVerdict {
  if (source?.trust !== 'untrusted') return TRUSTED;
  const strip = source.unsafeHtml === 'strip';
  const findings = findInBody(e.body, e.format, new Set(components));
  const problems: Problem[] = findings.map((f) => ({
    file: e.file,
    line: f.line === undefined ? undefined : f.line + e.bodyOffset,
    column: f.column,
    field: f.rule,
    message: f.code || !strip ? `${f.message}; pages from the untrusted source "${e.source}" may not use it` : `removed: ${f.message}`,
    hint: f.code || !strip ? f.hint : `the untrusted source "${e.source}" has unsafeHtml: 'strip'; ${f.hint}`,
    severity: f.code || !strip ? 'error' : 'warning',
  }));
  return { problems, refused: findings.some((f) => f.code), clean: (html) => stripHtml(html).html };
}

/** The settings that decide what a page of `source` may contain, for cache keys: a change to them renders its pages again. */
export function trustKeyOf(source: Pick<Source, 'trust' | 'unsafeHtml'> | undefined): string {
  return source?.trust === 'untrusted' ? `untrusted/${source.unsafeHtml}` : 'trusted';
}
