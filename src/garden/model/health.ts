/**
 * Stage "garden model + graph → content health", for curators: what is stale, what has not grown,
 * what nothing links to, which links are broken (where a source allows it), where the community is
 * ahead of the curriculum (topics with notes but no course) or the curriculum has no community
 * (courses with no notes), and what has no owner. One pure function over the model and the graph,
 * O(pages + links); `npm run report` prints it and writes JSON, `/health/` shows the same.
 */
import { compareTitles } from '../core/ids.ts';
import type { Graph } from './graph.ts';
import { keyOf, routeOfNode, titleOf, type GardenModel, type PageNode } from './model.ts';
import { sortProblems, type Problem } from '../core/problems.ts';

/**
 * Why a page is listed: a code and its figures. The model words it in English (`detail`, for the
 * terminal and the JSON); `/health/` words it in the site's language (the `health.reason.*` keys).
 */
export type HealthReason =
  | { code: 'updated' | 'seedling'; date: string }
  | { code: 'topicNotes' | 'courseLessons'; count: number }
  | { code: 'tagTopic'; count: number; file: string }
  | { code: 'note' | 'courseInNoPath' | 'pathWithoutOwners' | 'courseWithoutOwners' | 'noteWithoutAuthors' };

/** A reason in English. */
export function englishReason(r: HealthReason): string {
  switch (r.code) {
    case 'updated':
      return `last updated ${r.date}`;
    case 'seedling':
      return `a seedling since ${r.date}`;
    case 'topicNotes':
      return `${r.count} note${r.count === 1 ? '' : 's'}, no course`;
    case 'courseLessons':
      return `${r.count} lessons, no notes`;
    case 'tagTopic':
      return `tagged on ${r.count} note${r.count === 1 ? '' : 's'}; create ${r.file}`;
    case 'courseInNoPath':
      return 'course in no path';
    case 'pathWithoutOwners':
      return 'path without owners';
    case 'courseWithoutOwners':
      return 'course without owners';
    case 'noteWithoutAuthors':
      return 'note without authors';
    case 'note':
      return 'note';
  }
}

/** One page the report names. */
export interface HealthItem {
  /** `kind:id`. */
  key: string;
  title: string;
  /** Site path without the base. */
  route: string;
  /** The file, relative to the project; undefined for a topic made by a tag. */
  file?: string;
  /** Why it is listed, in English for the terminal and the JSON ("last updated 2024-03-01", "3 notes, no course"). */
  detail: string;
  /** Why it is listed, as a code the page words in its language (src/layouts/ui.ts `healthWordsOf`). */
  reason: HealthReason;
  /** The source the page comes from; undefined for a topic made by a tag. */
  source?: string;
}

/** A broken or ambiguous link a source allowed as a warning. */
export interface HealthLink {
  /** The source of the page the link is on, when known. */
  source?: string;
  file: string;
  line?: number;
  message: string;
  hint?: string;
}

/** The thresholds the report was made with. */
export interface HealthThresholds {
  /** Not updated for this many months: stale. */
  staleMonths: number;
  /** A seedling untouched for this many days has not grown. */
  seedlingDays: number;
}

