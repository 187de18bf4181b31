/**
 * The CMS's file format (src/client/cms-frontmatter.ts): a save changes the fields that changed and
 * keeps every other byte of the file (#16: "editing an existing lesson keeps its frontmatter intact,
 * byte-for-byte for fields not touched").
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import matter from 'gray-matter';
import { ORIGINAL_KEY, readEntry, splitFrontmatter, writeEntry } from '../../src/client/cms-frontmatter.ts';
import { LessonSchema, NoteSchema } from '../../src/garden/content/schemas.ts';

const root = join(import.meta.dirname, '..', '..');
const lesson = readFileSync(join(root, 'content/courses/git-foundations/01-first-commit.md'), 'utf8');
const LESSON_ORDER = ['title', 'duration', 'objectives', 'topics', 'notes', 'check', 'body'];

/** The lines of `b` that are not in `a` and those of `a` not in `b`, in order (a small line diff). */
function changedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const [x, y] = [a.split('\n'), b.split('\n')];
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  return { removed: x.slice(start, x.length - end), added: y.slice(start, y.length - end) };
}

const edit = (text: string, change: (d: Record<string, unknown>) => void) => {
  const data = structuredClone(readEntry(text));
  change(data);
  return writeEntry(data, LESSON_ORDER);
};

describe('reading an entry', () => {
  it('reads the fields and the body as Decap does, and keeps the text', () => {
    const data = readEntry(lesson);
    const { data: fields, content } = matter(lesson);
    expect(data.title).toBe(fields.title);
    expect(data.topics).toEqual(['git']);
    expect(data.check).toEqual(fields.check);
    expect(data.body).toBe(content);
    expect(data[ORIGINAL_KEY]).toBe(lesson);
  });

  it('gives no body for a file whose body is blank, and no fields for one without frontmatter', () => {
    expect(readEntry('---\ntitle: A\n---\n\n')).toEqual({ title: 'A', [ORIGINAL_KEY]: '---\ntitle: A\n---\n\n' });
    expect(readEntry('Just text.\n')).toMatchObject({ body: 'Just text.\n' });
    expect(splitFrontmatter('---\n---\nbody')).toEqual({ yaml: '', start: 4, body: 'body', head: '---\n---\n' });
  });

  it('names the YAML error of a broken frontmatter', () => {
    expect(() => readEntry('---\ntitle: [a\n---\n')).toThrow(/YAML parsing error/);
  });
});

describe('saving an edited lesson', () => {
  it('writes an untouched entry back byte for byte', () => {
    expect(edit(lesson, () => {})).toBe(lesson);
    for (const f of readdirSync(join(root, 'content/courses/git-foundations')).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(root, 'content/courses/git-foundations', f), 'utf8');
      expect(edit(text, () => {})).toBe(text);
    }
  });

  it('changes only the title line when the title changes', () => {
    const out = edit(lesson, (d) => (d.title = 'Your very first commit'));
    expect(changedLines(lesson, out)).toEqual({ removed: ['title: Your first commit'], added: ['title: Your very first commit'] });
  });

  it('keeps a flow list a flow list, and a block list indented as it was', () => {
    const out = edit(lesson, (d) => {
      (d.topics as string[]).push('rewriting-history');
      (d.objectives as string[]).push('Push it');
    });
    expect(changedLines(lesson, out)).toEqual({
      removed: ['topics: [git]'],
      added: ['  - Push it', 'topics: [git, rewriting-history]'],
    });
    expect(LessonSchema.safeParse(matter(out).data).success).toBe(true);
  });

  it('keeps comments, quotes and an odd layout of the fields it does not touch', () => {
    const text =
      '---\n# Reviewed by Priya\ntitle: "Rebase: safely"   # short\nstage:   budding\ntopics:\n- git   # the main one\n- rebase\ndescription: >\n  Folded\n  text.\n---\nBody [[wikilink]]\n\n';
    const out = writeEntry({ ...readEntry(text), stage: 'evergreen' });
    expect(changedLines(text, out)).toEqual({ removed: ['stage:   budding'], added: ['stage: evergreen'] });
    const retitled = writeEntry({ ...readEntry(text), title: 'Rebase: "carefully"' });
    expect(retitled.split('\n')[2]).toBe('title: "Rebase: \\"carefully\\""   # short');
    expect(matter(retitled).data.title).toBe('Rebase: "carefully"');
  });

  it('removes a field removed and adds a new one after the field before it in the form', () => {
    const out = edit(lesson, (d) => {
      delete d.duration;
      d.objectives = undefined;
      d.level = 'beginner';
    });
    const order = ['title', 'level', 'duration', 'objectives', 'topics'];
    const again = writeEntry({ ...readEntry(lesson), level: 'beginner' }, order);
    expect(changedLines(lesson, again)).toEqual({ removed: [], added: ['level: beginner'] });
    expect(out.startsWith('---\ntitle: Your first commit\ntopics: [git]\n')).toBe(true);
    expect(matter(out).data).not.toHaveProperty('duration');
    expect(matter(out).data.level).toBe('beginner');
  });

  it('keeps the body byte for byte when only a field changes, and writes the new body when it changes', () => {
    const out = edit(lesson, (d) => (d.title = 'X'));
    expect(matter(out).content).toBe(matter(lesson).content);
    const body = edit(lesson, (d) => (d.body = 'New body with [[git-cheat-sheet]].'));
    expect(body.endsWith('---\nNew body with [[git-cheat-sheet]].\n')).toBe(true);
    expect(body.slice(0, body.indexOf('---\nNew'))).toBe(lesson.slice(0, lesson.indexOf('\n---\n') + 1));
  });

  it('writes a new entry in the form order without the kept text', () => {
    const out = writeEntry({ topics: ['git', 'rebase'], title: 'Squash before you merge', kind: 'tip', body: 'See [[rebase-safely]].' }, ['title', 'kind', 'topics', 'body']);
    expect(out).toBe('---\ntitle: Squash before you merge\nkind: tip\ntopics:\n  - git\n  - rebase\n---\nSee [[rebase-safely]].\n');
    expect(NoteSchema.safeParse(matter(out).data).success).toBe(true);
  });
});

