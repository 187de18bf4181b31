/**
 * Many repositories, one garden: throwaway repositories with fixed authors and dates, used through
 * `file://` URLs, synced into a cache beside a settings root in a temp folder, then built.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { markdownToHtml } from 'satteri';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig, sourcesOf, type GardenConfig } from '../../../src/garden/settings/config.ts';
import { buildGarden, loadGarden, type Garden } from '../../../src/garden/model/garden.ts';
import { createLinkPlugin } from '../../../src/garden/render/link-plugin.ts';
import { linkReports } from '../../../src/garden/render/link-reports.ts';
import { formatProblem, GardenError, type Problem } from '../../../src/garden/core/problems.ts';
import { lockPathOf, prepareSources, readLock, redactUrl, syncSources, writeLock } from '../../../src/garden/sources/sync.ts';
import { fileUrl, page, Repo, removeDir, run, tempDir } from '../git-fixtures.ts';
import { MARKDOWN_FEATURES } from '../../../src/garden/content/syntax.ts';

const ana = { name: 'Ana Lima', email: 'ana@team-a.example' };
const ben = { name: 'Ben Okoro', email: 'ben@team-a.example' };
const bo = { name: 'Bo Berg', email: 'bo@team-b.example' };
const cy = { name: 'Cy Contractor', email: 'cy@agency.example' };
const lu = { name: 'Lu Park', email: 'lu@site.example' };

let tmp: string;
let teamA: Repo;
let teamB: Repo;
let wiki: Repo;
let savedSourcesDir: string | undefined;
let sites = 0;

/** A project folder with a settings root, its own `content/` files, and the given sources. */
function makeSite(sources: unknown[], content: Record<string, string> = {}, name = `site-${++sites}`): { dir: string; config: GardenConfig } {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(content)) {
    mkdirSync(dirname(join(dir, 'content', path)), { recursive: true });
    writeFileSync(join(dir, 'content', path), text);
  }
  return { dir, config: parseConfig({ sources }, 'garden.config.ts', dir) };
}

/** The thrown GardenError's lines, temp folders shown as <tmp>; "built" when nothing was thrown. */
function buildError(fn: () => unknown): string {
  try {
    fn();
    return 'built';
  } catch (err) {
    expect(err).toBeInstanceOf(GardenError);
    return (err as Error).message.replaceAll(tmp, '<tmp>');
  }
}

/** The problem lines as the user sees them, temp folders shown as <tmp>. */
const shown = (problems: readonly Problem[]) => problems.map((p) => formatProblem(p).replaceAll(tmp, '<tmp>'));

/** Every page as `source kind:id`, sorted. */
const pages = (g: Garden) => g.entries.map((e) => `${e.source} ${e.kind}:${e.id}`).sort();

/** The entry of `kind:id`. */
const find = (g: Garden, key: string) => {
  const e = g.entries.find((x) => `${x.kind}:${x.id}` === key);
  if (!e) throw new Error(`no ${key} in ${pages(g).join(', ')}`);
  return e;
};

/**
 * syncSources, then the checkout it should have made. WORKAROUND for the bug tested in "a fresh clone
 * has its files checked out": syncOne clones with --no-checkout and skips `git checkout` when HEAD is
 * already the wanted commit, so a fresh clone of the branch head has an empty work tree. `reset --hard`
 * on HEAD is a no-op once that is fixed.
 */
async function sync(config: GardenConfig, options: Parameters<typeof syncSources>[1] = {}) {
  const results = await syncSources(config, options);
  checkoutHeads(config);
  return results;
}

/** Checks out HEAD in every cached clone (see `sync`). */
function checkoutHeads(config: GardenConfig): void {
  for (const s of sourcesOf(config)) if (s.kind === 'git' && existsSync(join(s.root, '.git'))) run(s.root, ['reset', '--quiet', '--hard']);
}

/** The files of a folder without its .git, sorted. */
const workTree = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f !== '.git' && !f.startsWith('.git/'))
    .sort();

/** Silences the progress lines prepareSources writes to stderr, and returns them. */
function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; said: string }> {
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return fn()
    .then((value) => ({ value, said: spy.mock.calls.map((c) => String(c[0])).join('') }))
    .finally(() => spy.mockRestore());
}

beforeAll(() => {
  savedSourcesDir = process.env.GROVE_SOURCES_DIR;
  delete process.env.GROVE_SOURCES_DIR;
  tmp = tempDir('grove-sources-');

  // Team A: layout garden under `garden/`, on main.
  teamA = Repo.init(join(tmp, 'remotes', 'team-a'));
  teamA.commit({
    author: ana,
    date: '2024-01-10T09:00:00+01:00',
    write: {
      'README.md': '# Team A\n',
      'garden/notes/deploy-checklist.md': page({ title: 'Deploy checklist', authors: ['ana'], topics: ['deploys'] }, 'Check twice.\n'),
      'garden/topics/deploys.md': page({ title: 'Deploys' }),
      'garden/people/ana.md': page({ name: 'Ana Lima', git: { emails: ['ana@team-a.example'] } }),
    },
  });
  teamA.commit({
    author: ben,
    date: '2024-02-11T16:45:00+01:00',
    write: { 'garden/notes/deploy-checklist.md': page({ title: 'Deploy checklist', authors: ['ana'], topics: ['deploys'] }, 'Check twice. Then once more.\n') },
  });

  // Team B: branch `docs`, content under `handbook/garden/`; `clash/` repeats team A's ids.
  teamB = Repo.init(join(tmp, 'remotes', 'team-b'), 'docs');
  teamB.commit({
    author: bo,
    date: '2024-03-03T10:00:00+00:00',
    write: {
      'handbook/garden/notes/incident-review.md': page({ title: 'Incident review', authors: ['bo'], topics: ['incidents'] }, 'Blameless.\n'),
      'handbook/garden/topics/incidents.md': page({ title: 'Incidents' }),
      'handbook/garden/people/bo.md': page({ name: 'Bo Berg', git: { emails: ['bo@team-b.example'] } }),
      'clash/notes/deploy-checklist.md': page({ title: 'Deploy checklist (B)', authors: ['ana'], topics: ['deploys'] }),
      'clash/topics/deploys.md': page({ title: 'Deploys (B)' }),
      'clash/people/ana.md': page({ name: 'Ana Other' }),
    },
  });
  teamB.commit({
    author: cy,
    date: '2024-03-04T11:00:00+00:00',
    write: { 'handbook/garden/notes/incident-review.md': page({ title: 'Incident review', authors: ['bo'], topics: ['incidents'] }, 'Blameless, always.\n') },
  });

  // A wiki taken as it is: layout notes, no frontmatter.
  wiki = Repo.init(join(tmp, 'remotes', 'wiki'));
  wiki.commit({
    author: bo,
    date: '2024-04-01T08:00:00+00:00',
    write: {
      'README.md': 'Welcome to the wiki.\n',
      'ops/deploy.md': '# Deploying\n\nSee [restarting](runbooks/Restart%20Service.md) and [the old page](./missing.md).\n',
      'ops/runbooks/Restart Service.md': 'Restart it.\n',
      'ops/diagram.png': 'not really a png',
      '.obsidian/workspace.md': 'editor state\n',
      '_templates/note.md': '# Template\n',
    },
  });
});

