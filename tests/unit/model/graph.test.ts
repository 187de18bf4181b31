/**
 * The knowledge graph and what is derived from it: backlinks, "From the community", "Used in",
 * experts with git contributions, content health, the map layout and CODEOWNERS. Pure functions
 * over a small model, with the links each page's rendering would record.
 */
import { describe, expect, it } from 'vitest';
import type { AnyEntry } from '../../../src/garden/content/entries.ts';
import { backlinksOf, buildGraph, COMMUNITY_LIMIT } from '../../../src/garden/model/graph.ts';
import { buildHealth, formatHealth, monthsBefore } from '../../../src/garden/model/health.ts';
import { buildMap, MAP_KINDS } from '../../../src/garden/model/map.ts';
import { buildCodeowners } from '../../../src/garden/commands/codeowners.ts';
import { keyOf, titleOf, type GardenModel, type PageNode } from '../../../src/garden/model/model.ts';
import { buildModel } from '../../../src/garden/model/build-model.ts';
import { addContributions } from '../../../src/garden/model/people.ts';
import { entry, fm } from '../helpers.ts';

const course = (id: string, data: Record<string, unknown> = {}) => entry('course', `courses/${id}/index.md`, fm({ title: `Course ${id}`, ...data }));
const lesson = (path: string, data: Record<string, unknown> = {}) => entry('lesson', `courses/${path}`, fm({ title: `Lesson ${path}`, ...data }));
const note = (id: string, data: Record<string, unknown> = {}) => entry('note', `notes/${id}.md`, fm({ title: `Note ${id}`, ...data }));
const topic = (id: string, data: Record<string, unknown> = {}) => entry('topic', `topics/${id}.md`, fm({ title: id.toUpperCase(), ...data }));
const person = (id: string, data: Record<string, unknown> = {}) => entry('person', `people/${id}.md`, fm({ name: id, ...data }));
const path = (id: string, data: Record<string, unknown>) => entry('path', `paths/${id}.md`, fm({ title: `Path ${id}`, ...data }));

