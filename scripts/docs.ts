/** `npm run docs`: rewrites the README's frontmatter reference from the comments in src/garden/schemas.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { schemaReference, withReference } from '../src/garden/schema-docs.ts';

const schemas = readFileSync(new URL('../src/garden/schemas.ts', import.meta.url), 'utf8');
const readmeUrl = new URL('../README.md', import.meta.url);
const before = readFileSync(readmeUrl, 'utf8');
const after = withReference(before, schemaReference(schemas));
writeFileSync(readmeUrl, after);
console.log(before === after ? 'README.md: frontmatter reference already up to date' : 'README.md: frontmatter reference rewritten');
