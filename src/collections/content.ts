/**
 * What pages read: the garden model (computed once per build), its graph and a page's rendered body.
 * Pages never query collections or compute graph facts themselves.
 */
import { getCollection, getEntry, render } from 'astro:content';
import { createComponent, render as renderTemplate, unescapeHTML } from 'astro/compiler-runtime';
import { loadGarden, type Garden } from '../garden/model/garden.ts';
import type { AnyEntry } from '../garden/content/entries.ts';
import { buildGraph, type Graph } from '../garden/model/graph.ts';
import { pageKey } from '../garden/core/kinds.ts';
import type { Problem } from '../garden/core/problems.ts';
import { storeKey } from './garden-loader.ts';
import { pageKeysOf, type RenderedPage } from '../garden/model/page-keys.ts';
import { readPageHtml } from './page-html.ts';
import { partitionOf } from '../integrations/partition.ts';

/** The built garden of this build. */
export function getGarden(): Promise<Garden> {
  return loadGarden();
}

/** The graph of a build and the broken links its sources allow (`brokenLinks: 'warn'`). */
export interface GardenGraph {
  graph: Graph;
  warnings: Problem[];
}

const graphs = new WeakMap<Garden, Promise<GardenGraph>>();

/**
 * The garden's graph, built once per build from the links every page's rendering stored in the
 * `pages` collection (a page served from the cache keeps the links it was rendered with).
 */
export function getGraph(): Promise<GardenGraph> {
  return getGarden().then((garden) => {
    let g = graphs.get(garden);
    if (!g) {
      // The graph is the originals': a translation's links are its original's, in another language.
      g = getCollection('pages', (p) => !p.data.lang).then((pages) => {
        const links = pages.map((p) => [pageKey(p.data.kind, p.data.id), p.data.links] as const);
        const warnings = pages.flatMap((p) => p.data.warnings.map((w): Problem => ({ ...w, severity: 'warning' })));
        return { graph: buildGraph(garden.model, links), warnings };
      });
      graphs.set(garden, g);
    }
    return g;
  });
}

const pageKeys = new WeakMap<Garden, Promise<Map<string, string>>>();

/**
 * The cache key of each page `getStaticPaths()` generates, by route: the digest of what that page
 * shows (src/garden/model/page-keys.ts), so Astro's incremental build renders again only the pages a
 * change reaches. A route the keys do not know (none should be) falls back to the garden's `buildKey`.
 */
export function getPageKeys(): Promise<(route: string) => string> {
  return getGarden().then(async (garden) => {
    let k = pageKeys.get(garden);
    if (!k) {
      k = Promise.all([getGraph(), getCollection('pages')]).then(([{ graph }, pages]) => {
        // A translation's rendering by `kind:id@lang` (src/garden/model/page-keys.ts).
        const rendered = new Map<string, RenderedPage>(
          pages.map((p) => [
            `${pageKey(p.data.kind, p.data.id)}${p.data.lang ? `@${p.data.lang}` : ''}`,
            { rendering: p.data.rendering, warnings: p.data.warnings.length, ...(p.data.lang ? { links: p.data.links } : {}) },
          ]),
        );
        return pageKeysOf({ ...garden, graph, rendered });
      });
      pageKeys.set(garden, k);
    }
    const keys = await k;
    // A partition's placeholder must never be restored as the page by a build of another partition.
    const part = partitionOf();
    const partition = part ? `\0${part.index}/${part.count}` : '';
    return (route: string) => (keys.get(route) ?? garden.buildKey) + partition;
  });
}

/**
 * A page's Markdown or MDX body as a component: `const { Content } = await renderBody(entry)`. A
 * Markdown page's HTML is read from its file in the build cache (./page-html.ts) as the page is
 * rendered; an MDX page is Astro's module.
 */
export async function renderBody(e: Pick<AnyEntry, 'kind' | 'id' | 'file' | 'lang'>): Promise<{ Content: (...args: never[]) => unknown }> {
  const entry = await getEntry('pages', storeKey(e));
  if (!entry) throw new Error(`${e.file} was not loaded; run the build again`);
  const file = entry.data.html;
  if (file === undefined) return render(entry);
  const html = readPageHtml(file, e.file);
  return { Content: createComponent(() => renderTemplate`${unescapeHTML(html)}`) };
}
