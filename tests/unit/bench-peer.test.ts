import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hugoRatios, medianFigures, ratio, reportRows, toMarkdown, type BenchReport, type BuildFigures } from '../../src/bench/measure.ts';
import { benchOptions } from '../../src/bench/options.ts';
import { EDITED_SENTENCE, editOneSentence, noteFiles, PEER_GARDEN_CONFIG, sharedBenchDir, writeHugoSite, writePeerGarden } from '../../src/bench/peer.ts';
import { buildGarden } from '../../src/garden/model/garden.ts';
import { resolveLink } from '../../src/garden/model/links.ts';
import { parseConfig } from '../../src/garden/settings/config.ts';

const root = join(import.meta.dirname, '..', '..');
const shared = sharedBenchDir(root);
const temp = mkdtempSync(join(tmpdir(), 'grove-bench-peer-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('bench options', () => {
  it('defaults to the synthetic garden as before, and the peer corpus to the seed its peers used', () => {
    expect(benchOptions({})).toEqual({ corpus: 'garden', pages: 1000, runs: 1, seed: 1, mdxShare: 0.1, withHugo: false, edit: false, split: 0, dev: false, out: undefined, compare: undefined });
    expect(benchOptions({ corpus: 'peer', pages: '100', runs: '3', 'with-hugo': true, edit: true, dev: true, out: 'r.json' })).toEqual({
      corpus: 'peer',
      pages: 100,
      runs: 3,
      seed: 42,
      mdxShare: 0.1,
      withHugo: true,
      edit: true,
      split: 0,
      dev: true,
      out: 'r.json',
      compare: undefined,
    });
  });

  it.each([
    [{ corpus: 'hugo' }, '--corpus must be "garden" or "peer" (got hugo)'],
    [{ pages: '59' }, '--pages must be a whole number of at least 60 (got 59)'],
    [{ corpus: 'peer', pages: '9' }, '--pages must be a whole number of at least 10 (got 9)'],
    [{ pages: '1e3' }, '--pages must be a whole number of at least 60 (got 1e3)'],
    [{ runs: '0' }, '--runs must be a whole number of at least 1 (got 0)'],
    [{ runs: '1.5' }, '--runs must be a whole number of at least 1 (got 1.5)'],
    [{ seed: '-1' }, '--seed must be a whole number of at least 0 (got -1)'],
    [{ mdx: '2' }, '--mdx must be a share between 0 and 1 (got 2)'],
    [{ corpus: 'peer', mdx: '0.1' }, '--mdx applies to the garden corpus only'],
    [{ 'with-hugo': true }, '--with-hugo builds the peer corpus with Hugo: add --corpus peer'],
    [{ split: '1' }, '--split must be a whole number of at least 2 (got 1)'],
    [{ split: '65' }, '--split must be at most 64 partitions (got 65)'],
  ])('%j is refused: %s', (values, message) => {
    expect(() => benchOptions(values)).toThrow(message);
  });
});

const figures = (wallMs: number, extra: Partial<BuildFigures> = {}): BuildFigures => ({ wallMs, phases: { hugo: wallMs / 2 }, maxRssBytes: 2 ** 20, pagesPerSecond: 1, ...extra });

