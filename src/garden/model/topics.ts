/**
 * Building the model, topics: a node per topic file, a topic per new tag or expertise of informal
 * content, each topic's parent and sub-topics, and which pages are on each topic.
 */
import type { AnyEntry, Entry } from '../content/entries.ts';
import { routeOf, slugify, type PageId } from '../core/ids.ts';
import { hintForIds } from '../core/problems.ts';
import type { CourseNode, LessonNode, NoteNode, PathNode, TopicNode } from './model.ts';
import { entriesOf, findCycle, type ModelProblems } from './references.ts';

/** The topics of a garden while the model is built, and how pages name them. */
export interface Topics {
  /** By id, topic files first, then topics created by tags and expertise in the order they were named. */
  byId: Map<string, TopicNode>;
  /** Looks a topic up by id or alias, trying the referring page's source prefix first. */
  find(name: string, e?: AnyEntry): TopicNode | undefined;
  /** The topics a page names in `field`: formal content must name existing topics (`create` false); informal content creates them. */
  named(e: AnyEntry, field: string, names: readonly string[], create: boolean): TopicNode[];
}

function topicNode(id: PageId, title: string, entry?: Entry<'topic'>): TopicNode {
  return { kind: 'topic', id, route: routeOf('topic', id), title, entry, children: [], paths: [], courses: [], lessons: [], notes: [], experts: [] };
}

/** A node for every topic file, with its parent and sub-topics; other pages' topics are looked up (or created) through the result. */
export function topicNodes(entries: readonly AnyEntry[], problems: ModelProblems): Topics {
  const byId = new Map<string, TopicNode>();
  for (const entry of entriesOf(entries, 'topic')) byId.set(entry.id, topicNode(entry.id, entry.title, entry));
  const declaredIds = [...byId.keys()];
  // A topic may be named by id or alias; aliases map to ids.
  const alias = new Map<string, string>();
  for (const t of byId.values()) for (const a of t.entry?.data.aliases ?? []) alias.set(slugify(a), t.id);
  const find = (name: string, e?: AnyEntry) => {
    const id = slugify(name);
    const own = e?.idPrefix ? byId.get(`${e.idPrefix}-${id}`) : undefined;
    return own ?? byId.get(id) ?? byId.get(alias.get(id) ?? '');
  };
  const named = (e: AnyEntry, field: string, names: readonly string[], create: boolean): TopicNode[] => {
    const out: TopicNode[] = [];
    for (const name of names) {
      let t = find(name, e);
      if (!t && create && slugify(name)) {
        t = topicNode(slugify(name) as PageId, name);
        byId.set(t.id, t);
      }
      if (!t) problems.err(e, field, `no topic "${name}"`, hintForIds(slugify(name), declaredIds, 'topics'));
      else if (!out.includes(t)) out.push(t);
    }
    return out;
  };
  linkParents(byId, find, declaredIds, problems);
  return { byId, find, named };
}

/** Sets each topic file's `parent` and its parent's `children`; a parent that is missing, the topic itself or in a cycle is reported and dropped. */
function linkParents(byId: Map<string, TopicNode>, find: Topics['find'], declaredIds: string[], problems: ModelProblems): void {
  for (const t of byId.values()) {
    const parent = t.entry?.data.parent;
    if (!parent) continue;
    const p = find(parent);
    if (!p) problems.err(t.entry!, 'parent', `no topic "${parent}"`, hintForIds(slugify(parent), declaredIds, 'topics'));
    else if (p === t) problems.err(t.entry!, 'parent', 'a topic cannot be its own parent', `remove \`parent: ${parent}\``);
    else t.parent = p;
  }
  const cycle = findCycle(new Map([...byId.values()].map((t) => [t.id as string, t.parent ? [t.parent.id as string] : []])));
  if (cycle) {
    const t = byId.get(cycle[0]!)!;
    problems.err(t.entry!, 'parent', `topics form a cycle: ${cycle.join(' → ')}`, 'a topic cannot be its own ancestor; remove one `parent`');
    for (const id of cycle) byId.get(id)!.parent = undefined;
  }
  for (const t of byId.values()) t.parent?.children.push(t);
}

/** Puts every page on its topics' lists; a lesson is listed on a topic only when its course is not. */
export function addTopicMembers(pages: { paths: PathNode[]; courses: Iterable<CourseNode>; lessons: Iterable<LessonNode>; notes: Iterable<NoteNode> }): void {
  for (const p of pages.paths) for (const t of p.topics) t.paths.push(p);
  for (const c of pages.courses) for (const t of c.topics) t.courses.push(c);
  for (const l of pages.lessons) for (const t of l.topics) if (!l.course.topics.includes(t)) t.lessons.push(l);
  for (const n of pages.notes) for (const t of n.topics) t.notes.push(n);
}
