/**
 * `npm run real -- [--only name,name] [--mirrors DIR] [--skip-build] [--translations]`: imports real public Markdown
 * repositories beside the sample garden, one at a time, with the settings written below and nothing
 * else (no fork, no edit), and reports what a new user would see: pages, warnings and errors from
 * `npm run check`, build time, and `npm run check:links` on the built site. docs/real-repositories.md
 * keeps the figures.
 *
 * Each repository is cloned by Grove itself (`npm run sync`) from GitHub, or from a local mirror
 * (`--mirrors DIR` holding `DIR/<owner>+<name>/repo`, a bare clone) where the machine has no
 * GitHub access. Work goes to `.grove/real/<name>/`. With `--translations`, a repository that holds
 * translations in sibling folders (tldr's `pages.de/`) is built with them, each a source of
 * translations (`translates`, docs/languages.md), in `.grove/real/<name>-translated/`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** One real repository and the settings it builds with. */
export interface RealRepo {
  /** The source's name in the garden. */
  name: string;
  /** What kind of repository it is. */
  what: string;
  /** `owner/name` on GitHub. */
  github: string;
  branch: string;
  /** Every other setting of the source, as written in garden.config.ts. */
  settings: Record<string, unknown>;
  /** With `--translations`: folders holding its translations, each a source with `translates` and `lang` (its other settings the original's). */
  translations?: Array<{ lang: string; dir: string }>;
}

/** The repositories, and the only settings each needs. */
export const REAL_REPOS: RealRepo[] = [
  {
    name: 'obsidian-help',
    what: 'Obsidian vault (the Obsidian help site, English)',
    github: 'obsidianmd/obsidian-help',
    branch: 'master',
    // The repository holds no .obsidian/ folder (it is the help vault's content only), so the dialect is named.
    settings: { dir: 'en', layout: 'notes', dialect: 'obsidian', unsafeHtml: 'strip' },
  },
  {
    name: 'dendron',
    what: 'Dendron vault (the Dendron documentation site)',
    github: 'dendronhq/dendron-site',
    branch: 'master',
    settings: { dir: 'vault', layout: 'notes', unsafeHtml: 'strip' },
  },
  {
    name: 'foam',
    what: 'Foam workspace (the Foam documentation)',
    github: 'foambubble/foam',
    branch: 'main',
    settings: { dir: 'docs', layout: 'notes', unsafeHtml: 'strip' },
  },
  {
    name: 'js30',
    what: 'numbered curriculum (30 Days of JavaScript)',
    github: 'Asabeneh/30-Days-Of-JavaScript',
    branch: 'master',
    // Day 1 is the README (the course's page); the translations are copies of the course in other languages.
    settings: { layout: 'course', unsafeHtml: 'strip', exclude: ['Azerbaijani', 'French', 'Italian', 'Korea', 'Polish', 'Portuguese', 'RU', 'Spanish', 'Turkish', 'Vietnamese'] },
  },
  {
    name: 'tldr',
    what: 'reference of thousands of small pages (tldr-pages, common commands)',
    github: 'tldr-pages/tldr',
    branch: 'main',
    settings: { dir: 'pages/common', layout: 'notes' },
    // The same commands in German, Japanese and Arabic (right to left), file for file at the same paths.
    translations: [
      { lang: 'de', dir: 'pages.de/common' },
      { lang: 'ja', dir: 'pages.ja/common' },
      { lang: 'ar', dir: 'pages.ar/common' },
    ],
  },
];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    mirrors: { type: 'string', default: process.env.GROVE_REAL_MIRRORS },
    'skip-build': { type: 'boolean', default: false },
    translations: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('npm run real -- [--only name,name] [--mirrors DIR] [--skip-build] [--translations]');
  console.log(`repositories: ${REAL_REPOS.map((r) => r.name).join(', ')}`);
  process.exit(0);
}
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((n) => !REAL_REPOS.some((r) => r.name === n)) ?? [];
if (unknown.length) {
  console.error(`--only: no repository called ${unknown.join(', ')} (there are ${REAL_REPOS.map((r) => r.name).join(', ')})`);
  process.exit(2);
}

/**
 * Where Grove clones it from: GitHub, or a repository made from the local mirror's newest commit. A
 * mirror may lack its largest files (media, mostly), and git will not clone a repository with objects
 * missing; so the files it has are committed as they are, and each missing one as a placeholder of
 * the same name (listed in `placeholders.txt`), as the issue allows. History is then one commit.
 */
