import { describe, expect, it } from 'vitest';
import type { AnyEntry } from '../../../src/garden/content/entries.ts';
import { buildLinkIndex, joinRelative, resolveLink, resolveWikilink, type Resolution } from '../../../src/garden/model/links.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_FILES, SITE_ROUTES } from '../../../src/garden/model/routes.ts';
import { entry, fm } from '../helpers.ts';

/** A small garden: two sources, every kind, non-ASCII and spaced file names, one id shared by two kinds. */
const ENTRIES: AnyEntry[] = [
  entry('note', 'notes/rebase-safely.md', fm({ title: 'Rebase safely', topics: ['git'] }, '## Force push, carefully\n')),
  entry('note', 'notes/Git Cheat Sheet.md', '# Git cheat sheet\n\nCommands.\n'),
  entry('note', 'notes/Überblick Deployments.md', fm({ title: 'Überblick Deployments' }, '## Der Weg einer Änderung\n')),
  // Written to disk in NFD (as macOS may), linked to in NFC.
  entry('note', 'notes/Cafe\u0301 Rules.md', '# Café rules\n'),
  entry('note', 'notes/ברוכים הבאים.md', fm({ title: 'ברוכים הבאים' })),
  entry('note', 'notes/team/deep-dive.md', fm({ title: 'Deep dive' })),
  entry('note', 'notes/sql.md', fm({ title: 'SQL basics' })),
  entry('course', 'courses/git/index.md', fm({ title: 'Git foundations' })),
  entry('lesson', 'courses/git/01-first-commit.md', fm({ title: 'Your first commit' })),
  entry('lesson', 'courses/git/02-branches.md', fm({ title: 'Working on branches' })),
  entry('topic', 'topics/git.md', fm({ title: 'Git', aliases: ['version control', 'vcs'] })),
  entry('topic', 'topics/sql.md', fm({ title: 'SQL' })),
  entry('topic', 'topics/incidents.md', fm({ title: 'Incident response' })),
  entry('person', 'people/noa-ben-david.md', fm({ name: 'Noa Ben-David' })),
  entry('path', 'paths/onboarding.md', fm({ title: 'New engineer onboarding', courses: ['git'] })),
  entry('note', 'notes/team-only.md', fm({ title: 'Team only' }), 'team'),
];

const LEARNING = buildLinkIndex(ENTRIES, '/learning/');
const ROOT = buildLinkIndex(ENTRIES, '/');
const FROM_NOTE = { source: 'local', path: 'notes/rebase-safely.md' };
const FROM_LESSON = { source: 'local', path: 'courses/git/02-branches.md' };
const FROM_TEAM = { source: 'team', path: 'notes/team-only.md' };

/** What a reader would see of a resolution: the href, or the kind of non-page result. */
function shown(r: Resolution): string {
  switch (r.type) {
    case 'page':
    case 'route':
      return r.href;
    case 'same-page':
      return `same-page #${r.anchor}`;
    case 'external':
      return 'external';
    case 'broken':
      return `broken: ${r.message}${r.hint ? ` (${r.hint})` : ''}`;
  }
}

describe('joinRelative', () => {
  it.each<[string, string, string | undefined]>([
    ['notes/a.md', 'b.md', 'notes/b.md'],
    ['notes/a.md', './b.md', 'notes/b.md'],
    ['notes/a.md', '../courses/git/index.md', 'courses/git/index.md'],
    ['courses/git/01-a.md', '../../notes/x.md', 'notes/x.md'],
    ['notes/a.md', '../courses/git/', 'courses/git'],
    ['notes/a.md', 'sub//x.md', 'notes/sub/x.md'],
    ['notes/a.md', '../../x.md', undefined],
    ['notes/a.md', '../../../etc/passwd', undefined],
  ])('from %j, %j → %j', (from, rel, expected) => {
    expect(joinRelative(from, rel)).toBe(expected);
  });
});

