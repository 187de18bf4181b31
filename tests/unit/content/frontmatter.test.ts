import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { countWords, firstHeading, parseFrontmatter } from '../../../src/garden/content/frontmatter.ts';
import { formatProblem } from '../../../src/garden/core/problems.ts';
import type { Kind } from '../../../src/garden/content/schemas.ts';
import { problemsOf } from '../helpers.ts';

const FILE = 'content/notes/x.md';

/** Parses and expects success; returns the parsed value without the function. */
function ok(raw: string) {
  const r = parseFrontmatter(raw, FILE);
  if (!r.ok) throw new Error(`expected valid frontmatter, got: ${formatProblem(r.problem)}`);
  const { lineOf: _lineOf, positionOf: _positionOf, textOf: _textOf, ...rest } = r.value;
  return rest;
}

/** Parses and expects a problem; returns it formatted as the user sees it. */
function bad(raw: string): string {
  const r = parseFrontmatter(raw, FILE);
  if (r.ok) throw new Error(`expected a problem, got data ${JSON.stringify(r.value.data)}`);
  return formatProblem(r.problem);
}

describe('parseFrontmatter', () => {
  it('a file without frontmatter is all body, with no offset', () => {
    expect(ok('# Hello\n\nSome text.\n')).toEqual({ data: {}, body: '# Hello\n\nSome text.\n', bodyOffset: 0, lines: {} });
  });

  it('a body that starts with a thematic break later on is not frontmatter', () => {
    expect(ok('Intro\n\n---\n\nMore\n').data).toEqual({});
  });

  it('empty frontmatter gives no data and counts its two lines', () => {
    expect(ok('---\n---\nBody\n')).toEqual({ data: {}, body: 'Body\n', bodyOffset: 2, lines: {} });
  });

  it('frontmatter holding only a comment is empty', () => {
    expect(ok('---\n# just a comment\n---\nBody\n')).toEqual({ data: {}, body: 'Body\n', bodyOffset: 3, lines: {} });
  });

  it('reads fields, the body and the offset of the body', () => {
    expect(ok('---\ntitle: Hello\nstage: budding\n---\n# Heading\n')).toEqual({
      data: { title: 'Hello', stage: 'budding' },
      body: '# Heading\n',
      bodyOffset: 4,
      lines: { title: 2, stage: 3 },
    });
  });

  it('a byte-order mark before the fence is ignored', () => {
    expect(ok('\uFEFF---\ntitle: Hello\n---\nBody')).toEqual({
      data: { title: 'Hello' },
      body: 'Body',
      bodyOffset: 3,
      lines: { title: 2 },
    });
  });

  it('a byte-order mark without frontmatter is dropped from the body', () => {
    expect(ok('\uFEFF# Hi\n').body).toBe('# Hi\n');
  });

  it('CRLF line endings: same fields, same lines, same offset', () => {
    const r = ok('---\r\ntitle: Hello\r\nstage: budding\r\n---\r\nBody\r\n');
    expect(r.data).toEqual({ title: 'Hello', stage: 'budding' });
    expect(r.lines).toEqual({ title: 2, stage: 3 });
    expect(r.bodyOffset).toBe(4);
    expect(r.body).toBe('Body\r\n');
  });

  it('trailing spaces after the opening fence are allowed', () => {
    expect(ok('---  \ntitle: Hello\n---\n').data).toEqual({ title: 'Hello' });
  });

  it('lines maps top-level keys only, quoted keys unquoted, first occurrence of each', () => {
    const raw = [
      '---', //               1
      'title: Hello', //      2
      'check:', //            3
      '  - question: Why?', // 4
      '    options: [a, b]', // 5
      '    answer: a', //     6
      '"summary": quoted', // 7
      '# comment: no', //    8
      'topics:', //           9
      '  - git', //           10
      'url: "https://x.example/a:b"', // 11
      '---',
      'Body',
    ].join('\n');
    const r = parseFrontmatter(raw, FILE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lines).toEqual({ title: 2, check: 3, summary: 7, topics: 9, url: 11 });
    expect(r.value.lineOf('topics')).toBe(9);
    expect(r.value.lineOf('question')).toBeUndefined();
    expect(r.value.lineOf('missing')).toBeUndefined();
    // Inherited names are not keys of the frontmatter.
    expect(r.value.lineOf('toString')).toBeUndefined();
    expect(r.value.bodyOffset).toBe(12);
  });

  it.each([
    ['an impossible date', '2025-13-40'],
    ['the 30th of February', '2025-02-30'],
    ['a real date', '2025-01-05'],
  ])('dates stay as text (%s: %s)', (_why, date) => {
    const r = ok(`---\nreviewed: ${date}\ncreated: ${date}T10:00:00Z\n---\n`);
    expect(r.data.reviewed).toBe(date);
    expect(r.data.reviewed).not.toBeInstanceOf(Date);
    expect(r.data.created).toBe(`${date}T10:00:00Z`);
  });

  it('YAML 1.2 core schema: yes/no stay text, true/false and numbers are typed', () => {
    expect(ok('---\na: yes\nb: true\nc: 15\nd: 1.5\ne: ~\n---\n').data).toEqual({ a: 'yes', b: true, c: 15, d: 1.5, e: null });
  });

  it('bad YAML is a problem with the reason and a hint, not an exception', () => {
    expect(bad('---\ntitle: "Hello\n---\nBody\n')).toMatchInlineSnapshot(
      `"content/notes/x.md:2 → the frontmatter is not valid YAML: missing closing "quote (check indentation, and quote values that contain ": " or start with a special character)"`,
    );
  });

  // Guards against an off-by-one: the YAML text starts with the newline after the opening `---`.
  it.each([
    // 1 `---`, 2 `title: Hello`, 3 the bad line, 4 `---`
    ['a value containing ": "', '---\ntitle: Hello\nsummary: Tip: use rebase\n---\n', 3],
    ['a wrongly indented key', '---\ntitle: Hello\n  stage: budding\n---\n', 3],
  ])('a YAML error names the line on disk (%s)', (_why, raw, line) => {
    const r = parseFrontmatter(raw, FILE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.line).toBe(line);
  });

  it.each([
    ['a list', '---\n- a\n- b\n---\nBody'],
    ['a plain sentence', '---\nJust a sentence\n---\nBody'],
  ])('frontmatter that is %s, not a mapping, is a problem on line 2', (_why, raw) => {
    expect(bad(raw)).toBe('content/notes/x.md:2 → the frontmatter must be a list of `field: value` lines');
  });

  // Guards: gray-matter takes the whole file as YAML when the closing `---` is missing, and headings
  // read as YAML comments, so the body would silently disappear.
  it('an unclosed frontmatter block is a problem, not a silently empty body', () => {
    const r = parseFrontmatter('---\ntitle: Hello\n\n# Hello\n\n## Steps\n', FILE);
    expect(r.ok).toBe(false);
  });

  it('the unclosed-block problem names the line of the opening `---` and the fix', () => {
    expect(bad('---\ntitle: Hello\n\n# Hello\n')).toMatchInlineSnapshot(
      `"content/notes/x.md:1 → the frontmatter that starts on line 1 is never closed (add a line with just --- after the last field)"`,
    );
  });
});