/** Values a frontmatter field holds: text, numbers, booleans, lists of text, small question objects. */
const word = fc.stringMatching(/^[a-z][a-z0-9 -]{0,12}[a-z0-9]$/);
const text = fc.oneof(word, fc.string({ maxLength: 30 }), fc.constantFrom('yes', 'null', '2026-03-14', 'a: b', '#tag', '[[link]]', '- item', "it's", 'two\nlines'));
const value = fc.oneof(
  text,
  fc.integer({ min: -5, max: 500 }),
  fc.boolean(),
  fc.array(text, { maxLength: 4 }),
  fc.array(fc.record({ question: text, options: fc.array(word, { minLength: 1, maxLength: 3 }), answer: word }), { minLength: 1, maxLength: 2 }),
);
const KEYS = ['title', 'kind', 'stage', 'topics', 'description', 'duration', 'objectives', 'check', 'aliases', 'updated'];
const fields = fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 7 });
/** How a file writes its frontmatter: yaml's options for flow lists, indentation, quotes and folding. */
const style = fc.record({
  flowLists: fc.boolean(),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>,
  comment: fc.boolean(),
});

/** The text of each top-level field in a frontmatter (from its key to the end of its value). */
function fieldTexts(file: string): Map<string, string> {
  const split = splitFrontmatter(file)!;
  const doc = parseDocument(split.yaml);
  const out = new Map<string, string>();
  const contents = doc.contents as { items?: Array<{ key: { value: unknown; range: number[] }; value: { range: number[] } | null }> } | null;
  for (const pair of contents?.items ?? []) {
    const end = pair.value?.range ? pair.value.range[1]! : pair.key.range[1]!;
    out.set(String(pair.key.value), split.yaml.slice(pair.key.range[0], end).trimEnd());
  }
  return out;
}

describe('the property: untouched fields keep their bytes, changed ones read back', () => {
  it('holds for any frontmatter, style and edit', () => {
    fc.assert(
      fc.property(fields, style, fields, fc.array(fc.constantFrom(...KEYS), { maxLength: 3 }), fc.boolean(), (before, s, changes, removed, newBody) => {
        const { comment, flowLists, ...options } = s;
        const doc = new Document(before);
        // Lists of text written `[a, b]`, as Grove's files write topics (top-level maps are always block).
        if (flowLists && isMap(doc.contents)) for (const p of doc.contents.items) if (isSeq(p.value) && p.value.items.every(isScalar)) p.value.flow = true;
        const yaml = doc.toString(options);
        const file = `---\n${comment ? '# kept\n' : ''}${yaml}---\n\nThe body, [[with-a-link]].\n`;
        const data = readEntry(file);
        const after: Record<string, unknown> = { ...data, ...changes };
        for (const k of removed) delete after[k];
        if (newBody) after.body = 'Another body.';
        const out = writeEntry(after, KEYS);
        const { [ORIGINAL_KEY]: _kept, body, ...expected } = after;
        // Changed fields (and every other) read back as the form had them.
        const reread = readEntry(out);
        const { [ORIGINAL_KEY]: _k2, body: body2, ...got } = reread;
        expect(got).toEqual(expected);
        expect(body2).toBe(newBody ? 'Another body.\n' : body);
        // Untouched fields keep their exact text; so do the comment and, unless edited, the body.
        const [old, now] = [fieldTexts(file), fieldTexts(out)];
        for (const [k, t] of old) if (k in expected && JSON.stringify(before[k]) === JSON.stringify(expected[k])) expect(now.get(k)).toBe(t);
        if (comment) expect(out).toContain('---\n# kept\n');
        if (!newBody) expect(out.endsWith('---\n\nThe body, [[with-a-link]].\n')).toBe(true);
      }),
      { numRuns: Number(process.env.CMS_RUNS ?? 150) },
    );
  }, 60_000);
});

describe('the property on the sample lessons: what the form saves, the schema accepts', () => {
  const dir = join(root, 'content/courses');
  const lessons = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\/\d+-[^/]+\.md$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'));

  it('holds for edits of any field the lesson form has', () => {
    expect(lessons.length).toBeGreaterThan(10);
    const sentence = fc.stringMatching(/^[A-Z][a-z ,:'"#-]{2,40}[a-z.?]$/);
    const edit = fc.record(
      {
        title: sentence,
        duration: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.constantFrom('20 min', '1h 30m')),
        objectives: fc.array(sentence, { minLength: 1, maxLength: 4 }),
        topics: fc.array(fc.constantFrom('git', 'sql', 'writing'), { maxLength: 3 }),
        summary: sentence,
        updated: fc.constantFrom('2026-03-14', '2026-12-02'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...lessons), edit, (text, change) => {
        const out = writeEntry({ ...readEntry(text), ...change }, LESSON_ORDER);
        const parsed = LessonSchema.safeParse(matter(out).data);
        expect(parsed.success, `${JSON.stringify(parsed.error?.issues)}\n${out}`).toBe(true);
        expect(matter(out).content).toBe(matter(text).content);
      }),
      { numRuns: 60 },
    );
  });
});