describe('resolveLink: relative Markdown links', () => {
  it.each([
    ['a sibling file', 'Git Cheat Sheet.md', '/learning/notes/git-cheat-sheet/'],
    ['percent-encoded spaces', 'Git%20Cheat%20Sheet.md', '/learning/notes/git-cheat-sheet/'],
    ['angle-bracket style (the parser hands over the path with spaces)', '../notes/Git Cheat Sheet.md', '/learning/notes/git-cheat-sheet/'],
    ['../notes/x.md', '../notes/sql.md', '/learning/notes/sql/'],
    ['./x.md', './sql.md', '/learning/notes/sql/'],
    ['with an anchor', '../notes/sql.md#joins', '/learning/notes/sql/#joins'],
    ['itself with an anchor', 'rebase-safely.md#force-push-carefully', '/learning/notes/rebase-safely/#force-push-carefully'],
    ['without extension', '../notes/sql', '/learning/notes/sql/'],
    ['a note in a sub-folder', 'team/deep-dive.md', '/learning/notes/deep-dive/'],
    ['a course folder with a slash', '../courses/git/', '/learning/courses/git/'],
    ['a course folder without a slash', '../courses/git', '/learning/courses/git/'],
    ['a course index file', '../courses/git/index.md', '/learning/courses/git/'],
    ['a lesson file (number prefix dropped from the route)', '../courses/git/02-branches.md', '/learning/courses/git/branches/'],
    ['a lesson file without extension', '../courses/git/02-branches', '/learning/courses/git/branches/'],
    ['a topic', '../topics/git.md', '/learning/topics/git/'],
    ['a person', '../people/noa-ben-david.md', '/learning/people/noa-ben-david/'],
    ['a path', '../paths/onboarding.md', '/learning/paths/onboarding/'],
    ['a German file name (href percent-encoded)', 'Überblick Deployments.md', '/learning/notes/%C3%BCberblick-deployments/'],
    ['a German file name, percent-encoded', '%C3%9Cberblick%20Deployments.md', '/learning/notes/%C3%BCberblick-deployments/'],
    ['a Hebrew file name', 'ברוכים הבאים.md', '/learning/notes/%D7%91%D7%A8%D7%95%D7%9B%D7%99%D7%9D-%D7%94%D7%91%D7%90%D7%99%D7%9D/'],
    ['an NFD file linked in NFC', 'Café Rules.md', '/learning/notes/caf%C3%A9-rules/'],
    ['an NFC file linked in NFD', 'U\u0308berblick Deployments.md', '/learning/notes/%C3%BCberblick-deployments/'],
  ])('%s: %j → %j', (_why, url, href) => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, url))).toBe(href);
  });

  it.each([
    ['../../notes/rebase-safely.md#force-push-carefully', '/learning/notes/rebase-safely/#force-push-carefully'],
    ['01-first-commit.md', '/learning/courses/git/first-commit/'],
    ['./index.md', '/learning/courses/git/'],
    ['../git/', '/learning/courses/git/'],
    ['.', '/learning/courses/git/'],
  ])('from a lesson: %j → %j', (url, href) => {
    expect(shown(resolveLink(LEARNING, FROM_LESSON, url))).toBe(href);
  });

  it('with base "/" the href has no prefix', () => {
    expect(shown(resolveLink(ROOT, FROM_NOTE, '../courses/git/02-branches.md#naming'))).toBe('/courses/git/branches/#naming');
  });

  it('a page resolution carries the entry and the anchor', () => {
    const r = resolveLink(LEARNING, FROM_NOTE, '../notes/sql.md#joins');
    expect(r.type === 'page' && [r.entry.kind, r.entry.id, r.anchor]).toEqual(['note', 'sql', 'joins']);
  });

  it('links stay inside their source', () => {
    expect(shown(resolveLink(LEARNING, FROM_TEAM, 'team-only.md'))).toBe('/learning/notes/team-only/');
    expect(shown(resolveLink(LEARNING, FROM_TEAM, 'sql.md'))).toMatchInlineSnapshot(`"broken: no such file (looked for notes/sql.md) (check the path, relative to this file)"`);
  });

  it('climbing outside the source is broken', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '../../README.md'))).toMatchInlineSnapshot(`"broken: it points outside the source (link to a file inside the content folder)"`);
  });

  it('a missing file names the path it looked for and the closest files', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '../notes/rebase-safly.md'))).toMatchInlineSnapshot(`"broken: no such file (looked for notes/rebase-safly.md) (did you mean rebase-safely.md?)"`);
  });

  it('a missing file with no close match says how to write the path', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '../zzzzzzzzzzzzzzzzzzzzzzzzzzzz.md'))).toMatchInlineSnapshot(
      `"broken: no such file (looked for zzzzzzzzzzzzzzzzzzzzzzzzzzzz.md) (check the path, relative to this file)"`,
    );
  });

  // Guards: file paths share "notes/" and ".md"; that must not make unrelated files look close.
  it('the hint for a misspelt file does not offer unrelated files', () => {
    const r = resolveLink(LEARNING, FROM_NOTE, '../notes/rebase-safly.md');
    expect(r.type === 'broken' && r.hint).toBe('did you mean rebase-safely.md?');
  });

  it('file names are case-sensitive, and the hint finds the real one', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, 'git cheat sheet.md'))).toMatchInlineSnapshot(`"broken: no such file (looked for notes/git cheat sheet.md) (did you mean Git Cheat Sheet.md?)"`);
  });

  // Guards: an anchor already percent-encoded (as editors write non-ASCII) is decoded once, then
  // encoded once: never `#%25C3%25A4…`, a dead anchor.
  it('a percent-encoded anchor is not encoded twice', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '%C3%9Cberblick%20Deployments.md#der-weg-einer-%C3%A4nderung'))).toBe('/learning/notes/%C3%BCberblick-deployments/#der-weg-einer-%C3%A4nderung');
  });

  it('a percent-encoded anchor on a file name written as text is encoded once too', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, 'Überblick Deployments.md#der-weg-einer-%C3%A4nderung'))).toBe('/learning/notes/%C3%BCberblick-deployments/#der-weg-einer-%C3%A4nderung');
  });
});

