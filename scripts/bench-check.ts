/**
 * `npm run bench:check -- [--pages 1000] [--runs 3] [--seed 1]`: times `npm run check` on the
 * benchmark's synthetic garden (src/bench/generate.ts: every kind, links, wikilinks, knowledge
 * checks, 10% MDX, git history), as a contributor runs it: a fresh process each time, from start to
 * exit. Reports the median wall time, for the source trusted and untrusted (the trust policy then
 * parses every page once more), and with an imported vault whose every note has two broken wikilinks
 * ("did you mean" for each). Budget: 1,000 files in 5 s on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { commitHistory, generateGarden, random } from '../src/bench/generate.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { pages: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('npm run bench:check -- [--pages 1000] [--runs 3] [--seed 1]');
  process.exit(0);
}
const pages = Number(values.pages);
const runs = Number(values.runs);
if (!Number.isInteger(pages) || pages < 60 || !Number.isInteger(runs) || runs < 1) {
  console.error(`--pages must be a whole number of at least 60 and --runs at least 1 (got ${values.pages}, ${values.runs})`);
  process.exit(2);
}

const work = join(root, '.grove', 'bench', `check-${pages}-${values.seed}`);
if (!existsSync(join(work, 'garden.config.mjs'))) {
  console.log(`Generating a garden of ${pages} pages in ${work} …`);
  generateGarden(work, { pages, seed: Number(values.seed) });
  commitHistory(work, Number(values.seed));
}
// The same garden read as an untrusted source: the trust policy then parses every page too.
const untrusted = join(work, 'untrusted.config.mjs');
writeFileSync(untrusted, "import c from './garden.config.mjs';\nexport default { ...c, sources: c.sources.map((s) => ({ ...s, trust: 'untrusted' })) };\n");

// Beside it, an imported vault of `pages` notes in which every note has two broken wikilinks, each a
// typo of another note's name: "did you mean" is then asked 2 × pages times, against every page name.
const vault = join(work, 'vault');
if (!existsSync(vault)) {
  mkdirSync(vault, { recursive: true });
  const rnd = random(Number(values.seed) + 1);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = () => Array.from({ length: 4 + Math.floor(rnd() * 8) }, () => letters[Math.floor(rnd() * 26)]).join('');
  const names = Array.from({ length: pages }, (_, i) => `${word()} ${word()} ${i}`);
  const typo = (name: string) => {
    const at = 1 + Math.floor(rnd() * (name.length - 2));
    return name.slice(0, at) + name.slice(at + 1);
  };
  names.forEach((name, i) => {
    const other = () => names[Math.floor(rnd() * names.length)]!;
    writeFileSync(join(vault, `${name}.md`), `# ${name}\n\nSee [[${typo(other())}]] and [[${typo(other())}]], and [[${names[(i + 1) % names.length]}]].\n`);
  });
}
const withVault = join(work, 'vault.config.mjs');
writeFileSync(withVault, "import c from './garden.config.mjs';\nexport default { ...c, sources: [...c.sources, { name: 'vault', path: './vault', layout: 'notes', brokenLinks: 'warn' }] };\n");

function time(config: string): { ms: number; summary: string } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'check.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, GARDEN_CONFIG: config } });
  const ms = performance.now() - started;
  const summary = `${r.stdout}${r.stderr}`.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 && !/Checked/.test(summary)) throw new Error(`npm run check failed:\n${r.stderr}`);
  return { ms, summary };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: string[] = [];
for (const [label, config] of [
  ['trusted', join(work, 'garden.config.mjs')],
  ['untrusted', untrusted],
  [`trusted, and a vault of ${pages.toLocaleString('en')} notes with ${(2 * pages).toLocaleString('en')} broken wikilinks`, withVault],
] as const) {
  time(config); // warm the file cache, as a contributor's second run would be
  const results = Array.from({ length: runs }, () => time(config));
  const ms = median(results.map((r) => r.ms));
  rows.push(`| ${pages.toLocaleString('en')} pages, source ${label} | ${(ms / 1000).toFixed(2)} s | ${(ms / pages).toFixed(2)} ms | ${results[0]!.summary} |`);
}
console.log(`\nnpm run check, median of ${runs} runs (${cpus().length} cores, Node ${process.versions.node}), whole process:\n`);
console.log('| garden | wall time | per page | check said |\n| --- | ---: | ---: | --- |');
console.log(rows.join('\n'));
