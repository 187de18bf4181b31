/**
 * `npm run export -- scorm`: the package's manifest (every file it names is in the package and the
 * other way round, items in lesson order, the required elements of SCORM 1.2 and 2004) and its pages
 * (no URL that loads from outside the package, no link to a page that is not in it), over a garden
 * made in a temp folder and a built site faked as Grove's layout writes it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activityIri, cmi5CourseStructure, collectLessons, packageTarget, referencesIn, RUNTIME_FILE, scormManifest, type LmsPackage } from '../../../src/garden/commands/lms-package.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { removeDir, tempDir } from '../git-fixtures.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const BASE = '/learning/';

function model() {
  const dir = tempDir('grove-lms-');
  dirs.push(dir);
  const files: Record<string, string> = {
    'courses/git/index.md': '---\ntitle: Git & you\n---\n',
    'courses/git/01-commits.md': '---\ntitle: Commits\n---\n\nText.\n',
    'courses/git/02-branches.md': '---\ntitle: Branches\n---\n\nText.\n',
    'courses/git/03-remotes.md': '---\ntitle: Remotes\n---\n\nText.\n',
    'courses/sql/index.md': '---\ntitle: SQL\n---\n',
    'courses/sql/01-select.md': '---\ntitle: Select\n---\n\nText.\n',
    'paths/onboarding.md': '---\ntitle: Onboarding\ncourses: [git, sql]\n---\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'content', path)), { recursive: true });
    writeFileSync(join(dir, 'content', path), text);
  }
  return buildGarden(parseConfig({ base: BASE, sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', dir), dir).model;
}

/** A lesson page as Grove's layout writes it: site chrome around the lesson, every URL under the base. */
const page = (
  title: string,
  route: string,
) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="default-src 'self'; connect-src 'self'; script-src 'self'"><title>${title}</title>
<link rel="icon" href="/learning/favicon.svg"><link rel="stylesheet" href="/learning/_astro/Base.css">
<link rel="alternate" type="application/atom+xml" href="/learning/feed.xml"></head><body>
<script data-base="/learning/" data-route="${route}">/* file:// links */</script>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a href="/learning/">Home</a><script type="module" src="/learning/_astro/SearchBox.js"></script></header>
<main id="main"><div class="languages" data-languages data-lang="en"><nav class="language-switcher"><a href="/learning/de/${route}" hreflang="de">Deutsch</a></nav></div>
<nav class="breadcrumbs"><a href="/learning/courses/">Courses</a></nav>
<article><h1>${title}</h1><div class="prose"><h2 id="a">A</h2><p><img src="/learning/files/local/diagram.svg" alt="d">
See <a href="/learning/notes/rebase/">rebasing</a>, <a href="#a">above</a>, <a href="/learning/${route}#a">here</a>,
<a href="/learning/files/local/sheet.pdf">the sheet</a> and <a href="https://git-scm.com/docs">git's docs</a>.</p></div>
<section data-lesson-progress data-lesson="x"><button data-toggle-complete>Mark as complete</button></section>
<script type="module" src="/learning/_astro/ProgressScript.abc.js"></script>
<section aria-labelledby="community"><h2 id="community">From the community</h2><a href="/learning/notes/x/">X</a></section>
<footer class="provenance"><a href="https://git.example/edit">Edit this page</a></footer>
<nav class="pager"><a href="/learning/courses/git/branches/">Next</a></nav></article>
<aside><ol><li><a href="/learning/courses/git/commits/">Commits</a></li></ol></aside></main>
<footer class="site-footer"><a href="/learning/map/">Map</a></footer>
<script type="module" src="/learning/_astro/OfflineIndicator.js"></script></body></html>`;

function site(routes: readonly string[]): Map<string, Uint8Array> {
  const files: Record<string, string> = {
    'favicon.svg': '<svg/>',
    'feed.xml': '<feed/>',
    '_astro/Base.css': 'body{background:url(/learning/files/local/bg.png)}@font-face{src:url(./font.woff2)}',
    '_astro/font.woff2': 'font',
    '_astro/ProgressScript.abc.js': 'import"./progress.def.js";',
    '_astro/progress.def.js': 'const x=import("./lazy.js");',
    '_astro/lazy.js': 'export const y=1;',
    '_astro/SearchBox.js': 'search',
    '_astro/OfflineIndicator.js': 'offline',
    'files/local/diagram.svg': '<svg/>',
    'files/local/sheet.pdf': 'pdf',
    'files/local/bg.png': 'png',
  };
  for (const r of routes) files[`${r}index.html`] = page(r, r);
  return new Map(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]));
}

/** A file's text, with the quotes hast-util-to-html writes as `&#x27;` in attributes read back. */
const text = (b: Uint8Array) => new TextDecoder().decode(b).replaceAll('&#x27;', "'");

