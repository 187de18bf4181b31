/**
 * `npm run codeowners [-- --check] [--out .github/CODEOWNERS]`: writes CODEOWNERS from course and path
 * owners and topic experts with git usernames, so pull requests request the right reviewers.
 * `--check` writes nothing and exits 1 when the file is out of date (for CI).
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { buildCodeowners } from '../src/garden/commands/codeowners.ts';
import { loadGarden } from '../src/garden/model/garden.ts';
import { repoRootOf } from '../src/garden/sources/git.ts';
import { optionsOf, run } from './cli.ts';

const USAGE = `npm run codeowners [-- --check] [-- --out <file>]

  --check        write nothing; exit 1 when the file is out of date (for CI)
  --out <file>   where to write it (default .github/CODEOWNERS)`;
const values = optionsOf({ out: { type: 'string', default: '.github/CODEOWNERS' }, check: { type: 'boolean', default: false } }, USAGE);

await run(async () => {
  const garden = await loadGarden();
  const root = repoRootOf(process.cwd());
  // Both sides through their real paths, so a linked folder (macOS /tmp) or Windows separators still match.
  const realRoot = root ? realpathSync(root) : undefined;
  // Only files of this repository belong in its CODEOWNERS; git sources are other repositories.
  const repoPathOf = (abs: string) => {
    const p = garden.provenance.get(abs);
    if (!p || p.source.kind !== 'local' || !realRoot) return undefined;
    const rel = relative(realRoot, realpathSync(abs));
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
  };
  const text = buildCodeowners(garden, repoPathOf);
  const out = resolve(root ?? process.cwd(), values.out as string);
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
});
