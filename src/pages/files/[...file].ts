/**
 * Images and other files beside the pages (`![[branches.svg]]`, `![alt](branches.svg)`), published at
 * `/files/<source>/<path in source>`, where the link resolver points every reference to them.
 */
import type { APIRoute } from 'astro';
import { readFile } from 'node:fs/promises';
import { getGarden } from '../../collections/content.ts';

export async function getStaticPaths() {
  const { links } = await getGarden();
  return [...links.assets.values()].map((a) => ({ params: { file: `${a.source}/${a.path}` }, props: { abs: a.abs } }));
}

export const GET: APIRoute = async ({ props }) => new Response(await readFile((props as { abs: string }).abs));