describe('Grove / Hugo in the report', () => {
  it('ratio is Grove over Hugo, and nothing when a figure is missing or Hugo’s is 0', () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(5, 10)).toBe(0.5);
    expect(ratio(undefined, 10)).toBeUndefined();
    expect(ratio(10, undefined)).toBeUndefined();
    expect(ratio(10, 0)).toBeUndefined();
  });

  it('medians keep the process-tree memory and the pages rendered only when every run has them', () => {
    const m = medianFigures([figures(3000, { treeMaxRssBytes: 300, rendered: 10 }), figures(1000, { treeMaxRssBytes: 100, rendered: 12 }), figures(2000, { treeMaxRssBytes: 200, rendered: 11 })]);
    expect(m).toMatchObject({ wallMs: 2000, treeMaxRssBytes: 200, rendered: 11, phases: { hugo: 1000 } });
    const partial = medianFigures([figures(1000, { treeMaxRssBytes: 100 }), figures(2000)]);
    expect(partial.wallMs).toBe(1500);
    expect('treeMaxRssBytes' in partial).toBe(false);
    expect('rendered' in partial).toBe(false);
  });

  const peerReport = (groveMs: number, hugoMs: number, edit: boolean): BenchReport => ({
    date: '2026-12-02T00:00:00.000Z',
    machine: { cpus: 2, cpuModel: 'Test CPU', memoryGiB: 24, node: '22.23.3' },
    corpus: 'peer',
    pages: 100,
    runs: 3,
    cold: figures(groveMs, { treeMaxRssBytes: 600 * 2 ** 20, rendered: 140 }),
    warm: figures(groveMs / 2, { rendered: 14 }),
    ...(edit ? { edit: figures(groveMs / 2, { rendered: 142 }) } : {}),
    dist: { bytes: 2 ** 20, files: 10, htmlPages: 140, perType: {}, pagefindBytes: 0 },
    hugo: {
      version: 'hugo v0.111.3',
      cold: figures(hugoMs, { treeMaxRssBytes: 60 * 2 ** 20 }),
      ...(edit ? { warm: figures(hugoMs), edit: figures(hugoMs * 2) } : {}),
      dist: { bytes: 2 ** 20, files: 10, htmlPages: 103, perType: {}, pagefindBytes: 2 ** 20 },
    },
    notes: ['hugo v0.111.3; Pagefind by its CLI.'],
  });

  it('gives Grove / Hugo for cold, memory, and with --edit the rebuilds', () => {
    expect(hugoRatios(peerReport(20000, 2000, false))).toEqual({ 'cold build, wall': 10, 'peak memory, cold': 10 });
    expect(hugoRatios(peerReport(20000, 2000, true))).toEqual({ 'cold build, wall': 10, 'peak memory, cold': 10, 'rebuild, no change': 5, 'rebuild after a one-note edit': 2.5 });
    const { hugo: _, ...alone } = peerReport(20000, 2000, true);
    expect(hugoRatios(alone)).toEqual({});
  });

  it('the Markdown table shows the edit phase, Hugo’s figures, the ratios and the notes', () => {
    const md = toMarkdown(peerReport(20000, 2000, true));
    expect(md).toContain('Grove benchmark (peer corpus): 100 pages, median of 3 runs');
    expect(md).toContain('|   routes rendered (not reused), warm | 14 |');
    expect(md).toContain('| edit build (one sentence of one note), wall | 10.0 s |');
    expect(md).toContain('|   routes rendered (not reused), edit | 142 |');
    expect(md).toContain('| Hugo + Pagefind: cold build, wall | 2.0 s |');
    expect(md).toContain('| Hugo + Pagefind: rebuild after the edit (full) | 4.0 s |');
    expect(md).toContain('| Hugo + Pagefind: peak memory (RSS), cold, any process | 60.0 MB |');
    expect(md).toContain('| Grove / Hugo, cold build, wall | 10.00 × |');
    expect(md).toContain('| Grove / Hugo, rebuild after a one-note edit | 2.50 × |');
    expect(md).toContain('\n- hugo v0.111.3; Pagefind by its CLI.\n');
  });

  it('the Markdown table shows npm run dev, and says when a page never came', () => {
    const md = toMarkdown({ ...peerReport(20000, 2000, true), dev: { firstPageMs: 42_000 } });
    expect(md).toContain('| npm run dev, empty cache: first note page served | 42.0 s |');
    expect(md).toContain('| npm run dev: an edit of that note served | did not happen |');
  });

  it('--compare still works against a report from before the peer corpus', () => {
    const now = peerReport(20000, 2000, true);
    const { corpus: _c, edit: _e, hugo: _h, notes: _n, ...before } = now;
    const old: BenchReport = { ...before, cold: figures(25000), warm: figures(10000) };
    const md = toMarkdown(now, old);
    expect(md).toContain('| cold build, wall | 25.0 s | 20.0 s (-20%) |');
    expect(md).toContain('| Hugo + Pagefind: cold build, wall | – | 2.0 s |');
    expect(reportRows(old).some(([k]) => k.startsWith('Hugo'))).toBe(false);
  });
});

