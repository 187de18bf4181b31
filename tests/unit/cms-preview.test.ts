/**
 * The CMS preview's Markdown (src/client/cms-preview.ts): callouts as the site renders them (the
 * same `calloutOf`), wikilinks linked to the site's pages from map.json, unknown ones marked. What
 * Decap's renderer makes of the result is checked in Chromium (tests/e2e/cms.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { pageIndex, previewMarkdown } from '../../src/client/cms-preview.ts';

const MAP_NODES = [
  [0, 0, 0, 0, 'Git', '/topics/git/'],
  [2, 1, 1, 0, 'Rebasing safely', '/notes/rebase-safely/'],
  [1, 2, 2, 0, 'Git foundations', '/courses/git-foundations/'],
];
const pages = pageIndex(MAP_NODES, '/learning/');

const md = (text: string) => previewMarkdown(text, pages);

describe('wikilinks in the preview', () => {
  it('link to the page by id or by title, under the site base, shown by its title', () => {
    expect(md('See [[rebase-safely]] and [[Git foundations]].')).toBe('See [Rebasing safely](</learning/notes/rebase-safely/>) and [Git foundations](</learning/courses/git-foundations/>).');
  });

  it('keep a label and a heading', () => {
    expect(md('[[rebase-safely#When not to: force-push?|the exception]]')).toBe('[the exception](</learning/notes/rebase-safely/#when-not-to-force-push>)');
  });

  it('mark a page that does not exist as the site marks a broken link', () => {
    expect(md('[[no-such-page]]')).toBe('<span class="broken-link" title="Grove could not resolve this link: no page &quot;no-such-page&quot;">no-such-page</span>');
  });

  it('are left alone in code, and an embed is left as written', () => {
    const text = '`[[rebase-safely]]` and ``a [[git]] b``\n\n```\n[[rebase-safely]]\n```\n\n~~~\n> [!note]\n~~~\n\n![[rebase-safely]]';
    expect(md(text)).toBe(text);
  });

  it('use the address a page has when the site has no base', () => {
    expect(pageIndex(MAP_NODES, '/').get('git')).toEqual({ title: 'Git', href: '/topics/git/' });
  });
});

describe('callouts in the preview', () => {
  it('are the boxes the site renders, with their title, and their body in Markdown', () => {
    expect(md('> [!warning] Force-push\n> Only on your own branch, see [[rebase-safely]].\n\nAfter.')).toBe(
      '<div class="callout callout-warning" data-callout="warning" role="note"><p class="callout-title">Force-push</p>\n\nOnly on your own branch, see [Rebasing safely](</learning/notes/rebase-safely/>).\n\n</div>\n\nAfter.',
    );
  });

  it('fold as the site folds them, take the type as title when there is none, and nest', () => {
    expect(md('> [!tip]- Shortcut\n> Use `git switch -`.')).toBe(
      '<details class="callout callout-tip" data-callout="tip"><summary class="callout-title">Shortcut</summary>\n\nUse `git switch -`.\n\n</details>',
    );
    expect(md('> [!faq]+\n> > [!danger] <b>No</b>\n> > Never.')).toBe(
      '<details class="callout callout-question" data-callout="faq" open><summary class="callout-title">Faq</summary>\n\n<div class="callout callout-danger" data-callout="danger" role="note"><p class="callout-title">&lt;b&gt;No&lt;/b&gt;</p>\n\nNever.\n\n</div>\n\n</details>',
    );
  });

  it('leave an ordinary quote a quote', () => {
    expect(md('> Just a quote.\n> [[git]]')).toBe('> Just a quote.\n> [Git](</learning/topics/git/>)');
  });
});
