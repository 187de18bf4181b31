import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/bench/measure.ts';

const root = join(import.meta.dirname, '..', '..');

// The benchmark itself is not part of `npm test`; a 200-page run of it is, so it cannot rot.
describe('npm run bench (smoke, 200 pages)', () => {
  it('generates, builds cold and warm, and reports every figure', { timeout: 240_000 }, () => {
    const out = join(root, '.grove', 'bench', 'smoke.json');
    execFileSync(process.execPath, [join(root, 'scripts', 'bench.ts'), '--pages', '200', '--out', out], { cwd: root, stdio: 'pipe' });
    const r = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    expect(r.pages).toBe(200);
    // 200 garden pages plus the listing pages (home, indexes, filters) and the 404 page.
    expect(r.dist.htmlPages).toBeGreaterThan(200);
    expect(r.cold.wallMs).toBeGreaterThan(0);
    expect(r.warm.wallMs).toBeGreaterThan(0);
    expect(Object.keys(r.cold.phases)).toEqual(expect.arrayContaining(['sources', 'model', 'content', 'render']));
    expect(r.cold.maxRssBytes).toBeGreaterThan(50 * 2 ** 20);
    expect(Object.keys(r.dist.perType)).toEqual(expect.arrayContaining(['home', 'lesson', 'note', 'course', 'path', 'topic', 'person']));
    expect(readFileSync(out.replace(/\.json$/, '.md'), 'utf8')).toContain('| cold build, wall |');
  });
});
