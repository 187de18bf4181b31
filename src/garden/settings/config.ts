/**
 * The one settings file, `garden.config.ts` (or the file `GARDEN_CONFIG` names): validated strictly,
 * so a typo in a key is an error naming the key, never silently ignored.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { GardenError, type Problem } from '../core/problems.ts';
import { validate } from '../core/validate.ts';
import { XapiFields } from './xapi.ts';
import { closest } from '../core/near.ts';
import { UI_KEYS } from '../../i18n/languages.ts';
import { placeholdersOf } from '../../i18n/format.ts';
import { en } from '../../i18n/catalogues/en.ts';

/** A BCP 47 language tag, as far as Grove checks one (`de`, `he`, `pt-BR`); the same test as the frontmatter's `lang`. */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** The kinds of git host whose web editor Grove can link to. */
export const HOSTS = ['github', 'gitlab', 'gitea', 'bitbucket'] as const;

/** True for an absolute http(s) address as a browser reads it (leading spaces, tabs and newlines ignored). */
export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The Markdown dialects Grove reads links in; `auto` detects one from the repository. */
export const DIALECTS = ['auto', 'obsidian', 'dendron', 'foam', 'gfm'] as const;

/**
 * The note fields a source's `fields` setting may map a foreign key to (the keys of the note schema
 * in content/schemas.ts, which a test keeps equal; settings come before content, so it is listed here).
 */
export const NOTE_FIELD_NAMES = ['title', 'summary', 'kind', 'stage', 'topics', 'tags', 'authors', 'lessons', 'aliases', 'reviewed', 'lang', 'translationOf', 'created', 'updated'] as const;

/**
 * Foreign keys a `notes` layout source reads as Grove's fields without being told, as the tools
 * that write them use them: Dendron's `desc`, Hugo's and Jekyll's `description`, `date`, `lastmod`
 * and `author`, Obsidian's `alias`. A source's own `fields` are added over these.
 */
export const DEFAULT_NOTES_FIELDS: Readonly<Record<string, (typeof NOTE_FIELD_NAMES)[number]>> = {
  description: 'summary',
  desc: 'summary',
  excerpt: 'summary',
  abstract: 'summary',
  tag: 'tags',
  keywords: 'tags',
  author: 'authors',
  alias: 'aliases',
  date: 'created',
  lastmod: 'updated',
  modified: 'updated',
  last_modified: 'updated',
};

/** A value git reads as an option when it starts with "-" (`--upload-pack=…` runs a command). */
const notAnOption = (what: string) => (v: string) => !v.startsWith('-') || `${JSON.stringify(v)} starts with "-", which git would read as an option; give ${what}`;

/**
 * A source of content: a folder of the project (`path`) or a git repository (`repo`), holding the
 * folders of `content/` (layout `garden`) or any tree of Markdown files (layout `notes`).
 */
