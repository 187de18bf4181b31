/**
 * `layout: 'course'` and the titles of imported pages: numbered files and folders in order, one and
 * two levels, ids, titles from frontmatter / first heading / meta.json / the name, previous and next,
 * and the fixture tests/fixtures/dialects/course/ building beside the sample with only `path` and `layout`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedTitle, numberOf, prettyName } from '../../../src/garden/content/course-layout.ts';
import { readSource, withoutCourseTitle, type AnyEntry } from '../../../src/garden/content/entries.ts';
import { localSource, parseConfig, type Source } from '../../../src/garden/settings/config.ts';
import { formatProblem, type Problem } from '../../../src/garden/core/problems.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { checkContent } from '../../../src/garden/commands/content-check.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'tests/fixtures/dialects/course');

describe('numberOf', () => {
  it.each<[string, { n: number; name: string } | undefined]>([
    ['01-intro', { n: 1, name: 'intro' }],
    ['01_intro', { n: 1, name: 'intro' }],
    ['1. Intro', { n: 1, name: 'Intro' }],
    ['1 Intro', { n: 1, name: 'Intro' }],
    ['9.tables', { n: 9, name: 'tables' }],
    ['10', { n: 10, name: '10' }],
    ['02_Day_Data_types', { n: 2, name: 'Day_Data_types' }],
    ['Day 1', { n: 1, name: 'Day 1' }],
    ['day_02_arrays', { n: 2, name: 'day_02_arrays' }],
    ['Lesson-3 State', { n: 3, name: 'Lesson-3 State' }],
    ['Chapter 12', { n: 12, name: 'Chapter 12' }],
    ['3d-models', undefined],
    ['intro', undefined],
    ['Daylight 1', undefined],
  ])('%j → %j', (name, expected) => {
    expect(numberOf(name)).toEqual(expected);
  });
});

describe('prettyName', () => {
  it.each([
    ['flexbox_intro', 'Flexbox intro'],
    ['02-state', 'State'],
    ['01-basics', 'Basics'],
    ['Day_Data_types', 'Day Data types'],
    ['Day 3 grid', 'Day 3 grid'],
    ['README', 'README'],
    ['c++_basics', 'C++ basics'],
    ['01', '01'],
    ['über-blick', 'Über blick'],
  ])('%j → %j', (name, expected) => {
    expect(prettyName(name)).toBe(expected);
  });
});

describe('importedTitle', () => {
  it.each([
    ['# Markdown title\n\ntext', 'Markdown title'],
    ['<div align="center">\n  <h1> 30 Days Of JavaScript: Data Types</h1>\n</div>\n\n# 📔 Day 2', '30 Days Of JavaScript: Data Types'],
    ['# First\n\n<h1>Second</h1>', 'First'],
    ['<h1 class="x">Tom &amp; <em>Jerry</em> &#x2192; &#8212;</h1>', 'Tom & Jerry → —'],
    ['<h1>never closed\n\n# Heading', 'Heading'],
    ['<h1></h1>\n# After an empty one', 'After an empty one'],
    ['no heading at all', 'Fallback'],
    ['```\n# in a fence\n```\n', 'Fallback'],
  ])('%j → %j', (body, expected) => {
    expect(importedTitle(body, 'Fallback')).toBe(expected);
  });
});

describe('withoutCourseTitle', () => {
  it.each<[string, string, string | undefined]>([
    ['30 Days Of JavaScript: Data Types', '30 Days Of JavaScript', 'Data Types'],
    ['HTML from scratch - Tables', 'HTML from scratch', 'Tables'],
    ['html from scratch | Tables', 'HTML from scratch', 'Tables'],
    ['HTML from scratch', 'HTML from scratch', undefined],
    ['HTML from scratches', 'HTML from scratch', undefined],
    ['Tables', 'HTML from scratch', undefined],
  ])('%j in %j → %j', (title, course, expected) => {
    expect(withoutCourseTitle(title, course)).toBe(expected);
  });
});

const summary = (entries: readonly AnyEntry[]) =>
  Object.fromEntries(entries.map((e) => [e.path, `${e.kind} ${e.id} "${e.title}"${e.kind === 'lesson' ? ` #${e.prefix}` : ''}`]));

describe('the course fixture (two levels)', () => {
  const r = readSource(localSource('web', FIXTURE, { layout: 'course' }), ROOT);

  it('numbered folders are courses of a path, numbered files and folders their lessons, the rest notes', () => {
    expect(summary(r.entries)).toEqual({
      'README.md': 'path web "Web Basics"',
      '01-html/README.md': 'course html "HTML from scratch"',
      '01-html/01-intro.md': 'lesson html/intro "What HTML is" #1',
      '01-html/02-elements.md': 'lesson html/elements "Elements and tags" #2',
      // 9 before 10; "HTML from scratch: Tables" is shown without its course's title.
      '01-html/9.tables.md': 'lesson html/tables "Tables" #3',
      '01-html/10-forms.md': 'lesson html/forms "Forms" #4',
      '01-html/cheatsheet.md': 'note 01-html-cheatsheet "HTML cheat sheet"',
      // No README: the course is made, titled by the top meta.json.
      '02-styling': 'course styling "Styling the Web"',
      '02-styling/01_selectors.md': 'lesson styling/selectors "Selectors" #1',
      '02-styling/02_flexbox_intro.md': 'lesson styling/flexbox-intro "Flexbox, gently" #2',
      '02-styling/Day 3 grid/grid.md': 'lesson styling/day-3-grid "Day 3 grid" #3',
      '02-styling/04-colour_names.md': 'lesson styling/colour-names "Colour names" #4',
    });
    expect(r.problems).toEqual([]);
    const path = r.entries.find((e) => e.kind === 'path')!;
    expect(path.data).toMatchObject({ courses: ['html', 'styling'] });
    expect(r.entries.find((e) => e.path === '01-html/cheatsheet.md')!.data).toMatchObject({ tags: ['Html'] });
  });

  it('builds beside the sample garden with only `path` and `layout`, in order with previous and next, and its links resolve', { timeout: 120_000 }, async () => {
    const config = parseConfig(
      {
        locales: ['de'],
        sources: [
          { name: 'local', path: './content' },
          { name: 'web', path: './tests/fixtures/dialects/course', layout: 'course' },
        ],
      },
      'garden.config.ts',
      ROOT,
    );
    const garden = buildGarden(config, ROOT);
    const order = (id: string) => {
      const c = [...garden.model.courses].find((x) => x.entry.id === id)!;
      return c.lessons.map((l) => `${l.position} ${l.entry.id} ← ${l.prev?.entry.id ?? '·'} → ${l.next?.entry.id ?? '·'}`);
    };
    expect(order('html')).toEqual([
      '1 html/intro ← · → html/elements',
      '2 html/elements ← html/intro → html/tables',
      '3 html/tables ← html/elements → html/forms',
      '4 html/forms ← html/tables → ·',
    ]);
    expect(order('styling')).toEqual([
      '1 styling/selectors ← · → styling/flexbox-intro',
      '2 styling/flexbox-intro ← styling/selectors → styling/day-3-grid',
      '3 styling/day-3-grid ← styling/flexbox-intro → styling/colour-names',
      '4 styling/colour-names ← styling/day-3-grid → ·',
    ]);
    const path = garden.model.paths.find((p) => p.entry.id === 'web')!;
    expect(path.courses.map((c) => c.entry.id)).toEqual(['html', 'styling']);
    expect([...garden.model.courses].find((x) => x.entry.id === "html")!.entry.body).toContain('This course introduces HTML');
    const report = await checkContent({ config, cwd: ROOT });
    expect(report.problems.map(formatProblem)).toEqual([]);
  });
});

describe("layout: 'course' on repositories of other shapes", () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'grove-course-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const read = (files: Record<string, string>, options: Partial<Source> = {}) => {
    const dir = join(root, `repo-${n++}`);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const r = readSource(localSource('tut', dir, { layout: 'course', ...options }), root);
    return { entries: summary(r.entries), problems: r.problems.map((p: Problem) => formatProblem(p).replace(/^\S*repo-\d+\//, '')) };
  };

  it.each<[string, Record<string, string>, Partial<Source>, Record<string, string>, string[]]>([
    [
      'one level: numbered files and folders are the lessons of one course named after the source; the README its introduction',
      { 'README.md': '# A tutorial\n', '01-setup.md': '', '02-first-app/README.md': '# First app\n', '02-first-app/extra.md': '# Extra\n', '03_deploy/deploy.md': '' },
      {},
      {
        'README.md': 'course tut "A tutorial"',
        '01-setup.md': 'lesson tut/setup "Setup" #1',
        '02-first-app/README.md': 'lesson tut/first-app "First app" #2',
        '02-first-app/extra.md': 'note 02-first-app-extra "Extra"',
        '03_deploy/deploy.md': 'lesson tut/deploy "Deploy" #3',
      },
      [],
    ],
    [
      'no README: the course is made and titled from the source name; a folder of two unnumbered pages is no lesson',
      { '1.md': '# One\n', '2-two.md': '', 'notes/a.md': '', '3-more/a.md': '# A\n', '3-more/b.md': '# B\n' },
      {},
      {
        '.': 'course tut "Tut"',
        '1.md': 'lesson tut/1 "One" #1',
        '2-two.md': 'lesson tut/two "Two" #2',
        '3-more/a.md': 'note 3-more-a "A"',
        '3-more/b.md': 'note 3-more-b "B"',
        'notes/a.md': 'note notes-a "A"',
      },
      [],
    ],
    [
      'two lessons of one name are told apart by number; Day N orders numerically',
      { 'Day 10.md': '', 'Day 9.md': '', '01-intro.md': '', '02-intro/index.md': '# Intro again\n' },
      {},
      {
        '.': 'course tut "Tut"',
        '01-intro.md': 'lesson tut/intro "Intro" #1',
        '02-intro/index.md': 'lesson tut/2-intro "Intro again" #2',
        'Day 9.md': 'lesson tut/day-9 "Day 9" #3',
        'Day 10.md': 'lesson tut/day-10 "Day 10" #4',
      },
      [],
    ],
    [
      'translations are left out with exclude; the prefix goes before course and lesson ids',
      { 'readMe.md': '# JS\n', '02_Day_Types/02_day_types.md': '<h1>JS: Types</h1>\n', 'French/02_Day_Types/02.md': '# Types (fr)\n' },
      { exclude: ['French'], prefix: 'js' },
      { 'readMe.md': 'course js-tut "JS"', '02_Day_Types/02_day_types.md': 'lesson js-tut/day-types "Types" #1' },
      [],
    ],
    [
      'two levels: a numbered page at the top is a note, with a warning',
      { '00-welcome.md': '# Welcome\n', '01-a/01-x.md': '', '01-a/02-y.md': '', '02-b/01-z.md': '' },
      {},
      {
        '.': 'path tut "Tut"',
        '00-welcome.md': 'note 00-welcome "Welcome"',
        '01-a': 'course a "A"',
        '01-a/01-x.md': 'lesson a/x "X" #1',
        '01-a/02-y.md': 'lesson a/y "Y" #2',
        '02-b': 'course b "B"',
        '02-b/01-z.md': 'lesson b/z "Z" #1',
      },
      [
        '00-welcome.md → is a numbered page at the top of a curriculum whose numbered folders are courses, so it is read as a note, not a lesson (move it into one of the course folders to make it a lesson of that course)',
      ],
    ],
    [
      'a meta.json that is not JSON is a warning naming it, and the names give the titles',
      { 'meta.json': '{ not json', '01-a.md': '' },
      {},
      { '.': 'course tut "Tut"', '01-a.md': 'lesson tut/a "A" #1' },
      [`meta.json → is not JSON, so its titles are not used: Expected property name or '}' in JSON at position 2 (line 1 column 3) (write it as { "file-name": "Title" }, or leave it out with \`exclude\`)`],
    ],
  ])('%s', (_, files, options, entries, problems) => {
    const r = read(files, options);
    expect(r.entries).toEqual(entries);
    expect(r.problems).toEqual(problems);
  });

  it('orders any set of numbers numerically, whatever their width', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (numbers, pad) => {
        const files = Object.fromEntries(numbers.map((k) => [`${String(k).padStart(pad, '0')}-page-${k}.md`, '']));
        const r = readSource(localSource('p', writeRepo(files), { layout: 'course' }), root);
        const lessons = r.entries.filter((e) => e.kind === 'lesson').sort((a, b) => a.prefix! - b.prefix!);
        expect(lessons.map((e) => e.id)).toEqual([...numbers].sort((a, b) => a - b).map((k) => `p/page-${k}`));
      }),
      { numRuns: 25 },
    );
  });
  const writeRepo = (files: Record<string, string>) => {
    const dir = join(root, `prop-${n++}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
});

describe('titles and numbered folders in a notes layout', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'grove-notes-titles-'));
    const files: Record<string, string> = {
      'flexbox_intro.md': 'no heading',
      '01-basics/02-state.md': 'no heading',
      '01-basics/meta.json': '{ "03-props": "Props, explained" }',
      '01-basics/03-props.md': '',
      'ops/README.md': 'text',
      'x.md': '---\ntitle: Given\n---\n# Heading',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, 'vault', name, '..'), { recursive: true });
      writeFileSync(join(root, 'vault', name), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('frontmatter, else heading, else meta.json, else the name made readable; numbered folders are topics without their number', () => {
    const r = readSource(localSource('vault', join(root, 'vault'), { layout: 'notes' }), root);
    expect(Object.fromEntries(r.entries.map((e) => [e.path, [e.title, (e.data as { tags: string[] }).tags]]))).toEqual({
      'flexbox_intro.md': ['Flexbox intro', []],
      '01-basics/02-state.md': ['State', ['Basics']],
      '01-basics/03-props.md': ['Props, explained', ['Basics']],
      'ops/README.md': ['Ops', ['ops']],
      'x.md': ['Given', []],
    });
  });
});
