/**
 * Raw HTML URLs (src/garden/render/raw-html-links.ts): each is found where it is written, so writing
 * it back changes that attribute and nothing else, whatever HTML surrounds it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, rawUrlsIn } from '../../../src/garden/render/raw-html-links.ts';

describe('rawUrlsIn', () => {
  it.each([
    ['a link with its end tag', '<a href="x.md">x</a>', [['a', 'href', 'x.md', true]]],
    [
      'an image, quoted in any way',
      `<img src=a.png> <img src='b.png'/> <IMG SRC="c.png">`,
      [
        ['img', 'src', 'a.png', false],
        ['img', 'src', 'b.png', false],
        ['img', 'src', 'c.png', false],
      ],
    ],
    ['a link opened here and closed in another piece of HTML', '<a href="x.md">', [['a', 'href', 'x.md', false]]],
    [
      'video with a poster',
      '<video src="m.mp4" poster="p.png"></video>',
      [
        ['video', 'src', 'm.mp4', true],
        ['video', 'poster', 'p.png', true],
      ],
    ],
    ['inside a template', '<template><a href="t.md">t</a></template>', [['a', 'href', 't.md', true]]],
    ['not in a comment or a script', '<!-- <a href="c.md"> --><script>"<a href=s.md>"</script>', []],
    ['an entity in the value', '<a href="a&amp;b.md">x</a>', [['a', 'href', 'a&b.md', true]]],
  ])('%s', (_why, html, expected) => {
    expect(rawUrlsIn(html).map((u) => [u.tag, u.attribute, u.value, u.endTag !== undefined])).toEqual(expected);
  });

  it('writing each URL back changes that attribute and not a byte outside it', () => {
    const piece = fc.oneof(
      fc.constantFrom('<p>', '</p>', '<td align="center">', '</td>', '<br />', '<!-- x -->', 'text ', '&amp;', '<b>', '</b>', '\n'),
      fc.tuple(fc.constantFrom('a href', 'img src', 'source src', 'video poster'), fc.stringMatching(/^[a-z0-9./#_-]{0,12}$/), fc.constantFrom('"', "'")).map(([t, v, q]) => {
        const [tag, attr] = t.split(' ');
        return `<${tag} class="c" ${attr}=${q}${v}${q} title="t">${tag === 'a' ? 'x</a>' : ''}`;
      }),
    );
    /** The HTML without the given spans. */
    const outside = (h: string, spans: ReadonlyArray<{ start: number; end: number }>) => spans.reduceRight((acc, sp) => acc.slice(0, sp.start) + acc.slice(sp.end), h);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const html = pieces.join('');
        const urls = rawUrlsIn(html);
        for (const u of urls) expect(html.slice(u.attr.start, u.attr.end).toLowerCase().startsWith(u.attribute)).toBe(true);
        const marked = applyEdits(
          html,
          urls.map((u) => ({ ...u.attr, text: `${u.attribute}="[${u.value}]"` })),
        );
        const again = rawUrlsIn(marked);
        expect(again.map((u) => u.value)).toEqual(urls.map((u) => `[${u.value}]`));
        expect(
          outside(
            marked,
            again.map((u) => u.attr),
          ),
        ).toBe(
          outside(
            html,
            urls.map((u) => u.attr),
          ),
        );
      }),
    );
  });
});

describe('applyEdits', () => {
  it('applies edits in order of position and drops one that overlaps an earlier one', () => {
    expect(
      applyEdits('0123456789', [
        { start: 6, end: 8, text: 'B' },
        { start: 1, end: 3, text: 'A' },
        { start: 2, end: 4, text: 'X' },
      ]),
    ).toBe('0A345B89');
  });
});
