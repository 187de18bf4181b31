/**
 * `npm run check`: every stage's problems in one report, grouped by file, with the line and column
 * on disk; GitHub annotations; `--changed` limited to changed pages and the pages that refer to them;
 * exit codes. Gardens are made in temp folders; `--changed` on a throwaway git repository.
 */
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { affectedPages, checkContent, exitCodeOf, formatGithubAnnotation, formatReport, summaryOf, type CheckReport } from '../../../src/garden/commands/content-check.ts';
import { removeDir, run, tempDir } from '../git-fixtures.ts';
import { entry } from '../helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** A garden in a temp folder: files under content/, a local source; returns its folder. */
function garden(files: Record<string, string>): string {
  const dir = tempDir('grove-check-');
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'content', path)), { recursive: true });
    writeFileSync(join(dir, 'content', path), text);
  }
  return dir;
}
const check = (dir: string, changed?: string, source: Record<string, unknown> = {}) =>
  checkContent({ cwd: dir, config: parseConfig({ sources: [{ name: 'local', path: './content', ...source }] }, 'garden.config.ts', dir), changed });
const shown = (r: CheckReport) => formatReport({ ...r, ms: 0 });

const BROKEN = {
  'courses/git/index.md': '---\ntitle: Git\nprerequisites: [sql-basic]\n---\n',
  'courses/git/01-commits.md': '---\ntitle: Commits\nduration: 10 min\n---\n\nSee [[branchs]] and [the rule](../../notes/rebase.md#the-rul).\n',
  'courses/sql-basics/index.md': '---\ntitle: SQL basics\n---\n',
  'notes/rebase.md': '---\ntitle: Rebase\n---\n\n## The rule\n',
  'notes/typo.md': '---\ntitle: Typo\nstage: sprout\n---\n',
  'notes/branches.md': '# Branches\n\nFine, with a [link](rebase.md).\n',
  'notes/quiz.mdx': '---\ntitle: Quiz\n---\n\n<Question question="Two?" options={["a", "a"]} answer="b" />\n',
  'notes/bad.mdx': '---\ntitle: Bad\n---\n\nText with {an unclosed expression\n',
};

describe('checkContent', () => {
  it('reports frontmatter, references, links, anchors, MDX and components together, grouped by file', async () => {
    const r = await check(garden(BROKEN));
    expect(exitCodeOf(r)).toBe(1);
    expect(shown(r)).toMatchInlineSnapshot(`
      "content/courses/git/01-commits.md:6:1  broken link "../../notes/rebase.md#the-rul": "Rebase" has no heading #the-rul  (did you mean ../../notes/rebase.md#the-rule?)
      content/courses/git/01-commits.md:6:1  broken link [[branchs]]: no page is called "branchs"  (did you mean [[branches]]?)

      content/courses/git/index.md:3:1  prerequisites: no course "sql-basic"  (did you mean "sql-basics"?)

      content/notes/bad.mdx:5:11  this MDX does not compile: Unexpected end of file in expression, expected a corresponding closing brace for \`{\` (mdx-jsx:unexpected-character)  (in .mdx, \`{\`, \`<\` and HTML comments are code; escape them, or rename the file to .md)

      content/notes/quiz.mdx:5:1  <Question> 1, answer: "b" is not one of the options (did you mean "a"? options: "a", "a")
      content/notes/quiz.mdx:5:1  <Question> 1, options: lists "a" twice; remove the second one

      content/notes/typo.md:3:1  stage: expected one of seedling, budding, evergreen, got "sprout"

      ✗ Checked 7 pages in 0.0 s: 7 errors in 5 files."
    `);
  });

  it('GitHub annotations: one per problem, with file, line, column and the rule, escaped', async () => {
    const r = await check(garden(BROKEN));
    expect(r.problems.map(formatGithubAnnotation).join('\n')).toMatchInlineSnapshot(`
      "::error file=content/courses/git/01-commits.md,line=6,col=1::broken link "../../notes/rebase.md#the-rul": "Rebase" has no heading #the-rul (did you mean ../../notes/rebase.md#the-rule?)
      ::error file=content/courses/git/01-commits.md,line=6,col=1::broken link [[branchs]]: no page is called "branchs" (did you mean [[branches]]?)
      ::error file=content/courses/git/index.md,line=3,col=1,title=prerequisites::no course "sql-basic" (did you mean "sql-basics"?)
      ::error file=content/notes/bad.mdx,line=5,col=11::this MDX does not compile: Unexpected end of file in expression, expected a corresponding closing brace for \`{\` (mdx-jsx:unexpected-character) (in .mdx, \`{\`, \`<\` and HTML comments are code; escape them, or rename the file to .md)
      ::error file=content/notes/quiz.mdx,line=5,col=1,title=<Question> 1%2C answer::"b" is not one of the options (did you mean "a"? options: "a", "a")
      ::error file=content/notes/quiz.mdx,line=5,col=1,title=<Question> 1%2C options::lists "a" twice; remove the second one
      ::error file=content/notes/typo.md,line=3,col=1,title=stage::expected one of seedling, budding, evergreen, got "sprout""
    `);
    expect(formatGithubAnnotation({ file: 'a,b.md', line: 3, field: 'x:y', message: '100% wrong\nreally', severity: 'warning' })).toBe(
      '::warning file=a%2Cb.md,line=3,col=1,title=x%3Ay::100%25 wrong%0Areally',
    );
  });

  it('a clean garden: exit 0 and one line saying so', async () => {
    const r = await check(garden({ 'notes/a.md': '# A\n\nSee [[b]].\n', 'notes/b.md': '# B\n' }));
    expect(exitCodeOf(r)).toBe(0);
    expect(shown(r)).toBe('✓ Checked 2 pages in 0.0 s: no problems.');
  });

  it("warnings only (a source's brokenLinks: 'warn'): exit 0, and the summary counts them", async () => {
    const r = await check(garden({ 'notes/a.md': '# A\n\nSee [[nowhere]].\n' }), undefined, { brokenLinks: 'warn' });
    expect(exitCodeOf(r)).toBe(0);
    expect(shown(r)).toMatchInlineSnapshot(`
      "content/notes/a.md:3:1  warning: broken link [[nowhere]]: no page is called "nowhere"  (link by id, file name, title or topic alias)

      ✓ Checked 1 page in 0.0 s: 1 warning in 1 file."
    `);
  });
});

