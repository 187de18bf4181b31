import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateGarden, random, shapeOf } from '../../src/bench/generate.ts';
import { editReached, median, medianFigures, pageType, pageWeight, toMarkdown, type BenchReport } from '../../src/bench/measure.ts';
import { buildGarden } from '../../src/garden/model/garden.ts';
import { parseConfig } from '../../src/garden/settings/config.ts';

const temp = mkdtempSync(join(tmpdir(), 'grove-bench-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function treeHash(dir: string): string {
  const hash = createHash('sha1');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else hash.update(relative(dir, p)).update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('synthetic garden', () => {
  it.each([
    [60, { paths: 2, courses: 4, lessons: 32, notes: 8, topics: 8, people: 6 }],
    [1000, { paths: 4, courses: 20, lessons: 160, notes: 786, topics: 20, people: 10 }],
    [10000, { paths: 40, courses: 200, lessons: 1600, notes: 7860, topics: 200, people: 100 }],
  ])('%i pages are split into kinds like a real garden', (pages, expected) => {
    const s = shapeOf(pages);
    expect({ paths: s.paths, courses: s.courses, lessons: s.lessons, notes: s.notes, topics: s.topics, people: s.people }).toEqual(expected);
    expect(s.paths + s.courses + s.lessons + s.notes + s.topics + s.people).toBe(pages);
  });

  it('refuses a size too small to hold every kind', () => {
    expect(() => shapeOf(40)).toThrow(/at least 53/);
  });

  it('the random numbers are the same for the same seed', () => {
    const a = random(42);
    const b = random(42);
    const c = random(43);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c()]).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('the same seed gives the same garden, another seed another', () => {
    generateGarden(join(temp, 'a'), { pages: 120, seed: 7 });
    generateGarden(join(temp, 'b'), { pages: 120, seed: 7 });
    generateGarden(join(temp, 'c'), { pages: 120, seed: 8 });
    expect(treeHash(join(temp, 'a'))).toBe(treeHash(join(temp, 'b')));
    expect(treeHash(join(temp, 'a'))).not.toBe(treeHash(join(temp, 'c')));
  });

  it('is a valid garden: every page validates and every reference resolves', () => {
    generateGarden(join(temp, 'valid'), { pages: 300, seed: 3, mdxShare: 0.2 });
    const config = parseConfig({ sources: [{ name: 'bench', path: './content' }] }, 'garden.config.mjs', join(temp, 'valid'));
    const garden = buildGarden(config, join(temp, 'valid'));
    expect(garden.entries).toHaveLength(300);
    expect(garden.warnings).toEqual([]);
    const kinds = new Set(garden.model.notes.map((n) => n.entry.data.kind));
    const stages = new Set(garden.model.notes.map((n) => n.entry.data.stage));
    expect(kinds.size).toBe(6);
    expect(stages.size).toBe(3);
    expect(garden.entries.some((e) => e.format === 'mdx')).toBe(true);
    expect(garden.model.lessons.some((l) => l.entry.data.check.length > 0)).toBe(true);
  });
});

describe('measurements', () => {
  it('median', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("medianFigures takes each metric's median, phase by phase", () => {
    const f = (wallMs: number, render: number) => ({ wallMs, phases: { render }, maxRssBytes: wallMs * 10, pagesPerSecond: 1000 / wallMs });
    expect(medianFigures([f(10, 5), f(30, 1), f(20, 9)])).toEqual({ wallMs: 20, phases: { render: 5 }, maxRssBytes: 200, pagesPerSecond: 50 });
  });

  it.each([
    ['index.html', 'home'],
    ['courses/index.html', 'courses'],
    ['courses/git/index.html', 'course'],
    ['courses/git/branches/index.html', 'lesson'],
    ['notes/index.html', 'notes'],
    ['notes/x/index.html', 'note'],
    ['notes/kind/tip/index.html', undefined],
    ['people/ada/index.html', 'person'],
    ['search/index.html', 'search'],
    ['404.html', undefined],
  ])('page type of %s is %s', (rel, type) => {
    expect(pageType(rel)).toBe(type);
  });

  it('page weight counts linked and inline scripts and styles, gzipped, under the base path', () => {
    const dist = join(temp, 'dist');
    mkdirSync(join(dist, '_astro'), { recursive: true });
    writeFileSync(join(dist, '_astro', 'a.js'), 'console.log("a");'.repeat(50));
    writeFileSync(join(dist, '_astro', 'a.css'), 'body{color:red}'.repeat(50));
    const html =
      '<link rel="stylesheet" href="/learning/_astro/a.css"><script type="module" src="/learning/_astro/a.js"></script>' +
      '<script>let x = 1;</script><script type="application/json">{"not":"code"}</script>';
    const w = pageWeight(dist, '/learning/', html);
    expect(w.js).toBeGreaterThan(20);
    expect(w.css).toBeGreaterThan(15);
    expect(pageWeight(dist, '/learning/', '<p>no assets</p>')).toEqual({ js: 0, css: 0 });
  });

  it('page weight follows a module script’s static imports once each, but not its dynamic imports', () => {
    const dist = join(temp, 'dist-imports');
    mkdirSync(join(dist, '_astro'), { recursive: true });
    const gz = (s: string) => gzipSync(s).length;
    const shared = 'export const shared = 1;'.repeat(40);
    const lazy = 'export const lazy = 2;'.repeat(40);
    const a = 'import{shared}from"./shared.js";const m=()=>import("./lazy.js");console.log(shared,m);';
    const b = 'import { shared } from "./shared.js"; console.log(shared);';
    writeFileSync(join(dist, '_astro', 'shared.js'), shared);
    writeFileSync(join(dist, '_astro', 'lazy.js'), lazy);
    writeFileSync(join(dist, '_astro', 'a.js'), a);
    writeFileSync(join(dist, '_astro', 'b.js'), b);
    const html = '<script type="module" src="/learning/_astro/a.js"></script><script type="module" src="/learning/_astro/b.js"></script>';
    expect(pageWeight(dist, '/learning/', html).js).toBe(gz(a) + gz(b) + gz(shared));
  });

  describe('editReached: where an edit build put the new sentence', () => {
    const sentence = 'The edited sentence.';
    const oldSw = 'self.__v="a"';
    const site = (name: string, o: { page?: string; fragment?: string; shard?: boolean; sw?: string }) => {
      const dist = join(temp, `edit-${name}`);
      mkdirSync(join(dist, 'notes', 'x'), { recursive: true });
      if (o.page !== undefined) writeFileSync(join(dist, 'notes', 'x', 'index.html'), o.page);
      const fragments = join(dist, 'pagefind', ...(o.shard ? ['shard-2'] : []), 'fragment');
      mkdirSync(fragments, { recursive: true });
      writeFileSync(join(fragments, 'other.pf_fragment'), gzipSync('{"content":"unrelated"}'));
      if (o.fragment !== undefined) writeFileSync(join(fragments, 'x.pf_fragment'), gzipSync(o.fragment));
      writeFileSync(join(dist, 'pagefind', 'index.pf_meta'), sentence); // not a fragment: not searched
      writeFileSync(join(dist, 'sw.js'), o.sw ?? oldSw);
      return dist;
    };
    it.each([
      ['everywhere', { page: `<p>${sentence}</p>`, fragment: `{"content":"${sentence}"}`, sw: 'self.__v="b"' }, { page: true, search: true, serviceWorker: true }],
      ['everywhere, the index in shards', { page: `<p>${sentence}</p>`, fragment: sentence, shard: true, sw: 'b' }, { page: true, search: true, serviceWorker: true }],
      ['the page not rebuilt', { page: '<p>Old text.</p>', fragment: sentence, sw: 'b' }, { page: false, search: true, serviceWorker: true }],
      ['the page missing', { fragment: sentence, sw: 'b' }, { page: false, search: true, serviceWorker: true }],
      ['search not re-indexed', { page: sentence, fragment: 'Old text.', sw: 'b' }, { page: true, search: false, serviceWorker: true }],
      ['the service worker unchanged', { page: sentence, fragment: sentence }, { page: true, search: true, serviceWorker: false }],
    ])('%s', (name, o, expected) => {
      expect(editReached(site(name.replace(/\W+/g, '-'), o), 'notes/x/', sentence, oldSw)).toEqual(expected);
    });
  });

  it('the Markdown report compares with an earlier one', () => {
    const report = (wallMs: number): BenchReport => ({
      date: '2026-11-28T00:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'Test CPU', memoryGiB: 24, node: '22.23.3' },
      pages: 1000,
      runs: 3,
      cold: { wallMs, phases: { content: wallMs / 2 }, maxRssBytes: 2 ** 30, pagesPerSecond: 1000 / (wallMs / 1000) },
      warm: { wallMs: wallMs / 2, phases: {}, maxRssBytes: 2 ** 30, pagesPerSecond: 1 },
      dist: { bytes: 2 ** 20, files: 10, htmlPages: 1018, perType: { lesson: { js: 0, css: 3174 } }, pagefindBytes: 0 },
    });
    const md = toMarkdown(report(8000), report(10000));
    expect(md).toContain('1000 pages, median of 3 runs');
    expect(md).toContain('| cold build, wall | 10.0 s | 8.0 s (-20%) |');
    expect(md).toContain('| CSS gzip, lesson page | 3.1 KB | 3.1 KB (+0%) |');
    expect(toMarkdown(report(8000))).toContain('| cold build, wall | 8.0 s |');
    const edited = toMarkdown({ ...report(8000), editReached: { page: true, search: false, serviceWorker: true } });
    expect(edited).toContain('|   the new sentence on its page | yes |');
    expect(edited).toContain('|   the new sentence found by search | no |');
  });
});