describe('resolveLink: site paths', () => {
  it.each([
    ['a page route', '/notes/rebase-safely/', '/learning/notes/rebase-safely/'],
    ['a page route without trailing slash', '/notes/rebase-safely', '/learning/notes/rebase-safely/'],
    ['a page route with the base', '/learning/notes/rebase-safely/', '/learning/notes/rebase-safely/'],
    ['with the base and an anchor', '/learning/courses/git/branches/#naming', '/learning/courses/git/branches/#naming'],
    ['a percent-encoded route', '/notes/%C3%BCberblick-deployments/', '/learning/notes/%C3%BCberblick-deployments/'],
    ['a non-ASCII route as text', '/notes/überblick-deployments/', '/learning/notes/%C3%BCberblick-deployments/'],
    ['a static route', '/notes/', '/learning/notes/'],
    ['a static route without slash', '/search', '/learning/search/'],
    ['a static route with the base', '/learning/topics/', '/learning/topics/'],
    ['the home page', '/', '/learning/'],
    ['the home page with the base', '/learning/', '/learning/'],
  ])('%s: %j → %j', (_why, url, href) => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, url))).toBe(href);
  });

  it.each([
    ['/notes/rebase-safely/', '/notes/rebase-safely/'],
    ['/contribute/', '/contribute/'],
    ['/learning/notes/rebase-safely/', 'broken: no page at /learning/notes/rebase-safely/ (did you mean /notes/rebase-safely/?)'],
  ])('base "/": %j → %j', (url, expected) => {
    expect(shown(resolveLink(ROOT, FROM_NOTE, url))).toBe(expected);
  });

  it('every static route resolves as a route', () => {
    for (const r of SITE_ROUTES) expect(resolveLink(LEARNING, FROM_NOTE, r)).toEqual({ type: 'route', href: `/learning${r}` });
  });

  it("the site's own files are the files of public/ and what the build writes", () => {
    const pub = readdirSync(join(import.meta.dirname, '../../../public')).map((f) => `/${f}`);
    expect(pub.filter((f) => !(SITE_FILES as readonly string[]).includes(f))).toEqual([]);
    for (const f of SITE_FILES) expect(resolveLink(LEARNING, FROM_NOTE, f)).toEqual({ type: 'route', href: `/learning${f}` });
  });

  it("a site path that is no route is read from the root of the page's source", () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '/courses/git/02-branches.md#x'))).toBe('/learning/courses/git/branches/#x');
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '/notes/team/deep-dive'))).toBe('/learning/notes/deep-dive/');
    // Another source's file is not this page's.
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '/notes/team-only.md'))).toMatch(/^broken: no page at \/notes\/team-only.md/);
  });

  // The /notes/team-only/ in this hint is the bug marked just below.
  it('a missing route suggests the closest routes', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '/notes/rebase-safly/'))).toMatchInlineSnapshot(`"broken: no page at /notes/rebase-safly/ (did you mean /notes/rebase-safely/?)"`);
  });

  // BUG: problems.ts closest() sets its limit from the length of the whole route (one edit per three
  // characters of "/notes/rebase-safly/" is 7), and the shared "/notes/" and "/" count toward it, so
  // /notes/team-only/ (7 edits away; "team-only" and "rebase-safly" share nothing) is still offered.
  // File paths have the same shape but happen to fall outside the limit (notes/sql.md is 10 edits away).
  it('the hint for a misspelt route does not offer unrelated routes', () => {
    const r = resolveLink(LEARNING, FROM_NOTE, '/notes/rebase-safly/');
    expect(r.type === 'broken' && r.hint).toBe('did you mean /notes/rebase-safely/?');
  });

  // Guards: a "search for git" link `/search/?q=git` must not lose its query string.
  it('a query string on a site path is kept', () => {
    expect(shown(resolveLink(LEARNING, FROM_NOTE, '/search/?q=git'))).toBe('/learning/search/?q=git');
  });
});

