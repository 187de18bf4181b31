/**
 * One page run as the build runs it, without Astro: the trust policy first (an untrusted page's code
 * is never compiled), then its Markdown or MDX through the build's own link plugin (the one
 * resolver), MDX without imports evaluated so `<Question>` props are validated. `npm run check`
 * reports what it finds; `npm run report` and `npm run codeowners` build the graph from its links.
 * The build itself reads the same facts from the content collection.
 */
import type { AnyEntry } from '../content/entries.ts';
import type { Garden } from '../model/garden.ts';
import { pageKey } from '../core/kinds.ts';
import type { Problem } from '../core/problems.ts';
import { commandRendering, renderPage } from '../render/render-page.ts';

/** What running one page found. */
export interface PageRun {
  /** Pages it links to or embeds, by `kind:id`. */
  targets: string[];
  /** Its broken, ambiguous or anchorless links and embeds. */
  linkProblems: Problem[];
  /** Everything else: the trust policy and the sanitizer, MDX that does not compile, invalid components. */
  otherProblems: Problem[];
}

/** Runs one page through the build's own pipeline (render-page.ts), without code highlighting. */
export async function runPage(garden: Garden, e: AnyEntry): Promise<PageRun> {
  const page = await renderPage(garden, e, commandRendering(garden));
  return { targets: page.links.targets, linkProblems: page.links.problems, otherProblems: page.problems };
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
    links.push([pageKey(e.kind, e.id), run.targets]);
    problems.push(...run.linkProblems);
  }
  return { links, problems };
}
