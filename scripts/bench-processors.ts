/**
 * `npm run bench:processors -- [--pages N]`: renders the same synthetic garden's Markdown pages with
 * Astro 7's Sätteri and unified processors, Grove's link handling in both, and prints the medians.
 */
import { join, resolve, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateGarden } from '../src/bench/generate.ts';
import { compareProcessors } from '../src/bench/processors.ts';
import { parseConfig } from '../src/garden/settings/config.ts';
import { loadGarden } from '../src/garden/model/garden.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { pages: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' } } });
const pages = Number(values.pages);
const dir = join(root, '.grove', 'bench', `processors-${pages}`);
generateGarden(dir, { pages, seed: 1, mdxShare: 0 });
const config = parseConfig({ sources: [{ name: 'bench', path: './content' }] }, 'garden.config.mjs', dir);
const garden = await loadGarden({ config, fresh: true });
const r = await compareProcessors(garden, Number(values.rounds));
const per = (ms: number) => `${(ms / r.pages).toFixed(2)} ms/page`;
console.log(`${r.pages} Markdown pages, median of ${values.rounds} rounds after a warm-up round each:`);
console.log(`  Sätteri: ${(r.satteriMs / 1000).toFixed(2)} s (${per(r.satteriMs)})`);
console.log(`  unified: ${(r.unifiedMs / 1000).toFixed(2)} s (${per(r.unifiedMs)})`);
console.log(`  unified / Sätteri: ${(r.unifiedMs / r.satteriMs).toFixed(2)}×`);