/** The content health report. Every list is sorted by its stated key. */
export interface HealthReport {
  /** The day it was made (`YYYY-MM-DD`), the reference for "stale". */
  date: string;
  thresholds: HealthThresholds;
  /** Pages of each kind, links between pages. */
  totals: { pages: number; links: number; undated: number };
  /** Pages (not people) last updated before the threshold, oldest first. */
  stale: HealthItem[];
  /** Seedling notes untouched for longer than the threshold, oldest first. */
  seedlings: HealthItem[];
  /** Notes and courses nothing links to or lists, by title. */
  orphans: HealthItem[];
  /** Broken and ambiguous links in sources with `brokenLinks: 'warn'`, by file and line. */
  brokenLinks: HealthLink[];
  /** What reading the content allowed but changed (a frontmatter field converted or ignored, a file not published), by file and line. */
  contentWarnings: HealthLink[];
  /** Topics with notes but no path, course or lesson, most notes first. */
  topicsWithoutCourse: HealthItem[];
  /** Courses whose lessons no note is listed with or links to, by title. */
  coursesWithoutNotes: HealthItem[];
  /** Paths and courses without owners, notes without authors, by title. */
  unowned: HealthItem[];
  /** Authors named on notes who are not in `people`, by name. */
  unknownPeople: Array<{ name: string; notes: HealthItem[] }>;
  /** Topics created by a tag on a note, with no topic file, most notes first. */
  tagTopics: HealthItem[];
  /**
   * How many findings each source has, in all and by section, most first: one large imported
   * source (thousands of orphans, stale pages) is told apart from the rest at a glance. Topics made
   * by tags, which belong to no source, count under `GARDEN_WIDE`.
   */
  bySource: SourceCounts[];
}

/** The findings of one source: in all, and by section (a section with none is left out). */
export interface SourceCounts {
  source: string;
  total: number;
  counts: Partial<Record<HealthSection, number>>;
}

/** A section of the report. */
export type HealthSection = (typeof HEALTH_SECTIONS)[number][0];

/** Where findings that belong to no source count (topics made by tags across the garden). */
export const GARDEN_WIDE = '(garden-wide)';

/** The headings of the report's sections, in order, in English as the terminal shows them (`/health/` words them in the site's language: the `health.section.*` keys). */
export const HEALTH_SECTIONS = [
  ['stale', 'Stale pages'],
  ['seedlings', 'Seedlings that have not grown'],
  ['orphans', 'Orphans: nothing links to them'],
  ['brokenLinks', 'Broken and ambiguous links (allowed as warnings)'],
  ['contentWarnings', 'Content read with warnings'],
  ['topicsWithoutCourse', 'Topics with notes but no course'],
  ['coursesWithoutNotes', 'Courses with no community notes'],
  ['unowned', 'Content without an owner'],
  ['unknownPeople', 'Authors who are not in people'],
  ['tagTopics', 'Topics created by tags'],
] as const;

/** What each section is for, in one sentence, in English (the page's: the `health.help.*` keys). */
export const HEALTH_HELP: Record<(typeof HEALTH_SECTIONS)[number][0], (t: HealthThresholds) => string> = {
  stale: (t) => `Not updated for ${t.staleMonths} months or more: check they are still right, then touch the \`updated\` date or edit them.`,
  seedlings: (t) => `Seedling notes nobody has touched for ${t.seedlingDays} days: grow them to budding, merge them into another note, or remove them.`,
  orphans: () => 'Notes and courses no page links to or lists: link them from a lesson, a topic or a related note.',
  brokenLinks: () => "Links in sources with `brokenLinks: 'warn'` that resolve nowhere or to several pages.",
  contentWarnings: () => 'What the build accepted but changed: frontmatter written in another form (converted or ignored), files not published. The repository keeps them as written; fix them there.',
  topicsWithoutCourse: () => 'The community is ahead of the curriculum here: candidates for a new course or lesson.',
  coursesWithoutNotes: () => 'No note is listed with, or links to, any of their lessons: ask the experts to share what they know.',
  unowned: () => 'Paths and courses without `owners`, notes without `authors`: nobody is asked to review changes.',
  unknownPeople: () => 'Names in `authors` that match no file in people/: add the person, or use their id.',
  tagTopics: () => 'A tag on a note made these topics; give each a file in topics/ with a title and summary.',
};

const DAY = 86_400_000;
/** Each section in a word or two, for the per-source summary. */
const SHORT: Record<HealthSection, string> = {
  stale: 'stale',
  seedlings: 'seedlings',
  orphans: 'orphans',
  brokenLinks: 'broken links',
  contentWarnings: 'content warnings',
  topicsWithoutCourse: 'topics without course',
  coursesWithoutNotes: 'courses without notes',
  unowned: 'unowned',
  unknownPeople: 'unknown authors',
  tagTopics: 'tag topics',
};
const byTitle = (a: HealthItem, b: HealthItem) => compareTitles(a.title, b.title);

