/** `npm run docs`: rewrites the README's frontmatter reference from the comments in src/garden/schemas.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { schemaReference, settingsReference, SETTINGS_END, SETTINGS_START, withReference } from '../src/garden/schema-docs.ts';

const schemas = readFileSync(new URL('../src/garden/schemas.ts', import.meta.url), 'utf8');
const readmeUrl = new URL('../README.md', import.meta.url);
const before = readFileSync(readmeUrl, 'utf8');
const config = readFileSync(new URL('../src/garden/config.ts', import.meta.url), 'utf8');
const after = withReference(withReference(before, schemaReference(schemas)), settingsReference(config), SETTINGS_START, SETTINGS_END);
writeFileSync(readmeUrl, after);
console.log(before === after ? 'README.md: references already up to date' : 'README.md: frontmatter and settings references rewritten');
