/**
 * The Content-Security-Policy: the settings Astro receives, the post-build trim (tables of pages as
 * strings), and a real build of the sample garden in which every inline script of every page is
 * allowed by that page's own policy — parsed with parse5 and hashed here, independently of the
 * build's code — so a later inline script cannot break a page without failing this test.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, CSP_DIRECTIVES, HEADER_POLICY, inlineBlocksOf, policyOf, SVG_POLICY, trimPolicy, trimPolicyOfBytes } from '../../src/integrations/csp.ts';
import { INLINE_SCRIPTS } from '../../src/layouts/inline-scripts.ts';
import { relOf } from '../../src/layouts/url.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** A page with a policy and a body, as Astro writes them. */
const page = (policy: string, body: string) => `<!DOCTYPE html><html><head><meta http-equiv="content-security-policy" content="${policy}"></head><body>${body}</body></html>`;

describe('the settings', () => {
  const csp = contentSecurityPolicy();

  it('allow scripts from the site and by hash only: no inline, no eval, no other host', () => {
    const sources = csp.scriptDirective.resources;
    expect(sources).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.directives).toEqual(expect.arrayContaining(["default-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "img-src 'self' data:"]));
    for (const d of CSP_DIRECTIVES) expect(d, 'only this site, no scheme or wildcard').not.toMatch(/https?:|\*|'unsafe-/);
  });

  it("list the hash of every inline script Grove writes, and allow style attributes only (Shiki's colours)", () => {
    expect(csp.scriptDirective.hashes.map((h) => `'${h}'`)).toEqual(Object.values(INLINE_SCRIPTS).map(sha256));
    expect(csp.styleDirective.resources).toEqual([{ resource: "'unsafe-inline'", kind: 'attribute' }]);
  });
});

describe('the headers docs/deploying.md gives', () => {
  const guide = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'deploying.md'), 'utf8');

  it('are the policies the code declares, in the table, for nginx and for Apache', () => {
    for (const policy of [HEADER_POLICY, SVG_POLICY]) {
      expect(guide).toContain(`| \`${policy}\` |`);
      expect(guide).toContain(`add_header Content-Security-Policy "${policy}" always;`);
      expect(guide).toContain(`Header always set Content-Security-Policy "${policy}"`);
    }
  });

  it('narrow no script or style, which would refuse the inline scripts each page allows by hash', () => {
    expect(HEADER_POLICY).toContain("frame-ancestors 'none'");
    expect(HEADER_POLICY).not.toMatch(/default-src|script-src|style-src/);
  });
});

describe('rel of a link Grove renders', () => {
  it.each([
    ['https://git.fernhill.example/learning/garden/-/edit/main/x.md', 'noopener'],
    ['http://chat.example/u/priya', 'noopener'],
    ['//cdn.example/x.png', 'noopener'],
    ['/learning/notes/rebase-safely/', undefined],
    ['../notes/', undefined],
    ['#numbers', undefined],
    ['mailto:priya@fernhill.example', undefined],
  ])('%s → %s', (href, rel) => {
    expect(relOf(href)).toBe(rel);
  });
});

describe('inline elements of a page', () => {
  it.each([
    ['a classic script', '<script>a()</script>', ['script:a()']],
    ['a module script', '<script type="module">b()</script>', ['script:b()']],
    ['a script with data attributes', '<script data-key="k">c()</script>', ['script:c()']],
    ['a style element', '<style>p{color:red}</style>', ['style:p{color:red}']],
    ['an external script (allowed by its URL)', '<script type="module" src="/x.js"></script>', []],
    ['a JSON data block (never run)', '<script type="application/json" data-grove-curriculum>{"a":1}</script>', []],
    ['an importmap (run: needs a hash)', '<script type="importmap">{}</script>', ['script:{}']],
  ])('%s', (_, body, expected) => {
    expect(inlineBlocksOf(page('', body)).map((b) => `${b.tag}:${b.text}`)).toEqual(expected);
  });
});

describe('trimming a page’s policy to the hashes it uses', () => {
  const used = sha256('used()');
  const unused = sha256('elsewhere()');

  it('keeps the hashes of its inline elements and drops the others', () => {
    const r = trimPolicy(page(`default-src 'self'; script-src 'self' ${unused} ${used}; style-src 'self' ${sha256('x')}`, '<script>used()</script>'));
    expect(policyOf(r.html)).toEqual(
      new Map([
        ['default-src', ["'self'"]],
        ['script-src', ["'self'", used]],
        ['style-src', ["'self'"]],
      ]),
    );
    expect(r.removed).toBe(2);
    expect(r.blocked).toEqual([]);
  });

  it('never allows what Astro did not: an unlisted inline script stays refused, and is reported', () => {
    const r = trimPolicy(page(`script-src 'self' ${used}`, '<script>used()</script><script>injected()</script>'));
    expect(policyOf(r.html)?.get('script-src')).toEqual(["'self'", used]);
    expect(r.blocked.map((b) => b.text)).toEqual(['injected()']);
  });

  it('leaves a page without a policy as it is', () => {
    const html = '<html><body><script>a()</script></body></html>';
    expect(trimPolicy(html)).toEqual({ html, removed: 0, blocked: [] });
  });

  // The build trims bytes as Astro hands them over, never decoding them: the same page, byte for byte,
  // as trimming the text would give, hashes of non-ASCII scripts included.
  it.each([
    ['ASCII', '<script>used()</script>', 'used()'],
    ['non-ASCII in a script', '<p>Café · → 日本語</p><script>say("héllo — 🌱")</script>', 'say("héllo — 🌱")'],
    ['a refused script with non-ASCII', '<script>used()</script><script>alert("ünïcode")</script>', 'used()'],
    ['a style and a script', '<style>p::before{content:"→"}</style><script>used()</script>', 'p::before{content:"→"}'],
  ])('trims the bytes of a page as its text: %s', (_, body, allowed) => {
    const html = page(`script-src 'self' ${sha256(allowed)} ${unused}; style-src 'self' ${sha256(allowed)} ${sha256('other')}`, body);
    const text = trimPolicy(html);
    const bytes = trimPolicyOfBytes(Buffer.from(html, 'utf8'));
    expect(bytes.bytes.toString('utf8')).toBe(text.html);
    expect(bytes.removed).toBe(text.removed);
    expect(bytes.blocked).toEqual(text.blocked);
  });
});

/** Every element under `node`, depth first. */
function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'content' in node && node.content ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
}