/** `YYYY-MM-DD` of a date (UTC). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The date `months` calendar months before `now`, as `YYYY-MM-DD`. */
export function monthsBefore(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  return isoDay(d);
}

/** Builds the report from the model, the graph and the link warnings, as of `now`. */
export function buildHealth(
  model: GardenModel,
  graph: Graph,
  warnings: readonly Problem[],
  thresholds: HealthThresholds,
  now: Date = new Date(),
  contentWarnings: readonly Problem[] = [],
): HealthReport {
  const { stale, undated, pages } = stalePages(model, monthsBefore(now, thresholds.staleMonths));
  const seedlings = oldSeedlings(model, isoDay(new Date(now.getTime() - thresholds.seedlingDays * DAY)));

  const linkedTo = (n: PageNode) => graph.backlinks.has(keyOf(n));
  const orphans: HealthItem[] = [];
  for (const n of model.notes) if (!linkedTo(n) && n.lessons.length === 0) orphans.push(item(n, { code: 'note' }));
  for (const c of model.courses) if (!linkedTo(c) && c.paths.length === 0) orphans.push(item(c, { code: 'courseInNoPath' }));

  const topicsWithoutCourse = model.topics
    .filter((t) => t.notes.length > 0 && t.paths.length + t.courses.length + t.lessons.length === 0)
    .sort((a, b) => b.notes.length - a.notes.length || compareTitles(a.title, b.title))
    .map((t) => item(t, { code: 'topicNotes', count: t.notes.length }));

  const coursesWithoutNotes: HealthItem[] = [];
  for (const c of model.courses) {
    const hasNotes = (graph.backlinks.get(keyOf(c))?.community.length ?? 0) > 0 || c.lessons.some((l) => l.notes.length > 0 || (graph.backlinks.get(keyOf(l))?.community.length ?? 0) > 0);
    if (!hasNotes) coursesWithoutNotes.push(item(c, { code: 'courseLessons', count: c.lessons.length }));
  }

  const tagTopics = model.topics
    .filter((t) => !t.entry)
    .sort((a, b) => b.notes.length - a.notes.length || compareTitles(a.title, b.title))
    .map((t) => item(t, { code: 'tagTopic', count: t.notes.length, file: `topics/${t.id}.md` }));

  const sourceOfFile = new Map<string, string>();
  for (const n of model.byKey.values()) if ('entry' in n && n.entry) sourceOfFile.set(n.entry.file, n.entry.source);
  const sourceNames = [...new Set(sourceOfFile.values())];
  const finding = ({ file, line, message, hint }: Problem): HealthLink => {
    // A file that is not a page (an image kept back) is named `<source>:<path>` in a repository source.
    const source = sourceOfFile.get(file) ?? sourceNames.find((name) => file.startsWith(`${name}:`));
    return source === undefined ? { file, line, message, hint } : { source, file, line, message, hint };
  };
  const brokenLinks = sortProblems(warnings).map(finding);
  const report: Omit<HealthReport, 'bySource'> = {
    date: isoDay(now),
    thresholds: { ...thresholds },
    totals: { pages, links: graph.linkCount, undated },
    stale,
    seedlings,
    orphans: orphans.sort(byTitle),
    brokenLinks,
    contentWarnings: sortProblems(contentWarnings).map(finding),
    topicsWithoutCourse,
    coursesWithoutNotes: coursesWithoutNotes.sort(byTitle),
    unowned: unownedPages(model),
    unknownPeople: unknownPeople(model),
    tagTopics,
  };
  return { ...report, bySource: countBySource(report) };
}

