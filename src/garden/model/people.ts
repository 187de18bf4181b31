/**
 * Building the model, people: a node per person, what they own, wrote and know, and who the experts
 * on each topic are (ranked again once the git history credits people with their commits).
 */
import type { AnyEntry } from '../content/entries.ts';
import { compareTitles, slugify } from '../core/ids.ts';
import { hintForIds } from '../core/problems.ts';
import { titleOf, topicsOf, type CourseNode, type ExpertReason, type GardenModel, type PageNode, type PathNode, type PersonNode, type TopicNode } from './model.ts';
import { entriesOf, findRef, type ModelProblems } from './references.ts';
import type { Topics } from './topics.ts';

/** The people of a garden while the model is built, and how pages name them. */
export interface People {
  byId: Map<string, PersonNode>;
  /** The people a page names in `field` (owners); an id that names nobody is reported. */
  named(e: AnyEntry, field: string, ids: readonly string[]): PersonNode[];
}

/** A node for every person file. */
export function personNodes(entries: readonly AnyEntry[], problems: ModelProblems): People {
  const byId = new Map<string, PersonNode>();
  for (const entry of entriesOf(entries, 'person')) byId.set(entry.id, { kind: 'person', entry, expertise: [], owns: { paths: [], courses: [] }, wrote: [], contributed: [], expertOn: [] });
  const ids = [...byId.keys()];
  const named = (e: AnyEntry, field: string, wanted: readonly string[]): PersonNode[] => {
    const out: PersonNode[] = [];
    for (const id of wanted) {
      const p = findRef(byId, e, id);
      if (!p) problems.err(e, field, `no person "${id}"`, hintForIds(slugify(id), ids, 'people'));
      else if (!out.includes(p)) out.push(p);
    }
    return out;
  };
  return { byId, named };
}

/** Each person's declared expertise: informal, so a topic no file declares is created. */
export function addExpertise(people: People, topics: Topics): void {
  for (const p of people.byId.values()) p.expertise = topics.named(p.entry, 'expertise', p.entry.data.expertise, true);
}

/** Puts every path and course on its owners' lists. */
export function addOwnership(paths: readonly PathNode[], courses: Iterable<CourseNode>): void {
  for (const p of paths) for (const o of p.owners) o.owns.paths.push(p);
  for (const c of courses) for (const o of c.owners) o.owns.courses.push(c);
}

/** Weights of the reasons someone is an expert on a topic; contributions count a page each, up to a cap. */
export const EXPERT_WEIGHTS = { declared: 3, owns: 2, wrote: 1, contributed: 1, contributedCap: 3 } as const;

/**
 * Ranks each topic's experts: declared expertise, owning its courses and paths, writing its notes,
 * and (given the git history) commits to its pages they neither own nor wrote. `contributions` maps
 * a topic to the number of its pages each person committed to. Best first, ties by name.
 */
export function rankExperts(model: Pick<GardenModel, 'topics' | 'people'>, contributions: Map<TopicNode, Map<PersonNode, number>> = new Map()): void {
  const declared = new Map<TopicNode, PersonNode[]>();
  for (const p of model.people) for (const t of p.expertise) declared.set(t, [...(declared.get(t) ?? []), p]);
  for (const t of model.topics) {
    const score = new Map<PersonNode, { score: number; why: ExpertReason[] }>();
    const add = (p: PersonNode, s: number, why: ExpertReason) => {
      const cur = score.get(p) ?? { score: 0, why: [] };
      cur.score += s;
      if (!cur.why.includes(why)) cur.why.push(why);
      score.set(p, cur);
    };
    for (const p of declared.get(t) ?? []) add(p, EXPERT_WEIGHTS.declared, 'declared');
    for (const c of t.courses) for (const o of c.owners) add(o, EXPERT_WEIGHTS.owns, 'ownsCourse');
    for (const p of t.paths) for (const o of p.owners) add(o, EXPERT_WEIGHTS.owns, 'ownsPath');
    for (const n of t.notes) for (const a of n.authors) if (typeof a !== 'string') add(a, EXPERT_WEIGHTS.wrote, 'wrote');
    for (const [p, pages] of contributions.get(t) ?? []) {
      add(p, Math.min(pages, EXPERT_WEIGHTS.contributedCap) * EXPERT_WEIGHTS.contributed, 'contributed');
    }
    t.experts = [...score.entries()].map(([person, s]) => ({ person, ...s })).sort((a, b) => b.score - a.score || compareTitles(a.person.entry.title, b.person.entry.title));
  }
  for (const p of model.people) p.expertOn = [];
  for (const t of model.topics) t.experts.forEach((x, i) => x.person.expertOn.push({ topic: t, rank: i + 1, why: x.why }));
  for (const p of model.people) p.expertOn.sort((a, b) => a.rank - b.rank || compareTitles(a.topic.title, b.topic.title));
}

/**
 * Credits people with the pages they committed to, from each page's contributors (matched to people
 * by `whoIs`), and re-ranks every topic's experts with those contributions. One pass over the pages
 * and their contributors.
 */
export function addContributions(
  model: GardenModel,
  contributorsOf: (n: PageNode) => ReadonlyArray<{ name: string; email: string; commits: number }> | undefined,
  whoIs: (who: { name: string; email: string }) => PersonNode | undefined,
): void {
  const byTopic = new Map<TopicNode, Map<PersonNode, number>>();
  for (const p of model.people) p.contributed = [];
  for (const n of model.byKey.values()) {
    const list = contributorsOf(n);
    if (!list) continue;
    const credited = new Set<PersonNode>();
    // Owners and authors are already credited for the page; their commits to it add nothing more.
    const already = new Set<PersonNode>('owners' in n ? n.owners : 'authors' in n ? n.authors.filter((a): a is PersonNode => typeof a !== 'string') : []);
    for (const c of list) {
      const p = whoIs(c);
      if (!p || credited.has(p)) continue;
      credited.add(p);
      p.contributed.push({ page: n, commits: c.commits });
      if (already.has(p)) continue;
      for (const t of topicsOf(n)) {
        const m = byTopic.get(t) ?? new Map<PersonNode, number>();
        m.set(p, (m.get(p) ?? 0) + 1);
        byTopic.set(t, m);
      }
    }
  }
  for (const p of model.people) p.contributed.sort((a, b) => b.commits - a.commits || compareTitles(titleOf(a.page), titleOf(b.page)));
  rankExperts(model, byTopic);
}