// Every problem points at the line of its own field, however deep (#13); a field that is not written
// points at its nearest written parent, and a missing top-level field at the opening `---`.
describe('a problem names the line of its own field', () => {
  const LESSON = 'courses/git/01-intro.md';
  const question = (answer: string) => `  - question: Q?\n    options: [a, b]\n    answer: ${answer}`;
  it.each<[string, Kind, string, string, string]>([
    // prettier-ignore
    ['check.2.answer: an answer that is not an option, in the third question', 'lesson', LESSON,
      ['---', 'title: Intro', 'check:', question('a'), question('b'), question('c'), '---'].join('\n'),
      'content/courses/git/01-intro.md:12 → check.2.answer: "c" is not one of the options (did you mean "a"? options: "a", "b")'],
    ['a list item of the wrong type', 'lesson', LESSON, '---\ntitle: Intro\ncheck:\n' + question('a') + '\n  - just text\n---\n', 'content/courses/git/01-intro.md:7 → check.1: expected a mapping of fields, got string "just text"'],
    ['an item of a flow list', 'lesson', LESSON, '---\ntitle: Intro\nobjectives:\n  - Rebase\n  - [a, b]\n---\n', 'content/courses/git/01-intro.md:5 → objectives.1: expected text, got a list'],
    ['a field of a nested mapping', 'person', 'people/x.md', '---\nname: Noa\ngit:\n  usernames: [noa]\n  emails: { a: b }\n---\n', 'content/people/x.md:5 → git.emails: expected a list, got a mapping'],
    ['a field of a mapping in a list', 'person', 'people/x.md', '---\nname: Noa\nlinks:\n  - label: Team\n    url: ftp://x.example\n---\n', 'content/people/x.md:5 → links.0.url: expected a web, mail or telephone address (https:, http:, mailto: or tel:), got "ftp://x.example"; for a chat, give its web link (https://…)'],
    ['an unknown field of a nested mapping', 'person', 'people/x.md', '---\nname: Noa\ngit:\n  usernames: [noa]\n  email: noa@x.example\n---\n', 'content/people/x.md:5 → git.email: unknown field (did you mean "emails"?)'],
    ['a required field missing in a list item: the item', 'person', 'people/x.md', '---\nname: Noa\nlinks:\n  - label: Home\n    url: https://x.example\n  - label: Team\n---\n', 'content/people/x.md:6 → links.1.url: is required (add `url:`)'],
    ['a required top-level field missing: the opening ---', 'person', 'people/x.md', '---\nrole: Engineer\n---\n', 'content/people/x.md:1 → name: is required (add `name:`)'],
    ['a required field, with no frontmatter at all: no line', 'person', 'people/x.md', '# Noa\n', 'content/people/x.md → name: is required (add `name:`)'],
    ['CRLF and a byte-order mark: the same lines', 'person', 'people/x.md', '\uFEFF---\r\nname: Noa\r\nlinks:\r\n  - label: Team\r\n---\r\n', 'content/people/x.md:4 → links.0.url: is required (add `url:`)'],
    ['a YAML syntax error: the line of the bad value', 'note', 'notes/x.md', '---\ntitle: Hello\nsummary: Tip: use rebase\n---\n', 'content/notes/x.md:3 → the frontmatter is not valid YAML: nested mappings are not allowed in compact mappings (check indentation, and quote values that contain ": " or start with a special character)'],
    ['a duplicate key: the second one', 'note', 'notes/x.md', '---\ntitle: A\nstage: budding\ntitle: B\n---\n', 'content/notes/x.md:4 → title: is given twice (first on line 2) (keep one of the two)'],
    ['a duplicate key in a nested mapping', 'person', 'people/x.md', '---\nname: Noa\ngit:\n  emails: [a@x.example]\n  emails: [b@x.example]\n---\n', 'content/people/x.md:5 → git.emails: is given twice (first on line 4) (keep one of the two)'],
    ['an unknown tag', 'note', 'notes/x.md', '---\ntitle: Hi\nsummary: !secret x\n---\n', 'content/notes/x.md:3 → the frontmatter is not valid YAML: unresolved tag: !secret (check indentation, and quote values that contain ": " or start with a special character)'],
    ['a list as a field name', 'note', 'notes/x.md', '---\ntitle: Hi\n[a, b]: c\n---\n', 'content/notes/x.md:3 → a field name must be text, not a list or mapping (write each field as `name: value`)'],
  ])('%s', (_why, kind, path, raw, expected) => {
    expect(problemsOf(kind, path, raw)).toEqual([expected]);
  });

  it('positionOf gives the column too, and the nearest written parent of a missing field', () => {
    const r = parseFrontmatter('---\ntitle: Intro\ncheck:\n  - question: Q?\n    options: [a, b]\n---\n', FILE);
    if (!r.ok) throw new Error(formatProblem(r.problem));
    const at = (...path: PropertyKey[]) => r.value.positionOf(path);
    expect([at('title'), at('check'), at('check', 0), at('check', 0, 'options'), at('check', 0, 'options', 1), at('check', 0, 'answer'), at('check', 3), at('nothing'), at()]).toEqual([
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 5 },
      { line: 5, column: 5 },
      { line: 5, column: 18 },
      { line: 4, column: 5 },
      { line: 3, column: 1 },
      { line: 1, column: 1 },
      { line: 1, column: 1 },
    ]);
  });

  it('a field reached through an alias points at where the alias leads', () => {
    const r = parseFrontmatter('---\nbase: &q\n  question: Q?\ncheck:\n  - *q\n---\n', FILE);
    expect(r.ok && r.value.positionOf(['check', 0, 'question'])?.line).toBe(3);
  });

  // For any frontmatter yaml writes, the line of any value is the line its key (or, in a list, the
  // value itself) is written on. Keys `k<n>x` and text values `v<n>x` are unique, so the oracle is a
  // search for the text.
  it('for random frontmatter, every leaf is found on the line where it is written', { timeout: 60_000 }, () => {
    type Tree = string | Tree[] | { [k: string]: Tree };
    const tree = fc.letrec<{ value: Tree; node: Tree }>((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant('v'), tie('node')),
      node: fc.oneof(fc.array(tie('value'), { minLength: 1, maxLength: 3 }), fc.dictionary(fc.constantFrom('k'), tie('value'), { minKeys: 1, maxKeys: 1 })),
    })).node;
    // Several entries per mapping: a list of values, each given its own unique key below.
    const root = fc.array(tree, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(root, fc.nat(), (values, pick) => {
        let n = 0;
        const name = (t: Tree): Tree => (typeof t === 'string' ? `v${n++}x` : Array.isArray(t) ? t.map(name) : Object.fromEntries(Object.values(t).map((v) => [`k${n++}x`, name(v)])));
        const data = Object.fromEntries(values.map((v) => [`k${n++}x`, name(v)]));
        const leaves: Array<{ path: Array<string | number>; token: string }> = [];
        const walk = (t: Tree, path: Array<string | number>) => {
          if (typeof t === 'string') leaves.push({ path, token: String(path.at(-1)).startsWith('k') ? `${String(path.at(-1))}:` : t });
          else if (Array.isArray(t)) t.forEach((v, i) => walk(v, [...path, i]));
          else for (const [k, v] of Object.entries(t)) walk(v, [...path, k]);
        };
        walk(data, []);
        const raw = `---\n${stringify(data)}---\nBody\n`;
        const r = parseFrontmatter(raw, FILE);
        if (!r.ok) throw new Error(formatProblem(r.problem));
        expect(r.value.data).toEqual(data);
        const { path, token } = leaves[pick % leaves.length]!;
        const line = raw.split('\n').findIndex((l) => l.includes(token)) + 1;
        expect(r.value.positionOf(path)?.line).toBe(line);
      }),
      { numRuns: 200 },
    );
  });
});