/** The source a finding is counted under. */
function sourceOfFinding(section: HealthSection, finding: HealthItem | HealthLink | HealthReport['unknownPeople'][number]): string[] {
  if (section === 'unknownPeople') return [...new Set((finding as HealthReport['unknownPeople'][number]).notes.map((n) => n.source ?? GARDEN_WIDE))];
  return [(finding as HealthItem | HealthLink).source ?? GARDEN_WIDE];
}

/** Findings per source and section, most first, then by name. */
function countBySource(report: Omit<HealthReport, 'bySource'>): SourceCounts[] {
  const by = new Map<string, SourceCounts>();
  for (const [section] of HEALTH_SECTIONS) {
    for (const finding of report[section]) {
      for (const source of sourceOfFinding(section, finding)) {
        let c = by.get(source);
        if (!c) by.set(source, (c = { source, total: 0, counts: {} }));
        c.total++;
        c.counts[section] = (c.counts[section] ?? 0) + 1;
      }
    }
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.source.localeCompare(b.source));
}

/**
 * A section's findings grouped by source, in the order of `bySource` (most findings first), so a
 * page or a terminal can show a few of each source instead of the first few of the largest.
 */
export function groupBySource<T extends HealthItem | HealthLink>(report: HealthReport, findings: readonly T[]): Array<{ source: string; findings: T[] }> {
  const groups = new Map<string, T[]>(report.bySource.map((s) => [s.source, []]));
  for (const f of findings) {
    const source = f.source ?? GARDEN_WIDE;
    const list = groups.get(source);
    if (list) list.push(f);
    else groups.set(source, [f]);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([source, list]) => ({ source, findings: list }));
}

/** A page as a finding of the report. */
function item(n: PageNode, reason: HealthReason): HealthItem {
  const entry = 'entry' in n && n.entry ? n.entry : undefined;
  const detail = englishReason(reason);
  return entry
    ? { key: keyOf(n), title: titleOf(n), route: routeOfNode(n), file: entry.file, detail, reason, source: entry.source }
    : { key: keyOf(n), title: titleOf(n), route: routeOfNode(n), file: undefined, detail, reason };
}

/** Pages (people aside) last updated before `staleBefore`, oldest first; with the number of pages and of pages without a date. */
function stalePages(model: GardenModel, staleBefore: string): { stale: HealthItem[]; undated: number; pages: number } {
  const stale: Array<[string, HealthItem]> = [];
  let undated = 0;
  let pages = 0;
  for (const n of model.byKey.values()) {
    if (!('entry' in n) || !n.entry) continue;
    pages++;
    if (n.entry.kind === 'person') continue;
    const updated = n.entry.updated ?? (n.entry.data as { created?: string }).created;
    if (!updated) undated++;
    else if (updated < staleBefore) stale.push([updated, item(n, { code: 'updated', date: updated })]);
  }
  stale.sort((a, b) => a[0].localeCompare(b[0]) || byTitle(a[1], b[1]));
  return { stale: stale.map(([, i]) => i), undated, pages };
}

/** Notes still seedlings since before `seedBefore`, oldest first. */
function oldSeedlings(model: GardenModel, seedBefore: string): HealthItem[] {
  const seedlings: Array<[string, HealthItem]> = [];
  for (const n of model.notes) {
    if (n.entry.data.stage !== 'seedling') continue;
    const touched = n.entry.updated ?? n.entry.data.created;
    if (touched && touched < seedBefore) seedlings.push([touched, item(n, { code: 'seedling', date: touched })]);
  }
  seedlings.sort((a, b) => a[0].localeCompare(b[0]) || byTitle(a[1], b[1]));
  return seedlings.map(([, i]) => i);
}

/** Paths and courses without owners and notes without authors, by title. */
function unownedPages(model: GardenModel): HealthItem[] {
  const unowned: HealthItem[] = [];
  for (const p of model.paths) if (p.owners.length === 0) unowned.push(item(p, { code: 'pathWithoutOwners' }));
  for (const c of model.courses) if (c.owners.length === 0) unowned.push(item(c, { code: 'courseWithoutOwners' }));
  for (const n of model.notes) if (n.authors.length === 0) unowned.push(item(n, { code: 'noteWithoutAuthors' }));
  return unowned.sort(byTitle);
}

