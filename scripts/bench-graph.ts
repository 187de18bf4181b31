/**
 * `npm run bench:graph [-- --pages 10000 --links 50000 --runs 5]`: times the knowledge graph on a
 * synthetic garden: the link index, resolving every link through the one resolver, the graph
 * (backlinks, "From the community", "Used in"), the health report and the map layout. A benchmark,
 * not a timed test: it prints the median of the runs and whether the graph met its 2 s budget.
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readEntry, type AnyEntry } from '../src/garden/content/entries.ts';
import type { SourcePath } from '../src/garden/core/ids.ts';
import { buildLinkIndex, resolveWikilink } from '../src/garden/model/links.ts';
import { buildModel } from '../src/garden/model/build-model.ts';
import { buildGraph } from '../src/garden/model/graph.ts';
import { buildHealth } from '../src/garden/model/health.ts';
import { buildMap } from '../src/garden/model/map.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '10000' }, links: { type: 'string', default: '50000' }, runs: { type: 'string', default: '5' } } });
const PAGES = Number(values.pages);
const LINKS = Number(values.links);
const RUNS = Number(values.runs);

/** A small deterministic PRNG (mulberry32), so every run builds the same garden. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

// The shape of a large organisation's garden: a few hundred formal pages, the rest community notes.
const topics = Math.max(5, Math.round(PAGES / 100));
const people = Math.max(5, Math.round(PAGES / 200));
const courses = Math.max(2, Math.round(PAGES / 250));
const lessonsPer = 8;
const paths = Math.max(1, Math.round(courses / 4));
const notes = PAGES - topics - people - courses * (lessonsPer + 1) - paths;
const at = (path: string) => ({ source: 'bench', path: path as SourcePath, file: `content/${path}`, abs: `/bench/content/${path}` });
const fm = (data: Record<string, unknown>, body = '') =>
  `---\n${Object.entries(data)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n---\n${body}`;
const make = (kind: AnyEntry['kind'], path: string, raw: string): AnyEntry => {
  const r = readEntry(kind, raw, at(path));
  if ('problems' in r) throw new Error(`${path}: ${r.problems[0]!.message}`);
  return r.entry;
};

const setupStarted = performance.now();
const entries: AnyEntry[] = [];
const topicIds = Array.from({ length: topics }, (_, i) => `topic-${i}`);
const personIds = Array.from({ length: people }, (_, i) => `person-${i}`);
topicIds.forEach((id, i) => entries.push(make('topic', `topics/${id}.md`, fm({ title: `Topic ${i}`, ...(i % 10 === 9 ? { parent: topicIds[i - 1] } : {}) }))));
personIds.forEach((id, i) => entries.push(make('person', `people/${id}.md`, fm({ name: `Person ${i}`, expertise: [pick(topicIds)], git: { usernames: [`user${i}`] } }))));
const courseIds = Array.from({ length: courses }, (_, i) => `course-${i}`);
courseIds.forEach((id, i) => {
  entries.push(make('course', `courses/${id}/index.md`, fm({ title: `Course ${i}`, topics: [pick(topicIds)], owners: [pick(personIds)] })));
  for (let l = 1; l <= lessonsPer; l++) entries.push(make('lesson', `courses/${id}/${String(l).padStart(2, '0')}-lesson-${l}.md`, fm({ title: `Lesson ${i}.${l}` })));
});
for (let i = 0; i < paths; i++) entries.push(make('path', `paths/path-${i}.md`, fm({ title: `Path ${i}`, courses: courseIds.slice(i * 4, i * 4 + 4) })));
const stages = ['seedling', 'budding', 'evergreen'];
for (let i = 0; i < notes; i++) {
  entries.push(make('note', `notes/n${Math.floor(i / 100)}/note-${i}.md`, fm({ title: `Note ${i}`, stage: stages[i % 3], topics: [pick(topicIds), pick(topicIds)], authors: [pick(personIds)] })));
}
const model = buildModel(entries);
if (model.problems.some((p) => p.severity === 'error')) throw new Error(model.problems[0]!.message);
// Links as pages write them: wikilinks by id, mostly to notes, some to lessons and courses.
const targets = entries.filter((e) => e.kind !== 'person').map((e) => (e.kind === 'lesson' ? e.id : e.id) as string);
const written: Array<[AnyEntry, string]> = [];
for (let i = 0; i < LINKS; i++) written.push([pick(entries), pick(targets)]);
const setup = performance.now() - setupStarted;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const times: Record<string, number[]> = { index: [], resolve: [], graph: [], health: [], map: [] };
let linkCount = 0;
let mapNodes = 0;
let mapJson = '';
for (let run = 0; run < RUNS; run++) {
  let t = performance.now();
  const index = buildLinkIndex(entries, '/');
  times.index!.push(performance.now() - t);
  t = performance.now();
  const byPage = new Map<string, string[]>();
  for (const [from, name] of written) {
    const r = resolveWikilink(index, name);
    if (r.type !== 'page') continue;
    const key = `${from.kind}:${from.id}`;
    const list = byPage.get(key);
    if (list) list.push(`${r.entry.kind}:${r.entry.id}`);
    else byPage.set(key, [`${r.entry.kind}:${r.entry.id}`]);
  }
  times.resolve!.push(performance.now() - t);
  t = performance.now();
  const graph = buildGraph(model, byPage);
  times.graph!.push(performance.now() - t);
  linkCount = graph.linkCount;
  t = performance.now();
  buildHealth(model, graph, [], { staleMonths: 12, seedlingDays: 90 });
  times.health!.push(performance.now() - t);
  t = performance.now();
  const map = buildMap(model, graph);
  mapNodes = map.nodes.length;
  mapJson = JSON.stringify(map);
  times.map!.push(performance.now() - t);
}
const ms = (k: string) => median(times[k]!);
const graphTotal = ms('index') + ms('resolve') + ms('graph');
console.log(
  `Synthetic garden: ${entries.length} pages (${topics} topics, ${courses} courses, ${courses * lessonsPer} lessons, ${notes} notes, ${people} people), ${LINKS} links written, ${linkCount} distinct page-to-page links; set up in ${(setup / 1000).toFixed(1)} s.`,
);
console.log(`Median of ${RUNS} runs:`);
console.log(`  link index          ${ms('index').toFixed(0).padStart(6)} ms`);
console.log(`  resolve ${LINKS} links ${ms('resolve').toFixed(0).padStart(6)} ms`);
console.log(`  graph               ${ms('graph').toFixed(0).padStart(6)} ms  (backlinks, from the community, used in)`);
console.log(`  = the graph         ${graphTotal.toFixed(0).padStart(6)} ms  (budget 2000 ms: ${graphTotal < 2000 ? 'met' : 'MISSED'})`);
console.log(`  health report       ${ms('health').toFixed(0).padStart(6)} ms`);
console.log(
  `  map layout          ${ms('map').toFixed(0).padStart(6)} ms  (${mapNodes} nodes; map.json ${(mapJson.length / 1024).toFixed(0)} KB, ${(gzipSync(mapJson).length / 1024).toFixed(0)} KB gzip)`,
);
process.exitCode = graphTotal < 2000 ? 0 : 1;
