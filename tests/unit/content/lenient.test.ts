import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEntry, readSource, type AnyEntry } from '../../../src/garden/content/entries.ts';
import { looseDate } from '../../../src/garden/content/lenient.ts';
import { NoteSchema } from '../../../src/garden/content/schemas.ts';
import type { SourcePath } from '../../../src/garden/core/ids.ts';
import { formatProblem } from '../../../src/garden/core/problems.ts';
import { localSource, NOTE_FIELD_NAMES, SourceSchema, type Source } from '../../../src/garden/settings/config.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/dialects/lenient');

/** Where a note of a `notes` layout source claims to live. */
function notesAt(path: string, options: Partial<Pick<Source, 'fields' | 'defaults'>> = {}) {
  return { source: 'vault', path: path as SourcePath, file: `vault:${path}`, abs: `/vault/${path}`, layout: 'notes' as const, ...options };
}

describe('looseDate: one row per foreign form', () => {
  it.each<[string, unknown, string | undefined]>([
    ['YYYY-MM-DD', '2021-03-04', '2021-03-04'],
    ['epoch milliseconds (Dendron)', 1614830827000, '2021-03-04'],
    ['epoch milliseconds in quotes', '1614830827000', '2021-03-04'],
    ['epoch seconds (Unix time)', 1614830827, '2021-03-04'],
    ['epoch seconds in quotes', '1614830827', '2021-03-04'],
    ['epoch milliseconds with a fraction', 1614830827000.5, '2021-03-04'],
    ['YYYYMMDD as a number', 20210304, '2021-03-04'],
    ['ISO date and time, UTC', '2021-03-04T05:06:07Z', '2021-03-04'],
    ['ISO date and time with an offset: the day as written', '2021-03-04T23:30:00-05:00', '2021-03-04'],
    ['ISO date and time with fractions', '2021-03-04T05:06:07.123+0100', '2021-03-04'],
    ['date and time with a space', '2021-03-04 05:06', '2021-03-04'],
    ['slashes', '2021/03/04', '2021-03-04'],
    ['dots', '2021.03.04', '2021-03-04'],
    ['one-digit month and day', '2021-3-4', '2021-03-04'],
    ['month name first', 'March 4, 2021', '2021-03-04'],
    ['month name first, no comma', 'Mar 4 2021', '2021-03-04'],
    ['day first', '4 March 2021', '2021-03-04'],
    ['ordinal day', 'March 4th, 2021', '2021-03-04'],
    ['with a weekday', 'Thursday, March 4, 2021', '2021-03-04'],
    ['abbreviated month with a dot', '4 Sept. 2021', '2021-09-04'],
    // Not dates Grove can tell.
    ['day and month order unknown', '03/04/2021', undefined],
    ['a day that does not exist', '2021-02-30', undefined],
    ['a month that does not exist', 'Smarch 4, 2021', undefined],
    ['a small number', 2021, undefined],
    ['a negative number', -1614830827000, undefined],
    ['not a number', Number.NaN, undefined],
    ['text', 'yesterday', undefined],
    ['a list', ['2021-03-04'], undefined],
    ['true', true, undefined],
  ])('%s: %j → %j', (_why, input, expected) => {
    expect(looseDate(input)).toBe(expected);
  });

  const day = fc.date({ min: new Date('1973-03-04T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });

  it('reads every day back from epoch milliseconds, seconds and its written forms', () => {
    fc.assert(
      fc.property(day, (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, dd] = iso.split('-');
        const month = d.toLocaleString('en', { month: 'long', timeZone: 'UTC' });
        expect(looseDate(d.getTime())).toBe(iso);
        expect(looseDate(String(d.getTime()))).toBe(iso);
        // Seconds are told from milliseconds by size: from 1e11 a number is milliseconds, so seconds read up to the year 5138.
        const seconds = Math.floor(d.getTime() / 1000);
        expect(looseDate(seconds)).toBe(seconds < 1e11 ? iso : new Date(seconds).toISOString().slice(0, 10));
        expect(looseDate(d.toISOString())).toBe(iso);
        expect(looseDate(`${y}/${m}/${dd}`)).toBe(iso);
        expect(looseDate(`${month} ${Number(dd)}, ${y}`)).toBe(iso);
        expect(looseDate(`${Number(dd)} ${month.slice(0, 3)} ${y}`)).toBe(iso);
      }),
    );
  });

  it('never throws, and gives a real day or nothing, for any value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.anything()), (v) => {
        const out = looseDate(v);
        if (out === undefined) return;
        expect(out).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${out}T00:00:00Z`).toISOString().slice(0, 10)).toBe(out);
      }),
    );
  });
});

/** Reads `raw` as a note of a notes-layout source: its data and its warnings, formatted. */
function lenient(raw: string, options: Partial<Pick<Source, 'fields' | 'defaults'>> = {}, path = 'x.md') {
  const r = readEntry('note', raw, notesAt(path, options));
  if ('problems' in r) throw new Error(`not read: ${r.problems.map(formatProblem).join('\n')}`);
  return { data: r.entry.data as Record<string, unknown>, title: r.entry.title, warnings: (r.warnings ?? []).map(formatProblem) };
}

describe('a note of a notes layout source is read leniently', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['created as epoch milliseconds', 'created: 1639113925844', { created: '2021-12-10' }],
    ['updated as epoch seconds', 'updated: 1614830827', { updated: '2021-03-04' }],
    ['reviewed in another date format', 'reviewed: March 4, 2021', { reviewed: '2021-03-04' }],
    ['an ISO date and time', 'created: 2021-03-04T05:06:07Z', { created: '2021-03-04' }],
    ['a title YAML reads as a number, as written', 'title: 0.90', { title: '0.90' }],
    ['a whole-number title', 'title: 42', { title: '42' }],
    ['a summary of true', 'summary: true', { summary: 'true' }],
    ['description → summary', 'description: What it is.', { summary: 'What it is.' }],
    ['desc → summary (Dendron)', 'desc: What it is.', { summary: 'What it is.' }],
    ['an empty desc is not given', "desc: ''", { summary: undefined }],
    ['date → created (Hugo, Jekyll)', 'date: 2021-03-04', { created: '2021-03-04' }],
    ['lastmod → updated', 'lastmod: 2021/03/04', { updated: '2021-03-04' }],
    ['author → authors', 'author: Dana', { authors: ['Dana'] }],
    ['alias → aliases', 'alias: Other name', { aliases: ['Other name'] }],
    ['aliases as a list', 'aliases: [One, 2]', { aliases: ['One', '2'] }],
    ['keywords → tags', 'keywords: [git, ops]', { tags: ['git', 'ops'] }],
    ['a stage in capitals', 'stage: Evergreen', { stage: 'evergreen' }],
    ['a kind in capitals', 'kind: How-To', { kind: 'how-to' }],
    ['a Grove field wins over a mapped one', 'summary: Mine.\ndescription: Theirs.', { summary: 'Mine.' }],
    ['no stage: none', 'title: T', { stage: undefined }],
  ])('%s', (_why, yaml, expected) => {
    const r = lenient(`---\n${yaml}\n---\nBody.\n`);
    expect(r.warnings).toEqual([]);
    for (const [k, v] of Object.entries(expected)) expect(r.data[k]).toEqual(v);
  });

  it.each<[string, string, string]>([
    ['an unknown stage', 'stage: seed', 'vault:x.md:2 → stage: ignored a field Grove cannot read: stage "seed" (write stage: one of seedling, budding, evergreen; or, if it means something else in this repository, set `fields: { stage: false }` on the source)'],
    ['a date Grove cannot tell', 'created: 03/04/2021', 'vault:x.md:2 → created: ignored a field Grove cannot read: created "03/04/2021" (write created: a date such as 2021-03-04; or, if it means something else in this repository, set `fields: { created: false }` on the source)'],
    ['a mapped key', 'desc: [a, b]', 'vault:x.md:2 → desc: ignored a field Grove cannot read: desc (as summary) ["a","b"] (write desc: text; or, if it means something else in this repository, set `fields: { desc: false }` on the source)'],
    ['a bad language tag', 'lang: English (US)', 'vault:x.md:2 → lang: ignored a field Grove cannot read: lang "English (US)" (write lang: a language tag such as de or pt-BR; or, if it means something else in this repository, set `fields: { lang: false }` on the source)'],
    ['a list of mappings', 'tags:\n  - {a: 1}', 'vault:x.md:2 → tags: ignored a field Grove cannot read: tags [{"a":1}] (write tags: a name or a list of names; or, if it means something else in this repository, set `fields: { tags: false }` on the source)'],
  ])('%s is left out with a warning, never an error', (_why, yaml, warning) => {
    const r = lenient(`---\n${yaml}\n---\nBody.\n`);
    expect(r.warnings).toEqual([warning]);
  });

  it('gives one warning per file, naming every field left out and the first line', () => {
    const r = lenient('---\ntitle: T\nstage: seed\ncreated: someday\nkind: essay\n---\n');
    expect(r.warnings).toEqual([
      'vault:x.md:3 → ignored 3 fields Grove cannot read: stage "seed", created "someday", kind "essay" (write stage: one of seedling, budding, evergreen; created: a date such as 2021-03-04; kind: one of note, how-to, tip, question, til, reference; or, if they mean something else in this repository, set `fields: { stage: false, created: false, kind: false }` on the source)',
    ]);
    expect(r.data).toMatchObject({ title: 'T', kind: 'note' });
    expect(r.data.stage).toBeUndefined();
  });

  it('`fields` maps more keys, and `false` leaves one alone without a warning', () => {
    const r = lenient('---\nsubtitle: Short.\nstage: draft\nstatus: done\n---\n', { fields: { subtitle: 'summary', stage: false, status: 'stage' } });
    expect(r.warnings).toEqual(['vault:x.md:4 → status: ignored a field Grove cannot read: status (as stage) "done" (write status: one of seedling, budding, evergreen; or, if it means something else in this repository, set `fields: { status: false }` on the source)']);
    expect(r.data.summary).toBe('Short.');
    expect(r.data.stage).toBeUndefined();
    // A built-in mapping can be turned off too.
    expect(lenient('---\ndesc: x\n---\n', { fields: { desc: false } }).data.summary).toBeUndefined();
  });

  it('`defaults` gives a stage, authors and topics to notes that name none', () => {
    const defaults = { stage: 'budding' as const, owners: ['noa'], topics: ['imported'] };
    expect(lenient('---\ntitle: T\n---\n', { defaults }).data).toMatchObject({ stage: 'budding', authors: ['noa'], topics: ['imported'] });
    expect(lenient('---\nstage: evergreen\nauthors: [dana]\ntopics: git\n---\n', { defaults }).data).toMatchObject({ stage: 'evergreen', authors: ['dana'], topics: ['git', 'imported'] });
  });
});

describe('Grove-native pages stay strict', () => {
  it.each<[string, string, string]>([
    ['note', 'notes/x.md', '---\ncreated: 1639113925844\n---\n'],
    ['note', 'notes/x.md', '---\ntitle: 0.88\n---\n'],
    ['note', 'notes/x.md', '---\nstage: seed\n---\n'],
    ['lesson', 'courses/c/01-x.md', '---\ntitle: 5\n---\n'],
    ['course', 'courses/c/index.md', '---\ntitle: C\nupdated: 1639113925844\n---\n'],
  ])('a %s in a garden layout is refused: %s %j', (kind, path, raw) => {
    const r = readEntry(kind as 'note', raw, { source: 'local', path: path as SourcePath, file: `content/${path}`, abs: `/c/${path}`, layout: 'garden' });
    expect('problems' in r && r.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('a garden note with no stage is a seedling; `defaults.stage` can say otherwise, or none', () => {
    const at = (defaults: Source['defaults']) => ({ source: 'local', path: 'notes/x.md' as SourcePath, file: 'content/notes/x.md', abs: '/c/notes/x.md', layout: 'garden' as const, defaults });
    const stage = (defaults: Source['defaults']) => {
      const r = readEntry('note', '# X\n', at(defaults));
      return 'entry' in r ? (r.entry.data as { stage?: string }).stage : 'refused';
    };
    expect(stage({})).toBe('seedling');
    expect(stage({ stage: 'evergreen' })).toBe('evergreen');
    expect(stage({ stage: 'none' })).toBeUndefined();
  });

  it('a path and a course get the default owners and topics', () => {
    const r = readEntry('course', '---\ntitle: C\n---\n', { source: 'local', path: 'courses/c/index.md' as SourcePath, file: 'x', abs: '/x', layout: 'garden', defaults: { owners: ['noa'], topics: ['git'] } });
    expect('entry' in r && r.entry.data).toMatchObject({ owners: ['noa'], topics: ['git'] });
  });
});

describe('the lenient fixture vault', () => {
  const { entries, problems } = readSource(localSource('vault', FIXTURE, { layout: 'notes' }), FIXTURE);
  const byPath = new Map<string, AnyEntry>(entries.map((e) => [e.path, e]));
  const data = (path: string) => byPath.get(path)!.data as Record<string, unknown>;

  it('reads every file, with one warning for the one file whose fields Grove cannot read', () => {
    expect(entries).toHaveLength(9);
    expect(problems.map(formatProblem)).toEqual([
      'projects/unknown-stage.md:3 → ignored 2 fields Grove cannot read: stage "seed", created "03/04/2021" (write stage: one of seedling, budding, evergreen; created: a date such as 2021-03-04; or, if they mean something else in this repository, set `fields: { stage: false, created: false }` on the source)',
    ]);
  });

  it('converts what it can', () => {
    expect(byPath.get('release.0.88.md')!.title).toBe('0.90');
    // A name of symbols only still makes a readable id.
    expect(byPath.get('!.md')!.id).toBe('exclamation-mark');
    expect(data('release.0.88.md')).toMatchObject({ created: '2021-12-10', updated: '2022-05-24' });
    expect(data('release.0.88.md').summary).toBeUndefined();
    expect(data('unix-time.md')).toMatchObject({ title: '42', summary: 'Dates as Unix seconds and as quoted digits.', created: '2021-03-04', updated: '2022-05-24' });
    expect(data('daily/2021-03-04.md')).toMatchObject({ created: '2021-03-04', updated: '2021-03-04', aliases: ['The fourth of March', 'Thursday notes'] });
    expect(data('daily/slashes.md')).toMatchObject({ created: '2021-03-04', updated: '2021-03-04', stage: 'evergreen' });
    expect(data('projects/unknown-stage.md')).toMatchObject({ summary: 'A page whose stage and date Grove cannot read.' });
    expect(data('projects/grove-native.md')).toMatchObject({ summary: "Grove's own fields win over mapped ones.", stage: 'budding', kind: 'how-to', aliases: ['Native'] });
  });

  it('gives no stage to a note that names none', () => {
    const staged = entries.filter((e) => (e.data as { stage?: string }).stage).map((e) => e.path);
    expect(staged.sort()).toEqual(['daily/slashes.md', 'projects/grove-native.md']);
  });
});

describe('settings', () => {
  it('the note fields `fields` may name are the note schema’s', () => {
    expect([...NOTE_FIELD_NAMES].sort()).toEqual(Object.keys(NoteSchema.shape).sort());
  });

  it.each<[string, unknown, string]>([
    ['a field Grove does not have', { fields: { desc: 'description' } }, 'fields.desc'],
    ['true instead of a field', { fields: { desc: true } }, 'fields.desc'],
    ['an unknown stage', { defaults: { stage: 'seed' } }, 'defaults.stage'],
    ['an unknown default', { defaults: { level: 'beginner' } }, 'defaults'],
    ['owners as text', { defaults: { owners: 'noa' } }, 'defaults.owners'],
  ])('refuses %s', (_why, setting, path) => {
    const r = SourceSchema.safeParse({ name: 'v', path: '.', ...(setting as object) });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
