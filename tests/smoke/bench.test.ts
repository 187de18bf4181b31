import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/bench/measure.ts';

const root = join(import.meta.dirname, '..', '..');

// The benchmark itself is not part of `npm test`; a 200-page run of it is, so it cannot rot.
describe('npm run bench (smoke, 200 and 10 pages)', () => {
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

  it(
    'builds the peer corpus as a notes source, times the edit rebuild, beside it Hugo + Pagefind when Hugo is installed, and the same site split into two partitions and merged',
    { timeout: 420_000 },
    () => {
      const out = join(root, '.grove', 'bench', 'smoke-peer.json');
      execFileSync(process.execPath, [join(root, 'scripts', 'bench.ts'), '--corpus', 'peer', '--pages', '10', '--with-hugo', '--edit', '--split', '2', '--out', out], { cwd: root, stdio: 'pipe' });
      const r = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
      expect(r.corpus).toBe('peer');
      // 10 notes, the topics their tags make, the listing pages and the 404 page.
      expect(r.dist.htmlPages).toBeGreaterThan(10);
      expect(r.dist.perType.note).toBeDefined();
      // Nothing changed: only the fixed pages that Astro's incremental build does not cache render again.
      expect(r.warm.rendered).toBeLessThan(r.cold.rendered!);
      expect(r.edit?.rendered).toBeGreaterThan(r.warm.rendered!);
      const md = readFileSync(out.replace(/\.json$/, '.md'), 'utf8');
      expect(md).toContain('| edit build (one sentence of one note), wall |');
      // Two processes each rendered part of the site; merged, every page and file is the single build's.
      expect(r.split?.runners).toHaveLength(2);
      expect(r.split?.differing).toEqual([]);
      expect(md).toContain('| split into 2: content + longest partition + merge |');
      if (r.hugo) {
        expect(r.hugo.dist.htmlPages).toBeGreaterThanOrEqual(10);
        expect(r.hugo.dist.pagefindBytes).toBeGreaterThan(0);
        expect(r.hugo.edit?.wallMs).toBeGreaterThan(0);
        expect(md).toContain('| Grove / Hugo, cold build, wall |');
      } else {
        expect(r.notes).toEqual(expect.arrayContaining([expect.stringContaining('Hugo is not installed')]));
      }
    },
  );
});