describe('firstHeading', () => {
  it.each<[string, string, string | undefined]>([
    ['the first level-1 heading', '# Hello\n\n# Second\n', 'Hello'],
    ['after some text', 'Intro\n\n# Hello\n', 'Hello'],
    ['level-2 headings are skipped', '## Sub\n\n# Main\n', 'Main'],
    ['a closing sequence is dropped', '# Hello ##\n', 'Hello'],
    ['up to three spaces of indent', '   # Indented\n', 'Indented'],
    ['four spaces is code, not a heading', '    # code\n', undefined],
    ['"#Hello" is not a heading', '#Hello\n', undefined],
    ['emphasis is stripped', '# *Very* **bold** `code` __strong__\n', 'Very bold code strong'],
    ['non-ASCII text', '# Überblick über Deployments\n', 'Überblick über Deployments'],
    ['Hebrew text', '# ברוכים הבאים\n', 'ברוכים הבאים'],
    ['CRLF', '\r\n# Hello\r\nText\r\n', 'Hello'],
    ['a backtick fence is skipped', '```sh\n# not a heading\n```\n# Real\n', 'Real'],
    ['a tilde fence is skipped', '~~~\n# not a heading\n~~~\n# Real\n', 'Real'],
    ['a tilde line does not close a backtick fence', '```\n~~~\n# comment in code\n```\n# Real\n', 'Real'],
    ['an unclosed fence hides the rest', '```\n# in code\n', undefined],
    ['no heading at all', 'Just text.\n', undefined],
    ['empty body', '', undefined],
  ])('%s', (_why, body, expected) => {
    expect(firstHeading(body)).toBe(expected);
  });

  // CommonMark §4.2: a closing `#` sequence needs a space before it; `# C#` is the heading "C#".
  it('keeps a "#" that ends a word: "# C# basics for C#" → "C# basics for C#"', () => {
    expect(firstHeading('# C# basics for C#\n')).toBe('C# basics for C#');
  });

  // Only emphasis markers are removed, not every `_` and `*`: identifiers in titles stay intact.
  it('keeps underscores inside words: "# Querying my_table" → "Querying my_table"', () => {
    expect(firstHeading('# Querying my_table\n')).toBe('Querying my_table');
  });

  // CommonMark: a closing fence must be at least as long as the opening one.
  it('a 3-backtick line inside a 4-backtick fence does not close it', () => {
    const body = '````md\n```\n# Example heading\n```\n````\n# Writing good notes\n';
    expect(firstHeading(body)).toBe('Writing good notes');
  });

  // Guards: single-underscore emphasis is stripped at word boundaries, while my_table keeps its underscore.
  it('single-underscore emphasis is stripped: "# *Very* **bold** `code` _idea_" → "Very bold code idea"', () => {
    expect(firstHeading('# *Very* **bold** `code` _idea_\n')).toBe('Very bold code idea');
  });
});

describe('countWords', () => {
  it.each([
    ['plain prose', 'One two three four.', 4],
    ['apostrophes and hyphens stay inside words', "Don't over-think it’s fine", 4],
    ['numbers count as words', 'Wait 15 minutes', 3],
    ['non-ASCII letters', 'Überblick über Deployments', 3],
    ['Hebrew', 'ברוכים הבאים לפרנהיל', 3],
    ['Markdown punctuation is not a word', '# Title\n\n- a\n- b\n\n> quote', 4],
    ['backtick code blocks are ignored', 'Before\n\n```sh\ngit rebase -i main\ngit push\n```\n\nAfter', 2],
    ['tilde code blocks are ignored', 'Before\n~~~\nlots of code words here\n~~~\nAfter', 2],
    ['link URLs are not words', 'See [the guide](../notes/some-long-path.md) now', 4],
    ['HTML tags are not words', '<details><summary>Open me</summary>Inside</details>', 3],
    ['empty', '', 0],
  ])('%s: %j → %i', (_why, body, expected) => {
    expect(countWords(body)).toBe(expected);
  });
});
