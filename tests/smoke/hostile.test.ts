/**
 * The trust policy in a real build of the hostile fixtures (tests/fixtures/hostile/): with the
 * default `unsafeHtml: 'error'` the build fails naming each file, line and rule, and the MDX that
 * would write a file never runs; with `unsafeHtml: 'strip'` it succeeds, and none of the hostile HTML
 * reaches dist/ while the text around it does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
mkdirSync(join(root, '.grove'), { recursive: true });
const work = mkdtempSync(join(root, '.grove', 'hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const pwned = join(work, 'PWNED.txt');

function build(config: string, name: string) {
  return spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GARDEN_CONFIG: join(root, 'tests/fixtures/hostile', config),
      GROVE_OUT_DIR: join(work, `${name}-dist`),
      GROVE_CACHE_DIR: join(work, `${name}-cache`),
      GROVE_PWNED: pwned,
      NO_COLOR: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(html|js|json)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name));
}

describe('a build of hostile content', () => {
  it('fails on untrusted code and HTML with file:line:col and the rule, and runs none of it', { timeout: 180_000 }, () => {
    const r = build('garden.config.mjs', 'error');
    expect(r.status).not.toBe(0);
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).toContain('Grove found broken links or MDX: 12 problems');
    expect(out).toContain('tests/fixtures/hostile/team/notes/script-and-handlers.md:8:1 → no-script: <script> runs code');
    expect(out).toContain('tests/fixtures/hostile/team/notes/writes-a-file.mdx:7:1 → no-mdx-code: a {…} expression runs code at build time');
    expect(out).toContain('tests/fixtures/hostile/team/notes/imports-fs.mdx:4:1 → no-mdx-code: an import or export runs code at build time');
    expect(out).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m); // no stack trace
    expect(existsSync(pwned)).toBe(false);
  });

  it("with unsafeHtml: 'strip', builds, warns, and ships none of the hostile HTML", { timeout: 180_000 }, () => {
    const r = build('strip.config.mjs', 'strip');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('stripped.md:8 → removed: <script> runs code');
    const dist = join(work, 'strip-dist');
    const page = readFileSync(join(dist, 'notes/stripped/index.html'), 'utf8');
    // The text around the hostile HTML is kept …
    for (const kept of ['Kept-paragraph-one', 'kept-span-text', 'kept-link-text', 'kept-form-label', 'kept-hidden-text', 'kept-details']) expect(page).toContain(kept);
    expect(readFileSync(join(dist, 'notes/stripped-jsx/index.html'), 'utf8')).toContain('kept-jsx-text');
    // An untrusted source's SVG (a document that runs script when opened) is not published.
    expect(r.stdout).toContain('drawing.svg → not published');
    expect(existsSync(join(dist, 'files/team/notes/drawing.svg'))).toBe(false);
    // An untrusted page embedded in a trusted one is cleaned there too.
    expect(readFileSync(join(dist, 'notes/embeds-untrusted/index.html'), 'utf8')).toContain('Kept-paragraph-one');
    // … and nothing of the HTML itself is anywhere in the site, search index and data included.
    for (const f of htmlFiles(dist)) {
      const text = readFileSync(f, 'utf8');
      for (const bad of ['pwned', 'evil.example', 'javascript:alert', 'onclick=', 'display: none">kept']) expect(text, `${f} contains ${bad}`).not.toContain(bad);
    }
    // A trusted source keeps its HTML: the policy is for untrusted sources only.
    expect(readFileSync(join(dist, 'notes/trusted-html/index.html'), 'utf8')).toContain('<span style="display:none">kept for trusted sources</span>');
    // A body that starts with a thematic break is rendered as written, not read as a second frontmatter.
    const rule = readFileSync(join(dist, 'notes/thematic-break/index.html'), 'utf8');
    for (const text of ['Text one of the rule note.', 'Text two of the rule note.', '<hr>']) expect(rule).toContain(text);
  });
});
