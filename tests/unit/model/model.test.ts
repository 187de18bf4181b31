import { describe, expect, it } from 'vitest';
import type { AnyEntry } from '../../../src/garden/content/entries.ts';
import type { GardenModel } from '../../../src/garden/model/model.ts';
import { buildModel } from '../../../src/garden/model/build-model.ts';
import { findCycle } from '../../../src/garden/model/references.ts';
import { estimateMinutes, formatDuration, formatMinutes } from '../../../src/garden/core/durations.ts';
import { entry, fm, lines } from '../helpers.ts';

const course = (id: string, data: Record<string, unknown> = {}) => entry('course', `courses/${id}/index.md`, fm({ title: `Course ${id}`, ...data }));
const lesson = (path: string, data: Record<string, unknown> = {}, body = '') => entry('lesson', `courses/${path}`, fm({ title: `Lesson ${path}`, ...data }, body));
const note = (id: string, data: Record<string, unknown> = {}) => entry('note', `notes/${id}.md`, fm({ title: `Note ${id}`, ...data }));
const topic = (id: string, data: Record<string, unknown> = {}) => entry('topic', `topics/${id}.md`, fm({ title: id.toUpperCase(), ...data }));
const person = (id: string, data: Record<string, unknown> = {}) => entry('person', `people/${id}.md`, fm({ name: id, ...data }));
const path = (id: string, data: Record<string, unknown>) => entry('path', `paths/${id}.md`, fm({ title: `Path ${id}`, ...data }));

/** Lesson ids of a course, in the model's order. */
const order = (m: GardenModel, courseId: string) => m.courses.find((c) => c.entry.id === courseId)!.lessons.map((l) => l.entry.id);
/** The model's problems as the build prints them. */
const report = (m: GardenModel) => lines(m.problems);
/** Builds the model and fails the test when it has problems. */
function clean(entries: AnyEntry[]): GardenModel {
  const m = buildModel(entries);
  expect(report(m)).toBe('');
  return m;
}

describe('lesson order', () => {
  it('by numeric file-name prefix, as numbers (10 after 2)', () => {
    const m = clean([course('git'), lesson('git/10-c.md'), lesson('git/02-b.md'), lesson('git/1-a.md')]);
    expect(order(m, 'git')).toEqual(['git/a', 'git/b', 'git/c']);
    expect(m.courses[0]!.lessons.map((l) => l.position)).toEqual([1, 2, 3]);
  });

  it('by `order`, which overrides the prefix', () => {
    const m = clean([course('git'), lesson('git/b.md', { order: 2 }), lesson('git/a.md', { order: 1 }), lesson('git/01-c.md', { order: 3 })]);
    expect(order(m, 'git')).toEqual(['git/a', 'git/b', 'git/c']);
  });

  it('by the course `lessons` list, which overrides order and prefixes (prefixes allowed in the list)', () => {
    const m = clean([course('git', { lessons: ['c', '01-b', 'A'] }), lesson('git/03-a.md'), lesson('git/01-b.md', { order: 9 }), lesson('git/02-c.md')]);
    expect(order(m, 'git')).toEqual(['git/c', 'git/b', 'git/a']);
  });

  it('prev and next link neighbours, and stop at the ends', () => {
    const m = clean([course('git'), lesson('git/01-a.md'), lesson('git/02-b.md'), lesson('git/03-c.md')]);
    const [a, b, c] = m.courses[0]!.lessons;
    expect([a!.prev, a!.next?.entry.id]).toEqual([undefined, 'git/b']);
    expect([b!.prev?.entry.id, b!.next?.entry.id]).toEqual(['git/a', 'git/c']);
    expect([c!.prev?.entry.id, c!.next]).toEqual(['git/b', undefined]);
    expect(b!.course.entry.id).toBe('git');
  });

  it('two lessons with the same prefix: an error naming both files', () => {
    const m = buildModel([course('git'), lesson('git/01-a.md'), lesson('git/01-b.md')]);
    expect(report(m)).toMatchInlineSnapshot(
      `"content/courses/git/01-b.md → has the same place (1) in its course as content/courses/git/01-a.md (give each lesson its own \`order\` or file-name number)"`,
    );
  });

  it('two lessons with the same `order`: the error points at the `order` line', () => {
    const m = buildModel([course('git'), lesson('git/a.md', { order: 1 }), lesson('git/b.md', { order: 1 })]);
    expect(report(m)).toMatchInlineSnapshot(
      `"content/courses/git/b.md:3 → order: has the same place (1) in its course as content/courses/git/a.md (give each lesson its own \`order\` or file-name number)"`,
    );
  });

  it('a lesson with neither an order nor a prefix', () => {
    const m = buildModel([course('git'), lesson('git/01-a.md'), lesson('git/extra.md')]);
    expect(report(m)).toMatchInlineSnapshot(`"content/courses/git/extra.md → has no place in its course (add \`order: <number>\` to its frontmatter or a number to its file name (01-intro.md))"`);
    expect(order(m, 'git')).toEqual(['git/a']);
  });

  it('a `lessons` list naming a missing lesson, and a lesson the list leaves out', () => {
    const m = buildModel([course('git', { lessons: ['a', 'brnaches'] }), lesson('git/01-a.md'), lesson('git/02-branches.md')]);
    expect(report(m)).toMatchInlineSnapshot(`
      "content/courses/git/index.md:3 → lessons: no lesson "brnaches" in this course (did you mean "branches"?)
      content/courses/git/02-branches.md → is not listed in its course's \`lessons\` (content/courses/git/index.md) (add "branches" to \`lessons\` there, or remove the file)"
    `);
  });

  it('a lesson in a folder without index.md', () => {
    const m = buildModel([lesson('git/01-a.md')]);
    expect(report(m)).toMatchInlineSnapshot(`"content/courses/git/01-a.md → is a lesson of course "git", which has no index.md (create content/courses/git/index.md with at least a title)"`);
    expect(m.lessons).toEqual([]);
  });
});

