/**
 * The frontmatter reference (docs/writing-content.md), the settings reference (docs/settings.md) and
 * the editors' JSON Schemas (schemas/frontmatter/<kind>.schema.json) are generated from the zod
 * schemas themselves, through `z.toJSONSchema`: each field's `.meta({ description })`, its type, its
 * values, whether it is required and its default. So the documentation and the validation can never
 * drift apart (a unit test checks every generated file).
 */
import { z } from 'zod';
import { KIND_TABLE, KINDS, type Kind } from '../core/kinds.ts';
import { DateSchema, SCHEMAS } from '../content/schemas.ts';
import { GardenConfigSchema } from '../settings/config.ts';

/** The part of JSON Schema the schemas produce and the references read. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  /** The default in words, when it is not a value the schema holds (`.meta({ defaultText })`). */
  defaultText?: string;
  /** The kind of page whose ids the field holds (`.meta({ references: 'topic' })`): the CMS makes it a relation. */
  references?: Kind;
  [key: string]: unknown;
}

/**
 * The JSON Schema of what an author writes (zod's `io: 'input'`), in draft-07, which editors and
 * validators read most widely. Three things zod cannot know are added:
 * - a date is a string `YYYY-MM-DD`: frontmatter is read with the YAML core schema, so YAML never
 *   hands over a Date (zod would emit an empty schema for `z.date()`);
 * - a list written through `z.preprocess` (`topics: git` is a list of one) accepts one item or a list;
 * - the default of a field whose schema transforms (`z.preprocess`, a number read as text): zod leaves
 *   it out of an input schema, because a default is an output value; Grove's defaults (`[]`, empty
 *   lists) are valid input too.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-07',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const json = jsonSchema as JsonSchema;
      const def = (zodSchema as unknown as z.ZodType)._zod.def as { type: string; in?: z.ZodType; out?: z.ZodType; defaultValue?: unknown };
      if (zodSchema === DateSchema) {
        for (const key of Object.keys(json)) delete json[key];
        Object.assign(json, { type: 'string', format: 'date' });
      } else if (def.type === 'pipe' && def.in?._zod.def.type === 'transform' && def.out?._zod.def.type === 'array') {
        const { type: _type, items, ...rest } = json;
        for (const key of Object.keys(json)) delete json[key];
        Object.assign(json, rest, { anyOf: [items, { type: 'array', items }] });
      } else if (def.type === 'default' && !('default' in json)) {
        json.default = JSON.parse(JSON.stringify(def.defaultValue)) as unknown;
      }
    },
  }) as JsonSchema;
}

/** `a`, `b` or `c`. */
function listed(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** What a value is, for the reference's value column: "text", "`a`, `b` or `c`", "list of text". */
export function typeOf(json: JsonSchema): string {
  if (json.enum) return listed(json.enum.map((v) => `\`${String(v)}\``));
  if (json.anyOf) return listed(json.anyOf.map(typeOf));
  if (Array.isArray(json.type)) return listed(json.type.map((type) => typeOf({ type })));
  switch (json.type) {
    case 'string':
      return json.format === 'date' ? 'date (`YYYY-MM-DD`)' : json.format === 'uri' ? 'URL' : 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'whole number';
    case 'boolean':
      return '`true` or `false`';
    case 'array':
      return json.items?.properties ? 'list, below' : `list of ${json.items ? typeOf(json.items) : 'anything'}`;
    case 'object': {
      // A record (`fields`): any name, each with a value of one form.
      const values = json.additionalProperties;
      if (!json.properties && values && typeof values === 'object') return `names, each ${typeOf(values as JsonSchema)}`;
      return 'keys, below';
    }
    default:
      return 'anything';
  }
}

/** A default as the reference writes it: an empty list (or an object of empty lists) is "none". */
function defaultOf(value: unknown): string {
  const empty = (v: unknown): boolean => (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.values(v).every(empty));
  if (empty(value)) return 'none';
  return typeof value === 'string' ? `\`${value}\`` : JSON.stringify(value);
}

/** The reference's words for one field: its description, then "Required.", "Default: …" or which other field it stands for. */
function meaningOf(field: string, json: JsonSchema, parent: JsonSchema): string {
  const description = json.description ?? '';
  if (parent.required?.includes(field)) return `${description} Required.`;
  const either = parent.oneOf?.map((o) => o.required ?? []);
  if (either?.some((r) => r.includes(field))) {
    const others = either.flat().filter((f) => f !== field);
    return `${description} Either this or ${listed(others.map((f) => `\`${f}\``))}.`;
  }
  return `${description} Default: ${json.defaultText ?? ('default' in json ? defaultOf(json.default) : 'none')}.`;
}

/** `[field, meaning and default]` of each top-level field of a schema, in schema order. */
export function fieldsOf(schema: z.ZodType | JsonSchema): Array<[string, string]> {
  const json = schema instanceof z.ZodType ? jsonSchemaOf(schema) : schema;
  return Object.entries(json.properties ?? {}).map(([field, property]) => [field, meaningOf(field, property, json)]);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The tables of one object schema: its fields, then one table for each field that holds an object
 * ("The keys of `git`:") or a list of objects ("Each entry of `check`:"), after it.
 */
function tables(json: JsonSchema, name: 'field' | 'key', heading = ''): string {
  const properties = Object.entries(json.properties ?? {});
  const rows = properties.map(([field, property]) => `| \`${field}\` | ${cell(typeOf(property))} | ${cell(meaningOf(field, property, json))} |`);
  const nested = properties.flatMap(([field, property]) => {
    if (property.properties) return [tables(property, name, `The keys of \`${field}\`:`)];
    if (property.items?.properties) return [tables(property.items, name, `Each entry of \`${field}\`:`)];
    return [];
  });
  const table = `| ${name} | value | meaning and default |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
  return `${heading ? `${heading}\n\n` : ''}${table}${nested.map((n) => `\n${n}`).join('')}`;
}

/** Where a kind's files go, as the reference writes it (`courses/<course>/<NN>-<lesson>.md`). */
export function whereOf(kind: Kind): string {
  const { folder, files } = KIND_TABLE[kind];
  switch (files) {
    case 'flat':
      return `\`${folder}/<id>.md\``;
    case 'tree':
      return `\`${folder}/**/<id>.md\``;
    case 'course-index':
      return `\`${folder}/<id>/index.md\``;
    case 'course-page':
      return `\`${folder}/<course>/<NN>-<lesson>.md\``;
  }
}