const textOf = (el: Element) => el.childNodes.map((c) => ('value' in c ? c.value : '')).join('');
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

describe('a build of the sample garden', () => {
  const root = join(import.meta.dirname, '..', '..');
  let work = '';
  afterAll(() => work && rmSync(work, { recursive: true, force: true }));

  it('allows every inline script of every page by a hash in that page’s own policy', { timeout: 240_000 }, () => {
    mkdirSync(join(root, '.grove'), { recursive: true });
    work = mkdtempSync(join(root, '.grove', 'csp-'));
    const dist = join(work, 'dist');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GARDEN_CONFIG: join(root, 'tests/fixtures/learning/garden.config.ts'),
        GROVE_OUT_DIR: dist,
        GROVE_CACHE_DIR: join(work, 'cache'),
        NO_COLOR: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout, 'the build warns about no refused inline element').not.toContain('the Content-Security-Policy refuses');

    const pages = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(90);
    const problems: string[] = [];
    let inline = 0;
    for (const d of pages) {
      const file = join(d.parentPath, d.name).slice(dist.length + 1);
      const all = [...elements(parse(readFileSync(join(d.parentPath, d.name), 'utf8')))];
      const metas = all.filter((el) => el.tagName === 'meta' && attr(el, 'http-equiv')?.toLowerCase() === 'content-security-policy');
      if (metas.length !== 1) {
        problems.push(`${file}: ${metas.length} policies`);
        continue;
      }
      const policy = new Map(
        attr(metas[0]!, 'content')!
          .split(';')
          .map((s) => s.trim().split(/\s+/))
          .filter((p) => p[0])
          .map(([n, ...v]) => [n!, v]),
      );
      const scriptSrc = policy.get('script-src') ?? [];
      if (scriptSrc.includes("'unsafe-inline'")) problems.push(`${file}: script-src has 'unsafe-inline'`);
      const meta = all.indexOf(metas[0]!);
      for (const [i, el] of all.entries()) {
        for (const a of el.attrs) {
          if (/^on/i.test(a.name)) problems.push(`${file}: <${el.tagName} ${a.name}> is an inline handler the policy refuses`);
          if (/^\s*javascript:/i.test(a.value)) problems.push(`${file}: <${el.tagName} ${a.name}="javascript:…"> is refused`);
        }
        if (el.tagName === 'style') {
          if (!(policy.get('style-src') ?? []).includes(sha256(textOf(el)))) problems.push(`${file}: a <style> without its hash`);
          continue;
        }
        if (el.tagName !== 'script' || attr(el, 'src') !== undefined) continue;
        const type = attr(el, 'type') ?? '';
        if (/json$/i.test(type)) continue; // a data block, never run
        inline++;
        const text = textOf(el);
        if (i < meta) problems.push(`${file}: an inline script before the policy: ${JSON.stringify(text.slice(0, 50))}`);
        if (!scriptSrc.includes(sha256(text))) problems.push(`${file}: no hash for ${JSON.stringify(text.slice(0, 50))}`);
      }
    }
    expect(problems).toEqual([]);
    // The from-disk script is on every page: the check above did look at inline scripts.
    expect(inline).toBeGreaterThanOrEqual(pages.length);
  });
});