afterAll(() => {
  if (savedSourcesDir === undefined) delete process.env.GROVE_SOURCES_DIR;
  else process.env.GROVE_SOURCES_DIR = savedSourcesDir;
  removeDir(tmp);
});

describe('two repositories and the local folder build into one garden', () => {
  let site: { dir: string; config: GardenConfig };
  let synced: Awaited<ReturnType<typeof syncSources>>;
  let g: Garden;

  beforeAll(async () => {
    site = makeSite(
      [
        { name: 'local', path: './content' },
        { name: 'team-a', repo: teamA.url, dir: 'garden', web: 'https://git.corp.example/team-a/handbook', host: 'gitlab' },
        { name: 'team-b', repo: teamB.url, branch: 'docs', dir: 'handbook/garden' },
      ],
      {
        'notes/local-tip.md': page({ title: 'Local tip', authors: ['lu', 'ana'] }, 'Tip.\n'),
        'people/lu.md': page({ name: 'Lu Park', git: { emails: ['lu@site.example'], usernames: ['lupark'] } }),
      },
      'main-site',
    );
    // The project is itself a repository (with an origin on GitHub): its pages get dates and edit links too.
    run(site.dir, ['init', '--quiet', '-b', 'main']);
    run(site.dir, ['remote', 'add', 'origin', 'git@github.com:acme/site.git']);
    new Repo(site.dir).commit({ author: lu, date: '2023-12-01T12:00:00+00:00', write: { '.gitignore': '.grove/\n' } });
    run(site.dir, ['add', 'content']);
    run(site.dir, ['commit', '--quiet', '-m', 'content'], {
      GIT_AUTHOR_NAME: lu.name,
      GIT_AUTHOR_EMAIL: lu.email,
      GIT_AUTHOR_DATE: '2023-12-02T12:00:00+00:00',
      GIT_COMMITTER_NAME: lu.name,
      GIT_COMMITTER_EMAIL: lu.email,
      GIT_COMMITTER_DATE: '2023-12-02T12:00:00+00:00',
    });
    // Not committed yet: no date rather than the build date.
    writeFileSync(join(site.dir, 'content/notes/draft.md'), '# Draft\n');
    synced = await sync(site.config);
    g = buildGarden(site.config, site.dir);
  });

  it('clones each repository into the cache beside the settings and says so', () => {
    expect(synced.map((r) => [r.source, r.status, r.commit, r.problem])).toEqual([
      ['team-a', 'cloned', teamA.head(), undefined],
      ['team-b', 'cloned', teamB.head(), undefined],
    ]);
    expect(readdirSync(join(site.dir, '.grove', 'sources')).sort()).toEqual(['team-a', 'team-b']);
  });

  it('records the commit of each in the lock file, in name order', () => {
    expect(readFileSync(lockPathOf(site.config), 'utf8')).toBe(
      `${JSON.stringify(
        {
          version: 1,
          sources: {
            'team-a': { repo: teamA.url, branch: 'main', commit: teamA.head() },
            'team-b': { repo: teamB.url, branch: 'docs', commit: teamB.head() },
          },
        },
        null,
        2,
      )}\n`,
    );
  });

  it('has the pages of all three sources and nothing else', () => {
    expect(pages(g)).toEqual([
      'local note:draft',
      'local note:local-tip',
      'local person:lu',
      'team-a note:deploy-checklist',
      'team-a person:ana',
      'team-a topic:deploys',
      'team-b note:incident-review',
      'team-b person:bo',
      'team-b topic:incidents',
    ]);
    expect(g.warnings).toEqual([]);
  });

  it('joins pages across sources: a local note credits a person from team A', () => {
    const note = g.model.byKey.get('note:local-tip') as { authors: Array<{ entry: { id: string } } | string> };
    expect(note.authors.map((a) => (typeof a === 'string' ? a : a.entry.id))).toEqual(['lu', 'ana']);
  });

  it('gives exact dates and contributors for a file of a repository', () => {
    const e = find(g, 'note:deploy-checklist');
    const p = g.provenance.get(e.abs)!;
    expect([p.source.name, p.repoPath, p.shallow]).toEqual(['team-a', 'garden/notes/deploy-checklist.md', false]);
    expect(p.history).toEqual({
      created: '2024-01-10',
      updated: '2024-02-11',
      updatedBy: ben,
      contributors: [
        { ...ana, commits: 1 },
        { ...ben, commits: 1 },
      ],
    });
    // An intranet GitLab, declared: the edit link is on its host, with the path inside the repository.
    expect(p.editUrl).toBe('https://git.corp.example/team-a/handbook/-/edit/main/garden/notes/deploy-checklist.md');
  });

  it('uses the branch of the source, and a repository without a web address gets no edit link', () => {
    const p = g.provenance.get(find(g, 'note:incident-review').abs)!;
    expect([p.repoPath, p.history, p.editUrl]).toEqual([
      'handbook/garden/notes/incident-review.md',
      {
        created: '2024-03-03',
        updated: '2024-03-04',
        updatedBy: cy,
        contributors: [
          { ...bo, commits: 1 },
          { ...cy, commits: 1 },
        ],
      },
      undefined,
    ]);
  });

  it('dates local pages from the project’s own repository and links them to its origin', () => {
    const p = g.provenance.get(find(g, 'note:local-tip').abs)!;
    expect([p.source.name, p.repoPath, p.history, p.editUrl]).toEqual([
      'local',
      'content/notes/local-tip.md',
      { created: '2023-12-02', updated: '2023-12-02', updatedBy: lu, contributors: [{ ...lu, commits: 1 }] },
      'https://github.com/acme/site/edit/main/content/notes/local-tip.md',
    ]);
  });

  it('a file not committed yet shows no date', () => {
    const p = g.provenance.get(find(g, 'note:draft').abs)!;
    expect([p.repoPath, p.history]).toEqual(['content/notes/draft.md', undefined]);
  });

  it('whoIs maps a contributor to a person by git e-mail, in any source, case-insensitively', () => {
    const id = (who: { name: string; email: string }) => g.whoIs(who)?.entry.id;
    expect(id(ana)).toBe('ana');
    expect(id({ name: 'A. Lima', email: 'ANA@Team-A.example' })).toBe('ana');
    expect(id(bo)).toBe('bo');
    expect(id(lu)).toBe('lu');
    expect(id({ name: 'Lu', email: '99+lupark@users.noreply.github.com' })).toBe('lu');
    // Unknown contributors are not anyone's page.
    expect(id(cy)).toBeUndefined();
    expect(id(ben)).toBeUndefined();
  });

  it('a second sync with nothing new changes nothing', async () => {
    const again = await sync(site.config);
    expect(again.map((r) => [r.source, r.status, r.commit])).toEqual([
      ['team-a', 'unchanged', teamA.head()],
      ['team-b', 'unchanged', teamB.head()],
    ]);
    expect(await prepareSources(site.config)).toEqual({ problems: [], skip: new Set() });
  });
});

