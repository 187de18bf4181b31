import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSource, type Source } from '../../../src/garden/settings/config.ts';
import { findCollisions, kindOfPath, listFiles, readEntry, readSource, shownPath, type AnyEntry } from '../../../src/garden/content/entries.ts';
import type { SourcePath } from '../../../src/garden/core/ids.ts';
import { buildLinkIndex, resolveAsset, resolveLink } from '../../../src/garden/model/links.ts';
import { formatProblem } from '../../../src/garden/core/problems.ts';
import { at, entry, fm } from '../helpers.ts';

describe('kindOfPath', () => {
  it.each<[string, ReturnType<typeof kindOfPath>]>([
    ['notes/x.md', 'note'],
    ['notes/x.mdx', 'note'],
    ['notes/X.MD', 'note'],
    ['notes/team/deep/x.md', 'note'],
    ['notes/Git Cheat Sheet.md', 'note'],
    ['paths/p.md', 'path'],
    ['topics/git.md', 'topic'],
    ['people/noa.md', 'person'],
    ['courses/git/index.md', 'course'],
    ['courses/git/index.mdx', 'course'],
    ['courses/git/INDEX.md', 'course'],
    ['courses/git/01-intro.md', 'lesson'],
    ['courses/git/intro.mdx', 'lesson'],
    ['courses/git.md', 'misplaced-course'],
    ['courses/git.mdx', 'misplaced-course'],
    // Not read: not Markdown, hidden, drafts, or outside the known folders.
    ['notes/x.txt', undefined],
    ['notes/image.png', undefined],
    ['notes/.obsidian/workspace.md', undefined],
    ['notes/.hidden.md', undefined],
    ['.github/pull_request_template.md', undefined],
    ['_drafts/x.md', undefined],
    ['notes/_drafts/wip.md', undefined],
    ['courses/_drafts/index.md', undefined],
    ['courses/git/_unfinished.md', undefined],
    ['README.md', undefined],
    // One folder too deep: reported by readSource as a problem, not silently skipped.
    ['paths/sub/p.md', 'too-deep'],
    ['topics/sub/t.md', 'too-deep'],
    ['people/sub/p.md', 'too-deep'],
    ['courses/git/extra/x.md', 'too-deep'],
    ['courses/git/extra/index.md', 'too-deep'],
    ['courses/git/extra/deeper/x.md', 'too-deep'],
    ['courses/git/_extra/x.md', undefined],
    ['notes', undefined],
    ['other/x.md', undefined],
  ])('%j → %j', (path, kind) => {
    expect(kindOfPath(path as SourcePath)).toBe(kind);
  });
});

describe('shownPath', () => {
  it.each([
    ['/work/site', '/work/site/content/notes/x.md', 'content/notes/x.md'],
    ['/work/site', '/elsewhere/notes/x.md', '/elsewhere/notes/x.md'],
    ['/work/site', '/work/site-2/notes/x.md', '/work/site-2/notes/x.md'],
  ])('cwd %j, %j → %j', (cwd, abs, expected) => {
    expect(shownPath(cwd, abs)).toBe(expected);
  });
});

