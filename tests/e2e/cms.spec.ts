/**
 * The CMS at /admin/ (#16, docs/cms.md) in Chromium, against the local backend: a copy of the sample
 * content in a temporary git repository, a garden with the `cms` setting built from it, and
 * `decap-server` in git mode on that repository, which saves as Decap does on GitHub with the
 * editorial workflow: each new entry on a branch `cms/<collection>/<slug>`, the pull request's branch.
 * A note created through the form must pass `npm run check`; an empty title must be refused.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import matter from 'gray-matter';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic, type StaticServer } from './static-server.ts';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, '.grove', 'e2e-cms');
/** The local backend's port: GROVE_E2E_CMS_PORT, else one beside the e2e server's. */
const proxyPort = Number(process.env.GROVE_E2E_CMS_PORT ?? Number(process.env.GROVE_E2E_PORT ?? 4322) + 4000);
const proxyUrl = `http://localhost:${proxyPort}/api/v1`;

let server: StaticServer;
let proxy: ChildProcess;
let repo: string;
test.describe.configure({ mode: 'serial' });

const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=cms@test', '-c', 'user.name=CMS test', ...args], { cwd: repo, encoding: 'utf8' });

/** Builds the garden of `config` into `dist` (the CMS setting's local backend when `local`). */
function build(config: string, dist: string, cache: string, local = false): void {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GARDEN_CONFIG: config,
      GROVE_OUT_DIR: dist,
      GROVE_CACHE_DIR: cache,
      ...(local ? { GROVE_CMS_LOCAL: proxyUrl } : {}),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
  });
  if (r.status !== 0) throw new Error(`the garden ${config} did not build:\n${r.stdout}\n${r.stderr}`);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // Inside the project, as the build wants its content; a repository of its own.
  repo = join(out, 'repo');
  mkdirSync(repo);
  cpSync(join(root, 'content'), join(repo, 'content'), { recursive: true });
  writeFileSync(
    join(repo, 'garden.config.mjs'),
    `export default { title: 'CMS test', sources: [{ name: 'local', path: './content' }], cms: { backend: 'github', repo: 'fernhill/garden', branch: 'main' } };\n`,
  );
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'the sample garden');
  build(join(repo, 'garden.config.mjs'), join(out, 'dist'), join(out, 'cache'), true);
  proxy = spawn(process.execPath, [join(root, 'node_modules/decap-server/dist/index.js')], {
    env: { ...process.env, PORT: String(proxyPort), MODE: 'git', GIT_REPO_DIRECTORY: repo, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  await expect
    .poll(
      async () =>
        fetch(proxyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"info"}' }).then(
          (res) => res.ok,
          () => false,
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
  server = await serveStatic(join(out, 'dist'), '/');
});

test.afterAll(async () => {
  proxy?.kill();
  await server?.stop();
});

/** Opens the CMS signed in to the local backend; returns CSP violations and requests to hosts other than the site and the local backend. */
async function openAdmin(page: Page, hash = ''): Promise<{ violations: string[]; offsite: string[]; errors: string[] }> {
  const violations: string[] = [];
  const offsite: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(server.url) && !url.startsWith(proxyUrl) && !/^(data|blob):/.test(url)) offsite.push(url);
  });
  await page.goto(new URL('admin/', server.url).href);
  await page.getByRole('button', { name: /login/i }).click();
  await expect(page.getByRole('link', { name: /notes/i }).first()).toBeVisible();
  if (hash) await page.goto(new URL(`admin/${hash}`, server.url).href);
  return { violations, offsite, errors };
}

/** The input of a field, by its name in config.yml (Decap labels optional ones "Kind (optional)"). */
const field = (page: Page, name: string) => page.locator(`[id^="${name}-field-"]`);

/** Types into the Markdown body (Decap's raw editor, a contenteditable). */
async function typeBody(page: Page, text: string) {
  await page.locator('[aria-label="markdown field"] [contenteditable="true"], [aria-label="markdown field"] textarea').first().click();
  await page.keyboard.type(text);
}