describe('editing one sentence', () => {
  const page = [
    '---',
    'title: "A page"',
    'description: "The page. Of tests."',
    '---',
    '## Heading first. Not this',
    '',
    '- a list item. Not this',
    '```ts',
    'const x = 1. // not this',
    '```',
    'First sentence here. Second one stays.',
    '',
    'Next paragraph.',
  ].join('\n');

  it('changes the first sentence of the first paragraph of the body, nothing else', () => {
    const edited = editOneSentence(page);
    const before = page.split('\n');
    const after = edited.split('\n');
    expect(after[10]).toBe(`${EDITED_SENTENCE} Second one stays.`);
    expect(after.filter((l, i) => l !== before[i])).toHaveLength(1);
  });

  it('skips code blocks, and changes a one-sentence line whole', () => {
    expect(editOneSentence('```\nNot code. Really\n```\nOnly one sentence')).toBe(`\`\`\`\nNot code. Really\n\`\`\`\n${EDITED_SENTENCE}`);
  });

  it('refuses a page it cannot edit', () => {
    expect(() => editOneSentence('---\ntitle: x\n')).toThrow('unclosed frontmatter');
    expect(() => editOneSentence('---\ntitle: x\n---\n## Only a heading\n')).toThrow('no paragraph of text');
  });
});

describe.skipIf(!existsSync(join(shared, 'peer-corpus.mjs')))('the peer corpus on disk', () => {
  it('as a notes source in a git repository: every page a note, every link resolved', async () => {
    const dir = join(temp, 'garden');
    const files = writePeerGarden(shared, dir, 12, 42);
    expect(files).toHaveLength(12);
    expect(readFileSync(join(dir, 'garden.config.mjs'), 'utf8')).toBe(PEER_GARDEN_CONFIG);
    expect(execFileSync('git', ['log', '--format=%an %s'], { cwd: dir, encoding: 'utf8' }).trim()).toBe('Ada Andersen Add the peer corpus (12 pages)');
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('');
    const settings = ((await import(join(dir, 'garden.config.mjs'))) as { default: unknown }).default;
    const garden = buildGarden(parseConfig(settings, 'garden.config.mjs', dir), dir);
    expect(garden.model.notes).toHaveLength(12);
    expect(garden.warnings).toEqual([]);
    const links = garden.entries.flatMap((e) => [...e.body.matchAll(/\]\(([^)]+)\)/g)].map((m) => resolveLink(garden.links, e, m[1]!).type));
    expect(links.length).toBeGreaterThanOrEqual(12 * 3);
    expect(new Set(links)).toEqual(new Set(['page']));
  });

  it('as a Hugo site: the shared config and layouts, the same notes with Hugo’s links, and the search page', () => {
    const site = join(temp, 'hugo');
    const files = writeHugoSite(shared, site, 12, 42);
    expect(files).toEqual(noteFiles(join(temp, 'garden', 'notes')));
    expect(readFileSync(join(site, 'config.toml'), 'utf8')).toBe(readFileSync(join(shared, 'hugo', 'config.toml'), 'utf8'));
    expect(readdirSync(join(site, 'layouts', '_default')).sort()).toEqual(readdirSync(join(shared, 'hugo', 'layouts', '_default')).sort());
    expect(readFileSync(join(site, 'content', 'search.md'), 'utf8')).toBe(readFileSync(join(shared, 'hugo', 'search.md.tpl'), 'utf8'));
    const hugoPage = readFileSync(join(site, 'content', 'notes', files[0]!), 'utf8');
    const grovePage = readFileSync(join(temp, 'garden', 'notes', files[0]!), 'utf8');
    expect(hugoPage).toMatch(/^date: \d{4}-\d\d-\d\dT00:00:00Z$/m);
    expect(hugoPage).toMatch(/\]\(\.\.\/[a-z0-9-]+\/\)/);
    expect(grovePage).toMatch(/\]\(\.\/[a-z0-9-]+\.md\)/);
    // The same text: the edit phase changes the same sentence in both.
    const words = (t: string) => t.replace(/\]\([^)]*\)/g, ']').replace(/^date: .*$/m, '');
    expect(words(hugoPage)).toBe(words(grovePage));
    expect(
      editOneSentence(hugoPage)
        .split('\n')
        .findIndex((l) => l.startsWith(EDITED_SENTENCE)),
    ).toBe(
      editOneSentence(grovePage)
        .split('\n')
        .findIndex((l) => l.startsWith(EDITED_SENTENCE)),
    );
  });

  it('names what is missing when the shared Hugo site is incomplete', () => {
    expect(() => writeHugoSite(join(temp, 'nowhere'), join(temp, 'hugo2'), 12, 42)).toThrow(`${join(temp, 'nowhere', 'hugo', 'config.toml')} is missing`);
  });
});