describe('references between pages', () => {
  it('a path naming a missing course gets the closest ids', () => {
    const m = buildModel([course('git-foundations'), course('sql-for-analysts'), path('onboarding', { courses: ['git-foundation', 'sql-for-analysts'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/paths/onboarding.md:3 → courses: no course "git-foundation" (did you mean "git-foundations"?)"`);
    expect(m.paths[0]!.courses.map((c) => c.entry.id)).toEqual(['sql-for-analysts']);
  });

  it('a path naming a course twice', () => {
    const m = buildModel([course('git'), path('onboarding', { courses: ['git', 'Git'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/paths/onboarding.md:3 → courses: lists "Git" twice (remove the second one)"`);
  });

  it('a path with no close course id lists the few that exist', () => {
    const m = buildModel([course('git'), course('sql'), path('onboarding', { courses: ['kubernetes-operations'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/paths/onboarding.md:3 → courses: no course "kubernetes-operations" (existing courses: git, sql)"`);
  });

  it('a missing prerequisite', () => {
    const m = buildModel([course('git'), course('sql', { prerequisites: ['gti'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/courses/sql/index.md:3 → prerequisites: no course "gti" (did you mean "git"?)"`);
  });

  it('a course requiring itself', () => {
    const m = buildModel([course('git', { prerequisites: ['git'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/courses/git/index.md:3 → prerequisites: a course cannot require itself (remove "git")"`);
  });

  it('a prerequisite cycle prints the cycle', () => {
    const m = buildModel([course('a', { prerequisites: ['b'] }), course('b', { prerequisites: ['c'] }), course('c', { prerequisites: ['a'] }), course('d', { prerequisites: ['a'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/courses/a/index.md:3 → prerequisites: prerequisites form a cycle: a → b → c → a (remove one of these prerequisites)"`);
  });

  it('prerequisites resolve to course nodes', () => {
    const m = clean([course('git'), course('sql', { prerequisites: ['git'] })]);
    expect(m.courses.find((c) => c.entry.id === 'sql')!.prerequisites.map((p) => p.entry.id)).toEqual(['git']);
  });

  // Like a path listing a course twice: an error, and the course page shows the prerequisite once.
  it('a prerequisite listed twice appears once', () => {
    const m = buildModel([course('git'), course('sql', { prerequisites: ['git', 'git'] })]);
    expect(m.courses.find((c) => c.entry.id === 'sql')!.prerequisites.map((p) => p.entry.id)).toEqual(['git']);
  });

  it('a prerequisite listed twice is an error naming it', () => {
    const m = buildModel([course('git'), course('sql', { prerequisites: ['git', 'git'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/courses/sql/index.md:3 → prerequisites: lists "git" twice (remove the second one)"`);
  });

  it('a topic parent cycle prints the cycle and clears the parents', () => {
    const m = buildModel([topic('a', { parent: 'b' }), topic('b', { parent: 'a' }), topic('c', { parent: 'a' })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/topics/a.md:3 → parent: topics form a cycle: a → b → a (a topic cannot be its own ancestor; remove one \`parent\`)"`);
    const byId = new Map(m.topics.map((t) => [t.id as string, t]));
    expect([byId.get('a')!.parent, byId.get('b')!.parent, byId.get('c')!.parent?.id]).toEqual([undefined, undefined, 'a']);
    expect(byId.get('a')!.children.map((t) => t.id)).toEqual(['c']);
  });

  it('a missing topic parent', () => {
    const m = buildModel([topic('git'), topic('sql', { parent: 'data' })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/topics/sql.md:3 → parent: no topic "data" (existing topics: git, sql)"`);
  });

  // Like a course requiring itself: an error, not silently ignored.
  it('a topic that is its own parent is an error', () => {
    const m = buildModel([topic('git', { parent: 'git' })]);
    expect(m.problems).toHaveLength(1);
    expect(report(m)).toMatchInlineSnapshot(`"content/topics/git.md:3 → parent: a topic cannot be its own parent (remove \`parent: git\`)"`);
  });

  it('a note naming an unknown topic creates it; a course naming one is an error', () => {
    const m = buildModel([topic('git'), note('k8s-tips', { tags: ['Kubernetes'] }), course('ops', { topics: ['kubernetes', 'gti'] })]);
    expect(report(m)).toMatchInlineSnapshot(`
      "content/courses/ops/index.md:3 → topics: no topic "kubernetes" (existing topics: git)
      content/courses/ops/index.md:3 → topics: no topic "gti" (did you mean "git"?)"
    `);
    const created = m.topics.find((t) => t.id === 'kubernetes')!;
    expect([created.title, created.entry, created.route, created.notes.map((n) => n.entry.id)]).toEqual(['Kubernetes', undefined, '/topics/kubernetes/', ['k8s-tips']]);
  });

  // Formal content is strict about topics even when a person's `expertise` names the topic.
  it("a course naming a topic that only a person's expertise mentions is an error", () => {
    const m = buildModel([person('alice', { expertise: ['kubernetes'] }), course('ops', { topics: ['kubernetes'] })]);
    expect(report(m)).toBe('content/courses/ops/index.md:3 → topics: no topic "kubernetes" (there are no topics yet)');
  });

  it('topics are found by alias', () => {
    const m = clean([topic('git', { aliases: ['Version control'] }), course('c', { topics: ['version control'] })]);
    expect(m.courses[0]!.topics.map((t) => t.id)).toEqual(['git']);
  });

  it('an unknown course owner is an error; an unknown note author is kept as a plain name', () => {
    const m = buildModel([person('noa'), course('git', { owners: ['noah'] }), note('x', { authors: ['Noa', 'A Visitor'] })]);
    expect(report(m)).toMatchInlineSnapshot(`"content/courses/git/index.md:3 → owners: no person "noah" (did you mean "noa"?)"`);
    const authors = m.notes[0]!.authors.map((a) => (typeof a === 'string' ? a : `person:${a.entry.id}`));
    expect(authors).toEqual(['person:noa', 'A Visitor']);
  });

  it('notes and lessons point at each other either way; unknown references are errors', () => {
    const m = buildModel([course('git'), lesson('git/01-a.md', { notes: ['tip', 'nope'] }), lesson('git/02-b.md'), note('tip'), note('other', { lessons: ['git/02-b', 'git/b', 'git/zz'] })]);
    expect(report(m)).toMatchInlineSnapshot(`
      "content/notes/other.md:3 → lessons: no lesson "git/zz" (did you mean "git/a", "git/b"?)
      content/courses/git/01-a.md:3 → notes: no note "nope" (existing notes: other, tip)"
    `);
    expect(m.lessons.map((l) => [l.entry.id, l.notes.map((n) => n.entry.id)])).toEqual([
      ['git/a', ['tip']],
      ['git/b', ['other']],
    ]);
    expect(m.notes.map((n) => [n.entry.id, n.lessons.map((l) => l.entry.id)])).toEqual([
      ['other', ['git/b']],
      ['tip', ['git/a']],
    ]);
  });
});

describe('experts', () => {
  it('rank declared expertise (3) over owning (2) over writing (1 a note), ties by name', () => {
    const m = clean([
      topic('git'),
      person('Carol', { name: 'Carol' }),
      person('alice', { name: 'Alice', expertise: ['git'] }),
      person('bob', { name: 'Bob' }),
      person('dave', { name: 'Dave' }),
      person('erin', { name: 'Erin' }),
      course('gitc', { topics: ['git'], owners: ['bob'] }),
      path('p', { courses: ['gitc'], topics: ['git'], owners: ['erin'] }),
      note('n1', { topics: ['git'], authors: ['dave', 'carol'] }),
      note('n2', { topics: ['git'], authors: ['dave'] }),
    ]);
    const git = m.topics.find((t) => t.id === 'git')!;
    expect(git.experts.map((x) => `${x.person.entry.title} ${x.score} ${x.why.join('+')}`)).toEqual(['Alice 3 declared', 'Bob 2 ownsCourse', 'Dave 2 wrote', 'Erin 2 ownsPath', 'Carol 1 wrote']);
  });

  it('a person with several claims adds them up', () => {
    const m = clean([topic('git'), person('alice', { name: 'Alice', expertise: ['git'] }), course('gitc', { topics: ['git'], owners: ['alice'] }), note('n', { topics: ['git'], authors: ['alice'] })]);
    expect(m.topics[0]!.experts.map((x) => [x.score, x.why])).toEqual([[6, ['declared', 'ownsCourse', 'wrote']]]);
  });

  it('expertise in an unknown topic creates the topic', () => {
    const m = clean([person('alice', { expertise: ['Rust'] })]);
    expect(m.topics.map((t) => [t.id, t.experts.map((x) => x.person.entry.id)])).toEqual([['rust', ['alice']]]);
  });
});

describe('every list is sorted by title', () => {
  const m = clean([
    topic('t', { title: 'T' }),
    topic('b', { title: 'beta', parent: 't' }),
    topic('a', { title: 'Alpha', parent: 't' }),
    person('z', { name: 'zoë', expertise: ['t'] }),
    person('y', { name: 'Ábel' }),
    person('x', { name: 'Bea' }),
    course('c2', { title: 'beta course', topics: ['t'], owners: ['y'] }),
    course('c1', { title: 'Alpha course', topics: ['t'], owners: ['y'] }),
    lesson('c2/01-a.md', { title: 'L1' }),
    lesson('c1/01-a.md', { title: 'L2' }),
    lesson('c1/02-b.md', { title: 'A first?' }),
    path('p2', { title: 'zz path', courses: ['c2', 'c1'], topics: ['t'] }),
    path('p1', { title: 'Aa path', courses: ['c1'], topics: ['t'] }),
    note('n1', { title: 'zeta', topics: ['t'], authors: ['y'] }),
    note('n2', { title: 'Überblick', topics: ['t'], authors: ['y'] }),
    note('n3', { title: 'apple', topics: ['t'], authors: ['y'] }),
    note('n4', { title: 'Ábc', topics: ['t'], authors: ['y'] }),
  ]);
  const titles = (xs: Array<{ entry?: { title: string }; title?: string }>) => xs.map((x) => x.entry?.title ?? x.title);

  it.each([
    ['paths', () => titles(m.paths), ['Aa path', 'zz path']],
    ['courses', () => titles(m.courses), ['Alpha course', 'beta course']],
    ['lessons (course title, then position)', () => titles(m.lessons), ['L2', 'A first?', 'L1']],
    ['notes', () => titles(m.notes), ['Ábc', 'apple', 'Überblick', 'zeta']],
    ['topics', () => titles(m.topics), ['Alpha', 'beta', 'T']],
    ['people', () => titles(m.people), ['Ábel', 'Bea', 'zoë']],
    ["a topic's children", () => titles(m.topics.find((t) => t.id === 't')!.children), ['Alpha', 'beta']],
    ["a topic's notes", () => titles(m.topics.find((t) => t.id === 't')!.notes), ['Ábc', 'apple', 'Überblick', 'zeta']],
    ["a topic's courses", () => titles(m.topics.find((t) => t.id === 't')!.courses), ['Alpha course', 'beta course']],
    ["a topic's paths", () => titles(m.topics.find((t) => t.id === 't')!.paths), ['Aa path', 'zz path']],
    ["a course's paths", () => titles(m.courses[0]!.paths), ['Aa path', 'zz path']],
    ['what a person wrote', () => titles(m.people[0]!.wrote), ['Ábc', 'apple', 'Überblick', 'zeta']],
    ['what a person owns', () => titles(m.people[0]!.owns.courses), ['Alpha course', 'beta course']],
  ])('%s', (_what, get, expected) => {
    expect(get()).toEqual(expected);
  });

  it('a path keeps its courses in the order written, not by title', () => {
    expect(titles(m.paths.find((p) => p.entry.id === 'p2')!.courses)).toEqual(['beta course', 'Alpha course']);
  });

  it('byKey finds every page by kind:id', () => {
    expect([...m.byKey.keys()].sort()).toEqual([
      'course:c1',
      'course:c2',
      'lesson:c1/a',
      'lesson:c1/b',
      'lesson:c2/a',
      'note:n1',
      'note:n2',
      'note:n3',
      'note:n4',
      'path:p1',
      'path:p2',
      'person:x',
      'person:y',
      'person:z',
      'topic:a',
      'topic:b',
      'topic:t',
    ]);
  });
});

describe('durations', () => {
  const words = (n: number) => 'word '.repeat(n);
  const m = clean([
    course('a'),
    lesson('a/01-x.md', { duration: '15 min' }),
    lesson(
      'a/02-y.md',
      {
        check: [
          { question: 'Q1?', options: ['a', 'b'], answer: 'a' },
          { question: 'Q2?', options: ['a', 'b'], answer: 'b' },
        ],
      },
      words(450),
    ),
    course('b'),
    lesson('b/01-z.md', { duration: '1h 30m' }),
    path('p', { courses: ['a', 'b'] }),
  ]);

  it('a declared duration is used as is', () => {
    const l = m.lessons.find((x) => x.entry.id === 'a/x')!;
    expect([l.minutes, l.estimated]).toEqual([15, false]);
  });

  it('otherwise it is estimated from words (200 a minute) plus a minute a question', () => {
    const l = m.lessons.find((x) => x.entry.id === 'a/y')!;
    expect([l.entry.words, l.minutes, l.estimated]).toEqual([450, 4, true]);
  });

  it('course and path totals add up', () => {
    expect(m.courses.map((c) => [c.entry.id, c.minutes, formatMinutes(c.minutes)])).toEqual([
      ['a', 19, '19 min'],
      ['b', 90, '1 h 30 min'],
    ]);
    expect([m.paths[0]!.minutes, formatMinutes(m.paths[0]!.minutes)]).toEqual([109, '1 h 49 min']);
  });

  it('a total is "about" when any lesson in it is estimated', () => {
    expect(m.courses.map((c) => [c.entry.id, c.estimated, formatDuration(c.minutes, c.estimated)])).toEqual([
      ['a', true, 'about 19 min'],
      ['b', false, '1 h 30 min'],
    ]);
    expect([m.paths[0]!.estimated, formatDuration(m.paths[0]!.minutes, m.paths[0]!.estimated)]).toEqual([true, 'about 1 h 49 min']);
  });

  it('questions count the frontmatter check and the <Question>s of an .mdx lesson, outside code', () => {
    const mdx = entry(
      'lesson',
      'courses/c/01-x.mdx',
      fm(
        { title: 'X', check: [{ question: 'Q?', options: ['a', 'b'], answer: 'a' }] },
        `${words(400)}\n\n<Question question="A" options={["x", "y"]} answer="x" />\n\n\`\`\`mdx\n<Question question="shown, not asked" />\n\`\`\`\n`,
      ),
    );
    const md = entry('lesson', 'courses/c/02-y.md', fm({ title: 'Y' }, '<Question question="A" options={["x", "y"]} answer="x" />'));
    const model = clean([course('c'), mdx, md]);
    expect(model.lessons.map((l) => [l.entry.id, l.questions, l.minutes])).toEqual([
      ['c/x', 2, 4], // 400 words: 2 min, plus a minute a question
      ['c/y', 0, 1], // in .md, <Question> is text, not a question
    ]);
  });

  it.each<[number, boolean, string]>([
    [15, false, '15 min'],
    [15, true, 'about 15 min'],
    [60, true, 'about 1 h'],
    [95, false, '1 h 35 min'],
  ])('formatDuration(%i, %s) → %j', (minutes, estimated, expected) => {
    expect(formatDuration(minutes, estimated)).toBe(expected);
  });

  it('a course without lessons takes 0 minutes', () => {
    expect(clean([course('empty')]).courses[0]!.minutes).toBe(0);
  });

  it.each([
    [0, 0, 1],
    [100, 0, 1],
    [300, 0, 2],
    [450, 2, 4],
    [1000, 0, 5],
    [0, 3, 3],
  ])('estimateMinutes(%i words, %i questions) → %i', (w, q, expected) => {
    expect(estimateMinutes(w, q)).toBe(expected);
  });

  it.each([
    [1, '1 min'],
    [45, '45 min'],
    [59, '59 min'],
    [60, '1 h'],
    [80, '1 h 20 min'],
    [120, '2 h'],
    [135, '2 h 15 min'],
  ])('formatMinutes(%i) → %j', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });
});

describe('findCycle', () => {
  const g = (o: Record<string, string[]>) => new Map(Object.entries(o));
  it.each<[string, Record<string, string[]>, string[] | undefined]>([
    ['empty', {}, undefined],
    ['a chain', { a: ['b'], b: ['c'], c: [] }, undefined],
    ['a diamond', { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, undefined],
    ['a self loop', { a: ['a'] }, ['a', 'a']],
    ['two nodes', { a: ['b'], b: ['a'] }, ['a', 'b', 'a']],
    ['three nodes', { b: ['c'], c: ['a'], a: ['b'] }, ['a', 'b', 'c', 'a']],
    ['a cycle below the start', { a: ['b'], b: ['c'], c: ['b'] }, ['b', 'c', 'b']],
    ['edges to unknown nodes are ignored', { a: ['x'], b: ['y'] }, undefined],
    ['a cycle in a second component', { a: [], x: ['y'], y: ['x'] }, ['x', 'y', 'x']],
  ])('%s', (_why, edges, expected) => {
    expect(findCycle(g(edges))).toEqual(expected);
  });
});

describe('notes by kind and by stage', () => {
  it('groups the notes once, by title within each group, with only the kinds and stages that have notes', () => {
    const m = buildModel([note('b', { kind: 'tip', stage: 'evergreen' }), note('a', { kind: 'tip' }), note('c', { kind: 'how-to' })]);
    const titles = (map: Map<string, Array<{ entry: { title: string } }>>) => Object.fromEntries([...map].map(([k, v]) => [k, v.map((n) => n.entry.title)]));
    expect(titles(m.notesByKind)).toEqual({ 'how-to': ['Note c'], tip: ['Note a', 'Note b'] });
    expect(titles(m.notesByStage)).toEqual({ seedling: ['Note a', 'Note c'], evergreen: ['Note b'] });
  });
});