function urlOf(repo: RealRepo, work: string): string {
  const mirror = values.mirrors && join(resolve(values.mirrors), repo.github.replace('/', '+'), 'repo');
  if (!mirror || !existsSync(mirror)) return `https://github.com/${repo.github}.git`;
  const copy = join(work, 'upstream');
  if (existsSync(join(copy, '.git'))) return `file://${copy}`;
  const git = (args: string[], options: { cwd?: string; input?: string } = {}) => {
    const r = spawnSync('git', args, { cwd: options.cwd, input: options.input, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString()}`);
    return r.stdout;
  };
  const dir = typeof repo.settings.dir === 'string' ? repo.settings.dir : '.';
  // Besides `dir`, the files at the root that say which tool wrote the repository (`dialect: 'auto'` reads them there, as in a full clone).
  const markers = dir === '.' ? [] : ['.obsidian', 'dendron.yml', 'dendron.code-workspace', '.foam', '.vscode/extensions.json'];
  const translated = values.translations ? (repo.translations ?? []).map((t) => t.dir) : [];
  const listed = git(['--git-dir', mirror, 'ls-tree', '-r', '-z', 'HEAD', '--', dir, ...translated, ...markers])
    .toString()
    .split('\0')
    .filter(Boolean);
  const files = listed
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      const [mode, type, sha] = meta.split(' ') as [string, string, string];
      return { mode, type, sha, path };
    })
    .filter((f) => f.type === 'blob');
  mkdirSync(copy, { recursive: true });
  git(['init', '-q', '-b', repo.branch], { cwd: copy });
  const placeholders: string[] = [];
  for (const f of files) {
    const target = join(copy, f.path);
    mkdirSync(join(target, '..'), { recursive: true });
    const got = spawnSync('git', ['--git-dir', mirror, 'cat-file', 'blob', f.sha], { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 });
    if (got.status === 0 && f.mode !== '120000') writeFileSync(target, got.stdout);
    else if (f.mode !== '120000') {
      writeFileSync(target, `placeholder: ${f.path} is missing from the local mirror\n`);
      placeholders.push(f.path);
    }
  }
  writeFileSync(join(work, 'placeholders.txt'), placeholders.join('\n'));
  const head = git(['--git-dir', mirror, 'log', '-1', '--format=%an%x00%ae%x00%aI%x00%H']).toString().trim().split('\0');
  git(['add', '-A'], { cwd: copy });
  git(
    [
      '-c',
      `user.name=${head[0]}`,
      '-c',
      `user.email=${head[1]}`,
      'commit',
      '-q',
      '--date',
      head[2]!,
      '-m',
      `${repo.github} at ${head[3]} (${placeholders.length} files missing from the mirror are placeholders)`,
    ],
    { cwd: copy },
  );
  return `file://${copy}`;
}

interface Run {
  ok: boolean;
  ms: number;
  out: string;
}
function run(args: string[], env: Record<string, string>): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0, ms: performance.now() - started, out: `${r.stdout}${r.stderr}` };
}
/** The line that sums a command up (`Checked …`), else its last line. */
const lastLine = (s: string) =>
  s
    .trim()
    .split('\n')
    .findLast((l) => /Checked|page\(s\) built|problem|links? checked/i.test(l)) ??
  s.trim().split('\n').at(-1) ??
  '';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const rows: string[] = [];
for (const repo of REAL_REPOS.filter((r) => !only || only.includes(r.name))) {
  const translations = values.translations ? (repo.translations ?? []) : [];
  const work = join(root, '.grove', 'real', translations.length ? `${repo.name}-translated` : repo.name);
  mkdirSync(work, { recursive: true });
  const config = join(work, 'garden.config.mjs');
  const source = { name: repo.name, repo: urlOf(repo, work), branch: repo.branch, ...repo.settings };
  // Each folder of translations is a source of its own that translates the repository's, file by file (docs/languages.md).
  const translating = translations.map((t) => ({ ...source, name: `${repo.name}-${t.lang.toLowerCase()}`, dir: t.dir, translates: repo.name, lang: t.lang }));
  const sources = [source, ...translating];
  const locales = translations.map((t) => t.lang);
  writeFileSync(
    config,
    `// Written by \`npm run real\`: the sample garden and ${repo.github}, with its documented settings only.\n` +
      `import sample from '../../../garden.config.ts';\n` +
      `// The sample's own folder, written from the project root, where this file is not.\n` +
      `const own = sample.sources.map((s) => (s.path ? { ...s, path: new URL('../../../' + s.path, import.meta.url).pathname } : s));\n` +
      (locales.length
        ? `export default { ...sample, locales: [...new Set([...(sample.locales ?? []), ...${JSON.stringify(locales)}])], sources: [...own, ...${JSON.stringify(sources)}] };\n`
        : `export default { ...sample, sources: [...own, ${JSON.stringify(source)}] };\n`),
  );
  const env = { GARDEN_CONFIG: config, GROVE_OUT_DIR: join(work, 'dist'), GROVE_CACHE_DIR: join(work, 'cache') };
  console.log(`\n## ${repo.name} (${repo.github})`);
  const sync = run([join(root, 'scripts', 'sync.ts'), '--update'], env);
  if (!sync.ok) {
    console.log(sync.out);
    rows.push(`| ${repo.name} | ${repo.what} | sync failed: ${lastLine(sync.out)} | | | |`);
    continue;
  }
  const check = run([join(root, 'scripts', 'check.ts')], env);
  console.log(lastLine(check.out));
  let build = 'not built';
  let links = '';
  if (!values['skip-build']) {
    const b = run([join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], env);
    const pages = /(\d[\d,]*) page\(s\) built/.exec(b.out)?.[1];
    build = b.ok ? `${pages ?? '?'} pages in ${seconds(b.ms)}` : `failed: ${lastLine(b.out)}`;
    if (b.ok) {
      const l = run([join(root, 'scripts', 'check-links.ts'), join(work, 'dist')], env);
      links = l.ok ? 'clean' : lastLine(l.out);
    }
    writeFileSync(join(work, 'build.log'), b.out);
  }
  writeFileSync(join(work, 'check.log'), check.out);
  const translated = translations.length ? ` + ${translations.map((t) => `\`${t.dir}\` (${t.lang})`).join(', ')}` : '';
  rows.push(`| ${repo.name} | ${repo.what} | \`${JSON.stringify(repo.settings)}\`${translated} | ${lastLine(check.out)} (${seconds(check.ms)}) | ${build} | ${links} |`);
}
console.log('\n| source | repository | settings | npm run check | build | check:links |\n| --- | --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
