/**
 * `npm run docs`: rewrites what is generated from the schemas (src/garden/commands/schema-docs.ts):
 * the frontmatter reference in docs/writing-content.md (src/garden/content/schemas.ts), the settings
 * reference in docs/settings.md (src/garden/settings/config.ts) and the editors' JSON Schema of each
 * kind's frontmatter in schemas/frontmatter/, formatted as Prettier formats JSON.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { KINDS } from '../src/garden/core/kinds.ts';
import { editorSchema, editorSchemaPath, schemaReference, settingsReference, SETTINGS_END, SETTINGS_START, withReference } from '../src/garden/commands/schema-docs.ts';

/** Each generated file: what it is and its new text from the old one (empty when it does not exist). */
const GENERATED: Array<{ file: string; what: string; rewrite: (text: string) => string | Promise<string> }> = [
  { file: 'docs/writing-content.md', what: 'frontmatter reference', rewrite: (text) => withReference(text, schemaReference()) },
  { file: 'docs/settings.md', what: 'settings reference', rewrite: (text) => withReference(text, settingsReference(), SETTINGS_START, SETTINGS_END) },
  ...KINDS.map((kind) => ({
    file: editorSchemaPath(kind),
    what: `JSON Schema of ${kind} frontmatter`,
    rewrite: async () => {
      const path = fileURLToPath(new URL(`../${editorSchemaPath(kind)}`, import.meta.url));
      return format(JSON.stringify(editorSchema(kind)), { ...(await resolveConfig(path)), filepath: path });
    },
  })),
];

for (const { file, what, rewrite } of GENERATED) {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  let before = '';
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    mkdirSync(dirname(path), { recursive: true });
  }
  const after = await rewrite(before);
  if (before !== after) writeFileSync(path, after);
  console.log(before === after ? `${file}: ${what} already up to date` : `${file}: ${what} rewritten`);
}
