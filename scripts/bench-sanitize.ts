/**
 * `npm run bench:sanitize -- [--pages N] [--rounds R]`: what the HTML policy costs an untrusted source.
 * Renders the peer corpus (../shared/bench/peer-corpus.mjs: about 870 words a page, with code, a
 * table and links) with the site's own Markdown processor and code highlighting, then cleans every
 * page as the last step of an untrusted page's rendering, and prints both side by side, as medians
 * over the rounds of the time per page (measured in one run: these machines are shared and noisy).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import matter from 'gray-matter';
import { cleanHtml } from '../src/garden/policy/html-policy.ts';
import { groveHastPlugins, SHIKI_CONFIG } from '../src/garden/render/hast-plugins.ts';
import { fail, optionsOf, run } from './cli.ts';
import { MARKDOWN_FEATURES } from '../src/garden/content/syntax.ts';

const USAGE = 'usage: npm run bench:sanitize -- [--pages N] [--rounds R]   (defaults: 10000 pages, 3 rounds)';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

await run(async () => {
  const values = optionsOf({ pages: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' } }, USAGE);
  const pages = Number(values.pages);
  const rounds = Number(values.rounds);
  if (!(pages > 0) || !(rounds > 0)) fail('--pages and --rounds take a positive number', USAGE);
  const corpus = join(root, '..', 'shared', 'bench', 'peer-corpus.mjs');
  if (!existsSync(corpus)) fail(`the peer corpus generator is missing: ${corpus} (it ships in the project's shared/ folder beside this checkout)`, USAGE);
  const dir = join(root, '.grove', 'bench', `sanitize-${pages}`);
  if (!existsSync(dir) || readdirSync(dir).length < pages) {
    const r = spawnSync(process.execPath, [corpus, '--n', String(pages), '--out', dir, '--flavour', 'docusaurus', '--ext', 'md'], { encoding: 'utf8' });
    if (r.status !== 0) fail(`the peer corpus could not be written: ${r.stderr}`, USAGE);
  }
  const bodies = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .slice(0, pages)
    .map((f) => matter(readFileSync(join(dir, f), 'utf8')).content);
  const processor = await createSatteriMarkdownProcessor({ shikiConfig: SHIKI_CONFIG, hastPlugins: groveHastPlugins(), features: MARKDOWN_FEATURES });
  const renderMs: number[] = [];
  const cleanMs: number[] = [];
  let bytes = 0;
  let changed = 0;
  for (let round = 0; round < rounds; round++) {
    let render = 0;
    let clean = 0;
    for (const body of bodies) {
      const t0 = performance.now();
      const { code } = await processor.render(body, { frontmatter: {} });
      const t1 = performance.now();
      const r = cleanHtml(code);
      clean += performance.now() - t1;
      render += t1 - t0;
      if (round === 0) {
        bytes += code.length;
        if (r.changed) changed++;
      }
    }
    renderMs.push(render);
    cleanMs.push(clean);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const render = median(renderMs);
  const clean = median(cleanMs);
  const per = (ms: number) => `${(ms / bodies.length).toFixed(2)} ms/page`;
  console.log(`${bodies.length} peer-corpus pages (${Math.round(bytes / bodies.length / 1024)} KB of HTML each with highlighting), median of ${rounds} rounds:`);
  console.log(`  render (Sätteri + Shiki): ${(render / 1000).toFixed(2)} s (${per(render)})`);
  console.log(`  clean (parse5 + hast-util-sanitize + serialize): ${(clean / 1000).toFixed(2)} s (${per(clean)}), ${Math.round((clean / render) * 100)} % of rendering`);
  console.log(`  pages the sanitizer changed: ${changed} (expected 0: the corpus is plain Markdown)`);
});
