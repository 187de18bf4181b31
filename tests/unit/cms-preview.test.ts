/**
 * The CMS preview's Markdown (src/client/cms-preview.ts): callouts as the site renders them (the
 * same `calloutOf`), wikilinks linked to the site's pages from map.json, unknown ones marked.
 * Parsed and turned into HTML with mdast/hast utilities, as Decap's preview does with remark.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { groveMarkdown, groveRemarkPlugin, pageIndex } from '../../src/client/cms-preview.ts';

const MAP_NODES = [
  [0, 0, 0, 0, 'Git', '/topics/git/'],
  [2, 1, 1, 0, 'Rebasing safely', '/notes/rebase-safely/'],
  [1, 2, 2, 0, 'Git foundations', '/courses/git-foundations/'],
];
const pages = pageIndex(MAP_NODES, '/learning/');

const html = (md: string) => toHtml(toHast(groveMarkdown(fromMarkdown(md) as never, pages) as never, { allowDangerousHtml: true }));

describe('wikilinks in the preview', () => {
  it('link to the page by id or by title, under the site base', () => {
    expect(html('See [[rebase-safely]] and [[Git foundations]].')).toBe(
      '<p>See <a href="/learning/notes/rebase-safely/">rebase-safely</a> and <a href="/learning/courses/git-foundations/">Git foundations</a>.</p>',
    );
  });

  it('keep a label and a heading', () => {
    expect(html('[[rebase-safely#When not to|the exception]]')).toBe('<p><a href="/learning/notes/rebase-safely/#when-not-to">the exception</a></p>');
  });

  it('mark a page that does not exist as the site marks a broken link', () => {
    expect(html('[[no-such-page]]')).toBe('<p><span class="broken-link" title="Grove could not resolve this link: no page &#x22;no-such-page&#x22;">no-such-page</span></p>');
  });

  it('are left alone in code', () => {
    expect(html('`[[rebase-safely]]`\n\n```\n[[rebase-safely]]\n```')).not.toContain('<a ');
  });

  it('are found when the parser split their text (as Decap’s older remark does)', () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'See [' },
            { type: 'text', value: '[rebase-safely]' },
            { type: 'text', value: '].' },
          ],
        },
      ],
    };
    const out = groveRemarkPlugin(() => pages)()(tree);
    expect(out.children![0]!.children!.map((c) => c.type)).toEqual(['text', 'link', 'text']);
  });

  it('use the address a page has when the site has no base', () => {
    expect(pageIndex(MAP_NODES, '/').get('git')).toEqual({ title: 'Git', href: '/topics/git/' });
  });
});

describe('callouts in the preview', () => {
  it('are the boxes the site renders, with their title and body', () => {
    expect(html('> [!warning] Force-push\n> Only on your own branch, see [[rebase-safely]].')).toBe(
      '<div class="callout callout-warning" data-callout="warning" role="note">\n<p class="callout-title">Force-push</p>\n<p>Only on your own branch, see <a href="/learning/notes/rebase-safely/">rebase-safely</a>.</p>\n</div>',
    );
  });

  it('fold as the site folds them, and leave an ordinary quote a quote', () => {
    expect(html('> [!tip]- Shortcut\n> Use `git switch -`.')).toMatch(/^<details class="callout callout-tip" data-callout="tip">\n<summary class="callout-title">Shortcut<\/summary>/);
    expect(html('> Just a quote.')).toBe('<blockquote>\n<p>Just a quote.</p>\n</blockquote>');
  });
});
