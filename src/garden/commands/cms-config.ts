/**
 * The configuration of the CMS at `/admin/` (Decap CMS, docs/cms.md), generated at build time from
 * the same JSON Schemas as the frontmatter reference (schema-docs.ts `jsonSchemaOf`), so the forms
 * cannot drift from what `npm run check` accepts:
 * - one collection per kind, in the folder and with the file names Grove reads (KIND_TABLE);
 * - one widget per schema field: an enum is a select with the same options, a date a date picker, a
 *   field whose `.meta({ references })` names a kind a relation to that kind's pages (or a select of
 *   the existing ids, for courses and lessons, whose files are not one flat folder), a list of
 *   objects (`check`, `links`) a list of its own fields, text a string; required fields are required
 *   and text must not be blank, as in the schema;
 * - `publish_mode: editorial_workflow`: each save is a branch and a pull (merge) request.
 * Only the sources that are folders of the project's repository (`path` sources with the `garden`
 * layout) are edited: a `repo` source is another repository, listed read-only on the admin page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { KIND_TABLE, KINDS, type Kind } from '../core/kinds.ts';
import { idFromPath, type SourcePath } from '../core/ids.ts';
import { prefixed } from '../content/entries.ts';
import { SCHEMAS } from '../content/schemas.ts';
import { sourcesOf, type GardenConfig, type Source } from '../settings/config.ts';
import { cmsEditable, collectionOf, collectionSuffixOf, lessonEntryName } from '../settings/cms.ts';
import { jsonSchemaOf, type JsonSchema } from './schema-docs.ts';

/** One field of a Decap collection (the options Grove uses). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  options?: string[];
  multiple?: boolean;
  min?: number;
  collection?: string;
  value_field?: string;
  search_fields?: string[];
  display_fields?: string[];
  fields?: CmsField[];
  field?: CmsField;
  pattern?: [string, string];
  default?: unknown;
  format?: string;
  date_format?: string;
  time_format?: boolean;
  value_type?: string;
  summary?: string;
  /** The Markdown editor's modes: `raw` only, as the rich-text mode escapes `[[wikilinks]]` and MDX. */
  modes?: string[];
  sanitize_preview?: boolean;
}

/** One collection. */
export interface CmsCollection {
  name: string;
  label: string;
  label_singular: string;
  description?: string;
  folder?: string;
  files?: Array<{ name: string; label: string; file: string; fields: CmsField[] }>;
  create?: boolean;
  delete?: boolean;
  extension?: string;
  format: typeof CMS_FORMAT;
  slug?: string;
  identifier_field?: string;
  summary?: string;
  fields?: CmsField[];
}

/**
 * The file format of every collection: Markdown with YAML frontmatter, registered by the admin page's
 * script (src/client/cms.ts, cms-frontmatter.ts), which saves only the fields that changed.
 */
export const CMS_FORMAT = 'grove-frontmatter' as const;

/** The whole `config.yml`. */
export interface CmsConfig {
  backend: Record<string, unknown>;
  local_backend?: { url: string };
  publish_mode: 'editorial_workflow' | 'simple';
  omit_empty_optional_fields: boolean;
  site_url?: string;
  media_folder: string;
  public_folder: string;
  slug: { encoding: 'unicode'; clean_accents: boolean; sanitize_replacement: string };
  collections: CmsCollection[];
}

export { collectionOf };

/** The field a kind's pages are named by in a picker. */
const titleFieldOf = (kind: Kind): string => (kind === 'person' ? 'name' : 'title');

/** Kinds whose files sit in one flat folder, named by their id: these are folder collections, and relations point at them. */
const FOLDER_KINDS = KINDS.filter((k) => KIND_TABLE[k].files === 'flat' || KIND_TABLE[k].files === 'tree');

/** `lessons` → "Lessons", `explanation` → "Explanation". */
const labelOf = (name: string): string =>
  name.charAt(0).toUpperCase() +
  name
    .slice(1)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/** True when a field holds a list (a list, or a value written as one item or a list). */
