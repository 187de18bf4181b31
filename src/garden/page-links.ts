/**
 * One page run as the build runs it, without Astro: the trust policy first (an untrusted page's code
 * is never compiled), then its Markdown or MDX through the build's own link plugin (the one
 * resolver), MDX without imports evaluated so `<Question>` props are validated. `npm run check`
 * reports what it finds; `npm run report` and `npm run codeowners` build the graph from its links.
 * The build itself reads the same facts from the content collection.
 */
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToJs } from 'satteri';
import { componentProblems, GARDEN_COMPONENT_NAMES } from './components.ts';
import type { AnyEntry } from './entries.ts';
import type { Garden } from './garden.ts';
import { createLinkPlugin, MARKDOWN_FEATURES } from './markdown.ts';
import { hasEsm, mdxProblem, renderMdx } from './mdx.ts';
import type { Problem } from './problems.ts';
import { trustPolicy } from './trust.ts';

/** What running one page found. */
export interface PageRun {
  /** Pages it links to or embeds, by `kind:id`. */
  targets: string[];
  /** Its broken, ambiguous or anchorless links and embeds. */
  linkProblems: Problem[];
  /** Everything else: the trust policy, MDX that does not compile, invalid components. */
  otherProblems: Problem[];
}

/** Runs one page through the trust policy, the link plugin and (for MDX) the compiler. */
export async function runPage(garden: Garden, e: AnyEntry): Promise<PageRun> {
  const trust = trustPolicy(e, garden.sources.get(e.source), GARDEN_COMPONENT_NAMES);
  const otherProblems = [...trust.problems];
  if (trust.refused) return { targets: [], linkProblems: [], otherProblems };
  const plugin = createLinkPlugin(garden, e);
  const fileURL = pathToFileURL(e.abs);
  try {
    if (e.format === 'md') markdownToHtml(e.body, { mdastPlugins: [plugin], features: MARKDOWN_FEATURES, fileURL });
    else if (!hasEsm(e.body)) await renderMdx(e.body, { fileURL, mdastPlugins: [plugin], hastPlugins: [] });
    else await mdxToJs(e.body, { mdastPlugins: [plugin], features: MARKDOWN_FEATURES, fileURL });
  } catch (err) {
    otherProblems.push(...(componentProblems(e.file, e.bodyOffset, err) ?? [mdxProblem(e, err)]));
  }
  const report = plugin.reportFor();
  return { targets: report.targets, linkProblems: report.problems, otherProblems };
}

/** Each page's link targets by `kind:id`, and the link problems found on the way. */
export interface PageLinks {
  links: Array<[string, string[]]>;
  problems: Problem[];
}

/** Every page's links, for the graph; an MDX page that does not compile contributes none. */
export async function collectLinks(garden: Garden): Promise<PageLinks> {
  const links: Array<[string, string[]]> = [];
  const problems: Problem[] = [];
  for (const e of garden.entries) {
    const run = await runPage(garden, e);
    links.push([`${e.kind}:${e.id}`, run.targets]);
    problems.push(...run.linkProblems);
  }
  return { links, problems };
}
