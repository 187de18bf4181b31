/** The dialect fixture repositories (tests/fixtures/dialects/<name>/), read as a notes source and rendered through the link plugin without Astro. */
import { fileURLToPath } from 'node:url';
import { localSource, type Source } from '../../src/garden/settings/config.ts';
import { readSource, type AnyEntry } from '../../src/garden/content/entries.ts';
import type { Garden } from '../../src/garden/model/garden.ts';
import { buildLinkIndex } from '../../src/garden/model/links.ts';
import { formatProblem } from '../../src/garden/core/problems.ts';
import { renderPage } from './markdown-helpers.ts';

/** The folder of a dialect fixture. */
export const dialectFixture = (name: string) => fileURLToPath(new URL(`../fixtures/dialects/${name}`, import.meta.url));

/** A garden of one fixture repository as a notes source with only `path`, `layout` and what `options` add. */
export function dialectGarden(name: string, options: Partial<Parameters<typeof localSource>[2]> = {}): { garden: Garden; source: Source; problems: string[]; page: (path: string) => AnyEntry } {
  const dir = dialectFixture(name);
  const source = localSource(name, dir, { layout: 'notes', ...options });
  const read = readSource(source, dir);
  const garden = {
    entries: read.entries,
    links: buildLinkIndex(read.entries, '/', read.assets),
    sources: new Map([[name, source]]),
    byAbs: new Map(read.entries.map((e) => [e.abs, e])),
  } as unknown as Garden;
  const page = (path: string) => {
    const e = read.entries.find((x) => x.path === path);
    if (!e) throw new Error(`no page ${path} in ${name}: ${read.entries.map((x) => x.path).join(', ')}`);
    return e;
  };
  return { garden, source, problems: read.problems.map(formatProblem), page };
}

/** Renders one page of a dialect fixture: its HTML, its problems, its targets. */
export function renderFixturePage(name: string, path: string, options: Partial<Parameters<typeof localSource>[2]> = {}) {
  const { garden, page } = dialectGarden(name, options);
  return renderPage(garden, page(path));
}