export const SourceFields = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"')
    .meta({ description: 'A short name for the source, used in messages, the cache and search filters.' }),
  path: z.string().min(1).optional().meta({ description: 'A folder of this project holding the content, relative to the settings file.' }),
  repo: z
    .string()
    .min(1)
    .check(refineWith(notAnOption("the repository's URL (https://…, git@host:…, file://…)")))
    .optional()
    .meta({ description: 'A git repository, any URL git understands (https, ssh, file://), not starting with "-".' }),
  branch: z
    .string()
    .min(1)
    .check(refineWith(notAnOption('the branch\'s name, such as "main"')))
    .default('main')
    .meta({ description: 'The branch of `repo` to follow.' }),
  dir: z.string().min(1).default('.').meta({ description: 'The sub-folder of `repo` holding the content.', defaultText: "the repository's root" }),
  trust: z
    .enum(['trusted', 'untrusted'])
    .optional()
    .meta({ description: '`trusted` content may run code at build time (MDX imports); `untrusted` may not.', defaultText: 'trusted for `path`, untrusted for `repo`' }),
  editUrl: z
    .string()
    .min(1)
    .check(
      refineWith(
        (v) =>
          isHttpUrl(v.replace(/\{(path|branch|commit)\}/g, 'x')) ||
          `expected an http(s) address with {path}, {branch} or {commit}, such as "https://git.example/team/notes/edit/{branch}/{path}", got ${JSON.stringify(v)}`,
      ),
    )
    .optional()
    .meta({ description: 'Edit-link pattern, an http(s) address with {path}, {branch} and {commit}.', defaultText: 'derived from `repo` (or `web`) and `host`' }),
  web: z
    .string()
    .check(refineWith((v) => isHttpUrl(v) || `expected the repository's http(s) address, such as "https://git.example/team/notes", got ${JSON.stringify(v)}`))
    .optional()
    .meta({ description: "The repository's web address (http or https), when it cannot be derived from `repo` (a local `path` source).", defaultText: 'derived' }),
  host: z.enum(HOSTS).optional().meta({ description: 'The kind of git host, for self-hosted ones.', defaultText: 'known from the host name' }),
  prefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"')
    .optional()
    .meta({ description: 'Put before every id of this source (`team-a` → `team-a-rebase`), to keep ids apart.' }),
  optional: z.boolean().default(false).meta({ description: 'When the repository cannot be reached, warn and use the last synced commit (or skip it).' }),
  include: z.array(z.string().min(1)).optional().meta({
    description: 'Glob patterns of the files to read, relative to `dir` (`["docs/**", "*.md"]`); a file that matches none is left out, pages and images alike.',
    defaultText: 'every file',
  }),
  exclude: z.array(z.string().min(1)).default([]).meta({
    description:
      'Glob patterns of files and folders to leave out, relative to `dir` (`["archive/**", "templates/**", "**/*.test.md"]`): drafts, test fixtures, templates or translations the site should not show.',
  }),
  fields: z
    .record(z.string().min(1), z.union([z.enum(NOTE_FIELD_NAMES), z.literal(false)], { error: `expected a note field (${NOTE_FIELD_NAMES.join(', ')}) or false` }))
    .default({})
    .meta({
      description:
        "Foreign frontmatter keys read as Grove's note fields (`{ description: 'summary', desc: 'summary', aliases: 'aliases' }`); `false` leaves a key alone (`{ stage: false }` when the vault's `stage` means something else). A `notes` layout source starts from built-in mappings (see [Importing a vault](writing-content.md#importing-a-vault)); these are added over them.",
      defaultText: 'none; the built-in mappings in a `notes` layout',
    }),
  defaults: z
    .strictObject({
      stage: z.enum(['seedling', 'budding', 'evergreen', 'none']).optional().meta({
        description: "The stage of a note that names none: `none` gives it no stage (no badge, counted under no stage), as an imported page's growth is not known.",
        defaultText: '`none` in a `notes` layout, else `seedling`',
      }),
      owners: z
        .array(z.string().min(1))
        .optional()
        .meta({ description: "Person ids answering for this source's pages: the owners of its paths and courses and the authors of its notes where they name none." }),
      topics: z.array(z.string().min(1)).optional().meta({ description: 'Topic ids added to every page of this source that can have topics (paths, courses, lessons, notes).' }),
    })
    .default({})
    .meta({ description: "What this source's pages are given when their frontmatter does not say: `stage`, `owners`, `topics`.", defaultText: 'none' }),
  dialect: z.enum(DIALECTS).default('auto').meta({
    description:
      'How the Markdown writes links: `obsidian` (`[[page|label]]`, `[[#heading]]`, block ids `^id`, `![[x.png|100x145]]`), `dendron` (`[[label|page]]`, `dendron://vault/page`, `a.b.c` hierarchy), `foam` (wikilinks with link-reference definitions; `#tag` in the text of a note is one of its topics) or `gfm` (plain Markdown links); `auto` looks for `.obsidian/`, `dendron.yml`, `.foam/` or a `.vscode/` recommending Foam in `dir` and the repository root.',
  }),
  layout: z.enum(['garden', 'notes', 'course']).default('garden').meta({
    description:
      '`garden`: the folders of content/; `notes`: every Markdown file is a note and folders are topics; `course`: a curriculum of numbered files and folders becomes a course in order (a path of courses when its numbered folders hold lessons), every other file a note.',
  }),
  brokenLinks: z.enum(['error', 'warn']).optional().meta({
    description:
      "`error` fails the build on a broken link; `warn` reports this source's broken links without failing the build, and its pages show each as marked text, not as a link that leads nowhere. A repository imported as it is (`notes` or `course` layout) has links broken in itself, which its authors' tool shows the same way.",
    defaultText: '`warn` in a `notes` or `course` layout, else `error`',
  }),
  unsafeHtml: z.enum(['error', 'strip']).default('error').meta({
    description:
      'For an `untrusted` source, HTML it may not use (scripts, event handlers, frames, forms, `javascript:` URLs, styles that hide text): `error` fails the check and the build; `strip` removes it with a warning. MDX code is always an error.',
  }),
  externalAssets: z
    .enum(['block', 'allow'])
    .default('block')
    .meta({ description: "For an `untrusted` source, images from other hosts: `block` shows each as a link to it, so no reader's browser fetches it unasked; `allow` shows them." }),
  translates: z.string().min(1).optional().meta({
    description:
      'The name of another source whose pages this source\'s pages translate, file by file at the same path (`pages.de/common/git.md` translates `pages/common/git.md`), into `lang`; with it this source has only translations (docs/languages.md, "A source of translations").',
    defaultText: 'none: a source of originals',
  }),
  lang: z.string().regex(LANGUAGE_TAG, 'expected a language tag such as de, fr or pt-BR').optional().meta({
    description: "With `translates`: the language this source's pages are in, one of the settings' `locales`.",
    defaultText: 'none',
  }),
});

