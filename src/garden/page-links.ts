/**
 * Every page's links, found by running each body through the build's own link plugin (the one
 * resolver), for the commands that need the graph without building the site (`npm run report`,
 * `npm run codeowners`). The build reads the same facts from the content collection instead.
 */
import { pathToFileURL } from 'node:url';
import { markdownToHtml, mdxToJs } from 'satteri';
import type { Garden } from './garden.ts';
import { createLinkPlugin, MARKDOWN_FEATURES } from './markdown.ts';
import type { Problem } from './problems.ts';

/** Each page's link targets by `kind:id`, and the link problems found on the way. */
export interface PageLinks {
  links: Array<[string, string[]]>;
  problems: Problem[];
}

/** Renders every page's links once; an MDX page that does not compile contributes no links. */
export function collectLinks(garden: Garden): PageLinks {
  const links: Array<[string, string[]]> = [];
  const problems: Problem[] = [];
  for (const e of garden.entries) {
    const plugin = createLinkPlugin(garden, e);
    try {
      if (e.format === 'md') markdownToHtml(e.body, { mdastPlugins: [plugin], features: MARKDOWN_FEATURES });
      else mdxToJs(e.body, { mdastPlugins: [plugin], features: MARKDOWN_FEATURES, fileURL: pathToFileURL(e.abs) });
    } catch {
      continue;
    }
    const report = plugin.reportFor();
    links.push([`${e.kind}:${e.id}`, report.targets]);
    problems.push(...report.problems);
  }
  return { links, problems };
}
