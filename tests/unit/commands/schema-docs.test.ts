import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editorSchema, editorSchemaPath, fieldsOf, jsonSchemaOf, schemaReference, settingsReference, SETTINGS_END, SETTINGS_START, withReference } from '../../../src/garden/commands/schema-docs.ts';
import { PathSchema, PersonSchema, QuestionFields, SCHEMAS } from '../../../src/garden/content/schemas.ts';
import { KINDS } from '../../../src/garden/core/kinds.ts';
import { GardenConfigSchema } from '../../../src/garden/settings/config.ts';

describe('frontmatter reference', () => {
  it('documents every field of every kind, in schema order', () => {
    expect(fieldsOf(PathSchema).map(([f]) => f)).toEqual(['title', 'courses', 'summary', 'audience', 'outcomes', 'topics', 'owners', 'updated', 'lang', 'translationOf']);
    expect(fieldsOf(QuestionFields).map(([f]) => f)).toEqual(['question', 'options', 'answer', 'explanation']);
    // Nested fields (a person's git identities) are not top-level fields.
    expect(fieldsOf(PersonSchema).map(([f]) => f)).not.toContain('emails');
  });

  it('says the default of every field', () => {
    for (const [kind, schema] of Object.entries(SCHEMAS)) {
      for (const [field, comment] of fieldsOf(schema)) {
        expect(comment, `${kind}.${field}`).toMatch(/Default:|Required\./);
      }
    }
  });

  it('describes every field in its schema, nested ones too', () => {
    const undescribed: string[] = [];
    const walk = (json: ReturnType<typeof jsonSchemaOf>, at: string) => {
      for (const [field, property] of Object.entries(json.properties ?? {})) {
        if (!property.description) undescribed.push(`${at}.${field}`);
        walk(property, `${at}.${field}`);
        if (property.items) walk(property.items, `${at}.${field}[]`);
      }
    };
    for (const [kind, schema] of Object.entries(SCHEMAS)) walk(jsonSchemaOf(schema), kind);
    walk(jsonSchemaOf(GardenConfigSchema), 'settings');
    expect(undescribed).toEqual([]);
  });

  it('takes defaults, required fields and values from the schema', () => {
    const course = jsonSchemaOf(SCHEMAS.course);
    expect(course.required).toEqual(['title']);
    expect(course.properties?.level).toMatchObject({ enum: ['beginner', 'intermediate', 'advanced'], default: 'beginner' });
    // A list written through z.preprocess: one item or a list, default none.
    expect(course.properties?.topics).toMatchObject({ anyOf: [{ type: 'string' }, { type: 'array' }], default: [] });
    // Frontmatter is read with the YAML core schema, so a date is a string.
    expect(course.properties?.updated).toMatchObject({ type: 'string', format: 'date' });
    expect(fieldsOf(SCHEMAS.course)).toContainEqual(['level', 'How deep the course goes. Default: `beginner`.']);
  });

  it('is up to date in docs/writing-content.md (run `npm run docs` after changing a schema)', () => {
    const doc = readFileSync(new URL('../../../docs/writing-content.md', import.meta.url), 'utf8');
    expect(withReference(doc, schemaReference())).toBe(doc);
  });
});

describe('settings reference', () => {
  it('is up to date in docs/settings.md (run `npm run docs` after changing a setting)', () => {
    const doc = readFileSync(new URL('../../../docs/settings.md', import.meta.url), 'utf8');
    expect(withReference(doc, settingsReference(), SETTINGS_START, SETTINGS_END)).toBe(doc);
  });

  it('says a source needs exactly one of `path` and `repo`', () => {
    const source = jsonSchemaOf(GardenConfigSchema).properties?.sources?.items;
    expect(source?.oneOf).toEqual([{ required: ['path'] }, { required: ['repo'] }]);
    expect(fieldsOf(source!)).toContainEqual(['path', 'A folder of this project holding the content, relative to the settings file. Either this or `repo`.']);
  });
});

describe("editors' JSON Schemas", () => {
  it('are up to date in schemas/frontmatter/, one per kind (run `npm run docs` after changing a schema)', () => {
    const folder = new URL('../../../schemas/frontmatter/', import.meta.url);
    expect(readdirSync(folder).sort()).toEqual(KINDS.map((kind) => editorSchemaPath(kind).split('/').pop()).sort());
    for (const kind of KINDS) {
      const committed: unknown = JSON.parse(readFileSync(new URL(`../../../${editorSchemaPath(kind)}`, import.meta.url), 'utf8'));
      expect(committed, editorSchemaPath(kind)).toEqual(editorSchema(kind));
    }
  });

  it('describe each field with its default, and say what is strict', () => {
    const lesson = editorSchema('lesson');
    expect(lesson.additionalProperties).toBe(false);
    expect(editorSchema('note').additionalProperties).not.toBe(false);
    expect(lesson.properties?.check?.items?.properties?.answer?.description).toMatch(/Required\.$/);
    expect(lesson.properties?.duration?.description).toMatch(/Default: estimated/);
    expect(JSON.stringify(lesson)).not.toContain('defaultText');
  });
});