function isList(json: JsonSchema): boolean {
  return json.type === 'array' || !!json.anyOf?.some((a) => a.type === 'array');
}

/** The item schema of a list field. */
function itemOf(json: JsonSchema): JsonSchema {
  return json.items ?? json.anyOf?.find((a) => a.type === 'array')?.items ?? json.anyOf?.[0] ?? {};
}

/** The ids that exist of the kinds that are not folder collections (courses, lessons), for selects. */
export interface KnownIds {
  course: string[];
  lesson: string[];
  /** The suffix of the source's collections (collectionSuffixOf), which relations point into. */
  source?: string;
}

/** The widget of one schema property, with what it needs. */
function widgetOf(name: string, json: JsonSchema, known: KnownIds): Omit<CmsField, 'name' | 'label' | 'required' | 'hint'> {
  const ref = json.references;
  if (ref && FOLDER_KINDS.includes(ref)) {
    const title = titleFieldOf(ref);
    return { widget: 'relation', collection: collectionOf(ref, known.source), value_field: '{{slug}}', search_fields: [title], display_fields: [title], multiple: isList(json) };
  }
  if (ref === 'course' || ref === 'lesson') return { widget: 'select', options: known[ref], multiple: isList(json) };
  if (json.enum) return { widget: 'select', options: json.enum.map(String), multiple: false, ...('default' in json ? { default: json.default } : {}) };
  if (json.type === 'string' && json.format === 'date') return { widget: 'datetime', format: 'YYYY-MM-DD', date_format: 'YYYY-MM-DD', time_format: false };
  if (json.type === 'object' && json.properties) return { widget: 'object', fields: fieldsOf(json, known) };
  if (isList(json)) {
    const item = itemOf(json);
    if (item.type === 'object' && item.properties) return { widget: 'list', fields: fieldsOf(item, known), summary: `{{fields.${Object.keys(item.properties)[0]}}}` };
    return { widget: 'list', field: { name: name.replace(/s$/, '') || 'item', label: labelOf(name.replace(/s$/, '')), widget: 'string' } };
  }
  if (json.type === 'number') return { widget: 'number', value_type: 'float' };
  if (json.type === 'integer') return { widget: 'number', value_type: 'int' };
  if (json.type === 'boolean') return { widget: 'boolean' };
  return { widget: 'string' };
}

/** The form fields of an object schema, one per property, in schema order. */
export function fieldsOf(json: JsonSchema, known: KnownIds): CmsField[] {
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const required = json.required?.includes(name) ?? false;
    const field: CmsField = { name, label: labelOf(name), ...widgetOf(name, property, known), required };
    if (property.description) field.hint = property.description;
    // Text the schema trims and requires non-empty (`min(1)` after trim): blank is refused.
    if (required && field.widget === 'string') field.pattern = ['\\S', 'must not be empty'];
    if (typeof property.pattern === 'string') field.pattern = [property.pattern, `must match ${property.pattern}`];
    if (required && field.widget === 'list' && typeof property.minItems === 'number') field.min = property.minItems;
    return field;
  });
}

/** The form of one kind: its fields, then the Markdown body. */
export function kindFields(kind: Kind, known: KnownIds, schema: JsonSchema = jsonSchemaOf(SCHEMAS[kind])): CmsField[] {
  return [
    ...fieldsOf(schema, known),
    { name: 'body', label: 'Body', widget: 'markdown', modes: ['raw'], sanitize_preview: true, required: false, hint: 'The page, in Markdown; [[wikilinks]] link to other pages by id or title.' },
  ];
}

/** True for a field written as one value or a list of them (a question's `answer`), which no Decap widget is. */
const oneOrList = (json: JsonSchema): boolean => !!json.anyOf?.some((a) => a.type === 'array') && !!json.anyOf?.some((a) => a.type !== 'array');

/**
 * The form of one existing file: in its lists of objects, a field written as one value or a list
 * (`check[].answer`) is a text field when the file writes one value everywhere, else a list. Decap's
 * list widget fails on a single value, and its text widget would write a list back as text.
 */