describe('a fresh clone', () => {
  // BUG: sync.ts syncOne clones with `--no-checkout`, then runs `git checkout` only when HEAD differs from
  // the wanted commit. Right after a clone HEAD already is the branch head, so when the lock has no commit
  // for the source (a first sync, or `--update`) nothing is checked out: the cache folder holds only .git,
  // and the build reports `the repository … has no folder "garden"` (or finds no pages at the root). A
  // later build does not repair it, as HEAD matches the lock.
  it('has its files checked out by the first sync', async () => {
    const site = makeSite([{ name: 'team-a', repo: teamA.url, dir: 'garden' }]);
    const [r] = await syncSources(site.config);
    expect([r!.status, r!.commit]).toEqual(['cloned', teamA.head()]);
    expect(workTree(join(site.dir, '.grove', 'sources', 'team-a'))).toEqual([
      'README.md',
      'garden',
      'garden/notes',
      'garden/notes/deploy-checklist.md',
      'garden/people',
      'garden/people/ana.md',
      'garden/topics',
      'garden/topics/deploys.md',
    ]);
  });

  it('builds without any step of its own (prepareSources, then buildGarden)', async () => {
    const site = makeSite([{ name: 'team-a', repo: teamA.url, dir: 'garden' }]);
    const { value: prepared } = await quietly(() => prepareSources(site.config));
    expect(prepared.problems).toEqual([]);
    expect(pages(buildGarden(site.config, site.dir))).toEqual(['team-a note:deploy-checklist', 'team-a person:ana', 'team-a topic:deploys']);
  });
});

describe('the cache folder', () => {
  it('honours GROVE_SOURCES_DIR, and the lock stays beside the settings', async () => {
    const site = makeSite([{ name: 'team-a', repo: teamA.url, dir: 'garden' }]);
    const cache = join(tmp, 'elsewhere-cache');
    process.env.GROVE_SOURCES_DIR = cache;
    try {
      expect(sourcesOf(site.config)[0]!.dir).toBe(join(cache, 'team-a', 'garden'));
      await sync(site.config);
      expect(existsSync(join(cache, 'team-a', 'garden', 'notes', 'deploy-checklist.md'))).toBe(true);
      expect(existsSync(join(site.dir, '.grove'))).toBe(false);
      expect(readLock(lockPathOf(site.config)).sources['team-a']?.commit).toBe(teamA.head());
      expect(pages(buildGarden(site.config, site.dir))).toEqual(['team-a note:deploy-checklist', 'team-a person:ana', 'team-a topic:deploys']);
    } finally {
      delete process.env.GROVE_SOURCES_DIR;
    }
  });
});

describe('a project reached through a symbolic link', () => {
  // BUG: history.ts readHistory (see history.test.ts) and garden.ts provenanceOf compare git's real
  // repository root with page paths that still go through the link, so building a project whose folder
  // is reached through a symbolic link (macOS temp folders, a linked work folder) throws git's
  // "… is outside repository at …" from buildGarden instead of building with dates.
  it('builds with the same dates and repository paths', async () => {
    const real = makeSite([{ name: 'team-a', repo: teamA.url, dir: 'garden' }], {}, 'linked-real');
    const link = join(tmp, 'linked-site');
    symlinkSync(real.dir, link);
    const config = parseConfig({ sources: [{ name: 'team-a', repo: teamA.url, dir: 'garden' }] }, 'garden.config.ts', link);
    await sync(config);
    const g = buildGarden(config, link);
    expect(g.provenance.get(find(g, 'note:deploy-checklist').abs)).toMatchObject({
      repoPath: 'garden/notes/deploy-checklist.md',
      history: { created: '2024-01-10', updated: '2024-02-11' },
    });
  });
});