/** A check whose failure message is the string `test` returns (it returns true when the value is fine). */
function refineWith(test: (v: string) => true | string) {
  return z.superRefine<string>((v, ctx) => {
    const r = test(v);
    if (r !== true) ctx.addIssue({ code: 'custom', message: r, input: v });
  });
}

/** A source: exactly one of `path` and `repo` (the `oneOf` says so in its JSON Schema, which the check cannot). */
export const SourceSchema = SourceFields.superRefine((s, ctx) => {
  if (s.path !== undefined && s.repo !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['repo'], message: 'give either `path` or `repo`, not both' });
  } else if (s.path === undefined && s.repo === undefined) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: 'is required: give `path` (a folder) or `repo` (a git URL)' });
  }
}).meta({ oneOf: [{ required: ['path'] }, { required: ['repo'] }] });

/** The thresholds of the content health report. */
export const HealthFields = z.strictObject({
  staleMonths: z.number().int().positive().default(12).meta({ description: 'A page not updated for this many months is stale.' }),
  seedlingDays: z.number().int().positive().default(90).meta({ description: 'A seedling note untouched for this many days has not grown.' }),
});

/** The git hosts the CMS at `/admin/` can save to (Decap CMS's backends). */
export const CMS_BACKENDS = ['github', 'gitlab', 'forgejo', 'gitea'] as const;

/**
 * The CMS at `/admin/` (docs/cms.md): a web app shipped with the site whose forms are generated from
 * the content schemas and whose saves are pull requests (merge requests on GitLab) on `repo`.
 */
export const CmsFields = z.strictObject({
  backend: z.enum(CMS_BACKENDS).meta({
    description:
      'The git host the CMS saves to: `github` (and GitHub Enterprise, with `apiRoot`), `gitlab`, `forgejo` or `gitea`. Saves open a pull or merge request on all but `gitea`, whose Decap backend commits to `branch` (point it at a review branch).',
  }),
  repo: z
    .string()
    .regex(/^[\w.-]+(\/[\w.-]+)+$/, 'expected the repository as "owner/name" (a GitLab group path may have more segments)')
    .meta({ description: "The repository holding this garden's folder sources, as `owner/name` (`learning/garden`)." }),
  branch: z.string().min(1).default('main').meta({ description: 'The branch pull requests are opened against.' }),
  apiRoot: z
    .string()
    .check(refineWith((v) => isHttpUrl(v) || `expected the API's http(s) address, such as "https://git.example/api/v4", got ${JSON.stringify(v)}`))
    .optional()
    .meta({ description: "The host's API address, for a self-hosted host (`https://git.example/api/v4`, `https://github.example/api/v3`).", defaultText: "the public host's" }),
  baseUrl: z
    .string()
    .check(refineWith((v) => isHttpUrl(v) || `expected an http(s) address, got ${JSON.stringify(v)}`))
    .optional()
    .meta({ description: 'Where sign-in happens: the OAuth server for GitHub, the host itself for GitLab, Forgejo and Gitea (docs/cms.md).', defaultText: "the public host's" }),
  appId: z.string().min(1).optional().meta({ description: "The OAuth application's client id (public, not a secret), for PKCE sign-in on GitLab, Forgejo and Gitea." }),
  site: z
    .string()
    .check(refineWith((v) => isHttpUrl(v) || `expected an http(s) address, got ${JSON.stringify(v)}`))
    .optional()
    .meta({ description: 'The address of the site as the CMS links to it after a save.', defaultText: "the garden's `site`" }),
});

