/** The resolver's embed and image forms, page outlines (anchors and sections) and callouts, as tables. */
import { describe, expect, it } from 'vitest';
import { markdownToMdast } from 'satteri';
import type { Blockquote } from 'mdast';
import { isAssetPath } from '../../../src/garden/content/entries.ts';
import { buildLinkIndex, relativePath, resolveAsset, resolveEmbed, type Resolution } from '../../../src/garden/model/links.ts';
import { hasAnchor, parseOutline } from '../../../src/garden/content/headings.ts';
import { calloutOf } from '../../../src/garden/render/callouts.ts';
import { entry, fm } from '../helpers.ts';

const ENTRIES = [
  entry('note', 'notes/rebase-safely.md', fm({ title: 'Rebasing safely' }, '## The rule\n')),
  entry('note', 'notes/team/deep.md', fm({ title: 'Deep' })),
  entry('lesson', 'courses/git/02-branches.md', fm({ title: 'Working on branches' })),
  entry('course', 'courses/git/index.md', fm({ title: 'Git foundations' })),
  entry('topic', 'topics/git.md', fm({ title: 'Git' })),
];
const FILES = [
  { source: 'local', path: 'courses/git/branches.svg', abs: '/g/courses/git/branches.svg' },
  { source: 'local', path: 'notes/Team Photo.png', abs: '/g/notes/Team Photo.png' },
  { source: 'local', path: 'notes/a/dup.png', abs: '/g/notes/a/dup.png' },
  { source: 'local', path: 'notes/b/dup.png', abs: '/g/notes/b/dup.png' },
  { source: 'team', path: 'notes/only-team.pdf', abs: '/t/notes/only-team.pdf' },
];
const INDEX = buildLinkIndex(ENTRIES, '/learning/', FILES);
const FROM_NOTE = { source: 'local', path: 'notes/rebase-safely.md' };

function shown(r: Resolution): string {
  if (r.type === 'page') return `page ${r.entry.kind}:${r.entry.id}${r.anchor ? `#${r.anchor}` : ''} ${r.href}`;
  if (r.type === 'route') return r.href;
  if (r.type === 'broken') return `broken: ${r.message}${r.hint ? ` (${r.hint})` : ''}`;
  return r.type;
}

describe('resolveEmbed: ![[target]]', () => {
  it.each([
    ['a note by id', 'rebase-safely', 'page note:rebase-safely /learning/notes/rebase-safely/'],
    ['a note by title', 'Rebasing safely', 'page note:rebase-safely /learning/notes/rebase-safely/'],
    ['a section by heading text', 'rebase-safely#The rule', 'page note:rebase-safely#the-rule /learning/notes/rebase-safely/#the-rule'],
    ['a section by heading id', 'rebase-safely#the-rule', 'page note:rebase-safely#the-rule /learning/notes/rebase-safely/#the-rule'],
    ['a lesson by its id', 'git/branches', 'page lesson:git/branches /learning/courses/git/branches/'],
    ['an image by file name, anywhere in the source', 'branches.svg', '/learning/files/local/courses/git/branches.svg'],
    ['an image by file name, any case', 'BRANCHES.SVG', '/learning/files/local/courses/git/branches.svg'],
    ['an image by relative path', '../courses/git/branches.svg', '/learning/files/local/courses/git/branches.svg'],
    ['a file name with spaces', 'Team Photo.png', '/learning/files/local/notes/Team%20Photo.png'],
    ['a PDF of another source, by name', 'only-team.pdf', '/learning/files/team/notes/only-team.pdf'],
    ['a name two files share', 'dup.png', 'broken: "dup.png" matches 2 files (write its path relative to this page: a/dup.png, b/dup.png)'],
    ['a missing page', 'rebase-safly', 'broken: no page is called "rebase-safly" (did you mean [[rebase-safely]]?)'],
    ['a name two pages share', 'git', 'broken: "git" matches 2 pages (write one of [[courses/git]], [[topics/git]])'],
  ])('%s: ![[%s]] → %s', (_why, target, expected) => {
    expect(shown(resolveEmbed(INDEX, FROM_NOTE, target))).toBe(expected);
  });
});

describe('resolveAsset: ![alt](url)', () => {
  it.each([
    ['beside the page', { source: 'local', path: 'courses/git/02-branches.md' }, 'branches.svg', '/learning/files/local/courses/git/branches.svg'],
    ['up and across', FROM_NOTE, '../courses/git/branches.svg', '/learning/files/local/courses/git/branches.svg'],
    ['percent-encoded', FROM_NOTE, 'Team%20Photo.png', '/learning/files/local/notes/Team%20Photo.png'],
    ['with a query or hash', FROM_NOTE, 'Team Photo.png?v=2#x', '/learning/files/local/notes/Team%20Photo.png'],
    ['external', FROM_NOTE, 'https://example.com/a.png', 'external'],
    ['a file the site serves is left alone', FROM_NOTE, '/favicon.svg', 'external'],
    ['a file Grove publishes, by its site path, is left alone', FROM_NOTE, '/learning/files/local/courses/git/branches.svg', 'external'],
    ['a site path read from the source root (as Dendron and Jekyll publish /assets/)', FROM_NOTE, '/courses/git/branches.svg', '/learning/files/local/courses/git/branches.svg'],
    ['a site path that names nothing', FROM_NOTE, '/assets/nope.png', 'broken: no file at /assets/nope.png in the site or in source "local" (write the path relative to this page)'],
    ['a site path out of the source root', FROM_NOTE, '/../x.png', 'broken: no file at /../x.png in the site or in source "local" (write the path relative to this page)'],
    ['a data URL', FROM_NOTE, 'data:image/png;base64,AAAA', 'external'],
    ['outside the source', FROM_NOTE, '../../x.png', 'broken: it points outside the source (link to a file inside the content folder)'],
    ['a bare file name in another case (as note-taking tools match it)', FROM_NOTE, 'team photo.png', '/learning/files/local/notes/Team%20Photo.png'],
    ['a typo', FROM_NOTE, 'Team Phot.png', 'broken: no such file (looked for notes/Team Phot.png) (did you mean Team Photo.png?)'],
  ])('%s: %j → %s', (_why, from, url, expected) => {
    expect(shown(resolveAsset(INDEX, from, url))).toBe(expected);
  });
});

