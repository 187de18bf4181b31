/**
 * The kind table (src/garden/core/kinds.ts) is the one place a kind of page is declared: every kind in it
 * has what is its own (a schema, a template, pages that render it, a search filter, a route), and the
 * places that name kinds read the table.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeOf, type PageId } from '../../../src/garden/core/ids.ts';
import { KIND_LABELS, KIND_TABLE, KINDS, isKind, MAP_KINDS, pageKey } from '../../../src/garden/core/kinds.ts';
import { kindOfPath } from '../../../src/garden/content/entries.ts';
import { SCHEMAS } from '../../../src/garden/content/schemas.ts';
import { filterLabelsOf } from '../../../src/garden/model/search.ts';
import { pageTemplate } from '../../../src/garden/content/templates.ts';
import type { SourcePath } from '../../../src/garden/core/ids.ts';
import type { GardenModel } from '../../../src/garden/model/model.ts';

const src = join(import.meta.dirname, '..', '..', '..', 'src');

describe('every kind in the table', () => {
  it.each(KINDS)('%s has a schema, a template, pages, a route, a label and a search filter', (kind) => {
    const info = KIND_TABLE[kind];
    expect(SCHEMAS[kind], 'schema').toBeDefined();
    expect(() => pageTemplate(kind, { title: 'X' } as never), 'template').not.toThrow();
    expect(routeOf(kind, 'x' as PageId)).toMatch(new RegExp(`^/${info.section}/x/$`));
    expect(existsSync(join(src, 'pages', info.section)), `src/pages/${info.section}/`).toBe(true);
    expect(KIND_LABELS[kind]).toBe(info.label);
    const empty = { paths: [], courses: [], lessons: [], notes: [], people: [], topics: [] } as unknown as GardenModel;
    expect(filterLabelsOf(empty).kind[kind], 'search filter').toBe(info.label);
    expect(info.plural.length).toBeGreaterThan(info.label.length - 1);
    expect(pageKey(kind, 'x')).toBe(`${kind}:x`);
  });

  it('sorts each file into its kind by the table: folder and how files sit in it', () => {
    const sample: Array<[string, ReturnType<typeof kindOfPath>]> = [
      ['paths/onboarding.md', 'path'],
      ['courses/git/index.md', 'course'],
      ['courses/git/01-first.md', 'lesson'],
      ['courses/git.md', 'misplaced-course'],
      ['notes/a/b/c.md', 'note'],
      ['topics/git.md', 'topic'],
      ['topics/a/git.md', 'too-deep'],
      ['people/ana.md', 'person'],
      ['elsewhere/x.md', undefined],
    ];
    for (const [path, kind] of sample) expect(kindOfPath(path as SourcePath), path).toBe(kind);
  });

  it('knows its kinds and nothing else', () => {
    expect(KINDS.every(isKind)).toBe(true);
    expect(isKind('constructor')).toBe(false);
    expect(MAP_KINDS.every(isKind)).toBe(true);
  });

  it('is where kinds are named: no other engine, page or browser file spells out a label table', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (/\.(ts|astro)$/.test(f.name) && !p.endsWith('kinds.ts') && /\bperson:\s*'Person'|'Persons'|\blesson:\s*'Lesson'/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