describe('resolveLink: links left alone', () => {
  it.each(['https://git.example/team/repo', 'http://example.com', 'HTTPS://EXAMPLE.COM', 'mailto:help@example.com', 'tel:+441234567', '//cdn.example/x.js', '', '   '])('%j is external', (url) => {
    expect(resolveLink(LEARNING, FROM_NOTE, url)).toEqual({ type: 'external' });
  });

  it.each([
    ['#same-page', 'same-page'],
    ['#', ''],
    ['#Über', 'Über'],
  ])('%j is a same-page anchor %j', (url, anchor) => {
    expect(resolveLink(LEARNING, FROM_NOTE, url)).toEqual({ type: 'same-page', anchor });
  });
});

describe('resolveWikilink', () => {
  it.each([
    ['by id', 'rebase-safely', '/learning/notes/rebase-safely/'],
    ['by file name', 'Git Cheat Sheet', '/learning/notes/git-cheat-sheet/'],
    ['by title', 'Rebase safely', '/learning/notes/rebase-safely/'],
    ['by title, any case', 'REBASE SAFELY', '/learning/notes/rebase-safely/'],
    ['by title with extra spaces', '  Rebase safely  ', '/learning/notes/rebase-safely/'],
    ['by a title that is not the file name', 'Git cheat sheet', '/learning/notes/git-cheat-sheet/'],
    ['by topic title', 'incident response', '/learning/topics/incidents/'],
    ['by topic alias', 'vcs', '/learning/topics/git/'],
    ['by topic alias, any case', 'Version Control', '/learning/topics/git/'],
    ['qualified note', 'notes/rebase-safely', '/learning/notes/rebase-safely/'],
    ['qualified topic', 'topics/sql', '/learning/topics/sql/'],
    ['qualified course', 'courses/git', '/learning/courses/git/'],
    ['qualified lesson', 'courses/git/branches', '/learning/courses/git/branches/'],
    ['lesson id', 'git/branches', '/learning/courses/git/branches/'],
    ['lesson slug', 'branches', '/learning/courses/git/branches/'],
    ['lesson file name', '02-branches', '/learning/courses/git/branches/'],
    ['lesson title', 'working on branches', '/learning/courses/git/branches/'],
    ['a person by name', 'Noa Ben-David', '/learning/people/noa-ben-david/'],
    ['a path by id', 'onboarding', '/learning/paths/onboarding/'],
    ['a German title', 'Überblick Deployments', '/learning/notes/%C3%BCberblick-deployments/'],
    ['a German title in NFD', 'U\u0308berblick Deployments', '/learning/notes/%C3%BCberblick-deployments/'],
    ['a Hebrew title', 'ברוכים הבאים', '/learning/notes/%D7%91%D7%A8%D7%95%D7%9B%D7%99%D7%9D-%D7%94%D7%91%D7%90%D7%99%D7%9D/'],
    ['an NFD file by its NFC name', 'Café Rules', '/learning/notes/caf%C3%A9-rules/'],
    ['slugified fallback', 'Rebase Safely!', '/learning/notes/rebase-safely/'],
    ['with a heading (slugified anchor)', 'rebase-safely#Force push, carefully', '/learning/notes/rebase-safely/#force-push-carefully'],
    ['with a non-ASCII heading', 'Überblick Deployments#Der Weg einer Änderung', '/learning/notes/%C3%BCberblick-deployments/#der-weg-einer-%C3%A4nderung'],
    ['a notes from another source', 'team-only', '/learning/notes/team-only/'],
  ])('%s: [[%s]] → %j', (_why, target, href) => {
    expect(shown(resolveWikilink(LEARNING, target))).toBe(href);
  });

  it('with base "/"', () => {
    expect(shown(resolveWikilink(ROOT, 'vcs#Branches'))).toBe('/topics/git/#branches');
  });

  it('the anchor of a wikilink is returned slugified', () => {
    const r = resolveWikilink(LEARNING, 'rebase-safely#Force push, carefully');
    expect(r.type === 'page' && r.anchor).toBe('force-push-carefully');
  });

  it('a name shared by two kinds is an error listing both qualified forms', () => {
    expect(shown(resolveWikilink(LEARNING, 'sql'))).toMatchInlineSnapshot(`"broken: "sql" matches 2 pages (write one of [[notes/sql]], [[topics/sql]])"`);
  });

  it('a course and a topic with the same id are ambiguous too', () => {
    expect(shown(resolveWikilink(LEARNING, 'git'))).toMatchInlineSnapshot(`"broken: "git" matches 2 pages (write one of [[courses/git]], [[topics/git]])"`);
  });

  describe("in the page's own source first", () => {
    // Two sources that each have a page named "deploys", and a third that has none.
    const SCOPED = buildLinkIndex(
      [
        entry('note', 'notes/deploys.md', fm({ title: 'Deploys' })),
        entry('note', 'notes/vault-deploys.md', fm({ title: 'Deploys' }), 'vault'),
        entry('note', 'notes/wiki-home.md', fm({ title: 'Wiki home' }), 'wiki'),
        entry('note', 'notes/c:drive.md', fm({ title: 'C: drive' })),
      ],
      '/',
    );

    it.each<[string, string, string]>([
      ['a name in its own source', 'local', '/notes/deploys/'],
      ['the same name from the other source', 'vault', '/notes/vault-deploys/'],
      ['a name only another source has', 'wiki', 'broken: "Deploys" matches 2 pages (write one of [[local:notes/deploys]], [[vault:notes/vault-deploys]])'],
      ['a title with a colon that names no source', 'local', '/notes/c-drive/'],
    ])('%s', (_, source, expected) => {
      const target = expected.includes('c-drive') ? 'C: drive' : 'Deploys';
      expect(shown(resolveWikilink(SCOPED, target, { source }))).toBe(expected);
    });

    it('[[source:name]] names the source outright', () => {
      expect(shown(resolveWikilink(SCOPED, 'vault:Deploys', { source: 'local' }))).toBe('/notes/vault-deploys/');
      expect(shown(resolveWikilink(SCOPED, 'local:deploys#Rollback', { source: 'wiki' }))).toBe('/notes/deploys/#rollback');
      expect(shown(resolveWikilink(SCOPED, 'wiki:Deploys', { source: 'local' }))).toMatch(/^broken: no page of the source "wiki" is called "Deploys"/);
    });

    it('without a page to start from, every source counts', () => {
      expect(shown(resolveWikilink(SCOPED, 'Deploys'))).toMatch(/^broken: "Deploys" matches 2 pages/);
    });
  });

  it('a broken wikilink suggests the closest names', () => {
    expect(shown(resolveWikilink(LEARNING, 'rebase-safly'))).toMatchInlineSnapshot(`"broken: no page is called "rebase-safly" (did you mean [[rebase-safely]]?)"`);
  });

  // Guards: a page has several names (id, lower-cased title); the hint lists it once, by id.
  it('a broken wikilink suggests each page once', () => {
    expect(shown(resolveWikilink(LEARNING, 'rebase-safly'))).toBe('broken: no page is called "rebase-safly" (did you mean [[rebase-safely]]?)');
  });

  it('a broken wikilink with nothing close says how to link', () => {
    expect(shown(resolveWikilink(LEARNING, 'qqqqqqqqqqqqqqqqqqqqqqqq'))).toMatchInlineSnapshot(`"broken: no page is called "qqqqqqqqqqqqqqqqqqqqqqqq" (link by id, file name, title or topic alias)"`);
  });

  it('an empty index', () => {
    expect(shown(resolveWikilink(buildLinkIndex([], '/'), 'x'))).toBe('broken: no page is called "x" (link by id, file name, title or topic alias)');
  });

  // The rendered page's heading ids come from github-slugger (each space → "-", punctuation dropped,
  // "_" kept); a wikilink's `#heading` anchor must match them, not ids.ts slugify.
  it.each([
    ['Merge & rebase', 'merge--rebase'],
    ['Version 1.5 changes', 'version-15-changes'],
    ['The my_table view', 'the-my_table-view'],
  ])('[[rebase-safely#%s]] points at the heading id github-slugger gives (%s)', (heading, id) => {
    const r = resolveWikilink(LEARNING, `rebase-safely#${heading}`);
    expect(r.type === 'page' && r.anchor).toBe(id);
  });
});
