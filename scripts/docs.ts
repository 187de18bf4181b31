/**
 * `npm run docs`: rewrites the generated references from the schema comments: the frontmatter
 * reference in docs/writing-content.md (src/garden/content/schemas.ts) and the settings reference in
 * docs/settings.md (src/garden/settings/config.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { schemaReference, settingsReference, SETTINGS_END, SETTINGS_START, withReference } from '../src/garden/commands/schema-docs.ts';

const schemas = readFileSync(new URL('../src/garden/content/schemas.ts', import.meta.url), 'utf8');
const config = readFileSync(new URL('../src/garden/settings/config.ts', import.meta.url), 'utf8');

/** Each generated reference: the file that holds it and how to rewrite it. */
const REFERENCES = [
  { file: 'docs/writing-content.md', what: 'frontmatter reference', rewrite: (text: string) => withReference(text, schemaReference(schemas)) },
  { file: 'docs/settings.md', what: 'settings reference', rewrite: (text: string) => withReference(text, settingsReference(config), SETTINGS_START, SETTINGS_END) },
];

for (const { file, what, rewrite } of REFERENCES) {
  const url = new URL(`../${file}`, import.meta.url);
  const before = readFileSync(url, 'utf8');
  const after = rewrite(before);
  writeFileSync(url, after);
  console.log(before === after ? `${file}: ${what} already up to date` : `${file}: ${what} rewritten`);
}
