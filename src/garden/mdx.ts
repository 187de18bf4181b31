/**
 * MDX at load time. An `.mdx` page without `import`/`export` is evaluated here with the HTML runtime
 * and the garden components, so it is cached and rendered like Markdown (10 000 pages: the bundler
 * spent 24 s compiling 1 000 MDX modules as JavaScript; see docs/benchmarks.md). Pages that import
 * their own components take Astro's MDX path instead.
 */
import { defineMdastPlugin, evaluate, mdxToMdast, type HastPluginEntry, type MdastPluginEntry } from 'satteri';
import { ComponentError, GARDEN_COMPONENT_NAMES, gardenComponents, renderContext, type RenderContext } from './components.ts';
import type { AnyEntry } from './entries.ts';
import type { Problem } from './problems.ts';
import { Html, htmlRuntime } from './html-runtime.ts';
import { MARKDOWN_FEATURES } from './markdown.ts';

/** A heading of a rendered page, as Astro reports them. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** True when the MDX has `import` or `export` statements (it must then be bundled by Astro). */
export function hasEsm(body: string): boolean {
  // `[ \t]`, not `\s`: `\s*` ran across line breaks from every line start, quadratic on 100,000 blank lines.
  if (!/^[ \t]*(import|export)\b/m.test(body)) return false;
  const tree = mdxToMdast(body, { position: false, features: MARKDOWN_FEATURES }) as { children?: Array<{ type: string }> };
  return (tree.children ?? []).some((n) => n.type === 'mdxjsEsm');
}

/** Records the body line of every `<Question>`, in document order, so a bad one is reported at its line. */
function questionLinesPlugin(ctx: RenderContext) {
  const record = (node: { name?: string | null; position?: { start: { line: number } } }) => {
    if (node.name === 'Question' && node.position) ctx.questionLines.push(node.position.start.line);
  };
  return defineMdastPlugin({ name: 'grove-question-lines', options: { position: true }, mdxJsxFlowElement: record, mdxJsxTextElement: record });
}

/**
 * Evaluates MDX to HTML with the garden components. Throws MDX's own error (with its line) on bad
 * input, and a ComponentError listing every component with bad props (with their lines).
 */
export async function renderMdx(body: string, options: { fileURL: URL; mdastPlugins: MdastPluginEntry[]; hastPlugins: HastPluginEntry[] }): Promise<{ html: string; headings: Heading[] }> {
  const ctx = renderContext();
  const astro = { frontmatter: {}, headings: [] as Heading[], localImagePaths: new Set<string>(), remoteImagePaths: new Set<string>() };
  const mod = await evaluate(body, {
    ...htmlRuntime,
    features: { ...MARKDOWN_FEATURES, gfm: true, smartPunctuation: true },
    mdastPlugins: [...options.mdastPlugins, questionLinesPlugin(ctx)],
    hastPlugins: options.hastPlugins,
    // Static stretches become one HTML string each instead of one call per element.
    optimizeStatic: { component: 'GroveHtml', prop: 'html' },
    elementAttributeNameCase: 'html',
    fileURL: options.fileURL,
    data: { astro },
  } as Parameters<typeof evaluate>[1]);
  const Content = mod.default as (props: { components: Record<string, unknown> }) => Html;
  const out = Content({ components: { ...gardenComponents(ctx), GroveHtml: (p: { html: string }) => new Html(p.html) } });
  if (ctx.issues.length > 0) throw new ComponentError(ctx.issues);
  return { html: out.value, headings: astro.headings };
}

/** An MDX compile error as a problem naming the line and column on disk, or the component that is not allowed. */
export function mdxProblem(e: Pick<AnyEntry, 'file' | 'bodyOffset'>, err: unknown): Problem {
  const error = err as { message?: string; line?: number; column?: number; position?: { start?: { line?: number; column?: number } } };
  // Sätteri puts the place at the start of the message (`2:11: Unexpected …`) when the error has no position.
  const first = (error.message ?? String(err)).split('\n')[0]!;
  const at = /^(\d+):(\d+)(?:-\d+:\d+)?: /.exec(first);
  const line = error.line ?? error.position?.start?.line ?? (at ? Number(at[1]) : undefined);
  const message = at ? first.slice(at[0].length) : first;
  const missing = /Expected component `([^`]+)` to be defined/.exec(message);
  if (missing) {
    return {
      file: e.file,
      message: `uses <${missing[1]}>, which is not a garden component`,
      hint: `use one of ${GARDEN_COMPONENT_NAMES.map((c) => `<${c}>`).join(', ')}, or import it (trusted sources only)`,
      severity: 'error',
    };
  }
  return {
    file: e.file,
    line: line ? line + e.bodyOffset : undefined,
    column: line ? (error.column ?? error.position?.start?.column ?? (at ? Number(at[2]) : undefined)) : undefined,
    message: `this MDX does not compile: ${message}`,
    hint: 'in .mdx, `{`, `<` and HTML comments are code; escape them, or rename the file to .md',
    severity: 'error',
  };
}
