/**
 * Shared Playwright fixtures for the browser tests: import `test` and `expect` from here, not from
 * @playwright/test, so every test can run the accessibility pass with `await axe()`.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** One axe finding, as @axe-core/playwright returns it. */
type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** Options for one accessibility check. */
export interface A11yCheckOptions {
  /** CSS selectors of regions to leave out; say why at the call site. */
  exclude?: readonly string[];
  /** axe rule ids to skip; say why at the call site. */
  disableRules?: readonly string[];
}

/** The axe rule tags checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Serious and critical findings block a reader (no name on a control, unreadable contrast); minor
// and moderate ones are worth fixing but would make the suite too brittle to gate merges on.
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** Runs axe on the page as it is now and fails with one line per serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, options: A11yCheckOptions = {}): Promise<void> {
  // Legacy mode runs axe in the page itself instead of finishing in a second, blank page: the same
  // findings in half the time (measured 1.5-2.2 s → 0.7-1.0 s per page here). It skips only
  // cross-origin frames, and the site may load nothing from another host (DESIGN.md, "Pages").
  let builder = new AxeBuilder({ page }).withTags([...WCAG_TAGS]).setLegacyMode(true);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules !== undefined && options.disableRules.length > 0) {
    builder = builder.disableRules([...options.disableRules]);
  }
  const { violations } = await builder.analyze();
  const failing = violations.filter((v) => v.impact != null && FAILING_IMPACTS.has(v.impact));
  expect(failing.map(formatViolation), `serious or critical accessibility violations on ${page.url()}`).toEqual([]);
}

/** Formats a violation as `rule (impact): help — first offending elements — help URL`. */
function formatViolation(violation: AxeViolation): string {
  const shown = 3; // enough to find the component at fault without flooding the report
  const targets = violation.nodes.slice(0, shown).map((node) => node.target.join(' '));
  const more = violation.nodes.length > shown ? ` (+${violation.nodes.length - shown} more)` : '';
  return `${violation.id} (${violation.impact}): ${violation.help} — ${targets.join(', ')}${more} — ${violation.helpUrl}`;
}

/** Playwright's `test` with an `axe` fixture: `await axe()` checks the current page. */
export const test = base.extend<{ axe: (options?: A11yCheckOptions) => Promise<void> }>({
  axe: async ({ page }, use) => {
    await use((options) => expectNoSeriousA11yViolations(page, options));
  },
});

/** Playwright's expect, re-exported so tests import everything from this file. */
export { expect };