describe('ids that collide across sources', () => {
  const sources = (prefix?: string) => [
    { name: 'team-a', repo: teamA.url, dir: 'garden', ...(prefix ? { prefix } : {}) },
    { name: 'team-b', repo: teamB.url, branch: 'docs', dir: 'clash' },
  ];

  it('are an error naming both files and suggesting `prefix`', async () => {
    const site = makeSite(sources());
    await sync(site.config);
    expect(buildError(() => buildGarden(site.config, site.dir))).toMatchInlineSnapshot(`
      "Grove cannot read the content: 3 problems
        team-b:clash/notes/deploy-checklist.md → has the same note id "deploy-checklist" as team-a:garden/notes/deploy-checklist.md (set \`prefix\` on source "team-b" or "team-a" in the settings to keep their ids apart)
        team-b:clash/people/ana.md → has the same person id "ana" as team-a:garden/people/ana.md (set \`prefix\` on source "team-b" or "team-a" in the settings to keep their ids apart)
        team-b:clash/topics/deploys.md → has the same topic id "deploys" as team-a:garden/topics/deploys.md (set \`prefix\` on source "team-b" or "team-a" in the settings to keep their ids apart)"
    `);
  });

  it('with `prefix` on one source, build with prefixed ids, and references inside it still resolve to its own pages', async () => {
    const site = makeSite(sources('team-a'));
    await sync(site.config);
    const g = buildGarden(site.config, site.dir);
    expect(pages(g)).toEqual([
      'team-a note:team-a-deploy-checklist',
      'team-a person:team-a-ana',
      'team-a topic:team-a-deploys',
      'team-b note:deploy-checklist',
      'team-b person:ana',
      'team-b topic:deploys',
    ]);
    const summary = (key: string) => {
      const n = g.model.byKey.get(key) as { authors: Array<{ entry: { id: string; title: string } } | string>; topics: Array<{ id: string }> };
      return { authors: n.authors.map((a) => (typeof a === 'string' ? a : `${a.entry.id} (${a.entry.title})`)), topics: n.topics.map((t) => t.id) };
    };
    expect(summary('note:team-a-deploy-checklist')).toEqual({ authors: ['team-a-ana (Ana Lima)'], topics: ['team-a-deploys'] });
    expect(summary('note:deploy-checklist')).toEqual({ authors: ['ana (Ana Other)'], topics: ['deploys'] });
    expect(find(g, 'note:team-a-deploy-checklist').route).toBe('/notes/team-a-deploy-checklist/');
    // Prefixed pages keep their history.
    expect(g.provenance.get(find(g, 'note:team-a-deploy-checklist').abs)?.history?.created).toBe('2024-01-10');
  });
});

describe('folders that escape or do not exist', () => {
  it('a `dir` that escapes the repository is an error', async () => {
    const site = makeSite([{ name: 'team-a', repo: teamA.url, dir: '../..' }], {}, 'escaping-dir');
    await sync(site.config);
    expect(buildError(() => buildGarden(site.config, site.dir))).toMatchInlineSnapshot(`
      "Grove cannot read the content: 1 problem
        garden.config.ts → sources.team-a.dir: "../.." leads outside the repository file://<tmp>/remotes/team-a (give a folder inside the repository; a symbolic link counts where it leads)"
    `);
  });

  it('an absolute `dir` is outside the repository too', async () => {
    const site = makeSite([{ name: 'team-a', repo: teamA.url, dir: tmp }]);
    await sync(site.config);
    expect(buildError(() => buildGarden(site.config, site.dir))).toContain('sources.team-a.dir: "<tmp>" leads outside the repository');
  });

  it.each([
    ['dir', '.git'],
    ['dir', 'garden/../.git/refs'],
    ['path', './.git'],
  ])('a `%s` of %j, inside .git, is an error naming the setting', async (key, value) => {
    const source = key === 'dir' ? { name: 'team-a', repo: teamA.url, dir: value } : { name: 'local', path: value };
    const site = makeSite([source]);
    mkdirSync(join(site.dir, '.git'), { recursive: true });
    await sync(site.config);
    expect(buildError(() => buildGarden(site.config, site.dir))).toBe(
      `Grove cannot read the content: 1 problem\n  garden.config.ts → sources.${source.name}.${key}: "${value}" is inside a .git folder, which Grove never reads (set \`${key}\` to the folder that holds the content)`,
    );
  });

  it('a local `path` outside the project is an error', () => {
    mkdirSync(join(tmp, 'outside', 'notes'), { recursive: true });
    writeFileSync(join(tmp, 'outside', 'notes', 'x.md'), '# X\n');
    const site = makeSite([{ name: 'ext', path: '../outside' }], {}, 'outside-path');
    expect(buildError(() => buildGarden(site.config, site.dir))).toMatchInlineSnapshot(`
      "Grove cannot read the content: 1 problem
        garden.config.ts → sources.ext.path: "../outside" is outside the project (<tmp>/outside-path) (keep content inside the project, or make it a git source with \`repo\`)"
    `);
  });

  it('a repository without the `dir` is an error naming both', async () => {
    const site = makeSite([{ name: 'team-a', repo: teamA.url, dir: 'handbook' }]);
    await sync(site.config);
    expect(buildError(() => buildGarden(site.config, site.dir))).toMatchInlineSnapshot(`
      "Grove cannot read the content: 1 problem
        garden.config.ts → sources.team-a.dir: the repository file://<tmp>/remotes/team-a has no folder "handbook" (check \`dir\` and \`branch\`)"
    `);
  });

  it('a local `path` that does not exist is an error', () => {
    const site = makeSite([{ name: 'local', path: './nope' }], {}, 'missing-path');
    expect(buildError(() => buildGarden(site.config, site.dir))).toMatchInlineSnapshot(`
      "Grove cannot read the content: 1 problem
        nope → source "local" cannot be read: ENOENT (check the source's \`path\` in the settings)"
    `);
  });
});

