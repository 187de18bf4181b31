/**
 * Stage "model + graph → map": the data the `/map/` page draws, laid out once at build time so the
 * browser only draws. Topics are clusters placed along a spiral (a sub-topic right after its parent,
 * so they sit together); each cluster holds the courses and notes whose first topic it is, on a
 * sunflower pattern around the topic. O(pages + links), deterministic, and capped (nodes and edges)
 * so the page stays fast on a 10,000-page garden.
 */
import type { Graph } from './graph.ts';
import { keyOf, routeOfNode, titleOf, type CourseNode, type GardenModel, type NoteNode, type PageNode, type TopicNode } from './model.ts';
import { compareTitles } from '../core/ids.ts';

import { MAP_KINDS } from '../core/kinds.ts';

export { MAP_KINDS };

/** One node: `[kind, x, y, cluster, title, route]`; `cluster` is the index of its topic's node, or -1. */
export type MapNode = [kind: 0 | 1 | 2, x: number, y: number, cluster: number, title: string, route: string];

/** What `/map.json` holds. */
export interface MapData {
  /** Format version. */
  v: 1;
  nodes: MapNode[];
  /** Edges as pairs of node indexes, flattened: `[a0, b0, a1, b1, …]`. */
  edges: number[];
  /** Each cluster's centre and radius: `[node index of its topic (-1: no topic), x, y, r]`. */
  clusters: Array<[number, number, number, number]>;
  /** What was left out to stay within the caps. */
  omitted: { nodes: number; edges: number };
}

/** Caps: a 10,000-page garden fits; beyond, the least linked seedlings and links between notes go first. */
export const MAP_LIMITS = { nodes: 15_000, edges: 40_000 } as const;

const GOLDEN = Math.PI * (3 - Math.sqrt(5));
/** Spacing between neighbouring nodes in a cluster, in map units. */
const SPACING = 14;

/** Lays out the map of a garden. */
export function buildMap(model: GardenModel, graph: Graph, limits: { nodes: number; edges: number } = MAP_LIMITS): MapData {
  const order = topicOrder(model);
  const { notes, omitted } = notesOnMap(model, graph, Math.max(0, limits.nodes - order.length - model.courses.length));
  const { nodes, index, clusters } = layOut(order, clusterMembers(model, notes));
  const { edges, omittedEdges } = mapEdges(model, graph, order, index, limits.edges);
  return { v: 1, nodes, edges, clusters, omitted: { nodes: omitted, edges: omittedEdges } };
}

/** Topics in hierarchy order: each root by title, its sub-topics right after it. */
function topicOrder(model: GardenModel): TopicNode[] {
  const order: TopicNode[] = [];
  const visit = (t: TopicNode, seen: Set<TopicNode>) => {
    if (seen.has(t)) return;
    seen.add(t);
    order.push(t);
    for (const c of t.children) visit(c, seen);
  };
  const seen = new Set<TopicNode>();
  for (const t of model.topics) if (!t.parent) visit(t, seen);
  for (const t of model.topics) visit(t, seen);
  return order;
}

/** The notes that go on the map within `budget` (what topics and courses, always on it, leave): all, else the most linked. */
function notesOnMap(model: GardenModel, graph: Graph, budget: number): { notes: NoteNode[]; omitted: number } {
  const notes = [...model.notes];
  if (notes.length <= budget) return { notes, omitted: 0 };
  const weight = (n: NoteNode) =>
    (graph.backlinks.get(keyOf(n))?.community.length ?? 0) +
    (graph.backlinks.get(keyOf(n))?.curriculum.length ?? 0) * 2 +
    n.lessons.length * 2 +
    (n.entry.data.stage === 'evergreen' ? 2 : n.entry.data.stage === 'budding' ? 1 : 0);
  notes.sort((a, b) => weight(b) - weight(a) || compareTitles(titleOf(a), titleOf(b)));
  const omitted = notes.length - budget;
  notes.length = budget;
  return { notes, omitted };
}

/** Members of each cluster: the courses and notes whose first topic it is; the rest in a "no topic" cluster (`undefined`). */
function clusterMembers(model: GardenModel, notes: NoteNode[]): Map<TopicNode | undefined, Array<CourseNode | NoteNode>> {
  const members = new Map<TopicNode | undefined, Array<CourseNode | NoteNode>>();
  const put = (t: TopicNode | undefined, n: CourseNode | NoteNode) => {
    const list = members.get(t);
    if (list) list.push(n);
    else members.set(t, [n]);
  };
  for (const c of model.courses) put(c.topics[0], c);
  for (const n of notes) put(n.topics[0], n);
  return members;
}

