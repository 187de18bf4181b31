/**
 * The trust policy. MDX is code: a build runs what it contains. Pages from an `untrusted` source may
 * use Markdown, the garden's allowlisted components and harmless HTML; nothing that runs at build
 * time, ships script to readers, or hides text from them. The check and the build both ask
 * `trustPolicy`, so they cannot disagree.
 */
import { markdownToMdast, mdxToMdast } from 'satteri';
import type { Source } from '../settings/config.ts';
import type { AnyEntry } from '../content/entries.ts';
import { cleanHtml, externalImageFinding, findHtmlViolations, isExternalUrl, judgeElement, MAX_HTML_DEPTH, unsafeUrl, type CleanOptions, type HtmlFinding } from './html-policy.ts';

import type { Problem } from '../core/problems.ts';
import { MARKDOWN_FEATURES, mdxProblem } from '../content/syntax.ts';

type MdNode = {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  position?: { start: { line: number; column: number; offset?: number } };
  children?: MdNode[];
  attributes?: Array<{ type: string; name?: string; value?: unknown; position?: { start: { line: number; column: number } } }>;
};

/** A finding in a page body: its line and column in the body, and whether it is code (never strippable). */
interface BodyFinding {
  line?: number;
  column?: number;
  /** MDX code: imports, expressions, components outside the allowlist. Always an error. */
  code: boolean;
  /** Only ever a warning (an image from another host, shown as a link). */
  warning?: boolean;
  rule: string;
  message: string;
  hint: string;
}

/** Walks a page body's syntax tree for everything the policy forbids, with body lines and columns. */
function findInBody(body: string, format: 'md' | 'mdx', allowed: ReadonlySet<string>, options: CleanOptions): BodyFinding[] {
  const tree = (format === 'mdx' ? mdxToMdast : markdownToMdast)(body, { position: true, features: MARKDOWN_FEATURES }) as MdNode;
  const found: BodyFinding[] = [];
  const html = (start: MdNode['position'], f: HtmlFinding) => {
    const line = start && f.line !== undefined ? start.start.line + f.line - 1 : start?.start.line;
    const column = start && f.line === 1 && f.column !== undefined ? start.start.column + f.column - 1 : (f.column ?? start?.start.column);
    found.push({ line, column, code: false, rule: f.rule, message: f.message, hint: f.hint, warning: f.warning });
  };
  const code = (n: MdNode, message: string, hint: string) => found.push({ line: n.position?.start.line, column: n.position?.start.column, code: true, rule: 'no-mdx-code', message, hint });
  const visit = (n: MdNode): 'skip' | undefined => {
    const componentsHint = `use Markdown and the garden components (${[...allowed].map((c) => `<${c}>`).join(', ')}) with literal props, or mark the source trusted`;
    switch (n.type) {
      case 'html':
        for (const f of findHtmlViolations(n.value ?? '', options)) html(n.position, f);
        break;
      case 'link':
      case 'image':
      case 'definition': {
        // A wikilink (`[[dendron://notes/a.b]]`, `![[x.png]]`) names a page or file of the garden, never
        // an address: the link stage resolves it to the garden's own href, or marks it broken.
        const at = n.position?.start.offset;
        if (n.type !== 'definition' && at !== undefined && body.startsWith(n.type === 'image' ? '![[' : '[[', at)) break;
        const why = unsafeUrl(n.url ?? '', n.type === 'image');
        if (why) html(n.position, { rule: 'no-unsafe-urls', message: `the ${n.type} to "${n.url}": ${why}`, hint: 'link to an http(s) address or a page of the garden', line: 1, column: 1 });
        else if (n.type === 'image' && options.externalAssets !== 'allow' && isExternalUrl(n.url ?? '')) html(n.position, { ...externalImageFinding(n.url ?? ''), line: 1, column: 1 });
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
          const verdict = judgeElement(name, attrs, options);
          if (verdict.element) html(n.position, { ...verdict.element.finding, line: 1, column: 1 });
          for (const a of verdict.attributes) html(n.position, { ...a.finding, line: 1, column: 1 });
          if (verdict.element?.action === 'remove') return 'skip';
        }
        break;
      }
      default:
    }
    return undefined;
  };
  // Iteratively: a hostile page may nest thousands of levels deep (limits.ts refuses those first).
  const stack: MdNode[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === 'skip') continue;
    for (let i = (n.children ?? []).length - 1; i >= 0; i--) stack.push(n.children![i]!);
  }
  return found;
}

