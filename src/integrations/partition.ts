/**
 * One site built by several machines: `GROVE_PARTITION=<i>/<n>` makes a build render only the routes
 * partition `i` of `n` owns and index only those pages, as search shards of their own; `npm run merge`
 * then puts the partitions' `dist/` folders together into one site with one search (./merge.ts).
 * Every partition loads the whole garden (links, backlinks and lists need all of it; it is the cheap
 * part), so each page is exactly what a single build writes. The design, and a GitHub Actions matrix
 * that runs it: docs/scale.md.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shardOf } from './pagefind.ts';
import { GardenError } from '../garden/core/problems.ts';

/** Which part of the site a build renders. */
export interface Partition {
  index: number;
  count: number;
}

/** Most partitions: each has its own search shards, numbered apart (see `shardFolder` in ./pagefind.ts). */
export const MAX_PARTITIONS = 64;

/**
 * The partition `GROVE_PARTITION` names (`2/4` is the third of four), or undefined when it is not set.
 * Throws a message naming the variable, what it got and what it takes.
 */
export function partitionOf(env: NodeJS.ProcessEnv = process.env): Partition | undefined {
  const text = env.GROVE_PARTITION?.trim();
  if (!text) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > MAX_PARTITIONS || index >= count) {
    throw new GardenError('Grove cannot build this partition', [
      {
        file: 'GROVE_PARTITION',
        message: `must be <index>/<count> with 0 ≤ index < count ≤ ${MAX_PARTITIONS}, for example 0/4 (got ${JSON.stringify(text)})`,
        hint: 'set it to one partition per machine (0/4, 1/4, 2/4, 3/4), or unset it to build the whole site',
        severity: 'error',
      },
    ]);
  }
  return { index, count };
}

/** The partition that renders a route (its path as served, base included): FNV-1a of the path, as search shards are chosen. */
export function ownerOf(pathname: string, count: number): number {
  return shardOf(pathname, count);
}

/** What a partition writes for a route another one renders; removed from its dist/ after the build. */
export const NOT_MINE = '<!-- grove: rendered by another partition -->';

/** Removes the placeholders of routes other partitions render; returns how many it removed. */
export function removePlaceholders(dist: string): number {
  const size = Buffer.byteLength(NOT_MINE);
  let removed = 0;
  for (const d of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (!d.isFile()) continue;
    const file = join(d.parentPath, d.name);
    if (statSync(file).size === size && readFileSync(file, 'utf8') === NOT_MINE) {
      rmSync(file);
      removed++;
    }
  }
  return removed;
}

/**
 * The Astro integration: with `GROVE_PARTITION` set, a middleware answers the routes of other
 * partitions with a placeholder before their page runs (./partition-middleware.ts), and the
 * placeholders are removed after the build, before Pagefind indexes what is left. Without it, nothing.
 */
export function sitePartition(partition: Partition | undefined): AstroIntegration {
  return {
    name: 'grove:partition',
    hooks: {
      'astro:config:setup': ({ addMiddleware, command }) => {
        if (partition && command === 'build') addMiddleware({ entrypoint: new URL('./partition-middleware.ts', import.meta.url), order: 'pre' });
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!partition) return;
        const removed = removePlaceholders(fileURLToPath(dir));
        logger.info(`partition ${partition.index}/${partition.count}: left out ${removed} routes other partitions render`);
      },
    },
  };
}