function model(entries: AnyEntry[]): GardenModel {
  const m = buildModel(entries);
  expect(m.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return m;
}
const titles = (nodes: readonly PageNode[]) => nodes.map(titleOf);

const ENTRIES = [
  topic('git'),
  topic('history', { parent: 'git' }),
  topic('sql'),
  person('ann', { name: 'Ann', expertise: ['git'], git: { usernames: ['ann-gh'], emails: ['ann@x.example'] } }),
  person('bo', { name: 'Bo', git: { usernames: ['bo'] } }),
  person('cy', { name: 'Cy' }),
  course('gitc', { topics: ['git'], owners: ['bo'] }),
  lesson('gitc/01-branches.md', { notes: ['listed'] }),
  lesson('gitc/02-undo.md', { topics: ['history'] }),
  course('sqlc', { topics: ['sql'] }),
  lesson('sqlc/01-select.md'),
  path('onboarding', { courses: ['gitc'], owners: ['ann'] }),
  note('listed', { topics: ['git'], authors: ['ann'], stage: 'evergreen' }),
  note('links-lesson', { topics: ['history'], authors: ['cy'] }),
  note('linked-from-lesson', { tags: ['git'] }),
  note('orphan', { tags: ['kubernetes'], authors: ['Dana from Ops'], stage: 'seedling', created: '2024-01-01', updated: '2024-01-01' }),
];
const M = model(ENTRIES);
const LINKS: Array<[string, string[]]> = [
  ['lesson:gitc/branches', ['note:linked-from-lesson', 'note:listed', 'lesson:gitc/branches', 'nope:x']],
  ['note:links-lesson', ['lesson:gitc/branches', 'lesson:gitc/undo', 'course:gitc']],
  ['note:listed', ['lesson:gitc/undo']],
  ['topic:git', ['note:listed', 'course:gitc']],
  ['course:sqlc', ['note:listed']],
];
const G = buildGraph(M, LINKS);
const node = (key: string) => M.byKey.get(key)!;

describe('buildGraph', () => {
  it('counts each link between two pages once, skips links to itself and to pages that do not exist', () => {
    expect(G.linkCount).toBe(9);
    expect(titles(G.outlinks.get('lesson:gitc/branches')!)).toEqual(['Note linked-from-lesson', 'Note listed']);
  });

  it('groups backlinks into curriculum, community and other, each by title', () => {
    const b = backlinksOf(G, node('note:listed'));
    expect([titles(b.curriculum), titles(b.community), titles(b.other)]).toEqual([['Course sqlc', 'Lesson gitc/01-branches.md'], [], ['GIT']]);
    expect(titles(backlinksOf(G, node('lesson:gitc/branches')).community)).toEqual(['Note links-lesson']);
  });

  it('a page nothing links to has empty backlinks', () => {
    const b = backlinksOf(G, node('note:orphan'));
    expect(b.curriculum.length + b.community.length + b.other.length).toBe(0);
  });

  it('ranks "From the community": listed, linking, linked, then the best on its topics', () => {
    expect(G.community.get('lesson:gitc/branches')!.map((c) => `${titleOf(c.note)} ${c.score} ${c.why.join(' + ')}`)).toEqual([
      'Note listed 8.5 listed + lessonLinks + topic:GIT',
      'Note linked-from-lesson 4 lessonLinks + topic:GIT',
      'Note links-lesson 3 linksHere',
    ]);
    // "listed" links to the lesson and is evergreen (4.5); "links-lesson" links to it too, a seedling (4).
    expect(G.community.get('lesson:gitc/undo')!.map((c) => titleOf(c.note))).toEqual(['Note listed', 'Note links-lesson', 'Note linked-from-lesson']);
  });

  it('caps "From the community"', () => {
    const many = Array.from({ length: 20 }, (_, i) => note(`n${i}`, { topics: ['git'] }));
    const m = model([topic('git'), course('c', { topics: ['git'] }), lesson('c/01-a.md'), ...many]);
    const links: Array<[string, string[]]> = many.map((n) => [`note:${n.id}`, ['lesson:c/a']]);
    expect(buildGraph(m, links).community.get('lesson:c/a')!.length).toBe(COMMUNITY_LIMIT);
  });

  it('"Used in": the lessons that list or link to a note, and the courses and paths that link to it', () => {
    const used = G.usedIn.get('note:listed')!;
    expect([titles(used.lessons), titles(used.courses)]).toEqual([['Lesson gitc/01-branches.md'], ['Course sqlc']]);
    expect(G.usedIn.has('note:orphan')).toBe(false);
  });

  it('is linear: 2,000 notes each linking to ten others take well under a second', () => {
    const notes = Array.from({ length: 2000 }, (_, i) => note(`n${i}`, { topics: ['git'] }));
    const m = model([topic('git'), course('c', { topics: ['git'] }), lesson('c/01-a.md'), ...notes]);
    const links: Array<[string, string[]]> = notes.map((n, i) => [`note:${n.id}`, Array.from({ length: 10 }, (_, k) => `note:n${(i + k + 1) % 2000}`)]);
    const t = performance.now();
    const g = buildGraph(m, links);
    expect(g.linkCount).toBe(20_000);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('experts with git contributions', () => {
  it('credits committers, matched to people, on the topics of the pages they changed', () => {
    const m = model(ENTRIES);
    const commits: Record<string, Array<{ name: string; email: string; commits: number }>> = {
      'note:links-lesson': [
        { name: 'Bo', email: 'bo@x.example', commits: 3 },
        { name: 'Stranger', email: 's@x.example', commits: 9 },
      ],
      'lesson:gitc/undo': [{ name: 'Bo', email: 'bo@x.example', commits: 1 }],
      'note:listed': [{ name: 'Ann', email: 'ann@x.example', commits: 2 }],
    };
    const whoIs = (w: { name: string; email: string }) => m.people.find((p) => p.entry.title === w.name);
    addContributions(m, (n) => commits[keyOf(n)], whoIs);
    const history = m.topics.find((t) => t.id === 'history')!;
    expect(history.experts.map((x) => `${x.person.entry.title} ${x.score} ${x.why.join('+')}`)).toEqual(['Bo 2 contributed', 'Cy 1 wrote']);
    // Ann wrote "listed": her commits to it add nothing more.
    const git = m.topics.find((t) => t.id === 'git')!;
    expect(git.experts.map((x) => `${x.person.entry.title} ${x.score} ${x.why.join('+')}`)).toEqual(['Ann 4 declared+wrote', 'Bo 3 ownsCourse+contributed']);
    const bo = m.people.find((p) => p.entry.id === 'bo')!;
    expect(bo.contributed.map((c) => `${titleOf(c.page)} ${c.commits}`)).toEqual(['Note links-lesson 3', 'Lesson gitc/02-undo.md 1']);
    expect(bo.expertOn.map((x) => `${x.topic.id} #${x.rank}`)).toEqual(['history #1', 'git #2']);
  });
});

describe('buildHealth', () => {
  const report = buildHealth(
    M,
    G,
    [{ file: 'content/notes/x.md', line: 4, message: 'broken link [[y]]: no page is called "y"', severity: 'warning' }],
    { staleMonths: 12, seedlingDays: 90 },
    new Date('2025-06-01T12:00:00Z'),
  );
  const keys = (items: Array<{ key: string }>) => items.map((i) => i.key);

  it('names stale pages and seedlings that have not grown, oldest first', () => {
    expect(keys(report.stale)).toEqual(['note:orphan']);
    expect(report.seedlings.map((i) => `${i.key} ${i.detail}`)).toEqual(['note:orphan a seedling since 2024-01-01']);
  });
  it('gives each listed page its reason as a code with its figures, which /health/ words in the site language', () => {
    expect(report.seedlings.map((i) => i.reason)).toEqual([{ code: 'seedling', date: '2024-01-01' }]);
    expect(report.topicsWithoutCourse.map((i) => i.reason)).toEqual([{ code: 'topicNotes', count: 1 }]);
    expect(report.tagTopics.map((i) => i.reason)).toEqual([{ code: 'tagTopic', count: 1, file: 'topics/kubernetes.md' }]);
    expect(report.unowned.map((i) => i.reason.code)).toEqual(['courseWithoutOwners', 'noteWithoutAuthors']);
  });
  it('names orphans: notes nothing links to or lists, courses in no path nothing links to', () => {
    expect(keys(report.orphans)).toEqual(['course:sqlc', 'note:links-lesson', 'note:orphan']);
  });
  it('where the community is ahead of the curriculum, and behind it', () => {
    expect(keys(report.topicsWithoutCourse)).toEqual(['topic:kubernetes']);
    expect(keys(report.coursesWithoutNotes)).toEqual(['course:sqlc']);
  });
  it('content without an owner, authors not in people, topics made by tags, allowed broken links', () => {
    expect(report.unowned.map((i) => `${i.key} ${i.detail}`)).toEqual(['course:sqlc course without owners', 'note:linked-from-lesson note without authors']);
    expect(report.unknownPeople.map((p) => `${p.name}: ${keys(p.notes)}`)).toEqual(['Dana from Ops: note:orphan']);
    expect(keys(report.tagTopics)).toEqual(['topic:kubernetes']);
    expect(report.brokenLinks).toEqual([{ file: 'content/notes/x.md', line: 4, message: 'broken link [[y]]: no page is called "y"', hint: undefined }]);
  });
  it('prints a readable summary', () => {
    expect(formatHealth(report, 1).split('\n').slice(0, 9)).toMatchInlineSnapshot(`
      [
        "Content health on 2025-06-01: 16 pages, 9 links between them, 12 findings",
        "",
        "Stale pages: 1",
        "  Not updated for 12 months or more: check they are still right, then touch the \`updated\` date or edit them.",
        "  - content/notes/orphan.md  Note orphan (last updated 2024-01-01)",
        "",
        "Seedlings that have not grown: 1",
        "  Seedling notes nobody has touched for 90 days: grow them to budding, merge them into another note, or remove them.",
        "  - content/notes/orphan.md  Note orphan (a seedling since 2024-01-01)",
      ]
    `);
  });
  it.each([
    ['2025-06-01', 12, '2024-06-01'],
    ['2025-03-31', 1, '2025-03-03'],
    ['2025-01-15', 3, '2024-10-15'],
  ])('%s minus %i months is %s', (now, months, expected) => {
    expect(monthsBefore(new Date(`${now}T00:00:00Z`), months)).toBe(expected);
  });
});

describe('buildMap', () => {
  const map = buildMap(M, G);
  it("has every topic, course and note once, each in its first topic's cluster", () => {
    expect(map.nodes.length).toBe(M.topics.length + M.courses.length + M.notes.length);
    const byTitle = new Map(map.nodes.map((n, i) => [n[4], i]));
    const listed = map.nodes[byTitle.get('Note listed')!]!;
    expect(MAP_KINDS[listed[0]]).toBe('note');
    expect(map.nodes[listed[3]]![4]).toBe('GIT');
    expect(MAP_KINDS[map.nodes[byTitle.get('Course gitc')!]![0]]).toBe('course');
  });
  it('no two clusters overlap', () => {
    for (let i = 0; i < map.clusters.length; i++) {
      for (let j = i + 1; j < map.clusters.length; j++) {
        const [, x1, y1, r1] = map.clusters[i]!;
        const [, x2, y2, r2] = map.clusters[j]!;
        expect(Math.hypot(x1 - x2, y1 - y2)).toBeGreaterThanOrEqual(r1 + r2);
      }
    }
  });
  it('no two clusters overlap when one topic is far larger than the rest', () => {
    // One topic of 3,000 notes (a cluster wider than the placement grid's cells) among twenty small ones.
    const entries = [topic('big'), ...Array.from({ length: 20 }, (_, i) => topic(`t${i}`))];
    for (let i = 0; i < 3000; i++) entries.push(note(`b${i}`, { topics: ['big'] }));
    for (let i = 0; i < 20; i++) for (let j = 0; j < 5; j++) entries.push(note(`s${i}-${j}`, { topics: [`t${i}`] }));
    const m = model(entries);
    const { clusters } = buildMap(m, buildGraph(m, []));
    let overlaps = 0;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const [, x1, y1, r1] = clusters[i]!;
        const [, x2, y2, r2] = clusters[j]!;
        if (Math.hypot(x1 - x2, y1 - y2) < r1 + r2) overlaps++;
      }
    }
    expect(overlaps).toBe(0);
  });
  it('joins sub-topics to topics and pages across clusters, once per pair', () => {
    const idx = (t: string) => map.nodes.findIndex((n) => n[4] === t);
    const pairs = new Set<string>();
    for (let i = 0; i < map.edges.length; i += 2) pairs.add([map.edges[i], map.edges[i + 1]].sort().join('-'));
    expect(pairs.size).toBe(map.edges.length / 2);
    expect(pairs.has([idx('HISTORY'), idx('GIT')].sort().join('-'))).toBe(true);
    expect(pairs.has([idx('Note links-lesson'), idx('Course gitc')].sort().join('-'))).toBe(true);
  });
  it('is the same every time', () => {
    expect(JSON.stringify(buildMap(M, G))).toBe(JSON.stringify(map));
  });
  it('keeps to its caps, leaving out the least linked notes first', () => {
    const small = buildMap(M, G, { nodes: M.topics.length + M.courses.length + 1, edges: 2 });
    expect(small.nodes.filter((n) => n[0] === 2).map((n) => n[4])).toEqual(['Note listed']);
    expect(small.omitted.nodes).toBe(M.notes.length - 1);
    expect(small.edges.length).toBe(4);
  });
});

describe('buildCodeowners', () => {
  it('owners review their courses and paths, experts with git usernames their topics and notes', () => {
    const text = buildCodeowners({ model: M }, (abs) => abs.replace('/garden/', ''));
    expect(text).toMatchInlineSnapshot(`
      "# Generated by \`npm run codeowners\` from course and path owners and topic experts (src/garden/commands/codeowners.ts).
      # Do not edit by hand: change \`owners:\` or a person's \`git.usernames\`, then run it again.

      # Topics: their experts
      /content/topics/git.md @ann-gh @bo

      # Notes: the experts of their topics
      /content/notes/linked-from-lesson.md @ann-gh @bo
      /content/notes/listed.md @ann-gh @bo

      # Courses: their owners (the whole folder, lessons included)
      /content/courses/gitc/ @bo

      # Paths: their owners
      /content/paths/onboarding.md @ann-gh
      "
    `);
  });
  it('leaves out pages of other repositories', () => {
    expect(
      buildCodeowners({ model: M }, () => undefined)
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
    ).toEqual([]);
  });
});
