/** What a page's rendering depends on (render-dependencies.ts): the pages it embeds and links to by anchor, for the content loader's cache key. */
import { describe, expect, it } from 'vitest';
import { gardenWith } from '../markdown-helpers.ts';
import { renderDependencies } from '../../../src/garden/render/render-dependencies.ts';

describe('renderDependencies', () => {
  it('names the pages a page embeds or links to by anchor, with their digests, and nothing else', () => {
    const { garden, page } = gardenWith('page', '# Page\n\n![[recover]]\n\n[[rebase-safely#the-rule]] [[loop-a]] [x](../courses/git/01-branches.md#naming)\n');
    const deps = renderDependencies(garden, page)
      .split('\n')
      .map((l) => l.split(':').slice(0, 2).join(':'));
    expect(deps).toEqual(['note:recover', 'note:rebase-safely', 'lesson:git/branches']);
  });
  it('counts a reference definition with an anchor', () => {
    const { garden, page } = gardenWith('page', 'See [the rule][rule].\n\n[rule]: rebase-safely.md#the-rule\n');
    expect(
      renderDependencies(garden, page)
        .split('\n')
        .map((l) => l.split(':').slice(0, 2).join(':')),
    ).toEqual(['note:rebase-safely']);
  });
  it('follows embeds of embeds', () => {
    const { garden, page } = gardenWith('page', '![[loop-a]]\n');
    expect(
      renderDependencies(garden, page)
        .split('\n')
        .map((l) => l.split(':').slice(0, 2).join(':')),
    ).toEqual(['note:loop-a', 'note:loop-b']);
  });
  it('is empty for a page without embeds or anchors', () => {
    const { garden, page } = gardenWith('page', 'Plain [[recover]].\n');
    expect(renderDependencies(garden, page)).toBe('');
  });
});
