/** `/feed.xml`: the garden's Atom feed of new and updated notes and courses (src/garden/model/feeds.ts). */
import type { APIRoute } from 'astro';
import { getGarden } from '../collections/content.ts';
import { atomFeed } from '../garden/model/feeds.ts';
import { feedWordsOf, getUi } from '../layouts/ui.ts';

export const GET: APIRoute = async () => {
  const { model, config } = await getGarden();
  return new Response(atomFeed(config, model, undefined, feedWordsOf(await getUi())), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
