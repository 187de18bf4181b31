/**
 * The course fixture (tests/fixtures/dialects/course/) built by Astro beside the sample garden with
 * only `path` and `layout: 'course'`: its path, courses and lessons are pages, in order, with
 * previous and next, titled as the layout says, and no link of the built site is broken.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
mkdirSync(join(root, '.grove'), { recursive: true });
const work = mkdtempSync(join(root, '.grove', 'course-layout-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dist = join(work, 'dist');
const page = (route: string) => readFileSync(join(dist, route, 'index.html'), 'utf8');

describe("a build with a layout: 'course' source", () => {
  it('builds the curriculum in order, and check:links passes', { timeout: 600_000 }, () => {
    const env = {
      ...process.env,
      GARDEN_CONFIG: join(root, 'tests/fixtures/dialects/course.config.mjs'),
      GROVE_OUT_DIR: dist,
      GROVE_CACHE_DIR: join(work, 'cache'),
      NO_COLOR: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
    };
    const b = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: root, encoding: 'utf8', env });
    expect(b.status, `${b.stdout}\n${b.stderr}`).toBe(0);
    // The path and its courses, in order.
    const path = page('paths/web');
    expect(path).toContain('Web Basics');
    expect(path.indexOf('HTML from scratch')).toBeGreaterThan(-1);
    expect(path.indexOf('HTML from scratch')).toBeLessThan(path.indexOf('Styling the Web'));
    // The course page shows its README as its introduction, and its lessons 9 before 10.
    const course = page('courses/html');
    expect(course).toContain('This course introduces HTML');
    expect(course.indexOf('>Tables<')).toBeLessThan(course.indexOf('>Forms<'));
    // Previous and next follow the numbers; titles come from frontmatter, heading, meta.json or the name.
    const tables = page('courses/html/tables');
    expect(tables).toMatch(/href="\/courses\/html\/elements\/" rel="prev"[^>]*><small[^>]*>Previous<\/small>Elements and tags/);
    expect(tables).toMatch(/href="\/courses\/html\/forms\/" rel="next"[^>]*><small[^>]*>Next<\/small>Forms/);
    expect(page('courses/styling/flexbox-intro')).toMatch(/<h1[^>]*>Flexbox, gently<\/h1>/);
    expect(page('courses/styling/colour-names')).toMatch(/<h1[^>]*>Colour names<\/h1>/);
    // The lesson's relative link to the next file is a link to its page.
    expect(page('courses/html/intro')).toContain('href="/courses/html/elements/"');
    const l = spawnSync(process.execPath, [join(root, 'scripts/check-links.ts'), dist], { cwd: root, encoding: 'utf8', env });
    expect(l.status, `${l.stdout}\n${l.stderr}`).toBe(0);
  });
});
