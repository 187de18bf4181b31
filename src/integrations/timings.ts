/**
 * Post-build step: logs how long each phase of the build took and, when `GROVE_TIMINGS` names a
 * file, writes the timings and the peak memory there as JSON (the benchmark reads it).
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { addTiming, timings } from '../garden/core/timings.ts';

/** Records phase boundaries Astro announces and reports them when the build is done. */
export function buildTimings(): AstroIntegration {
  let buildStart = 0;
  let loopStart: EventLoopUtilization | undefined;
  let renderLoop: EventLoopUtilization | undefined;
  return {
    name: 'grove:timings',
    hooks: {
      'astro:build:start': () => {
        buildStart = performance.now();
        loopStart = performance.eventLoopUtilization();
      },
      'astro:build:generated': () => {
        addTiming('render', performance.now() - buildStart);
        renderLoop = performance.eventLoopUtilization(loopStart);
      },
      'astro:build:done': ({ logger }) => {
        const t = timings();
        const report = {
          phases: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])),
          processMs: Math.round(performance.now()),
          // How much of the render phase Astro's one thread was busy rather than waiting (on the disk, mostly).
          ...(renderLoop ? { renderBusyMs: Math.round(renderLoop.active), renderUtilization: Number(renderLoop.utilization.toFixed(3)) } : {}),
          maxRssBytes: process.resourceUsage().maxRSS * 1024,
        };
        logger.info(
          Object.entries(report.phases)
            .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
            .join(' · '),
        );
        const file = process.env.GROVE_TIMINGS;
        if (file) writeFileSync(file, JSON.stringify(report, null, 2));
      },
    },
  };
}
