/**
 * What pages read: the garden model (computed once per build) and a page's rendered body.
 * Pages never query collections or compute graph facts themselves.
 */
import { getEntry, render } from 'astro:content';
import { loadGarden, type Garden } from '../garden/garden.ts';
import type { AnyEntry } from '../garden/entries.ts';
import { storeKey } from './garden-loader.ts';

/** The built garden of this build. */
export function getGarden(): Promise<Garden> {
  return loadGarden();
}

/** Renders a page's Markdown or MDX body: `const { Content, headings } = await renderBody(entry)`. */
export async function renderBody(e: Pick<AnyEntry, 'kind' | 'id' | 'file'>) {
  const entry = await getEntry('pages', storeKey(e));
  if (!entry) throw new Error(`${e.file} was not loaded; run the build again`);
  return render(entry);
}