/** What the policy says of one page. */
export interface TrustVerdict {
  /** Problems found in the page's source: errors, or warnings for HTML a `strip` source has removed. */
  problems: Problem[];
  /** True when the page may not be rendered at all: untrusted MDX that contains code, or MDX that does not parse. */
  refused: boolean;
  /**
   * The last step of an untrusted page's rendering (identity for a trusted one): the HTML sanitizer,
   * whose output is the page. When it changed something the source check did not explain, that is a
   * problem too, so the check and the build can never disagree.
   */
  clean: (html: string) => { html: string; problems: Problem[] };
}

const TRUSTED: TrustVerdict = { problems: [], refused: false, clean: (html) => ({ html, problems: [] }) };

/** The settings of a source the policy reads. */
export type TrustSettings = Pick<Source, 'trust' | 'unsafeHtml'> & Partial<Pick<Source, 'externalAssets'>>;

/**
 * Applies the trust policy to one page of `source`. A trusted page passes untouched (and is not
 * parsed). An untrusted one is searched for MDX code (always an error, and the page is not
 * rendered, so nothing in it runs) and for HTML the policy forbids: an error, or with the source's
 * `unsafeHtml: 'strip'` a warning; either way the sanitizer (`clean`) removes it from the page.
 */
export function trustPolicy(e: Pick<AnyEntry, 'file' | 'body' | 'bodyOffset' | 'format' | 'source'>, source: TrustSettings | undefined, components: readonly string[]): TrustVerdict {
  if (source?.trust !== 'untrusted') return TRUSTED;
  const strip = source.unsafeHtml === 'strip';
  const options: CleanOptions = { externalAssets: source.externalAssets ?? 'block' };
  let findings: BodyFinding[];
  try {
    findings = findInBody(e.body, e.format, new Set(components), options);
  } catch (err) {
    // MDX that does not parse (`I <3 MDX`) is never compiled: one problem at its line, as for any MDX.
    return { problems: [mdxProblem(e, err, components)], refused: true, clean: () => ({ html: '', problems: [] }) };
  }
  const where = (f: { line?: number }) => (f.line === undefined ? undefined : f.line + e.bodyOffset);
  const problems: Problem[] = findings.map((f) => {
    const error = f.code || (!strip && !f.warning);
    return {
      file: e.file,
      line: where(f),
      column: f.column,
      field: f.rule,
      message: error ? `${f.message}; pages from the untrusted source "${e.source}" may not use it` : f.warning ? f.message : `removed: ${f.message}`,
      hint: error
        ? f.code
          ? f.hint
          : `${f.hint}; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "${e.source}"`
        : f.warning
          ? f.hint
          : `the untrusted source "${e.source}" has unsafeHtml: 'strip'; ${f.hint}`,
      severity: error ? 'error' : 'warning',
    };
  });
  const explained = findings.some((f) => !f.warning);
  const clean = (html: string) => {
    const r = cleanHtml(html, options);
    if (r.tooDeep) {
      return {
        html: '',
        problems: [
          {
            file: e.file,
            field: 'html-structure',
            message: `the rendered page nests more than ${MAX_HTML_DEPTH} elements deep`,
            hint: 'flatten its lists, quotes and HTML',
            severity: 'error' as const,
          },
        ],
      };
    }
    if (!r.changed || explained) return { html: r.html, problems: [] };
    // The sanitizer removed something no rule above pointed at: still the author's to fix, named by where it is.
    const problem: Problem = strip
      ? {
          file: e.file,
          field: 'sanitizer',
          message: `removed: markup the HTML policy does not allow, near \`${r.near}\``,
          hint: `the untrusted source "${e.source}" has unsafeHtml: 'strip'; write it in Markdown`,
          severity: 'warning',
        }
      : {
          file: e.file,
          field: 'sanitizer',
          message: `the HTML sanitizer had to change this page near \`${r.near}\`; pages from the untrusted source "${e.source}" may only use the allowed HTML`,
          hint: `write it in Markdown, or remove that markup; or, to build with it removed and a warning, set unsafeHtml: 'strip' on the source "${e.source}"`,
          severity: 'error',
        };
    return { html: r.html, problems: [problem] };
  };
  return { problems, refused: findings.some((f) => f.code), clean };
}