describe('symbolic links', () => {
  let secret: string;
  beforeAll(() => {
    secret = join(tmp, 'secret');
    mkdirSync(secret, { recursive: true });
    writeFileSync(join(secret, 'passwords.md'), '# Not for the site\n');
  });

  it('a link in a local source to a file outside it is an error', () => {
    const site = makeSite([{ name: 'local', path: './content' }], { 'notes/fine.md': '# Fine\n' });
    symlinkSync(join(secret, 'passwords.md'), join(site.dir, 'content', 'notes', 'leak.md'));
    expect(buildError(() => buildGarden(site.config, site.dir))).toMatchInlineSnapshot(`
      "Grove cannot read the content: 1 problem
        content/notes/leak.md → is a symbolic link to <tmp>/secret/passwords.md, outside the source (copy the file in instead; a link may only point at a file inside the source's folder)"
    `);
  });

  it('a link committed in a repository: inside the source is followed; outside it, even inside the repository, is an error', async () => {
    const repo = Repo.init(join(tmp, 'remotes', 'linky'));
    mkdirSync(join(repo.dir, 'garden', 'notes'), { recursive: true });
    symlinkSync('../shared/howto.md', join(repo.dir, 'garden', 'notes', 'howto.md'));
    symlinkSync('../../outside/other.md', join(repo.dir, 'garden', 'notes', 'other.md'));
    symlinkSync(join(secret, 'passwords.md'), join(repo.dir, 'garden', 'notes', 'leak.md'));
    run(repo.dir, ['add', 'garden']);
    repo.commit({ author: bo, date: '2024-05-05T00:00:00Z', write: { 'garden/shared/howto.md': '# How to\n', 'outside/other.md': '# Other\n' } });
    const site = makeSite([{ name: 'linky', repo: repo.url, dir: 'garden' }]);
    await sync(site.config);
    expect(buildError(() => buildGarden(site.config, site.dir))).toMatchInlineSnapshot(`
      "Grove cannot read the content: 2 problems
        linky:garden/notes/leak.md → is a symbolic link to <tmp>/secret/passwords.md, outside the source (copy the file in instead; a link may only point at a file inside the source's folder; or, if it should not be on the site, add "notes/leak.md" (or its folder, "notes/") to \`exclude\` on the source "linky")
        linky:garden/notes/other.md → is a symbolic link to linky:outside/other.md, outside the source (copy the file in instead; a link may only point at a file inside the source's folder; or, if it should not be on the site, add "notes/other.md" (or its folder, "notes/") to \`exclude\` on the source "linky")"
    `);
    rmSync(join(site.dir, '.grove', 'sources', 'linky', 'garden', 'notes', 'leak.md'));
    rmSync(join(site.dir, '.grove', 'sources', 'linky', 'garden', 'notes', 'other.md'));
    expect(pages(buildGarden(site.config, site.dir))).toEqual(['linky note:howto']);
  });

  // BUG: entries.ts listFiles skips every symbolic link whose name is not Markdown, so a linked folder
  // that points outside the source (`content/notes/vault -> /elsewhere`) is silently left out instead of
  // being rejected with a clear error as issue 3 asks ("a symlink that escapes ... is rejected").
  it('a linked folder pointing outside the source is an error, not silently skipped', () => {
    const site = makeSite([{ name: 'local', path: './content' }], { 'notes/fine.md': '# Fine\n' });
    symlinkSync(secret, join(site.dir, 'content', 'notes', 'vault'));
    expect(buildError(() => buildGarden(site.config, site.dir))).toContain('content/notes/vault → is a symbolic link to a folder');
  });

  // BUG: sync.ts checkSourceDir compares paths without resolving links, and entries.ts listFiles takes the
  // real path of `dir` as the root, so a repository whose `dir` is a committed link to a folder outside it
  // (`garden -> <tmp>/secret`) has that folder read into the site. Expected: an error that `dir` escapes
  // the repository; actual: the build passes with the outside file as a note.
  it('a `dir` that is a link to outside the repository is an error', async () => {
    const repo = Repo.init(join(tmp, 'remotes', 'dir-link'));
    mkdirSync(join(secret, 'notes'), { recursive: true });
    writeFileSync(join(secret, 'notes', 'keys.md'), '# Keys\n');
    symlinkSync(secret, join(repo.dir, 'garden'));
    run(repo.dir, ['add', 'garden']);
    repo.commit({ author: bo, date: '2024-05-06T00:00:00Z', write: { 'README.md': '# Linked\n' } });
    const site = makeSite([{ name: 'dir-link', repo: repo.url, dir: 'garden' }]);
    await sync(site.config);
    expect(buildError(() => buildGarden(site.config, site.dir))).toContain('sources.dir-link.dir: "garden" leads outside the repository');
  });
});