/** Authors named on notes who have no person page, by name, each with their notes by title. */
function unknownPeople(model: GardenModel): HealthReport['unknownPeople'] {
  const unknown = new Map<string, HealthItem[]>();
  for (const n of model.notes) {
    for (const a of n.authors) {
      if (typeof a !== 'string') continue;
      const list = unknown.get(a);
      if (list) list.push(item(n, { code: 'note' }));
      else unknown.set(a, [item(n, { code: 'note' })]);
    }
  }
  return [...unknown.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([name, notes]) => ({ name, notes: notes.sort(byTitle) }));
}

/** True when findings come from two sources or more (what belongs to none aside): then they are shown per source. */
export function hasSeveralSources(report: HealthReport): boolean {
  return report.bySource.filter((s) => s.source !== GARDEN_WIDE).length > 1;
}

/** How many findings a section has. */
export function countOf(report: HealthReport, section: (typeof HEALTH_SECTIONS)[number][0]): number {
  return report[section].length;
}

/** The report as a readable summary for a terminal: a line per section, then up to `limit` items under each. */
export function formatHealth(report: HealthReport, limit = 10): string {
  const out: string[] = [];
  const total = HEALTH_SECTIONS.reduce((s, [k]) => s + countOf(report, k), 0);
  out.push(`Content health on ${report.date}: ${report.totals.pages} pages, ${report.totals.links} links between them, ${total} finding${total === 1 ? '' : 's'}`);
  // With findings in several sources, a summary per source first, and each section's findings by source.
  const perSource = hasSeveralSources(report);
  if (perSource) {
    out.push('', 'Findings per source:');
    for (const s of report.bySource) {
      const parts = HEALTH_SECTIONS.filter(([k]) => s.counts[k]).map(([k]) => `${SHORT[k]} ${s.counts[k]!.toLocaleString('en')}`);
      out.push(`  ${s.source}: ${s.total.toLocaleString('en')} (${parts.join(', ')})`);
    }
  }
  const lineOf = (f: HealthItem | HealthLink) =>
    'message' in f ? `${f.line ? `${f.file}:${f.line}` : f.file} → ${f.message}${f.hint ? ` (${f.hint})` : ''}` : `${f.file ?? f.route}  ${f.title} (${f.detail})`;
  const list = (lines: string[], indent: string, more: string) => {
    for (const l of lines.slice(0, limit)) out.push(`${indent}- ${l}`);
    if (lines.length > limit) out.push(`${indent}… and ${(lines.length - limit).toLocaleString('en')} more${more} (see the JSON)`);
  };
  for (const [key, heading] of HEALTH_SECTIONS) {
    const n = countOf(report, key);
    out.push('', `${heading}: ${n === 0 ? 'none' : n}`);
    if (n === 0) continue;
    out.push(`  ${HEALTH_HELP[key](report.thresholds)}`);
    if (key === 'unknownPeople') {
      list(
        report.unknownPeople.map((p) => `"${p.name}" on ${p.notes.map((i) => i.file ?? i.title).join(', ')}`),
        '  ',
        '',
      );
      continue;
    }
    const groups = groupBySource(report, report[key] as Array<HealthItem | HealthLink>);
    if (!perSource || groups.length < 2) {
      list(
        groups.flatMap((g) => g.findings.map(lineOf)),
        '  ',
        '',
      );
      continue;
    }
    for (const g of groups) {
      out.push(`  ${g.source} (${g.findings.length.toLocaleString('en')}):`);
      list(g.findings.map(lineOf), '    ', ` in ${g.source}`);
    }
  }
  if (report.totals.undated > 0) out.push('', `${report.totals.undated} page(s) have no date (not under git, no \`updated\`), so they are never called stale.`);
  return out.join('\n');
}
