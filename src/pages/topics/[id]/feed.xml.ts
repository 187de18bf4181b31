/** `/topics/<id>/feed.xml`: a topic's Atom feed of new and updated notes and courses on it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getGarden } from '../../../collections/content.ts';
import { atomFeed } from '../../../garden/model/feeds.ts';
import type { TopicNode } from '../../../garden/model/model.ts';
import { feedWordsOf, getUi } from '../../../layouts/ui.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { model, buildKey: cacheKey } = await getGarden();
  return model.topics.map((topic) => ({ params: { id: topic.id }, props: { topic }, cacheKey }));
};

export const GET: APIRoute = async ({ props }) => {
  const { model, config } = await getGarden();
  return new Response(atomFeed(config, model, (props as { topic: TopicNode }).topic, feedWordsOf(await getUi())), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
