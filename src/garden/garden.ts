/**
 * The garden: settings → sources → entries → link index → model, built once per build and shared.
 * Astro loads the settings file, the content loader and the pages through different module graphs,
 * so the one built garden is kept on `globalThis`, not in a module variable.
 */
import { createHash } from 'node:crypto';
import { loadConfig, sourcesOf, type GardenConfig } from './config.ts';
import { findCollisions, readSource, type AnyEntry } from './entries.ts';
import { buildLinkIndex, type LinkIndex } from './links.ts';
import { buildModel, type GardenModel } from './model.ts';
import { throwIfErrors, type Problem } from './problems.ts';
import { timed } from './timings.ts';

/** A built garden: every page, the link index and the model. */
export interface Garden {
  config: GardenConfig;
  entries: AnyEntry[];
  /** Pages by absolute file path, for the Markdown plugin. */
  byAbs: Map<string, AnyEntry>;
  links: LinkIndex;
  model: GardenModel;
  /** Changes whenever a page is added, removed, renamed or retitled: rendered links depend on it. */
  linkDigest: string;
  /** Problems that did not fail the build. */
  warnings: Problem[];
}

/** Builds the garden from validated settings; throws one GardenError listing every problem. */
export function buildGarden(config: GardenConfig, cwd = process.cwd()): Garden {
  const entries: AnyEntry[] = [];
  const problems: Problem[] = [];
  timed('sources', () => {
    for (const source of sourcesOf(config)) {
      const r = readSource(source, cwd);
      entries.push(...r.entries);
      problems.push(...r.problems);
    }
    problems.push(...findCollisions(entries));
  });
  throwIfErrors('Grove cannot read the content', problems);
  const links = timed('model', () => buildLinkIndex(entries, config.base));
  const model = timed('model', () => buildModel(entries));
  const warnings = throwIfErrors('Grove found problems in the content', model.problems);
  const hash = createHash('sha1').update(config.base);
  for (const e of entries) hash.update(`${e.kind}\0${e.source}\0${e.path}\0${e.title}\0${e.kind === 'topic' ? e.data.aliases.join(',') : ''}\n`);
  return {
    config,
    entries,
    byAbs: new Map(entries.map((e) => [e.abs, e])),
    links,
    model,
    linkDigest: hash.digest('hex'),
    warnings,
  };
}

const KEY = Symbol.for('grove.garden');
type Slot = { garden?: Garden; pending?: Promise<Garden> };
const slot = (): Slot => ((globalThis as Record<symbol, Slot>)[KEY] ??= {});

/** The garden of this process, built on first use; `fresh` rebuilds it (the dev server does, on edits). */
export function loadGarden(options: { fresh?: boolean; config?: GardenConfig } = {}): Promise<Garden> {
  const s = slot();
  if (!options.fresh && s.pending) return s.pending;
  s.pending = (async () => {
    const config = options.config ?? (await loadConfig());
    const g = buildGarden(config);
    s.garden = g;
    return g;
  })();
  s.pending.catch(() => {
    s.pending = undefined;
  });
  return s.pending;
}

/** The garden already built in this process, if any (synchronous, for Markdown plugins). */
export function currentGarden(): Garden | undefined {
  return slot().garden;
}
