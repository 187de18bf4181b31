/**
 * MDX at load time. An `.mdx` page without `import`/`export` is evaluated here with the HTML runtime
 * and the garden components, so it is cached and rendered like Markdown (10 000 pages: the bundler
 * spent 24 s compiling 1 000 MDX modules as JavaScript; see docs/benchmarks.md). Pages that import
 * their own components take Astro's MDX path instead.
 */
import { defineMdastPlugin, evaluate, type HastPluginEntry, type MdastPluginEntry } from 'satteri';
import { ComponentError, gardenComponents, renderContext, type RenderContext } from './components.ts';
import { Html, htmlRuntime } from './html-runtime.ts';
import { MARKDOWN_FEATURES } from '../content/syntax.ts';

/** A heading of a rendered page, as Astro reports them. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
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