export function fitToFile(fields: CmsField[], schema: JsonSchema, data: Record<string, unknown>): CmsField[] {
  return fields.map((f) => {
    const property = schema.properties?.[f.name];
    const item = property && isList(property) ? itemOf(property) : undefined;
    const values = data[f.name];
    if (!f.fields || !item?.properties || !Array.isArray(values)) return f;
    const fitted = f.fields.map((sub): CmsField => {
      const p = item.properties![sub.name];
      if (!p || !oneOrList(p) || values.some((v) => Array.isArray((v as Record<string, unknown> | null)?.[sub.name]))) return sub;
      return {
        name: sub.name,
        label: sub.label,
        widget: 'string',
        required: sub.required,
        ...(sub.hint ? { hint: sub.hint } : {}),
        ...(sub.required ? { pattern: ['\\S', 'must not be empty'] } : {}),
      };
    });
    return { ...f, fields: fitted };
  });
}

/** The folder of the repository a source's files are in, `/`-separated and relative to the repository root. */
function repoFolderOf(source: Source, repoRoot: string): string {
  return relative(repoRoot, source.dir).split(sep).join('/') || '.';
}

/** The root of the git repository holding `dir`: the nearest folder up with a `.git`. */
export function gitRootOf(dir: string): string | undefined {
  for (let d = dir; ;) {
    if (existsSync(join(d, '.git'))) return d;
    const up = join(d, '..');
    if (up === d) return undefined;
    d = up;
  }
}

/** The sources the CMS edits (folders of the project's repository, garden layout) and the others. */
export function cmsSources(config: GardenConfig): { editable: Source[]; readOnly: Source[] } {
  const sources = sourcesOf(config);
  const editable = sources.filter(cmsEditable);
  return { editable, readOnly: sources.filter((s) => !editable.includes(s)) };
}

/** The course ids and `course/lesson` ids of a garden source, from its files (Grove's ids: slugs of the names). */
export function knownIdsOf(source: Source): KnownIds & { lessonFiles: Array<{ id: string; file: string }> } {
  const courses = join(source.dir, 'courses');
  const known = { course: [] as string[], lesson: [] as string[], lessonFiles: [] as Array<{ id: string; file: string }> };
  if (!existsSync(courses)) return known;
  for (const d of readdirSync(courses, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!d.isDirectory() || !existsSync(join(courses, d.name, 'index.md'))) continue;
    const course = prefixed(idFromPath('course', `courses/${d.name}/index.md` as SourcePath), source.prefix);
    known.course.push(course);
    for (const f of readdirSync(join(courses, d.name)).sort()) {
      if (!/\.mdx?$/.test(f) || /^index\.mdx?$/.test(f)) continue;
      const id = prefixed(idFromPath('lesson', `courses/${d.name}/${f}` as SourcePath), source.prefix);
      known.lesson.push(id);
      known.lessonFiles.push({ id, file: `${d.name}/${f}` });
    }
  }
  return known;
}

/** What to generate the configuration with. */
export interface CmsOptions {
  /** The address of a local `decap-server` (`npm run cms`): the CMS edits the local repository through it. */
  localBackend?: string;
  /** The repository's root; default: found from the first edited source. */
  repoRoot?: string;
}