/** True for a BCP 47 tag that `Intl` can format dates, numbers and plurals in. */
function isUsableLanguage(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1 && Intl.DateTimeFormat.supportedLocalesOf(tag).length === 1 && Intl.PluralRules.supportedLocalesOf(tag).length === 1;
  } catch {
    return false;
  }
}

/** A UI string as a setting writes it: text with `{placeholders}`, or plural forms (`{ one, other }`). */
const UiMessage = z.union([
  z.string(),
  z.strictObject({ zero: z.string().optional(), one: z.string().optional(), two: z.string().optional(), few: z.string().optional(), many: z.string().optional(), other: z.string() }),
]);

/** The UI's strings: each key one of the catalogue's (src/i18n/catalogues/en.ts), its placeholders the English ones. */
export const UiFields = z.strictObject({
  strings: z
    .record(z.string(), UiMessage)
    .default({})
    .superRefine((strings, ctx) => {
      for (const [key, message] of Object.entries(strings)) {
        if (!(key in en)) {
          const near = closest(key, UI_KEYS, 1)[0];
          ctx.addIssue({ code: 'custom', path: [key], input: key, message: `"${key}" is not a UI string${near ? `: did you mean "${near}"?` : ''} (the keys are in src/i18n/catalogues/en.ts)` });
          continue;
        }
        const wanted = placeholdersOf(en[key as keyof typeof en]).sort();
        const got = placeholdersOf(message).sort();
        const unknown = got.filter((p) => !wanted.includes(p));
        if (unknown.length) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            input: message,
            message: `uses ${unknown.map((p) => `{${p}}`).join(', ')}, which "${key}" does not have; it may use ${wanted.map((p) => `{${p}}`).join(', ') || 'no placeholder'}`,
          });
        }
      }
    })
    .meta({ description: 'Single UI strings replaced, by key (`{ "nav.notes": "Field notes" }`); the keys and their English text are in `src/i18n/catalogues/en.ts`.', defaultText: 'none' }),
});

