/**
 * The data `/map/` draws: every topic, course and note with its place, laid out at build time
 * (src/garden/model/map.ts), fetched by the map's script only on that page.
 */
import type { APIRoute } from 'astro';
import { getGarden, getGraph } from '../collections/content.ts';
import { buildMap } from '../garden/model/map.ts';

export const GET: APIRoute = async () => {
  const { model } = await getGarden();
  const { graph } = await getGraph();
  return new Response(JSON.stringify(buildMap(model, graph)), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