/** A file's frontmatter, or nothing when it has none or it does not parse (the check reports that). */
function frontmatterOf(file: string): Record<string, unknown> {
  try {
    return matter(readFileSync(file, 'utf8')).data as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The CMS configuration of a garden whose settings have `cms`; undefined without it. */
export function cmsConfig(config: GardenConfig, options: CmsOptions = {}): CmsConfig | undefined {
  // For `npm run cms` without the setting: local editing only (the local backend stands in for any host).
  const cms = config.cms ?? (options.localBackend ? { backend: 'github' as const, repo: 'local/garden', branch: 'main' } : undefined);
  if (!cms) return undefined;
  const { editable } = cmsSources(config);
  const collections: CmsCollection[] = [];
  const lessonSchema = jsonSchemaOf(SCHEMAS.lesson);
  for (const source of editable) {
    const root = options.repoRoot ?? gitRootOf(source.dir) ?? config.root;
    const folder = repoFolderOf(source, root);
    const suffix = collectionSuffixOf(config, source.name);
    const known = { ...knownIdsOf(source), source: suffix };
    const labelSuffix = editable.length > 1 ? ` (${source.name})` : '';
    for (const kind of KINDS) {
      const info = KIND_TABLE[kind];
      const base = { label: `${info.plural}${labelSuffix}`, label_singular: info.label, format: CMS_FORMAT };
      const fields = kindFields(kind, known);
      if (info.files === 'flat' || info.files === 'tree') {
        // A new page's file is named from its title (`{{slug}}`), so the form asks for one even where the
        // schema can do without (a note's title defaults to its first heading).
        const identifier = fields.find((f) => f.name === titleFieldOf(kind));
        if (identifier && !identifier.required) Object.assign(identifier, { required: true, pattern: ['\\S', 'must not be empty'] });
        collections.push({
          name: collectionOf(kind, suffix),
          ...base,
          folder: `${folder}/${info.folder}`.replace(/^\.\//, ''),
          create: true,
          extension: 'md',
          slug: '{{slug}}',
          identifier_field: titleFieldOf(kind),
          summary: `{{${titleFieldOf(kind)}}}`,
          fields,
        });
      } else {
        // Courses and lessons sit in per-course folders (`courses/<id>/index.md`, `courses/<id>/<NN>-<lesson>.md`):
        // the form edits the existing ones; `npm run new` creates them, with their folder and number.
        const files =
          info.files === 'course-index'
            ? known.course.map((id) => ({ name: id, label: id, file: `${folder}/${info.folder}/${id}/index.md`, fields }))
            : known.lessonFiles.map((l) => ({
                name: lessonEntryName(l.id),
                label: l.id,
                file: `${folder}/${info.folder}/${l.file}`,
                fields: fitToFile(fields, lessonSchema, frontmatterOf(join(source.dir, info.folder, l.file))),
              }));
        if (files.length)
          collections.push({
            name: collectionOf(kind, suffix),
            ...base,
            description: `Existing ${info.plural.toLowerCase()}; \`npm run new -- ${kind}\` creates one.`,
            files: files.map((f) => ({ ...f, file: f.file.replace(/^\.\//, '') })),
          });
      }
    }
  }
  const backend: Record<string, unknown> = { name: cms.backend, repo: cms.repo, branch: cms.branch };
  if (cms.apiRoot) backend.api_root = cms.apiRoot;
  if (cms.baseUrl) backend.base_url = cms.baseUrl;
  if (cms.appId) Object.assign(backend, { app_id: cms.appId, auth_type: 'pkce' });
  const first = editable[0];
  const media = first ? `${repoFolderOf(first, options.repoRoot ?? gitRootOf(first.dir) ?? config.root)}/files`.replace(/^\.\//, '') : 'files';
  return {
    backend,
    ...(options.localBackend ? { local_backend: { url: options.localBackend } } : {}),
    // Decap's Gitea backend has no editorial workflow (it refuses to start with one): it commits to `branch`.
    publish_mode: cms.backend === 'gitea' ? 'simple' : 'editorial_workflow',
    // An optional field left empty is left out, not written as `""` (which the schemas refuse: text must not be empty).
    omit_empty_optional_fields: true,
    ...((cms.site ?? config.site) ? { site_url: cms.site ?? config.site } : {}),
    media_folder: media,
    public_folder: '/files',
    slug: { encoding: 'unicode', clean_accents: false, sanitize_replacement: '-' },
    collections,
  };
}

/** `config.yml` as the CMS reads it. */
export function cmsConfigYaml(config: CmsConfig): string {
  return `# Generated by Grove from src/garden/content/schemas.ts and the garden's settings: do not edit.\n${stringify(config, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
