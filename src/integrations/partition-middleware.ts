/**
 * With `GROVE_PARTITION` set (./partition.ts), answers a route another partition renders with a
 * placeholder before its page runs, so this build spends nothing on it; the placeholders are removed
 * after the build. Added by the `sitePartition` integration in builds only.
 */
import { defineMiddleware } from 'astro:middleware';
import { NOT_MINE, ownerOf, partitionOf } from './partition.ts';

const partition = partitionOf();

/** Astro middleware: the routes of other partitions are not rendered here. */
export const onRequest = defineMiddleware((context, next) => {
  if (!partition || ownerOf(new URL(context.url).pathname, partition.count) === partition.index) return next();
  return new Response(NOT_MINE, { headers: { 'content-type': 'text/html; charset=utf-8' } });
});
