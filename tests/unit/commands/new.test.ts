/**
 * `npm run new`: a template per kind that the schemas and the full check accept, the same template
 * behind "Propose a note", the right folder for each kind and source layout, the next lesson number,
 * and never a replaced file. Gardens are made in temp folders.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { checkContent } from '../../../src/garden/commands/content-check.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { formatProblem } from '../../../src/garden/core/problems.ts';
import { nextSteps, planPage, writePage, type NewPage } from '../../../src/garden/commands/scaffold.ts';
import { KINDS } from '../../../src/garden/content/schemas.ts';
import { pageTemplate, PROPOSED_NOTE_TITLE, yamlString } from '../../../src/garden/content/templates.ts';
import { removeDir, tempDir } from '../git-fixtures.ts';
import { problemsOf } from '../helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function garden(files: Record<string, string>): string {
  const dir = tempDir('grove-new-');
  dirs.push(dir);
  mkdirSync(join(dir, 'content'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'content', path)), { recursive: true });
    writeFileSync(join(dir, 'content', path), text);
  }
  return dir;
}
const configOf = (dir: string, source: Record<string, unknown> = {}) => parseConfig({ sources: [{ name: 'local', path: './content', ...source }] }, 'garden.config.ts', dir);
const COURSE = {
  'courses/git-foundations/index.md': '---\ntitle: Git foundations\n---\n',
  'courses/git-foundations/01-first-commit.md': '---\ntitle: First commit\n---\n',
  'courses/git-foundations/02-branches.md': '---\ntitle: Branches\n---\n',
  'topics/git.md': '---\ntitle: Git\n---\n',
};
const create = (dir: string, req: NewPage, source: Record<string, unknown> = {}) => {
  const plan = planPage(configOf(dir, source), req, dir);
  if (!plan.ok) return plan.problems.map(formatProblem).join('\n');
  expect(writePage(plan.page)).toBeUndefined();
  return plan.page;
};

describe('the templates', () => {
  it.each(KINDS)('%s: valid for its schema, with a title that needs quoting', (kind) => {
    const path = { path: 'paths/x.md', course: 'courses/x/index.md', lesson: 'courses/x/01-x.md', note: 'notes/x.md', topic: 'topics/x.md', person: 'people/x.md' }[kind];
    const text = pageTemplate(kind, { title: 'Rebase: "safely" # now', topic: 'git', courses: ['git-foundations'] });
    expect(problemsOf(kind, path, text)).toEqual([]);
    expect(text).toContain(`${kind === 'person' ? 'name' : 'title'}: "Rebase: \\"safely\\" # now"`);
  });

  it.each([
    ['Rebase safely', 'Rebase safely'],
    ['Rebase: safely', '"Rebase: safely"'],
    ['yes', '"yes"'],
    ['2026 plans', '"2026 plans"'],
    ['Überblick Deployments', 'Überblick Deployments'],
  ])('the title %j is written %s', (title, yaml) => {
    expect(yamlString(title)).toBe(yaml);
  });

  it('every kind created by `new` passes the whole check, links included', async () => {
    const dir = garden(COURSE);
    for (const kind of KINDS) create(dir, { kind, title: `A new ${kind}`, topic: 'git', course: 'git-foundations' });
    const report = await checkContent({ cwd: dir, config: configOf(dir) });
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.checked).toBe(4 + KINDS.length);
  });

  it('"Propose a note" prefills the same template, so the host\'s editor starts from a valid note', () => {
    const dir = garden(COURSE);
    const g = buildGarden(configOf(dir, { web: 'https://github.com/acme/garden', host: 'github' }), dir);
    const url = new URL(g.proposeNoteUrl({ id: 'git', title: 'Git' })!);
    // Not in a git repository: the folder is the source's own notes/.
    expect(url.pathname).toBe('/acme/garden/new/main/notes');
    expect(url.searchParams.get('filename')).toBe('git-tip.md');
    const value = url.searchParams.get('value')!;
    expect(value).toBe(pageTemplate('note', { title: PROPOSED_NOTE_TITLE, topic: 'git', topicTitle: 'Git' }));
    expect(problemsOf('note', 'notes/git-tip.md', value)).toEqual([]);
  });
});

describe('planPage and writePage', () => {
  it('puts each kind in its folder, and a lesson after the last one in its course', () => {
    const dir = garden(COURSE);
    const files = (['note', 'topic', 'person', 'course', 'lesson', 'path'] as const).map((kind) => {
      const p = create(dir, { kind, title: `Stashing work ${kind}`, course: 'git-foundations' });
      return typeof p === 'string' ? p : p.file;
    });
    expect(files).toEqual([
      'content/notes/stashing-work-note.md',
      'content/topics/stashing-work-topic.md',
      'content/people/stashing-work-person.md',
      'content/courses/stashing-work-course/index.md',
      'content/courses/git-foundations/03-stashing-work-lesson.md',
      'content/paths/stashing-work-path.md',
    ]);
    expect(readFileSync(join(dir, files[5]!), 'utf8')).toContain('courses: [git-foundations]');
  });

  it('a lesson number counts `order:` too, and keeps the width the course uses', () => {
    const dir = garden({ 'courses/c/index.md': '---\ntitle: C\n---\n', 'courses/c/001-a.md': '---\ntitle: A\n---\n', 'courses/c/b.md': '---\ntitle: B\norder: 7\n---\n' });
    const p = create(dir, { kind: 'lesson', title: 'Next', course: 'c' });
    expect(typeof p !== 'string' && [p.file, p.order]).toEqual(['content/courses/c/008-next.md', 8]);
  });

  it('in a notes-layout source a note goes in its topic folder, and other kinds are refused', () => {
    const dir = garden({});
    const p = create(dir, { kind: 'note', title: 'Rollback', topic: 'deploys' }, { layout: 'notes' });
    expect(typeof p !== 'string' && p.file).toBe('content/deploys/rollback.md');
    expect(create(dir, { kind: 'lesson', title: 'X', course: 'y' }, { layout: 'notes' })).toMatchInlineSnapshot(
      `"garden.config.ts → source "local" has layout: 'notes', where every file is a note (create a note, or choose a source with layout: 'garden' (--source <name>))"`,
    );
  });

  it('a course-layout source is refused: its numbered names make the course', () => {
    const dir = garden({});
    expect(create(dir, { kind: 'lesson', title: 'X', course: 'y' }, { layout: 'course' })).toMatchInlineSnapshot(
      `"garden.config.ts → source "local" has layout: 'course', where the order of numbered files and folders makes the course (add a numbered file there yourself (content/NN-name.md), or choose a source with layout: 'garden' (--source <name>))"`,
    );
  });

  it('never replaces a file, or takes an id another file has', () => {
    const dir = garden({ 'notes/rebase-safely.md': 'mine\n', 'notes/Git Tips.md': '# Git tips\n' });
    expect(create(dir, { kind: 'note', title: 'Rebase safely' })).toMatchInlineSnapshot(
      `"content/notes/rebase-safely.md → this file already exists (nothing was written; choose another title, or edit the file)"`,
    );
    expect(readFileSync(join(dir, 'content/notes/rebase-safely.md'), 'utf8')).toBe('mine\n');
    expect(create(dir, { kind: 'note', title: 'Git tips' })).toMatchInlineSnapshot(
      `"content/notes/git-tips.md → content/notes/Git Tips.md already has the note id "git-tips" (nothing was written; choose another title, or edit that file)"`,
    );
    // A file that appears between planning and writing is not replaced either.
    const plan = planPage(configOf(dir), { kind: 'note', title: 'Race' }, dir);
    if (!plan.ok) throw new Error('expected a plan');
    writeFileSync(plan.page.abs, 'theirs\n');
    expect(formatProblem(writePage(plan.page)!)).toBe('content/notes/race.md → this file already exists (nothing was written)');
    expect(readFileSync(plan.page.abs, 'utf8')).toBe('theirs\n');
  });

  it('names what is missing or wrong, with the closest ids', () => {
    const dir = garden(COURSE);
    expect(create(dir, { kind: 'lesson', title: 'X', course: 'git-fundations' })).toMatchInlineSnapshot(
      `"content/courses → no course "git-fundations" in source "local" (did you mean "git-foundations"?)"`,
    );
    expect(create(dir, { kind: 'lesson', title: 'X' })).toMatchInlineSnapshot(`"content/courses → a lesson belongs to a course: give --course <course id> (existing courses: git-foundations)"`);
    expect(create(dir, { kind: 'path', title: 'X' })).toMatchInlineSnapshot(`"content/paths → a path needs at least one course: give --course <course id> (existing courses: git-foundations)"`);
    expect(create(dir, { kind: 'note', title: '???' })).toMatchInlineSnapshot(`"content → the title "???" has no letters or digits to make a file name from (give a title with words in it)"`);
    expect(create(dir, { kind: 'note', title: 'X', source: 'team' })).toMatchInlineSnapshot(`"garden.config.ts → no source is called "team" (existing sources: local)"`);
  });

  it('prints the next steps: write, check, branch, commit, push, pull request', () => {
    const dir = garden(COURSE);
    const p = create(dir, { kind: 'lesson', title: 'Stashing work', course: 'git-foundations' });
    if (typeof p === 'string') throw new Error(p);
    expect(nextSteps(p, '/learning/')).toMatchInlineSnapshot(`
      "Created content/courses/git-foundations/03-stashing-work.md: a lesson, "Stashing work", lesson 3 of its course.

      Next steps:
        1. Write it in your editor. \`npm run dev\` shows it at http://localhost:4321/learning/courses/git-foundations/stashing-work/ as you type.
        2. Check it: npm run check
        3. Propose it: git switch -c lesson/git-foundations-stashing-work
                       git add content/courses/git-foundations/03-stashing-work.md
                       git commit -m "Add lesson: Stashing work"
                       git push -u origin lesson/git-foundations-stashing-work
           then open a pull request on your git host: the checks run on it, and the owners review it."
    `);
  });
});

describe('npm run new', () => {
  const cli = (args: string[], dir: string) =>
    spawnSync(process.execPath, [join(root, 'scripts', 'new.ts'), ...args], { cwd: dir, encoding: 'utf8', input: '', env: { ...process.env, GARDEN_CONFIG: join(dir, 'garden.config.mjs') } });

  it('without a terminal, says what is missing instead of asking (exit 2), and writes nothing', { timeout: 60_000 }, () => {
    const dir = garden({});
    writeFileSync(join(dir, 'garden.config.mjs'), "export default { sources: [{ name: 'local', path: './content' }] };\n");
    const r = cli(['note'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('give the title: npm run new -- note "<title>"');
    expect(cli(['tip', 'X'], dir).stderr.split('\n')[0]).toBe('"tip" is not a kind of page: use one of path, course, lesson, note, topic, person');
  });

  it('writes the file and prints where, then refuses the same title (exit 1)', { timeout: 60_000 }, () => {
    const dir = garden({});
    writeFileSync(join(dir, 'garden.config.mjs'), "export default { sources: [{ name: 'local', path: './content' }] };\n");
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'new.ts'), 'note', 'Rebase safely', '--topic', 'git'], {
      cwd: dir,
      encoding: 'utf8',
      input: '',
      env: { ...process.env, GARDEN_CONFIG: join(dir, 'garden.config.mjs') },
    });
    expect(out.split('\n')[0]).toBe('Created content/notes/rebase-safely.md: a note, "Rebase safely".');
    expect(readFileSync(join(dir, 'content/notes/rebase-safely.md'), 'utf8')).toContain('topics: [git]');
    const again = cli(['note', 'Rebase safely'], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('content/notes/rebase-safely.md → this file already exists');
  });
});
