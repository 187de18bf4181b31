/**
 * Content health with a large imported source beside a small garden: findings counted per source
 * and section, and each section shown a few of each source, so the import does not drown the rest.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/garden/model/graph.ts';
import { buildHealth, formatHealth, GARDEN_WIDE, groupBySource, hasSeveralSources } from '../../../src/garden/model/health.ts';
import { buildModel } from '../../../src/garden/model/build-model.ts';
import { readEntry, type AnyEntry } from '../../../src/garden/content/entries.ts';
import type { SourcePath } from '../../../src/garden/core/ids.ts';
import { entry, fm } from '../helpers.ts';

/** A note of the imported `vault` source (a notes layout, so it has no stage). */
function imported(i: number): AnyEntry {
  const path = `n${String(i).padStart(3, '0')}.md` as SourcePath;
  const r = readEntry('note', `---\ntitle: Imported ${i}\ncreated: 1577836800000\n---\n`, { source: 'vault', path, file: `vault:${path}`, abs: `/v/${path}`, layout: 'notes' });
  if ('problems' in r) throw new Error('fixture');
  return r.entry;
}

const ENTRIES = [
  entry('note', 'notes/own.md', fm({ title: 'Own note', authors: ['ann'], created: '2020-01-01' })),
  entry('course', 'courses/c/index.md', fm({ title: 'Own course', owners: ['ann'] })),
  ...Array.from({ length: 120 }, (_, i) => imported(i)),
];
const M = buildModel(ENTRIES);
const G = buildGraph(M, new Map());
const WARNINGS = [
  { file: 'vault:n001.md', line: 3, message: 'broken link [[x]]', hint: "the source has brokenLinks: 'warn'", severity: 'warning' as const },
  { file: 'content/notes/own.md', line: 5, message: 'broken link [[y]]', severity: 'warning' as const },
];
const report = buildHealth(M, G, WARNINGS, { staleMonths: 12, seedlingDays: 90 }, new Date('2025-06-01T12:00:00Z'));

describe('health per source', () => {
  it('counts findings per source and section, most first; the JSON keeps every finding', () => {
    expect(hasSeveralSources(report)).toBe(true);
    expect(report.bySource).toEqual([
      { source: 'vault', total: 361, counts: { stale: 120, orphans: 120, brokenLinks: 1, unowned: 120 } },
      { source: 'local', total: 8, counts: { stale: 1, seedlings: 1, orphans: 2, brokenLinks: 1, coursesWithoutNotes: 1, unowned: 1, unknownPeople: 1 } },
    ]);
    expect(report.stale).toHaveLength(121);
    expect(report.brokenLinks.map((l) => l.source)).toEqual(['local', 'vault']);
  });

  it('imported notes without a stage are not counted as seedlings; a Grove-native note is', () => {
    expect(report.seedlings.map((i) => i.key)).toEqual(['note:own']);
  });

  it('groups a section by source, most findings first', () => {
    expect(groupBySource(report, report.stale).map((g) => [g.source, g.findings.length])).toEqual([
      ['vault', 120],
      ['local', 1],
    ]);
  });

  it('prints a summary per source, then a few findings of each source under each section', () => {
    const out = formatHealth(report, 2).split('\n');
    expect(out.slice(0, 5)).toEqual([
      'Content health on 2025-06-01: 122 pages, 0 links between them, 369 findings',
      '',
      'Findings per source:',
      '  vault: 361 (stale 120, orphans 120, broken links 1, unowned 120)',
      '  local: 8 (stale 1, seedlings 1, orphans 2, broken links 1, courses without notes 1, unowned 1, unknown authors 1)',
    ]);
    const stale = out.slice(out.indexOf('Stale pages: 121'));
    expect(stale.slice(2, 9)).toEqual([
      '  vault (120):',
      '    - vault:n000.md  Imported 0 (last updated 2020-01-01)',
      '    - vault:n001.md  Imported 1 (last updated 2020-01-01)',
      '    … and 118 more in vault (see the JSON)',
      '  local (1):',
      '    - content/notes/own.md  Own note (last updated 2020-01-01)',
      '',
    ]);
  });

  it('lists what reading the content changed, per source, a file that is not a page too', () => {
    const r = buildHealth(M, G, [], { staleMonths: 12, seedlingDays: 90 }, new Date('2025-06-01T12:00:00Z'), [
      { file: 'vault:n002.md', line: 2, field: 'stage', message: 'stage "seed" is not one Grove knows: ignored', severity: 'warning' },
      { file: 'vault:img/drawing.svg', message: 'not published: an SVG file can run script', hint: 'export it as PNG', severity: 'warning' },
    ]);
    expect(r.contentWarnings.map((w) => [w.source, w.file])).toEqual([
      ['vault', 'vault:img/drawing.svg'],
      ['vault', 'vault:n002.md'],
    ]);
    expect(r.bySource.find((x) => x.source === 'vault')?.counts.contentWarnings).toBe(2);
    expect(formatHealth(r)).toContain('Content read with warnings: 2');
  });

  it('a finding of no source counts as garden-wide, and one source alone is shown as before', () => {
    const one = buildHealth(buildModel(ENTRIES.slice(0, 2)), G, [{ file: 'elsewhere.md', message: 'm', severity: 'warning' }], { staleMonths: 12, seedlingDays: 90 }, new Date('2025-06-01T12:00:00Z'));
    expect(one.bySource.map((s) => s.source)).toEqual(['local', GARDEN_WIDE]);
    expect(hasSeveralSources(one)).toBe(false);
    expect(formatHealth(one)).not.toContain('Findings per source');
  });
});
