/**
 * `npm run bench:history -- [--files 10000] [--commits 20000]`: builds a repository with that many
 * content files and commits (git fast-import, fixed dates, six authors), then times Grove's one-pass
 * history read over it. The budget (issue 3): 10,000 files and 20,000 commits in at most 3 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from '../src/bench/measure.ts';
import { random } from '../src/bench/generate.ts';
import { readHistory } from '../src/garden/sources/history.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    commits: { type: 'string', default: '20000' },
    // Files per folder: notes grouped by topic, as gardens and wikis keep them. 10,000 in one folder
    // makes every commit's tree diff inflate a 400 KB tree object (git's cost, not Grove's).
    'per-folder': { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
  },
});
const files = Number(values.files);
const commits = Number(values.commits);
if (!(commits >= files && files > 0)) throw new Error('--commits must be at least --files (each file is added by a commit)');
const dir = join(root, '.grove', 'bench', `history-${files}-${commits}-${values['per-folder']}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });

const rnd = random(11);
const perFolder = Number(values['per-folder']);
const name = (i: number) => `content/notes/group-${String(Math.floor(i / perFolder)).padStart(3, '0')}/note-${String(i).padStart(5, '0')}.md`;
const chunks: string[] = [];
for (let c = 0; c < commits; c++) {
  const a = Math.floor(rnd() * 6);
  const when = 1700000000 + c * 600;
  const file = c < files ? name(c) : name(Math.floor(rnd() * files));
  const body = `# Note ${c}\n\nChange ${c}.\n`;
  const msg = `change ${c}\n`;
  chunks.push(
    `commit refs/heads/main\nauthor Author ${a} <author${a}@example.org> ${when} +0000\ncommitter Author ${a} <author${a}@example.org> ${when} +0000\n` +
      `data ${Buffer.byteLength(msg)}\n${msg}${c > 0 ? '' : ''}M 100644 inline ${file}\ndata ${Buffer.byteLength(body)}\n${body}\n`,
  );
}
const started = performance.now();
const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
if (r.status !== 0) throw new Error(r.stderr.toString());
execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
console.log(`repository: ${files} files (${perFolder} a folder), ${commits} commits, made in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const times: number[] = [];
let found = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const t = performance.now();
  const h = readHistory(join(dir, 'content'));
  times.push(performance.now() - t);
  found = h?.files.size ?? 0;
}
console.log(`history of ${found} files: median ${(median(times) / 1000).toFixed(2)} s over ${values.runs} runs (budget 3 s)`);
