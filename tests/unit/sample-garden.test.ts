/**
 * The embedded sample garden in content/ is what `npm start` shows with nothing configured, and it
 * teaches Grove by example: it must build without a single problem and cover every kind of content.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/garden/settings/config.ts';
import { buildGarden, type Garden } from '../../src/garden/model/garden.ts';
import { resolveEmbed, resolveLink, resolveWikilink } from '../../src/garden/model/links.ts';
import { formatProblem } from '../../src/garden/core/problems.ts';
import { NOTE_KINDS, STAGES } from '../../src/garden/content/schemas.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('the sample garden in content/', () => {
  let garden: Garden;

  beforeAll(() => {
    // The sample's own settings translate it into German (content/de/, docs/languages.md).
    const config = parseConfig({ locales: ['de'], sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', ROOT);
    // buildGarden throws one GardenError listing every problem; its message is the report.
    garden = buildGarden(config, ROOT);
  });

  it('builds with no problems and no warnings', () => {
    expect(garden.model.problems.map(formatProblem)).toEqual([]);
    expect(garden.warnings.map(formatProblem)).toEqual([]);
  });

  it('refuses a contributeCourse that is not a course, naming the closest', () => {
    const config = parseConfig({ sources: [{ name: 'local', path: './content' }], contributeCourse: 'learning-grove' }, 'garden.config.ts', ROOT);
    expect(() => buildGarden(config, ROOT)).toThrowErrorMatchingInlineSnapshot(`
      [GardenError: Grove found problems in the content: 1 problem
        garden.config.ts → contributeCourse: no course "learning-grove" (did you mean "learning-with-grove"?)]
    `);
  });

  it('names its files relative to the project', () => {
    expect(garden.entries.every((e) => e.file.startsWith('content/'))).toBe(true);
  });

  it.each([
    ['paths', () => garden.model.paths.length, 2],
    ['courses', () => garden.model.courses.length, 4],
    ['lessons', () => garden.model.lessons.length, 16],
    ['notes', () => garden.model.notes.length, 25],
    ['topics', () => garden.model.topics.length, 8],
    ['people', () => garden.model.people.length, 6],
  ])('has at least the minimum number of %s', (_what, count, min) => {
    expect(count()).toBeGreaterThanOrEqual(min);
  });

  it('every course has lessons and every path has courses', () => {
    expect(garden.model.courses.filter((c) => c.lessons.length === 0).map((c) => c.entry.id)).toEqual([]);
    expect(garden.model.paths.filter((p) => p.courses.length === 0).map((p) => p.entry.id)).toEqual([]);
  });

  it('notes cover every note kind and every stage', () => {
    const kinds = new Set(garden.model.notes.map((n) => n.entry.data.kind));
    const stages = new Set(garden.model.notes.map((n) => n.entry.data.stage));
    expect([...kinds].sort()).toEqual([...NOTE_KINDS].sort());
    expect([...stages].sort()).toEqual([...STAGES].sort());
  });

  it('has at least one note without any frontmatter, titled from its heading', () => {
    const plain = garden.model.notes.filter(
      (n) =>
        !readFileSync(n.entry.abs, 'utf8')
          .replace(/^\uFEFF/, '')
          .startsWith('---'),
    );
    expect(plain.length).toBeGreaterThanOrEqual(1);
    for (const n of plain) {
      expect(n.entry.data.kind).toBe('note');
      expect(n.entry.data.stage).toBe('seedling');
      expect(n.entry.title).not.toBe('');
    }
  });

  it('some topic joins formal and informal learning: it has both courses and notes', () => {
    const joined = garden.model.topics.filter((t) => t.courses.length > 0 && t.notes.length > 0);
    expect(joined.length).toBeGreaterThanOrEqual(1);
  });

  // The schema does not check this (see schemas.test.ts), so the sample content is checked here.
  it('every knowledge-check answer is one of its options, and options are distinct', () => {
    const wrong: string[] = [];
    let questions = 0;
    for (const l of garden.model.lessons) {
      l.entry.data.check.forEach((q, i) => {
        questions++;
        const answers = Array.isArray(q.answer) ? q.answer : [q.answer];
        for (const a of answers) if (!q.options.includes(a)) wrong.push(`${l.entry.file} check.${i}: "${a}" is not an option`);
        if (new Set(q.options).size !== q.options.length) wrong.push(`${l.entry.file} check.${i}: duplicate options`);
      });
    }
    expect(wrong).toEqual([]);
    expect(questions).toBeGreaterThan(0);
  });

  it('has experts for at least one topic', () => {
    expect(garden.model.topics.some((t) => t.experts.length > 0)).toBe(true);
  });

  it('shows the knowledge graph: embeds of a page, a section and an image, callouts, folded ones too, and sub-topics', () => {
    const bodies = garden.entries.map((e) => e.body).join('\n');
    expect(bodies).toMatch(/^!\[\[[^\]#|]+\]\]$/m);
    expect(bodies).toMatch(/^!\[\[[^\]|]+#[^\]]+\]\]$/m);
    expect(bodies).toMatch(/^!\[\[[^\]|]+\.svg(\|[^\]]*)?\]\]$/m);
    expect(bodies).toMatch(/^> \[!\w+\] /m);
    expect(bodies).toMatch(/^> \[!\w+\]- /m);
    expect(garden.model.topics.filter((t) => t.parent).length).toBeGreaterThanOrEqual(2);
    expect(garden.model.topics.filter((t) => !t.entry).map((t) => t.id)).toEqual(['kafka']);
  });

  it('has non-ASCII file names that get readable ids', () => {
    const ids = garden.model.notes.map((n) => n.entry.id);
    expect(ids.some((id) => /[^\x00-\x7F]/.test(id))).toBe(true);
  });

  it('every wikilink and relative or site link in a page body resolves (code excluded)', () => {
    const broken: string[] = [];
    let wikilinks = 0;
    let links = 0;
    for (const e of garden.entries) {
      // Fenced and inline code show link syntax as examples; they are not links.
      const prose = e.body.replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
      for (const m of prose.matchAll(/(!?)\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g)) {
        wikilinks++;
        // `![[x]]` embeds a page or a file (an image); `[[x]]` links to a page.
        const r = m[1] ? resolveEmbed(garden.links, { source: e.source, path: e.path }, m[2]!) : resolveWikilink(garden.links, m[2]!);
        if (r.type === 'broken') broken.push(`${e.file}: ${m[1]}[[${m[2]}]] → ${r.message}`);
      }
      for (const m of prose.matchAll(/\]\((<[^>]+>|[^)\s]+)\)/g)) {
        const url = m[1]!.replace(/^<|>$/g, '');
        links++;
        const r = resolveLink(garden.links, { source: e.source, path: e.path }, url);
        if (r.type === 'broken') broken.push(`${e.file}: (${url}) → ${r.message}`);
      }
    }
    expect(broken).toEqual([]);
    // The sample garden shows every link style; a scan that found none would prove nothing.
    expect(wikilinks).toBeGreaterThanOrEqual(10);
    expect(links).toBeGreaterThanOrEqual(10);
  });
});
