/** A small garden read from tests/fixtures/markdown/garden, for rendering pages through the link plugin without Astro. */
import { markdownToHtml } from 'satteri';
import { fileURLToPath } from 'node:url';
import { localSource } from '../../src/garden/settings/config.ts';
import { readEntry, readSource, type AnyEntry } from '../../src/garden/content/entries.ts';
import type { Garden } from '../../src/garden/model/garden.ts';
import type { SourcePath } from '../../src/garden/core/ids.ts';
import { buildLinkIndex } from '../../src/garden/model/links.ts';
import { createLinkPlugin } from '../../src/garden/render/link-plugin.ts';
import { linkReports } from '../../src/garden/render/link-reports.ts';
import { formatProblem } from '../../src/garden/core/problems.ts';
import { MARKDOWN_FEATURES } from '../../src/garden/content/syntax.ts';

/** The fixture garden's folder. */
export const FIXTURE_GARDEN = fileURLToPath(new URL('../fixtures/markdown/garden', import.meta.url));

/** The fixture garden plus one extra note at `notes/<name>.md` with `raw` as its file, and that note. */
export function gardenWith(name: string, raw: string, options: { brokenLinks?: 'error' | 'warn'; others?: Record<string, string> } = {}): { garden: Garden; page: AnyEntry } {
  const source = localSource('local', FIXTURE_GARDEN, { brokenLinks: options.brokenLinks ?? 'error' });
  const read = readSource(source, FIXTURE_GARDEN.replace(/\/tests\/fixtures\/markdown\/garden$/, ''));
  const note = (id: string, text: string): AnyEntry => {
    const path = `notes/${id}.md` as SourcePath;
    const r = readEntry('note', text, { source: 'local', path, file: `content/${path}`, abs: `${FIXTURE_GARDEN}/${path}` });
    if ('problems' in r) throw new Error(r.problems.map(formatProblem).join('\n'));
    return r.entry;
  };
  const page = note(name, raw);
  const entries = [...read.entries, ...Object.entries(options.others ?? {}).map(([id, text]) => note(id, text)), page];
  const garden = {
    entries,
    links: buildLinkIndex(entries, '/learning/', read.assets),
    sources: new Map([['local', source]]),
    byAbs: new Map(entries.map((e) => [e.abs, e])),
  } as unknown as Garden;
  return { garden, page };
}

/** Renders a page of a garden through the link plugin: its HTML and its problems as the build prints them. */
export function renderPage(garden: Garden, page: AnyEntry): { html: string; problems: string[]; targets: string[] } {
  const { html } = markdownToHtml(page.body, { mdastPlugins: [createLinkPlugin(garden, page)], features: MARKDOWN_FEATURES }) as { html: string };
  const report = linkReports().get(page.abs)!;
  return { html, problems: report.problems.map(formatProblem), targets: report.targets };
}

/** Renders `raw` as a note `notes/<name>.md` of the fixture garden. */
export function render(raw: string, name = 'page'): { html: string; problems: string[]; targets: string[] } {
  const { garden, page } = gardenWith(name, raw);
  return renderPage(garden, page);
}
