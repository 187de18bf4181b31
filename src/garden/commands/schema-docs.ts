/**
 * The frontmatter reference (docs/writing-content.md) and the settings reference (docs/settings.md) are
 * written from the one-line comments in `schemas.ts` and `config.ts`, so the documentation and the
 * validation can never drift apart (a unit test checks both files).
 */

/** The kinds documented, with the schema that describes each and where its files go. */
const DOCUMENTED: Array<{ schema: string; title: string; where: string }> = [
  { schema: 'PathSchema', title: 'Path', where: '`paths/<id>.md`' },
  { schema: 'CourseSchema', title: 'Course', where: '`courses/<id>/index.md`' },
  { schema: 'LessonSchema', title: 'Lesson', where: '`courses/<course>/<NN>-<lesson>.md`' },
  { schema: 'QuestionFields', title: 'Knowledge-check question', where: "an item of a lesson's `check:` list" },
  { schema: 'NoteSchema', title: 'Note', where: '`notes/**/<id>.md`' },
  { schema: 'TopicSchema', title: 'Topic', where: '`topics/<id>.md`' },
  { schema: 'PersonSchema', title: 'Person', where: '`people/<id>.md`' },
];

/** Extracts `[field, comment]` pairs of the top-level fields of one schema from the source text. */
export function fieldsOf(source: string, schema: string): Array<[string, string]> {
  const start = source.indexOf(`export const ${schema} =`);
  if (start < 0) throw new Error(`${schema} is not in schemas.ts`);
  const fields: Array<[string, string]> = [];
  let depth = 0;
  let comment: string | undefined;
  for (const line of source.slice(start).split('\n').slice(1)) {
    const t = line.trim();
    if (depth === 0) {
      const doc = /^\/\*\*\s*(.*?)\s*\*\/$/.exec(t);
      if (doc) comment = doc[1];
      const field = /^(\w+):/.exec(t);
      if (field && comment) {
        fields.push([field[1]!, comment]);
        comment = undefined;
      }
    }
    depth += (t.match(/[({[]/g)?.length ?? 0) - (t.match(/[)}\]]/g)?.length ?? 0);
    if (depth < 0) break;
  }
  return fields;
}

/** The frontmatter reference as Markdown: one table per kind. */
export function schemaReference(source: string): string {
  return DOCUMENTED.map(({ schema, title, where }) => {
    const rows = fieldsOf(source, schema).map(([f, c]) => `| \`${f}\` | ${c.replace(/\|/g, '\\|')} |`);
    return `#### ${title} — ${where}\n\n| field | meaning and default |\n| --- | --- |\n${rows.join('\n')}\n`;
  }).join('\n');
}

/** The settings reference as Markdown: the garden's keys, then a source's. */
export function settingsReference(source: string): string {
  const table = (schema: string) =>
    `| key | meaning and default |\n| --- | --- |\n${fieldsOf(source, schema)
      .map(([f, c]) => `| \`${f}\` | ${c.replace(/\|/g, '\\|')} |`)
      .join('\n')}\n`;
  return `${table('GardenConfigSchema')}\nEach entry of \`sources\`:\n\n${table('SourceFields')}\nThe keys of \`health\`:\n\n${table('HealthFields')}`;
}

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