function build(id: string, version: '1.2' | '2004' = '1.2'): { pkg: LmsPackage; manifest: string } {
  const m = model();
  const target = packageTarget(m, id);
  const built = site(m.lessons.map((l) => l.entry.route.replace(/^\//, '')));
  const pkg = collectLessons(target, BASE, (p) => built.get(p), [{ file: RUNTIME_FILE, body: '/* runtime */', data: { lms: 'scorm', scorm: version } }]);
  return { pkg, manifest: scormManifest(target, pkg, version) };
}

const attr = (xml: string, tag: string, name: string) => [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

/** Every URL a file of the package loads or links to, with where it is. */
function urlsIn(path: string, body: string): Array<{ url: string; loads: boolean }> {
  if (path.endsWith('.html')) {
    return [...body.matchAll(/<(\w+)\b[^>]*?\s(href|src|data)="([^"]*)"/g)].map((m) => ({ url: m[3]!, loads: m[1] !== 'a' }));
  }
  if (path.endsWith('.css')) return [...body.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => ({ url: m[1]!, loads: true }));
  if (path.endsWith('.js')) return [...body.matchAll(/(?:import\s*\(?|from)\s*["'`]([^"'`]+)/g)].map((m) => ({ url: m[1]!, loads: true }));
  return [];
}

describe('the SCORM package', () => {
  it('names in its manifest exactly the files it holds, each lesson a SCO in the course order', () => {
    for (const version of ['1.2', '2004'] as const) {
      const { pkg, manifest } = build('git', version);
      const named = new Set(attr(manifest, 'file', 'href').map(decodeURIComponent));
      expect([...named].sort()).toEqual([...pkg.files.keys()].sort());
      for (const href of attr(manifest, 'resource', 'href')) expect(named).toContain(decodeURIComponent(href));
      // Items in order, each pointing at its lesson's resource.
      const items = [...manifest.matchAll(/<item identifier="([^"]+)" identifierref="([^"]+)"[^>]*>\s*<title>([^<]*)</g)].map((m) => m[3]);
      expect(items).toEqual(['Commits', 'Branches', 'Remotes']);
      const refs = attr(manifest, 'item', 'identifierref');
      const scos = [...manifest.matchAll(/<resource identifier="([^"]+)"[^>]*scorm[tT]ype="sco" href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
      expect(scos.map(([id]) => id)).toEqual(refs);
      expect(scos.map(([, href]) => href)).toEqual(['courses/git/commits/index.html', 'courses/git/branches/index.html', 'courses/git/remotes/index.html']);
    }
  });

  it('writes the required elements of each edition', () => {
    const v12 = build('git', '1.2').manifest;
    expect(v12).toContain('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"');
    expect(v12).toContain('<schemaversion>1.2</schemaversion>');
    expect(v12).toContain('adlcp:scormtype="sco"');
    expect(v12).toContain('<title>Git &amp; you</title>');
    const v2004 = build('git', '2004').manifest;
    expect(v2004).toContain('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"');
    expect(v2004).toContain('<schemaversion>2004 4th Edition</schemaversion>');
    expect(v2004).toContain('adlcp:scormType="sco"');
    expect(v2004).toMatch(/<organizations default="ORG-1">\s*<organization identifier="ORG-1">/);
  });

  it('loads nothing from outside the package, and every URL in it resolves to a file in it', () => {
    const { pkg } = build('git');
    for (const [path, bytes] of pkg.files) {
      for (const { url, loads } of urlsIn(path, text(bytes))) {
        if (url.startsWith('#')) continue;
        if (/^(https?:)?\/\//.test(url)) {
          expect(loads, `${path} loads ${url}`).toBe(false);
          continue;
        }
        expect(url, `${path}: ${url} is absolute`).not.toMatch(/^\/|^[a-z]+:/i);
        const target = posix.normalize(posix.join(posix.dirname(path), decodeURIComponent(url.split('#')[0]!)));
        expect(pkg.files.has(target), `${path}: ${url} → ${target} is not in the package`).toBe(true);
      }
    }
  });

  it('keeps the lesson and its progress script, and drops the site around it', () => {
    const { pkg } = build('git');
    const html = text(pkg.files.get('courses/git/branches/index.html')!);
    expect(html).toMatch(/<head><meta charset="utf-8"><script src="..\/..\/..\/grove-lms.js" data-lms="scorm" data-scorm="1.2"><\/script>/);
    expect(html).toContain('src="../../../_astro/ProgressScript.abc.js"');
    expect(html).toContain('<img src="../../../files/local/diagram.svg"');
    expect(html).toContain('<a href="../../../files/local/sheet.pdf">the sheet</a>');
    expect(html).toContain('<a href="https://git-scm.com/docs" target="_blank" rel="noopener">');
    expect(html).toContain('<a href="#a">here</a>');
    // Other pages of the site are text: inside an LMS, the LMS moves between lessons.
    expect(html).toContain('See <span>rebasing</span>');
    for (const gone of [
      'feed.xml',
      'site-header',
      'breadcrumbs',
      'From the community',
      'Edit this page',
      'pager',
      'site-footer',
      'SearchBox',
      'OfflineIndicator',
      'data-base',
      'language-switcher',
      'Deutsch',
    ])
      expect(html).not.toContain(gone);
    // What the kept files pull in comes too, transitively; what only the site uses does not.
    expect([...pkg.files.keys()].sort()).toEqual(
      [
        RUNTIME_FILE,
        '_astro/Base.css',
        '_astro/ProgressScript.abc.js',
        '_astro/font.woff2',
        '_astro/lazy.js',
        '_astro/progress.def.js',
        'courses/git/branches/index.html',
        'courses/git/commits/index.html',
        'courses/git/remotes/index.html',
        'favicon.svg',
        'files/local/bg.png',
        'files/local/diagram.svg',
        'files/local/sheet.pdf',
      ].sort(),
    );
    expect(text(pkg.files.get('_astro/Base.css')!)).toContain('url(../files/local/bg.png)');
  });

  it("packages a path's courses one after another", () => {
    const { manifest } = build('onboarding');
    expect([...manifest.matchAll(/<item [^>]*>\s*<title>([^<]*)</g)].map((m) => m[1])).toEqual(['Commits', 'Branches', 'Remotes', 'Select']);
    expect(manifest).toContain('<organization identifier="ORG-1">\n      <title>Onboarding</title>');
  });

  it('says which ids exist when the course is unknown, and what to do when the site is not built', () => {
    const m = model();
    expect(() => packageTarget(m, 'gti')).toThrowErrorMatchingInlineSnapshot(`
      [GardenError: Nothing to export:
        npm run export → course: no course or path has the id "gti" (did you mean "git"?)]
    `);
    expect(() => collectLessons(packageTarget(m, 'git'), BASE, () => undefined, [])).toThrowErrorMatchingInlineSnapshot(`
      [GardenError: The built site does not have every lesson of the package and what it needs:
        courses/git/branches/index.html → is not in the built site (build the site first (npm run build) with the same settings, or pass --dist <folder>)
        courses/git/commits/index.html → is not in the built site (build the site first (npm run build) with the same settings, or pass --dist <folder>)
        courses/git/remotes/index.html → is not in the built site (build the site first (npm run build) with the same settings, or pass --dist <folder>)]
    `);
  });

  it('writes a cmi5 course structure: the course, then an AU per lesson in order, launched from its page', () => {
    const m = model();
    const target = packageTarget(m, 'git');
    const built = site(m.lessons.map((l) => l.entry.route.replace(/^\//, '')));
    const pkg = collectLessons(target, BASE, (p) => built.get(p), [], '*');
    const xml = cmi5CourseStructure(target, pkg, (route) => activityIri('https://intranet.example', BASE, route));
    expect(xml).toContain('<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">');
    expect(xml).toContain('<course id="https://intranet.example/learning/courses/git/">');
    const aus = [...xml.matchAll(/<au id="([^"]+)" moveOn="([^"]+)"[^>]*>[\s\S]*?<url>([^<]+)<\/url>/g)].map((x) => [x[1], x[2], x[3]]);
    expect(aus).toEqual([
      ['https://intranet.example/learning/courses/git/commits/', 'Completed', 'courses/git/commits/index.html'],
      ['https://intranet.example/learning/courses/git/branches/', 'Completed', 'courses/git/branches/index.html'],
      ['https://intranet.example/learning/courses/git/remotes/', 'Completed', 'courses/git/remotes/index.html'],
    ]);
    for (const [, , url] of aus) expect(pkg.files.has(url!)).toBe(true);
    // The LRS is named at launch: the pages may connect to it, wherever it is.
    expect(text(pkg.files.get('courses/git/commits/index.html')!)).toContain("connect-src *; script-src 'self'");
    expect(text(build('git').pkg.files.get('courses/git/commits/index.html')!)).toContain("connect-src 'self'; script-src 'self'");
    expect(activityIri(undefined, BASE, '/courses/git/commits/')).toBe('urn:grove:courses/git/commits');
  });

  it('refuses a built site that lacks a file a lesson loads, naming the page and the file', () => {
    const m = model();
    const built = site(m.lessons.map((l) => l.entry.route.replace(/^\//, '')));
    built.delete('_astro/Base.css');
    const target = { ...packageTarget(m, 'git'), lessons: packageTarget(m, 'git').lessons.slice(0, 1) };
    expect(() => collectLessons(target, BASE, (p) => built.get(p), [])).toThrowErrorMatchingInlineSnapshot(`
      [GardenError: The built site does not have every lesson of the package and what it needs:
        courses/git/commits/index.html → <link> loads /learning/_astro/Base.css, which is not in the built site (build the site first (npm run build) with the same settings, or pass --dist <folder>)]
    `);
  });

  it('finds what scripts and stylesheets import', () => {
    expect(referencesIn('_astro/a.js', 'import"./b.js";import{x}from"../c.js";const d=import("./d.js")')).toEqual(['_astro/b.js', 'c.js', '_astro/d.js']);
    expect(referencesIn('_astro/a.css', '@import "x.css";a{background:url("../i.png")}b{background:url(https://x/y.png)}c{background:url(#f)}')).toEqual(['_astro/x.css', 'i.png']);
  });
});