describe('--changed', () => {
  it('checks the changed pages and the pages that name them, not the rest', async () => {
    const dir = garden({
      'notes/alpha.md': '# Alpha\n\nSee [[bravo]].\n',
      'notes/bravo.md': '# Bravo\n\nPlain.\n',
      'notes/charlie.md': "# Charlie\n\nSee [[nowhere]] (broken before the change: not this change's problem).\n",
      'notes/delta.md': '# Delta\n\nSee [[alpha]].\n',
    });
    run(dir, ['init', '-q', '-b', 'main']);
    run(dir, ['add', '.']);
    run(dir, ['-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'start']);
    unlinkSync(join(dir, 'content/notes/bravo.md'));
    writeFileSync(join(dir, 'content/notes/echo.md'), '# Echo\n\nNew, see [[delta]].\n');
    const r = await check(dir, 'main');
    expect(r.checked).toBe(2);
    expect(shown(r)).toMatchInlineSnapshot(`
      "content/notes/alpha.md:3:1  broken link [[bravo]]: no page is called "bravo"  (link by id, file name, title or topic alias)

      ✗ Checked 2 pages of 4 (changed since main, and the pages that refer to them) in 0.0 s: 1 error in 1 file."
    `);
  });

  it('names a ref that does not exist, with how to fix it', async () => {
    const dir = garden({ 'notes/a.md': '# A\n' });
    run(dir, ['init', '-q', '-b', 'main']);
    await expect(check(dir, 'origin/nope')).rejects.toThrow(/"origin\/nope" is not a commit, branch or tag here/);
  });

  it.each([
    // [changed files, pages selected]
    [['notes/bravo.md'], ['notes/alpha.md', 'notes/bravo.md']],
    [['courses/x/02-gone.md'], ['notes/charlie.md']],
    [['notes/delta.md'], ['notes/delta.md']],
  ])('a change to %j checks %j', (changed, expected) => {
    const entries = [
      entry('note', 'notes/alpha.md', '# Alpha\n\nSee [[bravo]].\n'),
      entry('note', 'notes/bravo.md', '# Bravo\n'),
      entry('note', 'notes/charlie.md', '---\nlessons: [x/gone]\n---\n# Charlie\n'),
      entry('note', 'notes/delta.md', '# Delta\n'),
    ];
    const selected = affectedPages(
      entries,
      changed.map((p) => `/garden/content/${p}`),
    );
    expect([...selected].map((e) => e.path).sort()).toEqual(expected);
  });
});

describe('the summary', () => {
  it.each([
    [{ problems: [], pages: 3, checked: 3, ms: 1234 }, '✓ Checked 3 pages in 1.2 s: no problems.'],
    [{ problems: [{ file: 'a.md', message: 'x', severity: 'warning' as const }], pages: 1, checked: 1, ms: 10 }, '✓ Checked 1 page in 0.0 s: 1 warning in 1 file.'],
    [{ problems: [], pages: 1000, checked: 4, changedSince: 'origin/main', ms: 10 }, '✓ Checked 4 pages of 1,000 (changed since origin/main, and the pages that refer to them) in 0.0 s: no problems.'],
  ])('%j → %s', (report, line) => {
    expect(summaryOf(report)).toBe(line);
  });
});
