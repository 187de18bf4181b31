/**
 * The compact fallback search index as a script (`window.__groveFallback = …`): loaded by a script
 * tag, it works where fetch and Pagefind cannot (a site opened from disk), and offline when a
 * result's Pagefind fragment was never downloaded. Built from the garden model like every page.
 */
import type { APIRoute } from 'astro';
import { getGarden } from '../collections/content.ts';
import { fallbackIndexOf } from '../garden/model/search.ts';

export const GET: APIRoute = async () => {
  const { model } = await getGarden();
  return new Response(`window.__groveFallback=${JSON.stringify(fallbackIndexOf(model))};\n`, {
    headers: { 'content-type': 'text/javascript; charset=utf-8' },
  });
};
