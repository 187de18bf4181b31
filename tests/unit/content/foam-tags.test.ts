/**
 * Foam reads `#tag` in a note's text as a tag (issue #14): in a `foam` source a note's tags are its
 * topics, as its folders are. What is not a tag: code, a heading's mark, an address's `#fragment`, a
 * number (`#123`).
 */
import { describe, expect, it } from 'vitest';
import { foamTags } from '../../../src/garden/content/dialect.ts';
import { readSource } from '../../../src/garden/content/entries.ts';
import { localSource } from '../../../src/garden/settings/config.ts';
import { dialectFixture } from '../dialect-helpers.ts';

describe('foamTags', () => {
  it.each<[string, string, string[]]>([
    ['a tag in a sentence', 'The #tooling notes.', ['tooling']],
    ['at the start of a line, and nested', '#idea\nand #project/grove-native, #a_b-c.', ['idea', 'project/grove-native', 'a_b-c']],
    ['each once, as first written', '#Tooling and #tooling', ['Tooling']],
    ['letters of any script', 'Über #überblick und #日本語', ['überblick', '日本語']],
    ['not a heading', '# Title\n## Sub #heading-tag\n', ['heading-tag']],
    ['not a heading closed with #', '## Title ##\n', []],
    ['not a number', 'Fixed in #123 and #1.5, not #1st', ['1st']],
    ['not in a code span', 'Run `grep #notatag` or ``a #b``', []],
    ['not in fenced code', '```sh\n# comment\necho #notatag\n```\n~~~\n#no\n~~~\nafter #yes', ['yes']],
    ['not in a fence closed by a longer one, only by its own kind', '````\n```\n#no\n````\n#yes', ['yes']],
    ["not an address's fragment or a wikilink's heading", 'See https://x.example/a#frag, [a](#anchor), [[page#Heading]] and &#35;', []],
    ['not an empty mark', 'a # b and #', []],
  ])('%s', (_, body, tags) => {
    expect(foamTags(body)).toEqual(tags);
  });
});

describe('a foam source', () => {
  const read = (dialect: 'auto' | 'gfm') => {
    const dir = dialectFixture('foam');
    return readSource(localSource('foam', dir, { layout: 'notes', dialect }), dir).entries;
  };
  const tagsOf = (entries: ReturnType<typeof read>, path: string) => (entries.find((e) => e.path === path)!.data as { tags: string[] }).tags;

  it("gives a note its text's #tags as topics, after its folders", () => {
    expect(tagsOf(read('auto'), 'index.md')).toEqual(['tooling']);
    expect(tagsOf(read('auto'), 'features/wikilinks.md')).toEqual(['features']);
  });

  it('but not in another dialect', () => {
    expect(tagsOf(read('gfm'), 'index.md')).toEqual([]);
  });
});
