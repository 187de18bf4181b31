/**
 * What every step of building the model shares: the problems found so far, how a page's reference
 * to another page is looked up (by id, trying the page's own source first) and reported when it
 * points nowhere, and the cycle check for references that must not loop (topic parents, prerequisites).
 */
import type { AnyEntry, Entry } from '../content/entries.ts';
import { slugify } from '../core/ids.ts';
import type { Problem } from '../core/problems.ts';
import type { Kind } from '../core/kinds.ts';

/** The problems found while joining pages, in the order they were found (errors fail the build). */
export interface ModelProblems {
  list: Problem[];
  /** Reports an error in one frontmatter field of a page, on that field's line. */
  err(e: AnyEntry, field: string, message: string, hint?: string): void;
}

/** An empty list of problems to report into. */
export function modelProblems(): ModelProblems {
  const list: Problem[] = [];
  return {
    list,
    err: (e, field, message, hint) => {
      list.push({ file: e.file, line: e.lines[field], field, message, hint, severity: 'error' });
    },
  };
}

/** Looks an id up, trying the referring page's source prefix first (`git` in source team-a → `team-a-git`). */
export function findRef<T>(map: Map<string, T>, e: AnyEntry, id: string): T | undefined {
  return (e.idPrefix ? map.get(`${e.idPrefix}-${slugify(id)}`) : undefined) ?? map.get(slugify(id));
}

/** The entries of one kind, in the order they were read. */
export function entriesOf<K extends Kind>(entries: readonly AnyEntry[], k: K): Entry<K>[] {
  return entries.filter((e): e is Entry<K> & AnyEntry => e.kind === k) as unknown as Entry<K>[];
}

/** Finds a cycle in a directed graph given as adjacency lists; returns it as a list of ids, first repeated last. */
export function findCycle(edges: Map<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      if (!edges.has(m)) continue;
      if (state.get(m) === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...edges.keys()].sort()) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return undefined;
}
