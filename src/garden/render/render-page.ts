/**
 * One page, rendered as the build renders it: the one pipeline behind the content loader and
 * `npm run check`, `report` and `codeowners`, so they cannot disagree.
 *
 *   limits (a page too large or nested too deeply is refused before anything parses it)
 *   → trust policy (untrusted MDX code is never compiled)
 *   → Markdown | MDX without imports (evaluated here) | MDX with imports (Astro bundles it later; checked here)
 *     with the link plugin (links, anchors, embeds, callouts) and Grove's hast plugins
 *   → cleaning by the HTML policy, the last step (untrusted sources; nothing rewrites the HTML after it)
 *
 * The body rendered is the one Grove split from its frontmatter: it is never read for frontmatter
 * again (a body that starts with a `---` thematic break stays a thematic break).
 */
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToJs, type HastPluginEntry } from 'satteri';
import { satteriHeadingIdsPlugin as createHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { componentProblems, GARDEN_COMPONENT_NAMES } from './components.ts';
import type { AnyEntry } from '../content/entries.ts';
import type { Garden } from '../model/garden.ts';
import type { Source } from '../settings/config.ts';
import { createLinkPlugin, prerenderEmbeds } from './link-plugin.ts';
import { groveHastPlugins } from './hast-plugins.ts';
import { linkReports, type LinkReport } from './link-reports.ts';
import { limitsOf } from '../content/limits.ts';
import { renderMdx, type Heading } from './mdx.ts';
import type { Problem } from '../core/problems.ts';
import { trustPolicy } from '../policy/trust.ts';
import { MARKDOWN_FEATURES, hasEsm, mdxProblem } from '../content/syntax.ts';
import { codeVersion } from '../core/code-version.ts';

/** How Markdown is turned into HTML: the site's own processor in the build, plain Sätteri in the commands. */
export interface PageRendering {
  /** Renders a Markdown body; the link plugin for `entry` must run inside it (it records the page's link report). */
  markdown: (body: string, entry: AnyEntry, fileURL: URL) => Promise<{ html: string; metadata?: Record<string, unknown> }>;
  /** hast plugins for MDX evaluated here: highlighting, Grove's own, heading ids. */
  mdxHastPlugins: HastPluginEntry[];
  /** hast plugins for embedded sections rendered ahead of their page (highlighting); none: embeds render plainly inside the link plugin. */
  embedHastPlugins: HastPluginEntry[];
}

/** What rendering one page gave. */
export interface RenderedPage {
  /** `html`: rendered; `deferred`: MDX with imports, which Astro bundles and renders later (trusted sources only); `refused`: not rendered. */
  status: 'html' | 'deferred' | 'refused';
  /** The page's HTML, final (cleaned for an untrusted source). */
  html?: string;
  /** Headings and image paths, as Astro's renderers report them. */
  metadata?: Record<string, unknown>;
  /** Its links: targets by `kind:id`, and broken ones. */
  links: LinkReport;
  /** Everything else: the trust policy and the sanitizer, MDX that does not compile, invalid components. */
  problems: Problem[];
}

/** The rendering the commands use: Sätteri as the site configures it, without code highlighting (it decides nothing a check reports). */
export function commandRendering(garden: Garden): PageRendering {
  const hastPlugins = [...groveHastPlugins(), createHeadingIdsPlugin()];
  return {
    markdown: async (body, entry, fileURL) => markdownToHtml(body, { mdastPlugins: [createLinkPlugin(garden, entry)], hastPlugins, features: MARKDOWN_FEATURES, fileURL }) as { html: string },
    mdxHastPlugins: hastPlugins,
    embedHastPlugins: [],
  };
}

/** Renders one page through the pipeline. Never throws for anything in the page's file: each problem names it. */
export async function renderPage(garden: Garden, e: AnyEntry, rendering: PageRendering): Promise<RenderedPage> {
  const empty: LinkReport = { targets: [], problems: [] };
  // First, before anything parses it: a page too large or nested too deeply is refused, not crashed on.
  const limits = limitsOf(e);
  if (limits.length) return { status: 'refused', links: empty, problems: limits };
  const trust = trustPolicy(e, garden.sources.get(e.source), GARDEN_COMPONENT_NAMES);
  const problems: Problem[] = [...trust.problems];
  if (trust.refused) return { status: 'refused', links: empty, problems };
  const fileURL = pathToFileURL(e.abs);
  // A report left from an earlier render (the dev server) must not stand in for this one.
  linkReports().delete(e.abs);
  const links = () => linkReports().get(e.abs) ?? empty;
  let html: string;
  let metadata: Record<string, unknown> | undefined;
  try {
    if (e.format === 'mdx' && hasEsm(e.body)) {
      // Only trusted pages get here: untrusted imports are refused by the policy above.
      await mdxToJs(e.body, { mdastPlugins: [createLinkPlugin(garden, e)], features: MARKDOWN_FEATURES, fileURL });
      return { status: 'deferred', links: links(), problems };
    }
    if (rendering.embedHastPlugins.length) await prerenderEmbeds(garden, e, rendering.embedHastPlugins);
    if (e.format === 'md') {
      const out = await rendering.markdown(e.body, e, fileURL);
      html = out.html;
      metadata = out.metadata;
    } else {
      const out = await renderMdx(e.body, { fileURL, mdastPlugins: [createLinkPlugin(garden, e)], hastPlugins: rendering.mdxHastPlugins });
      html = out.html;
      metadata = { headings: out.headings satisfies Heading[] };
    }
  } catch (err) {
    const rendered = e.format === 'mdx' ? (componentProblems(e.file, e.bodyOffset, err) ?? [mdxProblem(e, err, GARDEN_COMPONENT_NAMES)]) : [markdownProblem(e, err)];
    problems.push(...rendered);
    return { status: 'refused', links: links(), problems };
  }
  // The last step: nothing rewrites the HTML after the policy has cleaned it.
  const cleaned = trust.clean(html);
  problems.push(...cleaned.problems);
  return { status: 'html', html: cleaned.html, metadata, links: links(), problems };
}

/** A Markdown page the processor could not render (it should render anything): the file and the processor's own words. */
function markdownProblem(e: AnyEntry, err: unknown): Problem {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  return {
    file: e.file,
    message: `this page could not be rendered: ${first}`,
    hint: 'look for unusual markup near where the page stops rendering, or report it to the Grove team with the file',
    severity: 'error',
  };
}

/** Packages whose version changes what a page renders to. */
const RENDER_PACKAGES = [
  'satteri',
  '@astrojs/markdown-satteri',
  '@astrojs/mdx',
  'astro',
  'shiki',
  'hast-util-sanitize',
  'hast-util-from-parse5',
  'hast-util-to-html',
  'parse5',
  'github-slugger',
  'gray-matter',
  'yaml',
  'zod',
];

/**
 * The version of the code a page is rendered with, for cache keys: every file of the engine and the
 * installed version of each package that renders (core/code-version.ts). A change to any of them
 * renders every page again instead of serving stale HTML.
 */
export function renderCodeVersion(engine?: string, modules?: string): string {
  return codeVersion(RENDER_PACKAGES, engine, modules);
}

/** Everything a source's settings say, as a key: any setting that changes (trust, unsafeHtml, brokenLinks, externalAssets, prefix …) renders its pages again. */
export function sourceKeyOf(source: Source | undefined): string {
  if (!source) return 'none';
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(sorted(source));
}