describe('title fallback chain and format', () => {
  it.each<[string, string, string]>([
    ['frontmatter title wins', fm({ title: 'From frontmatter' }, '# From heading\n'), 'From frontmatter'],
    ['then the first heading', fm({ stage: 'budding' }, 'Text.\n\n# From heading\n'), 'From heading'],
    ['then the first heading, without frontmatter', '# From heading\n', 'From heading'],
    ['then the file name as written', 'No heading here.\n', 'Git Cheat Sheet'],
    ['an empty file', '', 'Git Cheat Sheet'],
  ])('note: %s', (_why, raw, title) => {
    expect(entry('note', 'notes/Git Cheat Sheet.md', raw).title).toBe(title);
  });

  it.each([
    ['person', 'people/noa.md', fm({ name: 'Noa Ben-David' }), 'Noa Ben-David'],
    ['topic', 'topics/git.md', fm({ title: 'Git' }, '# Other\n'), 'Git'],
    ['lesson', 'courses/git/02-branches.md', fm({ title: 'Working on branches' }), 'Working on branches'],
    ['course', 'courses/git/index.md', fm({ title: 'Git foundations' }), 'Git foundations'],
    ['path', 'paths/p.md', fm({ title: 'Onboarding', courses: ['git'] }), 'Onboarding'],
  ] as const)('%s: the required title field', (kind, path, raw, title) => {
    expect(entry(kind, path, raw).title).toBe(title);
  });

  // Only lessons strip a numeric order prefix from the file name; a note keeps its leading number.
  it.each([
    ['notes/2025-03-14 Rebase trick.md', '2025-03-14 Rebase trick'],
    ['notes/100 days of SQL.md', '100 days of SQL'],
  ])('note %j without heading is titled %j', (path, title) => {
    expect(entry('note', path, 'Text only.\n').title).toBe(title);
  });

  // `name` is a person's title only: a note's `name: 5` once became its title and crashed buildLinkIndex.
  it('a note with a non-text `name` field still gets a text title and can be indexed', () => {
    const e = entry('note', 'notes/a.md', '---\nname: 5\n---\n# Hello\n');
    expect(e.title).toBe('Hello');
    expect(() => buildLinkIndex([e], '/')).not.toThrow();
  });

  // A template's empty fields (`summary:`) mean "not given", not null.
  it('empty frontmatter fields count as absent', () => {
    const n = entry('note', 'notes/x.md', '---\ntitle:\nsummary:\nstage:\n---\n# From heading\n');
    expect(n.title).toBe('From heading');
    expect(n.kind === 'note' && [n.data.summary, n.data.stage]).toEqual([undefined, 'seedling']);
    const l = entry('lesson', 'courses/git/01-intro.md', '---\ntitle: Intro\nduration:\ncheck:\n---\n');
    expect(l.kind === 'lesson' && [l.data.duration, l.data.check]).toEqual([undefined, []]);
  });

  it('an empty required field is reported as missing', () => {
    expect(readEntry('person', '---\nname:\n---\n', at('people/x.md'))).toEqual({
      problems: [expect.objectContaining({ field: 'name', message: 'is required' })],
    });
  });

  it.each([
    ['notes/x.md', 'md'],
    ['notes/x.mdx', 'mdx'],
    ['notes/x.MDX', 'mdx'],
    ['notes/x.MD', 'md'],
  ])('%j is %s', (path, format) => {
    expect(entry('note', path, '# X\n').format).toBe(format);
  });

  it('keeps the body, its offset, word count, prefix, lines and a digest', () => {
    const raw = fm({ title: 'Branches', duration: 20 }, 'One two three.\n');
    const e = entry('lesson', 'courses/git/02-branches.md', raw);
    expect({ ...e, data: undefined }).toEqual({
      kind: 'lesson',
      id: 'git/branches',
      route: '/courses/git/branches/',
      source: 'local',
      path: 'courses/git/02-branches.md',
      file: 'content/courses/git/02-branches.md',
      abs: '/garden/content/courses/git/02-branches.md',
      format: 'md',
      data: undefined,
      title: 'Branches',
      body: 'One two three.\n',
      bodyOffset: 4,
      words: 3,
      prefix: 2,
      digest: expect.stringMatching(/^[0-9a-f]{40}$/),
      lines: { title: 2, duration: 3 },
    });
    expect(entry('lesson', 'courses/git/02-branches.md', raw).digest).toBe(e.digest);
    expect(entry('lesson', 'courses/git/02-branches.md', `${raw} `).digest).not.toBe(e.digest);
  });

  it('a file name without letters or digits is a problem', () => {
    const r = readEntry('note', '# Party\n', at('notes/🎉.md'));
    expect('problems' in r && r.problems.map(formatProblem)).toEqual(['content/notes/🎉.md → this file name has no letters or digits to make an id from (rename the file)']);
  });

  it('a lesson file name that is only a number prefix is a problem', () => {
    const r = readEntry('lesson', fm({ title: 'x' }), at('courses/git/01-!!.md'));
    expect('problems' in r && r.problems.map(formatProblem)).toEqual(['content/courses/git/01-!!.md → this file name has no letters or digits to make an id from (rename the file)']);
  });
});

