/**
 * Long lists paginate (#14): at most PAGE_SIZE items a page, the later pages at `<list>/page/<n>/`,
 * generated from model/routes.ts and known to the link index, so a link to one resolves and a link
 * past the last page is broken.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, laterPages, PAGE_SIZE, pageCount, pagedLists, pagedRoutes, pageNumbersShown, pageOf, pageRoute } from '../../../src/garden/model/routes.ts';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { buildGarden, type Garden } from '../../../src/garden/model/garden.ts';
import { resolveLink } from '../../../src/garden/model/links.ts';

describe('pages of a list', () => {
  it('holds at most 200 items a page, in one constant', () => {
    expect(PAGE_SIZE).toBe(200);
  });

  it.each([
    [0, 1, []],
    [1, 1, []],
    [200, 1, []],
    [201, 2, [2]],
    [4600, 23, Array.from({ length: 22 }, (_, i) => i + 2)],
  ])('%i items take %i page(s); the later ones are %j', (total, pages, later) => {
    expect(pageCount(total)).toBe(pages);
    expect(laterPages(total)).toEqual(later);
  });

  it.each([
    ['/notes/', 1, '/notes/'],
    ['/notes/', 2, '/notes/page/2/'],
    ['/topics/git/', 23, '/topics/git/page/23/'],
    ['/notes/kind/how-to/', 3, '/notes/kind/how-to/page/3/'],
  ])('page of %s number %i is %s', (route, n, expected) => {
    expect(pageRoute(route, n)).toBe(expected);
  });

  it('cuts every list into pages that put it back together (property)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 50 }), (total, size) => {
        const items = Array.from({ length: total }, (_, i) => i);
        const pages = pageCount(total, size);
        const all = Array.from({ length: pages }, (_, i) => pageOf(items, i + 1, size));
        expect(all.flatMap((p) => p.items)).toEqual(items);
        for (const p of all) {
          expect(p.items.length).toBeLessThanOrEqual(size);
          expect(p.pages).toBe(pages);
          expect(p.total).toBe(total);
          if (p.items.length) expect([p.from, p.to]).toEqual([p.items[0]! + 1, p.items.at(-1)! + 1]);
        }
        // Only the last page may be short, and only an empty list has an empty page.
        expect(all.slice(0, -1).every((p) => p.items.length === size)).toBe(true);
        expect(all.at(-1)!.items.length === 0).toBe(total === 0);
      }),
    );
  });

  it.each([
    [1, 1, [1]],
    [1, 5, [1, 2, 3, 4, 5]],
    [1, 23, [1, 2, 3, '…', 23]],
    [6, 23, [1, '…', 4, 5, 6, 7, 8, '…', 23]],
    [4, 23, [1, 2, 3, 4, 5, 6, '…', 23]],
    [23, 23, [1, '…', 21, 22, 23]],
  ])('page %i of %i shows %j', (page, pages, shown) => {
    expect(pageNumbersShown(page, pages)).toEqual(shown);
  });

  it('always shows the first, last and current page, in order, never two gaps together (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (pages, at) => {
        const page = (at % pages) + 1;
        const shown = pageNumbersShown(page, pages);
        const numbers = shown.filter((x): x is number => x !== '…');
        expect(numbers).toContain(1);
        expect(numbers).toContain(pages);
        expect(numbers).toContain(page);
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(new Set(numbers).size).toBe(numbers.length);
        shown.forEach((x, i) => {
          if (x === '…') {
            expect(shown[i + 1]).not.toBe('…');
            // A gap stands for two pages or more.
            expect((shown[i + 1] as number) - (shown[i - 1] as number)).toBeGreaterThan(2);
          }
        });
      }),
    );
  });

  it.each([
    [0, 'note', undefined, '0 notes'],
    [1, 'note', undefined, '1 note'],
    [4600, 'note', undefined, '4,600 notes'],
    [1, 'person', 'people', '1 person'],
    [1234567, 'person', 'people', '1,234,567 people'],
  ])('counts %i %s', (n, one, many, text) => {
    expect(countOf(n, one, many)).toBe(text);
  });
});

describe('the later pages of a garden', () => {
  let root: string;
  let garden: Garden;
  beforeAll(() => {
    // 450 notes: 250 in ops/ (a topic, in a notes layout), 200 at the top; 3 how-tos.
    root = mkdtempSync(join(tmpdir(), 'grove-pages-'));
    mkdirSync(join(root, 'vault', 'ops'), { recursive: true });
    for (let i = 0; i < 450; i++) {
      const kind = i < 3 ? 'kind: how-to\n' : '';
      writeFileSync(join(root, 'vault', i < 250 ? 'ops' : '', `note-${String(i).padStart(3, '0')}.md`), `---\n${kind}---\n# Note ${i}\n`);
    }
    garden = buildGarden(parseConfig({ sources: [{ name: 'vault', path: './vault', layout: 'notes', defaults: { stage: 'seedling' } }] }, 'garden.config.ts', root), root);
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists every paginated list with its size', () => {
    const lists = Object.fromEntries(pagedLists(garden.model).map((l) => [l.route, l.total]));
    expect(lists).toMatchObject({
      '/notes/': 450,
      '/notes/kind/how-to/': 3,
      '/notes/kind/note/': 447,
      '/notes/stage/seedling/': 450,
      '/notes/stage/evergreen/': 0,
      '/topics/': 1,
      '/topics/ops/': 250,
      '/people/': 0,
    });
  });

  it('generates the later pages and nothing more', () => {
    expect(pagedRoutes(garden.model).sort()).toEqual([
      '/notes/kind/note/page/2/',
      '/notes/kind/note/page/3/',
      '/notes/page/2/',
      '/notes/page/3/',
      '/notes/stage/seedling/page/2/',
      '/notes/stage/seedling/page/3/',
      '/topics/ops/page/2/',
    ]);
  });

  it('links to a later page resolve; a link past the last page is broken', () => {
    const from = { source: 'vault', path: 'note-300.md' as never };
    for (const r of pagedRoutes(garden.model)) expect(resolveLink(garden.links, from, r).type).toBe('route');
    for (const r of ['/notes/page/4/', '/topics/ops/page/3/', '/notes/kind/how-to/page/2/', '/people/page/2/']) expect(resolveLink(garden.links, from, r).type).toBe('broken');
  });
});
