import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldsOf, schemaReference, settingsReference, SETTINGS_END, SETTINGS_START, withReference } from '../../../src/garden/commands/schema-docs.ts';

const schemas = readFileSync(new URL('../../../src/garden/content/schemas.ts', import.meta.url), 'utf8');

describe('frontmatter reference', () => {
  it('documents every field of every kind, in schema order', () => {
    expect(fieldsOf(schemas, 'PathSchema').map(([f]) => f)).toEqual(['title', 'courses', 'summary', 'audience', 'outcomes', 'topics', 'owners', 'updated']);
    expect(fieldsOf(schemas, 'QuestionFields').map(([f]) => f)).toEqual(['question', 'options', 'answer', 'explanation']);
    // Nested fields (a person's git identities) are not top-level fields.
    expect(fieldsOf(schemas, 'PersonSchema').map(([f]) => f)).not.toContain('emails');
  });

  it('says the default of every field', () => {
    for (const schema of ['PathSchema', 'CourseSchema', 'LessonSchema', 'NoteSchema', 'TopicSchema', 'PersonSchema']) {
      for (const [field, comment] of fieldsOf(schemas, schema)) {
        expect(comment, `${schema}.${field}`).toMatch(/Default:|Required\./);
      }
    }
  });

  it('is up to date in docs/writing-content.md (run `npm run docs` after changing a schema)', () => {
    const doc = readFileSync(new URL('../../../docs/writing-content.md', import.meta.url), 'utf8');
    expect(withReference(doc, schemaReference(schemas))).toBe(doc);
  });
});

describe('settings reference', () => {
  it('is up to date in docs/settings.md (run `npm run docs` after changing a setting)', () => {
    const doc = readFileSync(new URL('../../../docs/settings.md', import.meta.url), 'utf8');
    const config = readFileSync(new URL('../../../src/garden/settings/config.ts', import.meta.url), 'utf8');
    expect(withReference(doc, settingsReference(config), SETTINGS_START, SETTINGS_END)).toBe(doc);
  });
});
