import { describe, expect, it } from 'vitest';
import { watchIgnored } from '../../../src/integrations/watch.ts';

const root = '/repo';
const ignored = watchIgnored(root, ['/repo/content', '/repo/.grove/bench/peer-10-42/notes', '/repo/.grove/sources/handbook/docs'], ['./dist', '/tmp/out']);

describe('what astro dev watches', () => {
  it.each([
    ['/repo/src/pages/index.astro', false, 'the code'],
    ['/repo/content/notes/a.md', false, 'the local source'],
    ['/repo/astro.config.mjs', false, 'the settings'],
    ['/repo/.grove/bench/peer-100000-42/notes/a.md', true, 'another benchmark garden'],
    ['/repo/.grove/bench/report-peer-10.json', true, 'a report'],
    ['/repo/.grove/bench/peer-10-42/notes/a.md', false, 'the benchmark garden being served'],
    ['/repo/.grove/bench/peer-10-42', false, 'a folder above a source, so the watcher reaches it'],
    ['/repo/.grove', false, '.grove itself, above the sources'],
    ['/repo/.grove/bench/peer-10-42/dist/index.html', true, "that garden's build output"],
    ['/repo/.grove/sources/handbook/docs/intro.md', false, "a fetched repository's content folder"],
    ['/repo/.grove/sources/other/README.md', true, 'a repository no source names'],
    ['/repo/dist/notes/a/index.html', true, 'the build output'],
    ['/tmp/out/index.html', true, 'an output folder elsewhere'],
    ['/repo/.grove-notes/x.md', false, 'a folder whose name only starts like .grove'],
  ])('%s → ignored: %s (%s)', (path, expected) => {
    expect(ignored(path)).toBe(expected);
  });

  it('takes paths relative to the project too', () => {
    expect(ignored('.grove/bench/peer-100000-42/notes/a.md')).toBe(true);
    expect(ignored('content/notes/a.md')).toBe(false);
  });
});
