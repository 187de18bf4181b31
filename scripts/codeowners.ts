/**
 * `npm run codeowners [-- --check] [--out .github/CODEOWNERS]`: writes CODEOWNERS from course and path
 * owners and topic experts with git usernames, so pull requests request the right reviewers.
 * `--check` writes nothing and exits 1 when the file is out of date (for CI).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCodeowners } from '../src/garden/codeowners.ts';
import { loadGarden } from '../src/garden/garden.ts';
import { GardenError } from '../src/garden/problems.ts';
import { repoRootOf } from '../src/garden/git.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.github/CODEOWNERS' }, check: { type: 'boolean', default: false } } });
try {
  const garden = await loadGarden();
  const root = repoRootOf(process.cwd());
  // Only files of this repository belong in its CODEOWNERS; git sources are other repositories.
  const repoPathOf = (abs: string) => {
    const p = garden.provenance.get(abs);
    return p && p.source.kind === 'local' && root && abs.startsWith(`${root}/`) ? abs.slice(root.length + 1) : undefined;
  };
  const text = buildCodeowners(garden, repoPathOf);
  const out = resolve(root ?? process.cwd(), values.out!);
  const old = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const rules = text.split('\n').filter((l) => l && !l.startsWith('#')).length;
  if (values.check) {
    if (old !== text) {
      console.error(`${values.out} is out of date: run \`npm run codeowners\` and commit it.`);
      process.exit(1);
    }
    console.log(`${values.out} is up to date (${rules} rules).`);
  } else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    console.log(`${old === text ? 'Unchanged' : 'Wrote'} ${values.out}: ${rules} rules.`);
  }
} catch (err) {
  if (err instanceof GardenError || (err as Error).name === 'GardenError') {
    console.error(`\n${(err as Error).message}\n`);
    process.exit(1);
  }
  throw err;
}