/** The frontmatter reference as Markdown: one section per kind, with its nested fields after it. */
export function schemaReference(): string {
  return KINDS.map((kind) => `#### ${KIND_TABLE[kind].label} — ${whereOf(kind)}\n\n${tables(jsonSchemaOf(SCHEMAS[kind]), 'field')}`).join('\n');
}

/** The settings reference as Markdown: the garden's keys, then a source's and `health`'s. */
export function settingsReference(): string {
  return tables(jsonSchemaOf(GardenConfigSchema), 'key');
}

/**
 * The JSON Schema of one kind's frontmatter, for editors, a CMS and other tools: each field's
 * description is the reference's whole sentence (with its default), as an editor shows it on hover.
 */
export function editorSchema(kind: Kind): JsonSchema {
  const describe = (json: JsonSchema): JsonSchema => {
    const out: JsonSchema = { ...json };
    delete out.defaultText;
    delete out.references;
    if (json.properties)
      out.properties = Object.fromEntries(Object.entries(json.properties).map(([field, property]) => [field, { ...describe(property), description: meaningOf(field, property, json) }]));
    if (json.items) out.items = describe(json.items);
    if (json.anyOf) out.anyOf = json.anyOf.map(describe);
    return out;
  };
  const { $schema, ...rest } = describe(jsonSchemaOf(SCHEMAS[kind]));
  return {
    $schema,
    title: `Grove ${KIND_TABLE[kind].label.toLowerCase()} frontmatter`,
    description: `The frontmatter of a ${KIND_TABLE[kind].label.toLowerCase()} (${whereOf(kind).replace(/`/g, '')}). Generated from src/garden/content/schemas.ts by \`npm run docs\`: do not edit; \`npm run check\` stays the authority.`,
    ...rest,
  };
}

/** Where the editors' JSON Schema of a kind is committed, relative to the project. */
export const editorSchemaPath = (kind: Kind) => `schemas/frontmatter/${kind}.schema.json`;

/** Markers around the generated frontmatter reference. */
export const REFERENCE_START = '<!-- frontmatter-reference:start (generated from src/garden/content/schemas.ts by `npm run docs`) -->';
export const REFERENCE_END = '<!-- frontmatter-reference:end -->';
/** Markers around the generated settings reference. */
export const SETTINGS_START = '<!-- settings-reference:start (generated from src/garden/settings/config.ts by `npm run docs`) -->';
export const SETTINGS_END = '<!-- settings-reference:end -->';

/** The document with the part between `start` and `end` replaced by `reference`. */
export function withReference(readme: string, reference: string, start = REFERENCE_START, end = REFERENCE_END): string {
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} markers`);
  return `${readme.slice(0, a + start.length)}\n\n${reference}\n${readme.slice(b)}`;
}
