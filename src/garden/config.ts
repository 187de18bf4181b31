/**
 * The one settings file, `garden.config.ts` (or the file `GARDEN_CONFIG` names): validated strictly,
 * so a typo in a key is an error naming the key, never silently ignored.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { GardenError, type Problem } from './problems.ts';
import { validate } from './validate.ts';

/** A source of content: for now a folder on disk holding `paths/ courses/ notes/ topics/ people/`. */
export const SourceSchema = z.strictObject({
  /** A short name for the source, used in messages and search filters. Required. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"'),
  /** The folder holding the garden content, relative to the settings file. Required. */
  path: z.string().min(1),
});

/** The garden's settings. */
export const GardenConfigSchema = z.strictObject({
  /** The site's name, shown in the header and the browser tab. Default: "Grove". */
  title: z.string().min(1).default('Grove'),
  /** One sentence describing the site, for the home page and search engines. Default: none. */
  description: z.string().default('Learning paths, courses and notes from across the organisation, in one place.'),
  /** The full URL the site is served from (`https://intranet.example/learning/`). Default: none. */
  site: z.url({ error: (i) => `expected a full URL such as "https://intranet.example/learning/", got ${JSON.stringify(i.input)}` }).optional(),
  /** The path the site lives under on its host (`/learning/`). Default: `/`. */
  base: z
    .string()
    .regex(/^\/([^\s?#/]+\/)*$/, 'must start and end with "/", like "/learning/", with no empty segment')
    .default('/'),
  /** Where content comes from, in order of precedence. Default: the local `content/` folder. */
  sources: z.array(SourceSchema).min(1).default([{ name: 'local', path: './content' }]),
});

/** Settings as written (fields with defaults may be left out). */
export type GardenConfigInput = z.input<typeof GardenConfigSchema>;
/** Validated settings, with absolute source folders. */
export type GardenConfig = z.output<typeof GardenConfigSchema> & {
  /** The folder the settings file is in; relative paths start here. */
  root: string;
  /** The settings file, relative to the working folder, for messages. */
  file: string;
};
/** A validated source, with its folder made absolute. */
export type Source = z.output<typeof SourceSchema> & { dir: string };

/** Declares the settings with type checking in editors; returns them unchanged. */
export function defineGarden(config: GardenConfigInput): GardenConfigInput {
  return config;
}

/** Validates settings already loaded; throws a GardenError naming each bad key. */
export function parseConfig(input: unknown, file: string, root: string): GardenConfig {
  const result = validate(GardenConfigSchema, input, file);
  if (!result.ok) throw new GardenError(`Grove's settings in ${file} are not valid`, result.problems);
  const names = new Set<string>();
  const problems: Problem[] = [];
  result.value.sources.forEach((s, i) => {
    if (names.has(s.name)) {
      problems.push({ file, field: `sources.${i}.name`, message: `"${s.name}" is used by two sources`, hint: 'give each source its own name', severity: 'error' });
    }
    names.add(s.name);
  });
  if (problems.length) throw new GardenError(`Grove's settings in ${file} are not valid`, problems);
  return { ...result.value, root, file };
}

/** The absolute folder of each source. */
export function sourcesOf(config: GardenConfig): Source[] {
  return config.sources.map((s) => ({ ...s, dir: resolve(config.root, s.path) }));
}

/** The settings file to use: `GARDEN_CONFIG` when set, else `garden.config.ts` in `cwd`. */
export function configPath(cwd = process.cwd(), env = process.env): string {
  const chosen = env.GARDEN_CONFIG;
  if (chosen) return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  for (const name of ['garden.config.ts', 'garden.config.mjs', 'garden.config.js']) {
    const p = resolve(cwd, name);
    if (existsSync(p)) return p;
  }
  return resolve(cwd, 'garden.config.ts');
}

/** Loads and validates the settings file (a module whose default export is the settings). */
export async function loadConfig(cwd = process.cwd(), env = process.env): Promise<GardenConfig> {
  const file = configPath(cwd, env);
  const shown = file.startsWith(cwd + sep) ? file.slice(cwd.length + 1) : file;
  if (!existsSync(file)) {
    throw new GardenError(`Grove cannot find its settings`, [
      {
        file: shown,
        message: 'this file does not exist',
        hint: env.GARDEN_CONFIG ? 'check the GARDEN_CONFIG variable' : 'create garden.config.ts (see the README)',
        severity: 'error',
      },
    ]);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    throw new GardenError(`Grove cannot load its settings`, [
      { file: shown, message: (err as Error).message.split('\n')[0] ?? String(err), hint: 'fix the error in the file', severity: 'error' },
    ]);
  }
  if (mod.default === undefined) {
    throw new GardenError(`Grove cannot load its settings`, [
      { file: shown, message: 'has no default export', hint: 'end it with `export default defineGarden({ … })`', severity: 'error' },
    ]);
  }
  return parseConfig(mod.default, shown, resolve(file, '..'));
}