/**
 * Places clusters of radius `r` along a spiral, each at the first spot that overlaps none placed
 * before (a grid finds neighbours); returns the next cluster's centre.
 */
function spiralPlacer(): (r: number) => [number, number] {
  const placed: Array<[number, number, number]> = [];
  const cell = 400;
  const grid = new Map<string, number[]>();
  // A cluster is filed under the cell of its centre only, so the search must reach as far as the largest one placed.
  let largest = 0;
  const fits = (x: number, y: number, r: number) => {
    const reach = Math.ceil((r + largest + SPACING) / cell);
    const gx = Math.floor(x / cell);
    const gy = Math.floor(y / cell);
    for (let i = gx - reach; i <= gx + reach; i++) {
      for (let j = gy - reach; j <= gy + reach; j++) {
        for (const k of grid.get(`${i},${j}`) ?? []) {
          const [px, py, pr] = placed[k]!;
          if (Math.hypot(px - x, py - y) < pr + r + SPACING) return false;
        }
      }
    }
    return true;
  };
  let angle = 0;
  return (r: number): [number, number] => {
    for (;;) {
      const dist = 6 * angle;
      const x = Math.cos(angle) * dist;
      const y = Math.sin(angle) * dist;
      if (placed.length === 0 || fits(x, y, r)) {
        const k = placed.push([x, y, r]) - 1;
        largest = Math.max(largest, r);
        const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
        const inCell = grid.get(key);
        if (inCell) inCell.push(k);
        else grid.set(key, [k]);
        return [x, y];
      }
      // Steps of about one node spacing along the spiral's arc.
      angle += Math.min(0.5, SPACING / Math.max(dist, 1));
    }
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** The nodes and clusters: each topic (in `order`, then "no topic") at the centre of its cluster, its members around it on a sunflower. */
function layOut(order: TopicNode[], members: Map<TopicNode | undefined, Array<CourseNode | NoteNode>>) {
  const nodes: MapNode[] = [];
  const index = new Map<PageNode, number>();
  const clusters: MapData['clusters'] = [];
  const place = spiralPlacer();
  const groups: Array<TopicNode | undefined> = [...order, undefined];
  for (const t of groups) {
    const list = members.get(t) ?? [];
    if (!t && list.length === 0) continue;
    // Courses first (nearest the topic), then notes; each by title, so the layout is stable.
    list.sort((a, b) => Number('prerequisites' in b) - Number('prerequisites' in a) || compareTitles(titleOf(a), titleOf(b)));
    const radius = SPACING * 2 + SPACING * Math.sqrt(list.length + 1);
    const [cx, cy] = place(radius);
    let centre = -1;
    if (t) {
      centre = nodes.push([0, round(cx), round(cy), -1, t.title, t.route]) - 1;
      nodes[centre]![3] = centre;
      index.set(t, centre);
    }
    clusters.push([centre, round(cx), round(cy), round(radius)]);
    list.forEach((n, i) => {
      // Sunflower: evenly spread at any count, nearest first.
      const r = SPACING * 2 + SPACING * Math.sqrt(i + 0.5);
      const a = i * GOLDEN;
      const kind = 'prerequisites' in n ? 1 : 2;
      index.set(n, nodes.push([kind, round(cx + Math.cos(a) * r), round(cy + Math.sin(a) * r), centre, titleOf(n), routeOfNode(n)]) - 1);
    });
  }
  return { nodes, index, clusters };
}

/** Edges: sub-topic to topic, a page to its other topics, then links (a lesson's count as its course's), up to `cap`. */
function mapEdges(model: GardenModel, graph: Graph, order: TopicNode[], index: Map<PageNode, number>, cap: number): { edges: number[]; omittedEdges: number } {
  const edges: number[] = [];
  const pairs = new Set<string>();
  let omittedEdges = 0;
  const edge = (a: PageNode | undefined, b: PageNode | undefined) => {
    if (!a || !b) return;
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) return;
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (pairs.has(key)) return;
    if (edges.length / 2 >= cap) {
      omittedEdges++;
      return;
    }
    pairs.add(key);
    edges.push(i, j);
  };
  for (const t of order) edge(t, t.parent);
  for (const [n] of index) if (n.kind !== 'topic' && n.kind !== 'person') for (const t of n.topics) edge(n, t);
  const onMap = (n: PageNode): PageNode | undefined => (n.kind === 'lesson' ? n.course : index.has(n) ? n : undefined);
  for (const [from, targets] of graph.outlinks) {
    const a = model.byKey.get(from);
    if (!a) continue;
    for (const b of targets) edge(onMap(a), onMap(b));
  }
  return { edges, omittedEdges };
}
