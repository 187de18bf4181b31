/** Numbered notes of a folder read in order: previous and next by number, per folder and source; numbered folders' topics by number. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { linkReadingOrder } from '../../../src/garden/model/notes.ts';
import type { NoteNode } from '../../../src/garden/model/model.ts';
import { entry } from '../helpers.ts';

const node = (path: string, source = 'local'): NoteNode => ({ kind: 'note', entry: entry('note', path, '', source) as NoteNode['entry'], topics: [], authors: [], lessons: [], questions: 0 });
const order = (nodes: NoteNode[]) => Object.fromEntries(nodes.map((n) => [`${n.entry.source}:${n.entry.path}`, `${n.prev?.entry.path ?? '·'} | ${n.next?.entry.path ?? '·'}`]));

describe('linkReadingOrder', () => {
  it.each<[string, [string, string?][], Record<string, string>]>([
    [
      'numbers in order, 10 after 9; unnumbered notes and the folder README stay out',
      [['b/10-forms.md'], ['b/9-tables.md'], ['b/01-intro.md'], ['b/extra.md'], ['b/README.md']],
      {
        'local:b/10-forms.md': 'b/9-tables.md | ·',
        'local:b/9-tables.md': 'b/01-intro.md | b/10-forms.md',
        'local:b/01-intro.md': '· | b/9-tables.md',
        'local:b/extra.md': '· | ·',
        'local:b/README.md': '· | ·',
      },
    ],
    [
      'one numbered note in a folder has no order; folders and sources are apart',
      [['a/01-x.md'], ['c/01-x.md'], ['c/02-y.md', 'other'], ['c/03-z.md']],
      { 'local:a/01-x.md': '· | ·', 'local:c/01-x.md': '· | c/03-z.md', 'other:c/02-y.md': '· | ·', 'local:c/03-z.md': 'c/01-x.md | ·' },
    ],
    [
      'Day N and equal numbers by path',
      [['d/Day 2.md'], ['d/day_1.md'], ['d/2-b.md']],
      { 'local:d/Day 2.md': 'd/2-b.md | ·', 'local:d/day_1.md': '· | d/2-b.md', 'local:d/2-b.md': 'd/day_1.md | d/Day 2.md' },
    ],
  ])('%s', (_, files, expected) => {
    const nodes = files.map(([p, s]) => node(p, s));
    linkReadingOrder(nodes);
    expect(order(nodes)).toEqual(expected);
  });
});

describe('a notes layout of numbered folders', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'grove-numbered-notes-'));
    for (const name of ['10-later/01-a.md', '02-advanced/10-z.md', '02-advanced/9-y.md', '02-advanced/other.md', '01-basics/01-x.md', 'misc/b.md']) {
      mkdirSync(join(root, 'vault', name, '..'), { recursive: true });
      writeFileSync(join(root, 'vault', name), `# ${name}\n`);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists its folder topics by number, titled without it, and their notes by number', () => {
    const garden = buildGarden(parseConfig({ sources: [{ name: 'vault', path: './vault', layout: 'notes' }] }, 'garden.config.ts', root), root);
    expect(garden.model.topics.map((t) => `${t.id} ${t.title} ${t.order ?? '-'}`)).toEqual(['basics Basics 1', 'advanced Advanced 2', 'later Later 10', 'misc misc -']);
    const advanced = garden.model.topics.find((t) => t.id === 'advanced')!;
    expect(advanced.notes.map((n) => n.entry.path)).toEqual(['02-advanced/9-y.md', '02-advanced/10-z.md', '02-advanced/other.md']);
  });
});
