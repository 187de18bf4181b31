/**
 * What the link plugin found on each page it rendered: the pages it links to and its broken links,
 * kept by file for whoever rendered the page (the content loader, the commands, the tests).
 */
import type { Problem } from '../core/problems.ts';

/** What rendering one page found out about its links. */
export interface LinkReport {
  /** Pages this page links to, by `kind:id`, in order of first appearance. */
  targets: string[];
  /** Links that point nowhere, one problem each. */
  problems: Problem[];
}

/** What the content collection stores of a page's links: its targets and the warnings they raised (kept with cached pages). */
export function linkDataOf(report: LinkReport | undefined): { links: string[]; warnings: Array<Pick<Problem, 'file' | 'line' | 'message' | 'hint'>> } {
  return {
    links: report?.targets ?? [],
    warnings: (report?.problems ?? []).filter((p) => p.severity === 'warning').map(({ file, line, message, hint }) => ({ file, line, message, hint })),
  };
}

// On `globalThis`, not in this module: in a site build the link plugin that writes a report is the one
// astro.config.mjs hands to Astro's Markdown processor, loaded with the config, while render-page.ts,
// which reads it, is loaded by the content loader; Astro loads the two through different module
// graphs, so each has its own copy of this module. One `Symbol.for` key is shared by both copies.
const REPORTS = Symbol.for('grove.linkReports');
/** Link reports by absolute file path, filled as pages render. */
export function linkReports(): Map<string, LinkReport> {
  const g = globalThis as Record<symbol, Map<string, LinkReport>>;
  return (g[REPORTS] ??= new Map());
}