describe('an unreachable repository', () => {
  const missingUrl = () => fileUrl(join(tmp, 'remotes', 'no-such-repo'));

  it('required and never synced: failed, an error naming the source, the URL and git’s message; nothing left in the cache', async () => {
    const site = makeSite([{ name: 'gone', repo: missingUrl() }]);
    const [r] = await syncSources(site.config);
    expect([r!.source, r!.status, r!.commit, r!.problem?.severity, r!.problem?.field]).toEqual(['gone', 'failed', undefined, 'error', 'sources.gone']);
    expect(shown([r!.problem!])).toMatchInlineSnapshot(`
      [
        "garden.config.ts → sources.gone: cannot sync source "gone" from file://<tmp>/remotes/no-such-repo: fatal: '<tmp>/remotes/no-such-repo' does not appear to be a git repository / fatal: Could not read from remote repository. (check the URL, the branch and your access; the cached copy is untouched)",
      ]
    `);
    expect(readdirSync(join(site.dir, '.grove', 'sources'))).toEqual([]);
    expect(readLock(lockPathOf(site.config)).sources).toEqual({});
    // A build fails before reading anything, with the same problem.
    await expect(quietly(() => loadGarden({ config: site.config, fresh: true }))).rejects.toThrow(/Grove cannot get its sources: 1 problem\n.*cannot sync source "gone" from file:\/\//);
  });

  // BUG: git.ts GitError keeps only the last three lines of git's message. For a file:// or ssh URL git
  // prints the cause first ("fatal: '/x' does not appear to be a git repository") and three generic lines
  // after it, so the problem says only "Could not read from remote repository. / Please make sure … /
  // and the repository exists." and never why.
  it('git’s own reason is in the message', async () => {
    const site = makeSite([{ name: 'gone', repo: missingUrl() }]);
    const [r] = await syncSources(site.config);
    expect(r!.problem?.message).toContain('does not appear to be a git repository');
  });

  it('required and synced before: failed with an error, and the cached copy is untouched', async () => {
    const remote = Repo.init(join(tmp, 'remotes', 'flaky-required'));
    const commit = remote.commit({ author: bo, date: '2024-05-01T00:00:00Z', write: { 'notes/kept.md': '# Kept\n' } });
    const site = makeSite([{ name: 'flaky', repo: remote.url }]);
    expect((await sync(site.config))[0]!.status).toBe('cloned');
    const cached = join(site.dir, '.grove', 'sources', 'flaky');
    const before = workTree(cached);
    const lockBefore = readFileSync(lockPathOf(site.config), 'utf8');

    renameSync(remote.dir, `${remote.dir}-moved`);
    for (const options of [{ fetch: true }, { update: true }]) {
      const [r] = await syncSources(site.config, options);
      expect([r!.status, r!.problem?.severity]).toEqual(['failed', 'error']);
      expect(r!.problem?.message).toContain(`cannot sync source "flaky" from ${remote.url}: `);
      expect(r!.problem?.hint).toBe('check the URL, the branch and your access; the cached copy is untouched');
    }
    expect(workTree(cached)).toEqual(before);
    expect(readFileSync(join(cached, 'notes', 'kept.md'), 'utf8')).toBe('# Kept\n');
    expect(run(cached, ['rev-parse', 'HEAD']).trim()).toBe(commit);
    expect(readFileSync(lockPathOf(site.config), 'utf8')).toBe(lockBefore);
    // The synced copy still builds, offline.
    expect(pages(buildGarden(site.config, site.dir))).toEqual(['flaky note:kept']);
  });

  it('optional and synced before: a warning, and the build uses the last synced commit', async () => {
    const remote = Repo.init(join(tmp, 'remotes', 'flaky-optional'));
    const first = remote.commit({ author: bo, date: '2024-05-01T00:00:00Z', write: { 'notes/kept.md': '# Kept\n' } });
    const site = makeSite(
      [
        { name: 'local', path: './content' },
        { name: 'flaky', repo: remote.url, optional: true },
      ],
      { 'notes/mine.md': '# Mine\n' },
    );
    await sync(site.config);
    remote.commit({ author: bo, date: '2024-05-02T00:00:00Z', write: { 'notes/later.md': '# Later\n' } });
    renameSync(remote.dir, `${remote.dir}-moved`);

    const [r] = await sync(site.config, { update: true });
    expect([r!.status, r!.problem?.severity, r!.problem?.hint]).toEqual(['failed', 'warning', 'optional: using the last synced commit']);
    expect(readLock(lockPathOf(site.config)).sources.flaky?.commit).toBe(first);

    // Even with the lock gone, a build warns and goes on with what was synced last.
    rmSync(lockPathOf(site.config));
    const { value: prepared, said } = await quietly(() => prepareSources(site.config));
    expect(said).toContain('[grove] sync flaky: fetching main');
    expect([prepared.skip, prepared.problems.map((p) => p.severity)]).toEqual([new Set(), ['warning']]);
    const g = buildGarden(site.config, site.dir, { skip: prepared.skip, warnings: prepared.problems });
    expect(pages(g)).toEqual(['flaky note:kept', 'local note:mine']);
    expect(g.provenance.get(find(g, 'note:kept').abs)?.history?.created).toBe('2024-05-01');
    expect(shown(g.warnings)).toEqual([
      expect.stringMatching(/^garden\.config\.ts → sources\.flaky: cannot sync source "flaky" from file:\/\/<tmp>\/remotes\/flaky-optional: .+ \(optional: using the last synced commit\)$/),
    ]);
  });

  it('optional and never synced: a warning, and the build skips the source', async () => {
    const site = makeSite(
      [
        { name: 'local', path: './content' },
        { name: 'gone', repo: missingUrl(), optional: true },
      ],
      { 'notes/mine.md': '# Mine\n' },
    );
    const { value: prepared } = await quietly(() => prepareSources(site.config));
    expect(prepared.skip).toEqual(new Set(['gone']));
    expect(shown(prepared.problems)).toEqual([
      expect.stringMatching(/^garden\.config\.ts → sources\.gone: cannot sync source "gone" from file:\/\/<tmp>\/remotes\/no-such-repo: .+ \(optional: skipped, it was never synced\)$/),
    ]);
    expect(prepared.problems[0]!.severity).toBe('warning');
    const g = buildGarden(site.config, site.dir, { skip: prepared.skip, warnings: prepared.problems });
    expect(pages(g)).toEqual(['local note:mine']);
    expect(g.warnings).toEqual(prepared.problems);
    expect([...g.sources.keys()]).toEqual(['local']);
  });
});

describe('the lock', () => {
  it('keeps the build on the locked commit until `update` moves it to the branch head', async () => {
    const remote = Repo.init(join(tmp, 'remotes', 'moving'));
    const c1 = remote.commit({ author: ana, date: '2024-06-01T00:00:00Z', write: { 'notes/first.md': '# First\n' } });
    const site = makeSite([{ name: 'moving', repo: remote.url, editUrl: 'https://review.corp.example/{commit}/{path}' }]);
    const ids = (g: Garden) => g.entries.map((e) => e.id).sort();
    const locked = () => readLock(lockPathOf(site.config)).sources.moving?.commit;

    expect((await sync(site.config))[0]).toMatchObject({ status: 'cloned', commit: c1 });
    expect(locked()).toBe(c1);

    // The remote moves ahead.
    const c2 = remote.commit({ author: ben, date: '2024-06-02T00:00:00Z', write: { 'notes/second.md': '# Second\n', 'notes/first.md': '# First, edited\n' } });
    expect(c2).not.toBe(c1);

    // A build stays on the locked commit: nothing to sync, none of the new content.
    expect(await prepareSources(site.config)).toEqual({ problems: [], skip: new Set() });
    let g = buildGarden(site.config, site.dir);
    expect(ids(g)).toEqual(['first']);
    expect(g.provenance.get(find(g, 'note:first').abs)).toMatchObject({ editUrl: `https://review.corp.example/${c1}/notes/first.md`, history: { updated: '2024-06-01' } });

    // `npm run sync` fetches, but stays on the locked commit too.
    expect((await syncSources(site.config, { fetch: true }))[0]).toMatchObject({ status: 'fetched', commit: c1 });
    expect(locked()).toBe(c1);
    expect(ids(buildGarden(site.config, site.dir))).toEqual(['first']);

    // A fresh checkout of the project (the lock committed, no cache): the build clones the locked commit.
    rmSync(join(site.dir, '.grove'), { recursive: true });
    const { value: prepared } = await quietly(() => prepareSources(site.config));
    expect(prepared.problems).toEqual([]);
    expect(run(join(site.dir, '.grove', 'sources', 'moving'), ['rev-parse', 'HEAD']).trim()).toBe(c1);
    expect(ids(buildGarden(site.config, site.dir))).toEqual(['first']);

    // `npm run sync -- --update` moves to the head and rewrites the lock.
    expect((await syncSources(site.config, { update: true }))[0]).toMatchObject({ status: 'fetched', commit: c2 });
    expect(locked()).toBe(c2);
    g = buildGarden(site.config, site.dir);
    expect(ids(g)).toEqual(['first', 'second']);
    expect(g.provenance.get(find(g, 'note:first').abs)).toMatchObject({
      editUrl: `https://review.corp.example/${c2}/notes/first.md`,
      history: { created: '2024-06-01', updated: '2024-06-02', updatedBy: ben },
    });
  });

  it('a source removed from the settings leaves the lock; others keep their entries', async () => {
    const site = makeSite([{ name: 'team-a', repo: teamA.url, dir: 'garden' }]);
    writeLock(lockPathOf(site.config), { version: 1, sources: { old: { repo: 'file:///old', branch: 'main', commit: 'f'.repeat(40) } } });
    await sync(site.config);
    expect(Object.keys(readLock(lockPathOf(site.config)).sources)).toEqual(['team-a']);
  });

  it('readLock of a missing file is an empty lock; writeLock sorts sources by name', () => {
    const file = join(tmp, 'lock-test.json');
    expect(readLock(file)).toEqual({ version: 1, sources: {} });
    writeLock(file, {
      version: 1,
      sources: { zeta: { repo: 'r', branch: 'main', commit: 'c1' }, alpha: { repo: 'r', branch: 'docs', commit: 'c2' } },
    });
    const text = readFileSync(file, 'utf8');
    expect(Object.keys(JSON.parse(text).sources)).toEqual(['alpha', 'zeta']);
    expect(text.endsWith('}\n')).toBe(true);
    expect(readLock(file).sources.alpha).toEqual({ repo: 'r', branch: 'docs', commit: 'c2' });
  });

  // BUG: sync.ts syncOne fetches from the clone's `origin`, set when the cache was first cloned, so after
  // `repo` changes in the settings `--update` keeps fetching the old repository and records the old
  // repository's commit in the lock under the new URL. Expected: the content of the new repository.
  it('a changed `repo` URL is synced from the new repository', async () => {
    const before = Repo.init(join(tmp, 'remotes', 'url-before'));
    before.commit({ author: ana, date: '2024-07-01T00:00:00Z', write: { 'notes/from-before.md': '# Before\n' } });
    const after = Repo.init(join(tmp, 'remotes', 'url-after'));
    const afterHead = after.commit({ author: bo, date: '2024-07-02T00:00:00Z', write: { 'notes/from-after.md': '# After\n' } });
    const site = makeSite([{ name: 'moved', repo: before.url }]);
    await sync(site.config);
    const moved = { ...site.config, sources: site.config.sources.map((s) => ({ ...s, repo: after.url })) };
    const [r] = await sync(moved, { update: true });
    expect(r!.commit).toBe(afterHead);
    expect(buildGarden(moved, site.dir).entries.map((e) => e.id)).toEqual(['from-after']);
  });
});

describe("layout 'notes' and brokenLinks 'warn'", () => {
  let site: { dir: string; config: GardenConfig };
  let g: Garden;
  beforeAll(async () => {
    site = makeSite(
      [
        { name: 'local', path: './content' },
        { name: 'wiki', repo: wiki.url, layout: 'notes', brokenLinks: 'warn' },
      ],
      { 'notes/strict.md': '# Strict\n\nSee [nothing](./nothing.md).\n' },
    );
    await sync(site.config);
    g = buildGarden(site.config, site.dir);
  });

  it('every Markdown file is a note, with its id from the whole path; hidden, underscored and other files are not', () => {
    expect(pages(g)).toEqual(['local note:strict', 'wiki note:ops-deploy', 'wiki note:ops-runbooks-restart-service', 'wiki note:readme']);
    expect(['note:ops-deploy', 'note:ops-runbooks-restart-service', 'note:readme'].map((k) => [find(g, k).title, find(g, k).route])).toEqual([
      ['Deploying', '/notes/ops-deploy/'],
      ['Restart Service', '/notes/ops-runbooks-restart-service/'],
      ['README', '/notes/readme/'],
    ]);
  });

  it('folders become topics', () => {
    const topicsOf = (key: string) => (g.model.byKey.get(key) as { topics: Array<{ id: string }> }).topics.map((t) => t.id);
    expect([topicsOf('note:ops-deploy'), topicsOf('note:ops-runbooks-restart-service'), topicsOf('note:readme')]).toEqual([['ops'], ['ops', 'runbooks'], []]);
    expect(g.model.topics.map((t) => t.id).sort()).toEqual(['ops', 'runbooks']);
  });

  it('dates come from the wiki’s history', () => {
    expect(g.provenance.get(find(g, 'note:ops-deploy').abs)).toMatchObject({ repoPath: 'ops/deploy.md', history: { created: '2024-04-01', updatedBy: bo } });
  });

  const render = (key: string) => {
    const e = find(g, key);
    const { html } = markdownToHtml(e.body, { mdastPlugins: [createLinkPlugin(g, e)], features: MARKDOWN_FEATURES }) as { html: string };
    return { html, problems: linkReports().get(e.abs)!.problems };
  };

  it('a broken link in a `warn` source is a warning, and its good links still resolve', () => {
    const { html, problems } = render('note:ops-deploy');
    expect(html).toContain('href="/notes/ops-runbooks-restart-service/"');
    expect(problems.map((p) => [p.file, p.line, p.severity])).toEqual([['wiki:ops/deploy.md', 3, 'warning']]);
    expect(problems[0]!.message).toContain('broken link "./missing.md"');
  });

  it('a broken link in a source with the default is an error', () => {
    const { problems } = render('note:strict');
    expect(problems.map((p) => [p.file, p.line, p.severity])).toEqual([['content/notes/strict.md', 3, 'error']]);
  });
});

describe('a shallow clone as a source', () => {
  it('warns and shows no dates rather than wrong ones', () => {
    const site = makeSite([{ name: 'local', path: './shallow' }]);
    run(site.dir, ['clone', '--quiet', '--depth', '1', teamA.url, 'shallow']);
    const local = { ...site.config, sources: [{ ...site.config.sources[0]!, path: './shallow/garden' }] };
    const g = buildGarden(local, site.dir);
    const p = g.provenance.get(find(g, 'note:deploy-checklist').abs)!;
    expect([p.shallow, p.history, p.repoPath]).toEqual([true, undefined, 'garden/notes/deploy-checklist.md']);
    expect(shown(g.warnings)).toEqual([
      `<tmp>/${site.dir.slice(tmp.length + 1)}/shallow/garden → source "local" is a shallow git clone, so its pages show no dates or contributors (clone with full history (CI: fetch-depth: 0))`,
    ]);
  });
});

// The settings refuse a `repo` or `branch` starting with "-" (config.test.ts); these check that git
// itself never reads one as an option, should one get past them (or come from the lock file).
describe('values that look like options reach git only as values', () => {
  it('a `repo` of "--upload-pack=…" is a repository that does not exist, and runs nothing', async () => {
    const remote = Repo.init(join(tmp, 'remotes', 'dashes'));
    remote.commit({ author: ana, date: '2024-07-01T00:00:00Z', write: { 'notes/a.md': '# A\n' } });
    const site = makeSite([{ name: 'dashes', repo: remote.url }]);
    const marker = join(tmp, 'upload-pack-ran');
    site.config.sources[0] = { ...site.config.sources[0]!, repo: `--upload-pack=touch ${marker}` };
    const [r] = await syncSources(site.config);
    expect(r!.status).toBe('failed');
    expect(shown([r!.problem!])[0]).toContain(`fatal: repository '--upload-pack=touch <tmp>/upload-pack-ran' does not exist`);
    expect(existsSync(marker)).toBe(false);
  });

  it('a locked commit that is not a commit id is refused before git sees it', async () => {
    const remote = Repo.init(join(tmp, 'remotes', 'dash-lock'));
    remote.commit({ author: ana, date: '2024-07-01T00:00:00Z', write: { 'notes/a.md': '# A\n' } });
    const site = makeSite([{ name: 'dash-lock', repo: remote.url }]);
    await sync(site.config);
    writeLock(lockPathOf(site.config), { version: 1, sources: { 'dash-lock': { repo: remote.url, branch: 'main', commit: '--orphan=x' } } });
    const [r] = await syncSources(site.config);
    expect(shown([r!.problem!])).toMatchInlineSnapshot(`
      [
        "garden.config.ts → sources.dash-lock: cannot sync source "dash-lock" from file://<tmp>/remotes/dash-lock: garden.lock.json gives "--orphan=x" as the commit, which is not a commit id; run \`npm run sync -- --update\` (check the URL, the branch and your access; the cached copy is untouched)",
      ]
    `);
  });
});

// The clone's .git/config is one place a token in `repo` ends up (entries-boundary.test.ts keeps it
// out of pages); messages, build logs and the committed lock file must not be others.
describe('a token in a repository URL', () => {
  it.each([
    ['https://bot:ghp_s3cr3t@git.example/team/notes.git', 'https://***@git.example/team/notes.git'],
    ['https://ghp_s3cr3t@github.com/team/notes.git', 'https://***@github.com/team/notes.git'],
    ['HTTP://x-access-token:s3cr3t@git.example/x', 'HTTP://***@git.example/x'],
    ['ssh://git:s3cr3t@git.example/team/notes.git', 'ssh://git:***@git.example/team/notes.git'],
    ['ssh://git@git.example/team/notes.git', 'ssh://git@git.example/team/notes.git'],
    ['git@git.example:team/notes.git', 'git@git.example:team/notes.git'],
    ['file:///srv/git/notes', 'file:///srv/git/notes'],
    ["fatal: unable to access 'https://bot:s3cr3t@git.example/x/': Failed to connect", "fatal: unable to access 'https://***@git.example/x/': Failed to connect"],
  ])('%s → %s', (url, shownUrl) => {
    expect(redactUrl(url)).toBe(shownUrl);
  });

  it('is not in the lock file, and the lock still matches the settings', async () => {
    const remote = Repo.init(join(tmp, 'remotes', 'tokened'));
    remote.commit({ author: ana, date: '2024-07-02T00:00:00Z', write: { 'notes/a.md': '# A\n' } });
    const site = makeSite([{ name: 'tokened', repo: `file://bot:s3cr3t@localhost${join(tmp, 'remotes', 'tokened')}` }]);
    expect((await sync(site.config))[0]!.status).toBe('cloned');
    const lock = readFileSync(lockPathOf(site.config), 'utf8');
    expect(lock).not.toContain('s3cr3t');
    expect(readLock(lockPathOf(site.config)).sources.tokened?.repo).toBe(`file://bot:***@localhost${join(tmp, 'remotes', 'tokened')}`);
    // A build finds the source at its locked commit: nothing to sync again.
    expect(await prepareSources(site.config)).toEqual({ problems: [], skip: new Set() });
  });

  it('is not in the problem of a failed sync', async () => {
    const site = makeSite([{ name: 'private', repo: 'https://bot:ghp_s3cr3t@127.0.0.1:9/team/notes.git' }]);
    const [r] = await syncSources(site.config);
    expect(r!.status).toBe('failed');
    expect(formatProblem(r!.problem!)).toContain('from https://***@127.0.0.1:9/team/notes.git: ');
    expect(formatProblem(r!.problem!)).not.toContain('s3cr3t');
  });
});