describe('readSource on a folder with hostile file names', () => {
  let root: string;
  let result: ReturnType<typeof readSource>;
  const byPath = (p: string): AnyEntry | undefined => result.entries.find((e) => e.path === p);

  const FILES: Record<string, string> = {
    'notes/Git Tips.md': '# Git tips\n',
    'notes/git-tips.md': fm({ title: 'More git tips' }),
    'notes/50% Done.md': '# Half done\n',
    'notes/[x] Checklist.md': 'A checklist.\n',
    'notes/{y} Braces.md': fm({ stage: 'evergreen' }),
    'notes/a..b.md': '# Dots\n',
    'notes/Capitals HERE.md': '# Capitals\n',
    'notes/ברוכים הבאים.md': fm({ title: 'ברוכים הבאים', kind: 'tip' }),
    'notes/U\u0308ber Alles.md': 'Kein Titel.\n',
    'notes/sub/Nested.mdx': '# Nested\n',
    'notes/.obsidian/workspace.md': 'ignored',
    'notes/_drafts/wip.md': 'ignored',
    'notes/readme.txt': 'ignored',
    '_drafts/x.md': 'ignored',
    'README.md': '# Not a page\n',
    'notes/bad.md': '---\nstage: sprout\n---\n',
    'courses/misplaced.md': fm({ title: 'Misplaced' }),
    'courses/git/index.md': fm({ title: 'Git' }),
    'courses/git/01-intro.md': fm({ title: 'Intro' }),
    'courses/git/02-Branches & Tags.mdx': fm({ title: 'Branches' }),
    'paths/Onboarding Path.md': fm({ title: 'Onboarding', courses: ['git'] }),
    'topics/git.md': fm({ title: 'Git' }),
    'people/noa.md': fm({ name: 'Noa' }),
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'grove-entries-'));
    for (const [file, text] of Object.entries(FILES)) {
      const abs = join(root, 'content', file);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    const source: Source = localSource('local', join(root, 'content'));
    result = readSource(source, root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists every file, sorted, with POSIX paths as on disk, except in folders starting with "." or "_"', () => {
    const files = listFiles(join(root, 'content'));
    expect(files).toHaveLength(Object.keys(FILES).filter((f) => !/(^|\/)[._][^/]*\//.test(f)).length);
    expect(files.filter((f) => f.includes('.obsidian') || f.includes('_drafts'))).toEqual([]);
    expect(files).toEqual([...files].sort());
    expect(files).toContain('notes/U\u0308ber Alles.md');
  });

  it('gives each page an id, a route and a title', () => {
    const rows = result.entries.map((e) => [e.kind, e.path.normalize('NFC'), e.id, e.route, e.title.normalize('NFC'), e.format]);
    expect(rows).toEqual([
      ['lesson', 'courses/git/01-intro.md', 'git/intro', '/courses/git/intro/', 'Intro', 'md'],
      ['lesson', 'courses/git/02-Branches & Tags.mdx', 'git/branches-tags', '/courses/git/branches-tags/', 'Branches', 'mdx'],
      ['course', 'courses/git/index.md', 'git', '/courses/git/', 'Git', 'md'],
      ['note', 'notes/50% Done.md', '50-done', '/notes/50-done/', 'Half done', 'md'],
      ['note', 'notes/Capitals HERE.md', 'capitals-here', '/notes/capitals-here/', 'Capitals', 'md'],
      ['note', 'notes/Git Tips.md', 'git-tips', '/notes/git-tips/', 'Git tips', 'md'],
      ['note', 'notes/Über Alles.md', 'über-alles', '/notes/über-alles/', 'Über Alles', 'md'],
      ['note', 'notes/[x] Checklist.md', 'x-checklist', '/notes/x-checklist/', '[x] Checklist', 'md'],
      ['note', 'notes/a..b.md', 'a-b', '/notes/a-b/', 'Dots', 'md'],
      ['note', 'notes/git-tips.md', 'git-tips', '/notes/git-tips/', 'More git tips', 'md'],
      ['note', 'notes/sub/Nested.mdx', 'nested', '/notes/nested/', 'Nested', 'mdx'],
      ['note', 'notes/{y} Braces.md', 'y-braces', '/notes/y-braces/', '{y} Braces', 'md'],
      ['note', 'notes/ברוכים הבאים.md', 'ברוכים-הבאים', '/notes/ברוכים-הבאים/', 'ברוכים הבאים', 'md'],
      ['path', 'paths/Onboarding Path.md', 'onboarding-path', '/paths/onboarding-path/', 'Onboarding', 'md'],
      ['person', 'people/noa.md', 'noa', '/people/noa/', 'Noa', 'md'],
      ['topic', 'topics/git.md', 'git', '/topics/git/', 'Git', 'md'],
    ]);
  });

  it('an NFD file name gets an NFC id', () => {
    const e = byPath('notes/U\u0308ber Alles.md')!;
    expect(e.id).toBe('über-alles');
    expect(e.id).toBe(e.id.normalize('NFC'));
  });

  // A file saved in NFD (macOS) must still give a title equal to the same title typed on a keyboard.
  it('an NFD file name gives an NFC title', () => {
    expect(byPath('notes/U\u0308ber Alles.md')!.title).toBe('\u00dcber Alles');
  });

  it('names files relative to the working folder, and keeps the absolute path', () => {
    const e = byPath('notes/50% Done.md')!;
    expect([e.file, e.abs, e.source]).toEqual(['content/notes/50% Done.md', join(root, 'content', 'notes/50% Done.md'), 'local']);
  });

  it('reports bad frontmatter and a misplaced course, and reads everything else', () => {
    expect(result.problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "content/courses/misplaced.md → a course is a folder, not a file (move it to courses/misplaced/index.md and put its lessons beside it)",
        "content/notes/bad.md:2 → stage: expected one of seedling, budding, evergreen, got "sprout"",
      ]
    `);
  });

  it('two files whose ids collide: one problem naming both', () => {
    expect(findCollisions(result.entries).map(formatProblem)).toMatchInlineSnapshot(`
      [
        "content/notes/git-tips.md → has the same note id "git-tips" as content/notes/Git Tips.md (rename one of the two files)",
      ]
    `);
  });

  it('the same id in different kinds does not collide', () => {
    expect(findCollisions([entry('topic', 'topics/git.md', fm({ title: 'Git' })), entry('course', 'courses/git/index.md', fm({ title: 'Git' }))])).toEqual([]);
  });

  it('a note in a sub-folder collides with one of the same name at the top', () => {
    const problems = findCollisions([entry('note', 'notes/x.md', '# A\n'), entry('note', 'notes/team/X.md', '# B\n')]);
    expect(problems.map(formatProblem)).toEqual(['content/notes/team/X.md → has the same note id "x" as content/notes/x.md (rename one of the two files)']);
  });

  it('a source folder that does not exist is one problem naming it', () => {
    const r = readSource(localSource('team', join(root, 'missing')), root);
    expect(r.entries).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual(['missing → source "team" cannot be read: ENOENT (check the source\'s `path` in the settings)']);
  });
});

describe('readSource: files one folder too deep', () => {
  let root: string;
  let result: ReturnType<typeof readSource>;

  const FILES: Record<string, string> = {
    'paths/sub/p.md': fm({ title: 'Nested path', courses: ['git'] }),
    'topics/sub/t.md': fm({ title: 'Nested topic' }),
    'people/team/noa.md': fm({ name: 'Noa' }),
    'courses/git/index.md': fm({ title: 'Git' }),
    'courses/git/01-intro.md': fm({ title: 'Intro' }),
    'courses/git/extra/x.md': fm({ title: 'Extra' }),
    'courses/git/_extra/y.md': fm({ title: 'Draft' }),
    'notes/team/deep/x.md': '# Deep note\n',
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'grove-deep-'));
    for (const [file, text] of Object.entries(FILES)) {
      const abs = join(root, 'content', file);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    result = readSource(localSource('local', join(root, 'content')), root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('each too-deep file is a problem naming it, with a hint where to move it', () => {
    expect(result.problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "content/courses/git/extra/x.md → is in a sub-folder, where Grove does not look for lessons (move it to courses/git/; only notes may sit in sub-folders)",
        "content/paths/sub/p.md → is in a sub-folder, where Grove does not look for paths (move it to paths/; only notes may sit in sub-folders)",
        "content/people/team/noa.md → is in a sub-folder, where Grove does not look for people (move it to people/; only notes may sit in sub-folders)",
        "content/topics/sub/t.md → is in a sub-folder, where Grove does not look for topics (move it to topics/; only notes may sit in sub-folders)",
      ]
    `);
  });

  it('too-deep problems are errors', () => {
    expect(result.problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('the files at the right depth, drafts aside, are still read', () => {
    expect(result.entries.map((e) => e.path)).toEqual(['courses/git/01-intro.md', 'courses/git/index.md', 'notes/team/deep/x.md']);
  });
});

describe('readSource: images of an untrusted source', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'grove-svg-'));
    mkdirSync(join(root, 'content', 'notes'), { recursive: true });
    writeFileSync(join(root, 'content', 'notes', 'drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    writeFileSync(join(root, 'content', 'notes', 'photo.png'), 'png');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const read = (options: Partial<Source>) => readSource({ ...localSource('team', join(root, 'content')), ...options }, root);

  it('a trusted source publishes its SVG files', () => {
    expect(read({}).assets.map((a) => a.path)).toEqual(['notes/drawing.svg', 'notes/photo.png']);
  });

  it('an untrusted one keeps them back (an SVG opened by its address runs its script on the site), with a warning, not an error', () => {
    for (const unsafeHtml of ['error', 'strip'] as const) {
      const r = read({ trust: 'untrusted', unsafeHtml });
      expect(r.assets.filter((a) => !a.withheld).map((a) => a.path)).toEqual(['notes/photo.png']);
      // Kept back with why, so that a page linking it is told (model/links.ts).
      expect(r.assets.find((a) => a.withheld)?.path).toBe('notes/drawing.svg');
      expect(r.problems.map(formatProblem)).toEqual([
        'content/notes/drawing.svg → no-embeds: not published: an SVG file can run script, and "team" is an untrusted source (export the drawing as a PNG or WebP image and link that instead)',
      ]);
      expect(r.problems.map((p) => p.severity)).toEqual(['warning']);
    }
  });

  it('a page that shows a kept-back SVG is told why, by path or by bare name', () => {
    const r = read({ trust: 'untrusted' });
    const index = buildLinkIndex([], '/', r.assets);
    const from = { source: 'team', path: 'notes/page.md' };
    const why = 'broken: "%s" is not published: an SVG file can run script, and "team" is an untrusted source (export the drawing as a PNG or WebP image and link that instead)';
    for (const [resolve, url] of [[resolveAsset, 'drawing.svg'], [resolveAsset, '../notes/drawing.svg'], [resolveLink, 'drawing.svg']] as const) {
      const x = resolve(index, from, url);
      expect(x.type === 'broken' ? `broken: ${x.message} (${x.hint})` : x.type).toBe(why.replace('%s', url));
    }
    expect(index.assets.has('team:notes/drawing.svg')).toBe(false);
  });
});

describe('ids in a notes source, where the repository chose the names', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'grove-note-ids-'));
    for (const name of ['clang.md', 'clang++.md', 'a.ref.md', 'a._ref.md', '!.md', '[.md', 'Git Tips.md', 'git-tips.md', 'ops/deploy.md']) {
      mkdirSync(join(root, 'vault', name, '..'), { recursive: true });
      writeFileSync(join(root, 'vault', name), `# ${name}\n`);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names that make the same id are told apart, deterministically, with a warning each', () => {
    const r = readSource(localSource('vault', join(root, 'vault'), { layout: 'notes' }), root);
    expect(Object.fromEntries(r.entries.map((e) => [e.path, e.id]))).toEqual({
      '!.md': 'exclamation-mark',
      '[.md': 'left-bracket',
      'Git Tips.md': 'git-tips',
      'a._ref.md': 'a-dot-underscore-ref',
      'a.ref.md': 'a-ref',
      'clang++.md': 'clang-plus-plus',
      'clang.md': 'clang',
      'git-tips.md': 'git-tips-2',
      'ops/deploy.md': 'ops-deploy',
    });
    expect(r.entries.find((e) => e.path === 'clang++.md')!.route).toBe('/notes/clang-plus-plus/');
    expect(r.problems.map(formatProblem)).toEqual([
      'vault/git-tips.md → its name makes the id "git-tips", which vault/Git Tips.md has; it gets the id "git-tips-2" (nothing to do unless you link to it by id; rename the file to choose its id)',
      'vault/a._ref.md → its name makes the id "a-ref", which vault/a.ref.md has; it gets the id "a-dot-underscore-ref" (nothing to do unless you link to it by id; rename the file to choose its id)',
      'vault/clang++.md → its name makes the id "clang", which vault/clang.md has; it gets the id "clang-plus-plus" (nothing to do unless you link to it by id; rename the file to choose its id)',
    ]);
    // The same files read again give the same ids.
    expect(readSource(localSource('vault', join(root, 'vault'), { layout: 'notes' }), root).entries.map((e) => e.id)).toEqual(r.entries.map((e) => e.id));
  });
});