/** The garden's settings. */
export const GardenConfigSchema = z.strictObject({
  title: z.string().min(1).default('Grove').meta({ description: "The site's name, shown in the header and the browser tab." }),
  description: z
    .string()
    .default('Learning paths, courses and notes from across the organisation, in one place.')
    .meta({ description: 'One sentence describing the site, for the home page and search engines.' }),
  site: z
    .url({ error: (i) => `expected a full URL such as "https://intranet.example/learning/", got ${JSON.stringify(i.input)}` })
    .optional()
    .meta({ description: 'The full URL the site is served from (`https://intranet.example/learning/`).' }),
  lang: z
    .string()
    .default('en')
    .check(
      refineWith(
        (v) =>
          isUsableLanguage(v) ||
          `expected a BCP 47 language tag that Intl knows, such as "en", "de", "pt-BR", "ja" or "ar", got ${JSON.stringify(v)}: write the language code, then a region or script if needed, joined by "-" ("pt-BR", "zh-Hant")`,
      ),
    )
    .meta({
      description:
        "The site's language (BCP 47): `<html lang dir>`, every UI string, dates, numbers, durations and sorting. Grove ships `en`, `de`, `fr`, `es`, `pt-BR`, `ja` and `ar` (docs/languages.md); another language uses the closest catalogue, else English.",
    }),
  ui: UiFields.prefault({}).meta({ description: "The UI in the site's language; see its keys below.", defaultText: 'the shipped strings' }),
  base: z
    .string()
    .regex(/^\/([^\s?#/]+\/)*$/, 'must start and end with "/", like "/learning/", with no empty segment')
    .default('/')
    .meta({ description: 'The path the site lives under on its host (`/learning/`).' }),
  sources: z
    .array(SourceSchema)
    .min(1)
    .prefault([{ name: 'local', path: './content' }])
    .meta({ description: 'Where content comes from, in order of precedence.', defaultText: 'the local `content/` folder' }),
  health: HealthFields.prefault({}).meta({ description: 'What the content health report (`npm run report`, `/health/`) flags; see its keys below.', defaultText: 'their defaults' }),
  contributeCourse: z.string().min(1).optional().meta({ description: 'A course id that `/contribute/` recommends to people contributing for the first time.' }),
  locales: z.array(z.string().regex(LANGUAGE_TAG, 'expected a language tag such as de, fr or pt-BR')).default([]).meta({
    description:
      "The languages content is translated into, as BCP 47 tags (`['de', 'fr']`); the site's `lang` is the original's and is added when missing. A page in `content/<locale>/…`, or with `translationOf` and `lang`, is a translation (docs/languages.md).",
    defaultText: 'none: one language',
  }),
  cms: CmsFields.optional().meta({
    description: 'A CMS at `/admin/` whose forms come from the content schemas and whose saves are pull requests (docs/cms.md); see its keys below.',
    defaultText: 'none: "Propose a note" and "Edit this page" open the git host\'s editor',
  }),
  xapi: XapiFields.optional().meta({
    description:
      'Send xAPI statements (lessons completed, questions answered, notes read) to a Learning Record Store, queued while offline, with a notice to readers (docs/lms.md, "xAPI from the site"); see its keys below.',
    defaultText: 'none: nothing is sent, and no page carries any of it',
  }),
});

/** Every language content may be in: the site's `lang` first (the originals'), then the `locales` translated into. */
export function localesOf(config: Pick<z.output<typeof GardenConfigSchema>, 'lang' | 'locales'>): string[] {
  return [...new Set([config.lang, ...config.locales])];
}

/** Settings as written (fields with defaults may be left out). */
export type GardenConfigInput = z.input<typeof GardenConfigSchema>;
/** Validated settings, with absolute source folders. */
export type GardenConfig = z.output<typeof GardenConfigSchema> & {
  /** The folder the settings file is in; relative paths start here. */
  root: string;
  /** The settings file, relative to the working folder, for messages. */
  file: string;
};
/** A validated source, with where its files are on disk. */
export type Source = z.output<typeof SourceSchema> & {
  /** `local` for a folder of the project, `git` for a repository synced into the cache. */
  kind: 'local' | 'git';
  /** The absolute folder holding its content. */
  dir: string;
  /** The absolute folder of its checkout (git sources) or of `path` (local ones). */
  root: string;
  /** Whether its content may run code at build time. */
  trust: 'trusted' | 'untrusted';
  /** Whether a broken link fails the build (`error`) or is reported and shown as marked text (`warn`). */
  brokenLinks: 'error' | 'warn';
  /** `dir` as written in the settings, for messages. */
  dirSetting?: string;
};

/** A local source for a folder, with every default (for tests and tools that read one folder). */
export function localSource(name: string, dir: string, options: Partial<z.input<typeof SourceSchema>> = {}): Source {
  const s = SourceSchema.parse({ name, path: dir, ...options });
  return { ...s, kind: 'local', root: dir, dir, trust: s.trust ?? 'trusted', brokenLinks: brokenLinksOf(s) };
}

/** Where git sources are cloned, under the project. */
export function cacheDirOf(config: Pick<GardenConfig, 'root'>, cwd = process.cwd()): string {
  return process.env.GROVE_SOURCES_DIR ? resolve(cwd, process.env.GROVE_SOURCES_DIR) : resolve(config.root, '.grove', 'sources');
}

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
  problems.push(...translatingSourceProblems(result.value, file));
  if (problems.length) throw new GardenError(`Grove's settings in ${file} are not valid`, problems);
  return { ...result.value, root, file };
}

/**
 * A source of translations (`translates` and `lang`, docs/languages.md) names another source of
 * originals, with the same layout, and a language of `locales` other than the site's; each mistake
 * names the source's field and the fix.
 */
export function translatingSourceProblems(config: Pick<z.output<typeof GardenConfigSchema>, 'sources' | 'lang' | 'locales'>, file: string): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(config.sources.map((s) => [s.name, s]));
  const others = localesOf(config).slice(1);
  config.sources.forEach((s, i) => {
    const at = (field: string, message: string, hint: string) => problems.push({ file, field: `sources.${i}.${field}`, message: `source "${s.name}": ${message}`, hint, severity: 'error' });
    if (s.translates === undefined && s.lang === undefined) return;
    if (s.translates === undefined) {
      at(
        'lang',
        '`lang` is only read with `translates`: it says which language a source of translations is in',
        `add \`translates: '<the source it translates>'\`, or remove \`lang\` (a page's own language is its frontmatter's \`lang\`)`,
      );
      return;
    }
    if (s.lang === undefined) {
      at(
        'translates',
        '`translates` needs `lang`: the language this source translates into',
        `add \`lang:\` with one of the settings' \`locales\` (${others.join(', ') || 'none yet: add one to `locales`'})`,
      );
    } else if (s.lang === config.lang) {
      at('lang', `"${s.lang}" is the site's own language, the originals'`, `give the language its pages are written in, one of the settings' \`locales\` (${others.join(', ') || 'none yet'})`);
    } else if (!others.includes(s.lang)) {
      at('lang', `"${s.lang}" is not one of the settings' \`locales\`${others.length ? ` (${others.join(', ')})` : ''}`, `add '${s.lang}' to \`locales\`, or correct \`lang\``);
    }
    const original = byName.get(s.translates);
    if (s.translates === s.name) {
      at('translates', 'translates itself', 'name the source of the originals it translates');
    } else if (!original) {
      const names = [...byName.keys()].filter((n) => n !== s.name);
      const near = closest(s.translates, names, 1)[0];
      at('translates', `there is no source "${s.translates}"`, near ? `did you mean "${near}"?` : `name one of the sources: ${names.join(', ')}`);
    } else if (original.translates !== undefined) {
      at('translates', `"${s.translates}" is itself a source of translations (of "${original.translates}")`, `name the source of the originals: translates: '${original.translates}'`);
    } else if (original.layout !== s.layout) {
      at(
        'layout',
        `is laid out as \`${s.layout}\`, the source it translates ("${original.name}") as \`${original.layout}\`: a page's path would not name the same kind of page`,
        `set layout: '${original.layout}' on "${s.name}"`,
      );
    }
  });
  return problems;
}

/**
 * A source's `brokenLinks`: as set, else `warn` for a repository imported as it is (`notes` or
 * `course` layout: Obsidian, Dendron and Foam show a link to a note not written yet as such, and a
 * curriculum's links broken upstream are not the garden's to fix), `error` for the garden's own folders.
 */
function brokenLinksOf(s: Pick<z.output<typeof SourceSchema>, 'brokenLinks' | 'layout'>): 'error' | 'warn' {
  return s.brokenLinks ?? (s.layout === 'garden' ? 'error' : 'warn');
}

/** Each source with its folders made absolute. */
export function sourcesOf(config: GardenConfig): Source[] {
  return config.sources.map((s): Source => {
    if (s.path) {
      const root = resolve(config.root, s.path);
      return { ...s, kind: 'local', root, dir: root, trust: s.trust ?? 'trusted', brokenLinks: brokenLinksOf(s) };
    }
    const root = resolve(cacheDirOf(config), s.name);
    return { ...s, kind: 'git', root, dir: resolve(root, s.dir), dirSetting: s.dir, trust: s.trust ?? 'untrusted', brokenLinks: brokenLinksOf(s) };
  });
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
    throw new GardenError(`Grove cannot load its settings`, [{ file: shown, message: (err as Error).message.split('\n')[0] ?? String(err), hint: 'fix the error in the file', severity: 'error' }]);
  }
  if (mod.default === undefined) {
    throw new GardenError(`Grove cannot load its settings`, [{ file: shown, message: 'has no default export', hint: 'end it with `export default defineGarden({ … })`', severity: 'error' }]);
  }
  return parseConfig(mod.default, shown, resolve(file, '..'));
}
