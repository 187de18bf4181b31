/**
 * Images and other files beside the pages (`![[branches.svg]]`, `![alt](branches.svg)`), published at
 * `/files/<source>/<path in source>`, where the link resolver points every reference to them.
 * Only files the walk of a source listed reach here (never a link out of it, never `.git`), and
 * only with names that survive as a web address; the filter repeats that check so no name can
 * reach Astro's router, where a `%2e%2e` or a `\` would break the build.
 */
import type { APIRoute } from 'astro';
import { readFile } from 'node:fs/promises';
import { getGarden } from '../../collections/content.ts';
import { assetNameProblem } from '../../garden/content/entries.ts';

export async function getStaticPaths() {
  const { links } = await getGarden();
  return [...links.assets.values()].filter((a) => assetNameProblem(a.path) === undefined).map((a) => ({ params: { file: `${a.source}/${a.path}` }, props: { abs: a.abs } }));
}

export const GET: APIRoute = async ({ props }) => new Response(await readFile((props as { abs: string }).abs));
