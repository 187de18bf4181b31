/**
 * `npm run merge`: the `dist/` folders of a split build (one per partition, ./partition.ts) put
 * together into one site with one search. Pages are each in one partition; what several partitions
 * wrote (styles, scripts, the 404 page's assets) must be byte for byte the same, which it is when
 * every partition built the same commit with the same settings. The search shards of every partition
 * are listed in one `pagefind/shards.json`, and the service worker is built again over the whole site.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { GardenError, type Problem } from '../garden/core/problems.ts';
import { buildServiceWorker, type OfflineReport } from './offline.ts';
import { SHARDS_FILE } from './pagefind.ts';

/** Files each partition writes for its own part, which the merge writes again for the whole. */
const REBUILT = new Set(['sw.js', `pagefind/${SHARDS_FILE}`]);

/** What a merge did. */
export interface MergeReport {
  parts: number;
  /** Files in the merged site. */
  files: number;
  /** Files more than one partition wrote (the same bytes in each). */
  shared: number;
  /** Search shards besides the first, as listed in `pagefind/shards.json`. */
  shards: string[];
  offline: OfflineReport;
  ms: number;
}

const sameBytes = (a: string, b: string): boolean => statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));

/** Merges the partitions' sites `parts` into `out` (emptied first) for a site served under `base`. */
export async function mergeSites(parts: readonly string[], out: string, base: string): Promise<MergeReport> {
  const started = performance.now();
  const problems: Problem[] = [];
  const shardLists: string[][] = [];
  // Each partition's indexed languages; undefined when one did not list them (the browser then filters by language).
  let languages: Set<string> | undefined = new Set();
  const seen = new Map<number, string>();
  let count: number | undefined;
  for (const part of parts) {
    const list = join(part, 'pagefind', SHARDS_FILE);
    if (!existsSync(list)) {
      problems.push({
        file: part,
        message: `is not the dist/ folder of a partition's build (it has no pagefind/${SHARDS_FILE})`,
        hint: 'build it with GROVE_PARTITION=<i>/<n> npm run build, then merge its dist/ folder',
        severity: 'error',
      });
      continue;
    }
    const listed = JSON.parse(readFileSync(list, 'utf8')) as { shards?: string[]; languages?: string[]; partition?: { index: number; count: number } };
    const p = listed.partition;
    if (!p) {
      problems.push({ file: part, message: 'is a whole site, not a partition of one', hint: 'merge only the dist/ folders of builds run with GROVE_PARTITION=<i>/<n>', severity: 'error' });
      continue;
    }
    if (count !== undefined && p.count !== count)
      problems.push({ file: part, message: `is partition ${p.index} of ${p.count}, the others are of ${count}`, hint: 'build every partition with the same count', severity: 'error' });
    count ??= p.count;
    const twice = seen.get(p.index);
    if (twice !== undefined) problems.push({ file: part, message: `is partition ${p.index}, as ${twice} is`, hint: 'merge each partition once', severity: 'error' });
    seen.set(p.index, part);
    shardLists.push(listed.shards ?? []);
    if (listed.languages) for (const l of listed.languages) languages?.add(l);
    else languages = undefined;
  }
  if (count !== undefined) {
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
    if (missing.length > 0)
      problems.push({
        file: parts.join(', '),
        message: `partition${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} ${missing.length > 1 ? 'are' : 'is'} missing: their pages would be missing from the site`,
        hint: 'build and merge every partition, 0 to count − 1',
        severity: 'error',
      });
  }
  if (problems.length > 0) throw new GardenError('Grove cannot merge these sites', problems);
  rmSync(out, { recursive: true, force: true });
  const from = new Map<string, string>();
  let shared = 0;
  for (const part of parts) {
    for (const d of readdirSync(part, { withFileTypes: true, recursive: true })) {
      if (!d.isFile()) continue;
      const src = join(d.parentPath, d.name);
      const rel = relative(part, src).split(sep).join('/');
      if (REBUILT.has(rel)) continue;
      const dest = join(out, rel);
      const earlier = from.get(rel);
      if (earlier !== undefined) {
        shared++;
        if (!sameBytes(earlier, src))
          problems.push({
            file: rel,
            message: `differs between ${earlier.slice(0, -rel.length)} and ${part}`,
            hint: 'build every partition from the same commit with the same settings',
            severity: 'error',
          });
        continue;
      }
      from.set(rel, src);
      mkdirSync(join(dest, '..'), { recursive: true });
      try {
        linkSync(src, dest);
      } catch {
        copyFileSync(src, dest);
      }
    }
  }
  if (!from.has('pagefind/pagefind.js')) {
    problems.push({
      file: parts.join(', '),
      message: 'no partition has the search runtime (pagefind/pagefind.js), which partition 0 writes',
      hint: 'merge every partition, 0 included',
      severity: 'error',
    });
  }
  if (problems.length > 0) throw new GardenError('Grove cannot merge these sites', problems);
  const byNumber = (s: string) => Number(/\d+/.exec(s)?.[0] ?? 0);
  const shards = [...new Set(shardLists.flat())].sort((a, b) => byNumber(a) - byNumber(b));
  writeFileSync(join(out, 'pagefind', SHARDS_FILE), `${JSON.stringify({ shards, ...(languages ? { languages: [...languages].sort() } : {}) })}\n`);
  const offline = await buildServiceWorker(out, base);
  return { parts: parts.length, files: from.size + REBUILT.size, shared, shards, offline, ms: performance.now() - started };
}
