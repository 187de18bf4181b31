/**
 * `/files/<source>/<path>` (src/pages/files/[...file].ts): whatever the garden hands it, no name that
 * would change as a web address reaches Astro's router, where `notes/%2e%2e/x.png` stopped the build
 * with NoMatchingStaticPathFound (it asked for `/files/team/x.png/`).
 */
import { describe, expect, it, vi } from 'vitest';

const assets = new Map<string, { source: string; path: string; abs: string }>();
vi.mock('../../src/collections/content.ts', () => ({ getGarden: async () => ({ links: { assets } }) }));
const { getStaticPaths } = await import('../../src/pages/files/[...file].ts');

describe('getStaticPaths of /files/', () => {
  it.each([
    ['notes/photo.png', true],
    ['notes/My Photo (1).png', true],
    ['notes/日本語.png', true],
    ['notes/%2e%2e/x.png', false],
    ['notes/..%2fx.png', false],
    ['notes/a\\b.png', false],
    ['notes/a?b.png', false],
    ['notes/a#b.png', false],
    ['notes/tab\t.png', false],
    ['notes/-rf.png', false],
  ])('%j is published: %s', async (path, published) => {
    assets.clear();
    assets.set(`team:${path}`, { source: 'team', path, abs: `/garden/team/${path}` });
    const paths = await getStaticPaths();
    expect(paths.map((p) => p.params.file)).toEqual(published ? [`team/${path}`] : []);
  });
});