describe('include and exclude', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'grove-include-'));
    for (const name of ['guide/start.md', 'guide/img/map.png', 'archive/old.md', 'archive/deep/older.md', 'templates/daily.md', 'notes/a.test.md', 'notes/b.md', 'README.md', '.github/x.md']) {
      mkdirSync(join(root, 'vault', name, '..'), { recursive: true });
      writeFileSync(join(root, 'vault', name), name.endsWith('.png') ? 'png' : `# ${name}\n`);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const read = (options: Partial<Source>) => {
    const r = readSource({ ...localSource('vault', join(root, 'vault'), { layout: 'notes' }), ...options }, root);
    return [...r.entries.map((e) => e.path), ...r.assets.map((a) => a.path)].sort();
  };

  it.each<[string, Partial<Source>, string[]]>([
    ['everything by default (hidden folders aside)', {}, ['README.md', 'archive/deep/older.md', 'archive/old.md', 'guide/img/map.png', 'guide/start.md', 'notes/a.test.md', 'notes/b.md', 'templates/daily.md']],
    ['a folder by name leaves out all of it', { exclude: ['archive', 'templates/'] }, ['README.md', 'guide/img/map.png', 'guide/start.md', 'notes/a.test.md', 'notes/b.md']],
    ['a pattern with ** reaches any depth', { exclude: ['**/*.test.md', 'archive/**'] }, ['README.md', 'guide/img/map.png', 'guide/start.md', 'notes/b.md', 'templates/daily.md']],
    ['include keeps only what it names, images too', { include: ['guide/**'] }, ['guide/img/map.png', 'guide/start.md']],
    ['include and exclude together', { include: ['guide', 'notes'], exclude: ['**/*.test.md', '**/*.png'] }, ['guide/start.md', 'notes/b.md']],
    ['* stays inside one folder', { include: ['*.md'] }, ['README.md']],
    ['./ at the start is the source folder', { exclude: ['./README.md'] }, ['archive/deep/older.md', 'archive/old.md', 'guide/img/map.png', 'guide/start.md', 'notes/a.test.md', 'notes/b.md', 'templates/daily.md']],
  ])('%s', (_, options, expected) => {
    expect(read(options)).toEqual(expected);
  });
});