describe('relativePath and isAssetPath', () => {
  it.each([
    ['notes/a.md', 'notes/b.png', 'b.png'],
    ['notes/a.md', 'courses/git/x.svg', '../courses/git/x.svg'],
    ['notes/deep/a.md', 'notes/x.png', '../x.png'],
    ['a.md', 'notes/x.png', 'notes/x.png'],
  ])('from %s to %s: %s', (from, to, expected) => {
    expect(relativePath(from, to)).toBe(expected);
  });
  it.each([
    ['x.png', true],
    ['X.JPEG', true],
    ['doc.pdf', true],
    ['note.md', false],
    ['script.js', false],
  ])('%s is an asset: %s', (path, expected) => {
    expect(isAssetPath(path)).toBe(expected);
  });
});

describe('parseOutline: the ids a rendered page has', () => {
  it.each<[string, string, string[]]>([
    ['plain headings', '## The rule\n\n### Force-pushing\n', ['the-rule', 'force-pushing']],
    ['punctuation and case', '## Merge & Rebase: why?\n', ['merge--rebase-why']],
    ['repeats are numbered', '## Steps\n\n## Steps\n', ['steps', 'steps-1']],
    ['inline code and emphasis count as text', '## Use `git reflog` *now*\n', ['use-git-reflog-now']],
    ['a link in a heading counts its text', '## See [the docs](x.md)\n', ['see-the-docs']],
    ['non-ASCII letters are kept', '## Der Weg einer Änderung\n', ['der-weg-einer-änderung']],
    ['a first # Title repeating the title takes no id', '# Rebasing safely\n\n## Rebasing safely\n', ['rebasing-safely']],
    ['headings in code blocks are not headings', '```\n## not a heading\n```\n## Real\n', ['real']],
    ['setext headings', 'Setext\n------\n', ['setext']],
  ])('%s', (_why, body, slugs) => {
    expect(parseOutline(body, 'md', 'Rebasing safely', 'note').headings.map((h) => h.slug)).toEqual(slugs);
  });

  it('offers the template ids of its kind, hand-written ids and footnotes', () => {
    const o = parseOutline('<a id="top-of-list"></a>\n\n## A\n', 'md', 'T', 'lesson');
    for (const a of ['a', 'top-of-list', 'check', 'community', 'objectives', 'user-content-fn-1']) expect(hasAnchor(o, a)).toBe(true);
    expect(hasAnchor(o, 'b')).toBe(false);
  });

  it('a section runs to the next heading of the same or a higher level', () => {
    const body = '## One\n\ntext\n\n### Sub\n\nmore\n\n## Two\n\nend\n';
    const [one, sub, two] = parseOutline(body, 'md', 'T', 'note').headings;
    expect(body.slice(one!.start, one!.end)).toBe('## One\n\ntext\n\n### Sub\n\nmore\n\n');
    expect(body.slice(sub!.start, sub!.end)).toBe('### Sub\n\nmore\n\n');
    expect(body.slice(two!.start, two!.end)).toBe('## Two\n\nend\n');
  });

  it('MDX that does not parse checks no anchors (the MDX error is reported instead)', () => {
    const o = parseOutline('<Broken\n', 'mdx', 'T', 'note');
    expect(o.parsed).toBe(false);
    expect(hasAnchor(o, 'anything')).toBe(true);
  });
});

describe('calloutOf', () => {
  const quote = (md: string) => (markdownToMdast(md) as unknown as { children: Blockquote[] }).children[0]!;
  const text = (n: unknown): string => {
    const node = n as { value?: string; children?: unknown[] };
    return node.value ?? (node.children ?? []).map(text).join('');
  };
  it.each<[string, string, string | undefined, string | undefined, string | undefined]>([
    ['a titled note', '> [!note] Read this\n> body', 'note', 'Read this', undefined],
    ['no title: the type', '> [!warning]\n> body', 'warning', 'Warning', undefined],
    ['folded', '> [!warning]- Spoiler\n> body', 'warning', 'Spoiler', '-'],
    ['foldable and open', '> [!tip]+ Open\n> body', 'tip', 'Open', '+'],
    ['an alias', '> [!caution] Careful', 'warning', 'Careful', undefined],
    ['an unknown type looks like a note', '> [!recipe] Soup', 'note', 'Soup', undefined],
    ['upper case', '> [!DANGER] Stop', 'danger', 'Stop', undefined],
    ['a title with emphasis keeps its words', '> [!tip] Use *this* one\n> body', 'tip', 'Use this one', undefined],
    ['an ordinary quote', '> just a quote', undefined, undefined, undefined],
    ['a link-like start is not a callout', '> [not](x) a callout', undefined, undefined, undefined],
  ])('%s', (_why, md, style, title, fold) => {
    const c = calloutOf(quote(md), text as never);
    expect([c?.style, c?.titleText, c?.fold]).toEqual([style, title, fold]);
  });
});