/** Picks `option` in the select or relation field `name`, typing `search` to find it. */
async function pick(page: Page, name: string, search: string, option: string | RegExp) {
  await field(page, name).fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

test('the admin page loads the CMS from the site alone, within its policy', async ({ page }) => {
  const { violations, offsite, errors } = await openAdmin(page);
  await expect(page.getByRole('link', { name: 'Topics' })).toBeVisible();
  expect(violations).toEqual([]);
  expect(offsite).toEqual([]);
  expect(errors).toEqual([]);
  // The preview pane is given the site's stylesheet.
  expect(await page.evaluate(() => (window as unknown as { CMS: { getPreviewStyles: () => unknown[] } }).CMS.getPreviewStyles().length)).toBeGreaterThan(0);
});

test('a note created through the form is saved on a branch and passes npm run check', async ({ page }) => {
  test.setTimeout(90_000);
  const { violations } = await openAdmin(page, '#/collections/notes/new');
  await field(page, 'title').fill('Squash before you merge');
  await pick(page, 'kind', 'tip', 'tip');
  await pick(page, 'stage', 'budd', 'budding');
  await pick(page, 'topics', 'Git', /^Git$/);
  await pick(page, 'topics', 'Rewriting', /Rewriting and recovering history/);
  await typeBody(page, 'Squash your branch into one commit first; see [[rebase-safely]].');
  await page.getByRole('button', { name: 'Save' }).click();
  // The editorial workflow: the entry is a draft on its own branch, as a pull request is on GitHub.
  const show = () => git('show', 'cms/notes/squash-before-you-merge:content/notes/squash-before-you-merge.md');
  await expect.poll(() => show().status, { timeout: 30_000 }).toBe(0);
  const file = show();
  expect(file.stdout).toMatch(/^---\n/);
  expect(file.stdout).toContain('title: Squash before you merge');
  expect(file.stdout).toContain('[[rebase-safely]]');
  // `npm run check` on the branch, as the pull request's check would run it.
  git('checkout', '-q', 'cms/notes/squash-before-you-merge');
  const check = spawnSync(process.execPath, [join(root, 'scripts/check.ts')], { cwd: repo, encoding: 'utf8', env: { ...process.env, GARDEN_CONFIG: join(repo, 'garden.config.mjs'), NO_COLOR: '1' } });
  git('checkout', '-q', 'main');
  expect(check.status, `${check.stdout}\n${check.stderr}\n---\n${file.stdout}`).toBe(0);
  expect(violations).toEqual([]);
});

test('the note saved by the CMS appears in the rebuilt site, with its topics and its wikilink resolved', async ({ page }) => {
  test.setTimeout(120_000);
  // A tiny garden, cheap to build: the note from the pull request's branch, its topics and the note it links to.
  const note = git('show', 'cms/notes/squash-before-you-merge:content/notes/squash-before-you-merge.md');
  expect(note.status, 'the note test saves the note first').toBe(0);
  const tiny = join(out, 'tiny');
  mkdirSync(join(tiny, 'content', 'notes'), { recursive: true });
  mkdirSync(join(tiny, 'content', 'topics'));
  writeFileSync(join(tiny, 'content', 'notes', 'squash-before-you-merge.md'), note.stdout);
  const topics = matter(note.stdout).data.topics as string[];
  for (const id of topics) {
    const title = matter(readFileSync(join(repo, 'content', 'topics', `${id}.md`), 'utf8')).data.title as string;
    writeFileSync(join(tiny, 'content', 'topics', `${id}.md`), `---\ntitle: ${title}\n---\n`);
  }
  writeFileSync(join(tiny, 'content', 'notes', 'rebase-safely.md'), '---\ntitle: Rebasing safely\n---\nHow to rebase without losing work.\n');
  writeFileSync(join(tiny, 'garden.config.mjs'), `export default { title: 'Rebuilt', sources: [{ name: 'local', path: './content' }] };\n`);
  build(join(tiny, 'garden.config.mjs'), join(tiny, 'dist'), join(tiny, 'cache'));
  const site = await serveStatic(join(tiny, 'dist'), '/');
  try {
    await page.goto(new URL('notes/squash-before-you-merge/', site.url).href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Squash before you merge');
    const main = page.locator('main');
    await expect(main.getByRole('link', { name: 'Git', exact: true }).first()).toHaveAttribute('href', '/topics/git/');
    await expect(main.getByRole('link', { name: 'Rewriting and recovering history' }).first()).toHaveAttribute('href', /\/topics\/[\w-]+\/$/);
    await expect(main.getByRole('link', { name: 'Rebasing safely' })).toHaveAttribute('href', '/notes/rebase-safely/');
  } finally {
    await site.stop();
  }
});

test('a topic that does not exist cannot be picked', async ({ page }) => {
  await openAdmin(page, '#/collections/notes/new');
  await field(page, 'topics').fill('no-such-topic-anywhere');
  await expect(page.getByText(/No options/i)).toBeVisible();
  await expect(page.getByRole('option')).toHaveCount(0);
});

test('editing a lesson changes the edited line and keeps every other byte of the file', async ({ page }) => {
  test.setTimeout(90_000);
  const path = 'content/courses/git-foundations/01-first-commit.md';
  const before = readFileSync(join(repo, path), 'utf8');
  await openAdmin(page, '#/collections/lessons/entries/git-foundations--first-commit');
  await expect(field(page, 'title')).toHaveValue('Your first commit');
  await field(page, 'title').fill('Your very first commit');
  await page.getByRole('button', { name: 'Save' }).click();
  // The branch is made first, then the commit on it: wait for the commit.
  const branch = 'cms/lessons/git-foundations--first-commit';
  await expect.poll(() => git('log', '--oneline', `main..${branch}`).stdout.trim(), { timeout: 30_000 }).not.toBe('');
  const after = git('show', `${branch}:${path}`).stdout;
  expect(matter(after).data.title).toBe('Your very first commit');
  // The diff of the save is the title's line: flow lists, the knowledge check and the body keep their bytes.
  expect(after).toBe(before.replace('\ntitle: Your first commit\n', '\ntitle: Your very first commit\n'));
  const diff = git('diff', '--unified=0', 'main', branch, '--', path).stdout;
  expect(diff.split('\n').filter((l) => /^[-+](?![-+])/.test(l))).toEqual(['-title: Your first commit', '+title: Your very first commit']);
});

// One form for two checks (each opening of the CMS costs seconds): the preview, then the refusal to save without a title.
test("the preview shows callouts and wikilinks as the site does, in the site's styles; the form refuses a note without a title", async ({ page }) => {
  await openAdmin(page, '#/collections/notes/new');
  await typeBody(page, '> [!warning] Force-push\n> Only on your own branch.\n\nSee [[rebase-safely]] and [[no-such-note]].');
  const preview = page.frameLocator('iframe').first();
  const callout = preview.locator('.callout.callout-warning');
  await expect(callout.locator('.callout-title')).toHaveText('Force-push');
  await expect(preview.getByRole('link', { name: 'Rebasing safely' })).toHaveAttribute('href', '/notes/rebase-safely/');
  await expect(preview.locator('.broken-link')).toHaveText('no-such-note');
  // The site's stylesheet styles the callout as on a page (a border or a background of its own).
  const styled = await callout.evaluate((el) => {
    const s = getComputedStyle(el);
    return s.borderLeftStyle !== 'none' || s.backgroundColor !== 'rgba(0, 0, 0, 0)';
  });
  expect(styled).toBe(true);
  if (process.env.GROVE_CMS_SCREENSHOTS) await page.screenshot({ path: join(process.env.GROVE_CMS_SCREENSHOTS, 'cms-preview.png') });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Title is required/i)).toBeVisible();
  // No branch but the note test's: nothing was saved.
  const branches = git('branch', '--list', 'cms/notes/*')
    .stdout.split('\n')
    .map((b) => b.trim());
  expect(branches.filter((b) => b && b !== 'cms/notes/squash-before-you-merge')).toEqual([]);
});
