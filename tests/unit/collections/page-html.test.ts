import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAGE_HTML_DIR, pageHtmlFiles, readPageHtml } from '../../../src/collections/page-html.ts';

const withCache = (run: (cache: string) => void) => {
  const cache = mkdtempSync(join(tmpdir(), 'grove-page-html-'));
  try {
    run(cache);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
};

describe('page HTML files in the build cache', () => {
  it('keeps each page under its digest, reads it back, and prunes what no page names', () => {
    withCache((cache) => {
      const files = pageHtmlFiles(pathToFileURL(cache + '/'));
      const a = files.write('a1b2c3d4', '<p>one</p>');
      const b = files.write('ffee0011', '<p>two ü</p>');
      expect(a).toBe(join(cache, PAGE_HTML_DIR, 'a1', 'a1b2c3d4.html'));
      expect(readPageHtml(b, 'notes/two.md')).toBe('<p>two ü</p>');
      expect(files.prune(new Set(['a1b2c3d4']))).toBe(1);
      expect(existsSync(a)).toBe(true);
      expect(existsSync(b)).toBe(false);
      expect(readdirSync(join(cache, PAGE_HTML_DIR)).sort()).toEqual(['a1', 'ff']);
    });
  });

  it('prunes nothing when the cache has no page files yet', () => {
    withCache((cache) => expect(pageHtmlFiles(cache).prune(new Set())).toBe(0));
  });

  it.each([['../../etc/passwd'], [''], ['a/b'], ['x'.repeat(200)]])('refuses %j as a digest (a file name must never leave its folder)', (digest) => {
    withCache((cache) => expect(() => pageHtmlFiles(cache).fileOf(digest)).toThrow(/not a page digest/));
  });

  it('names the page and the way out when its file is gone', () => {
    expect(() => readPageHtml('/no/such/file.html', 'notes/gone.md')).toThrow(/notes\/gone\.md.*missing from the build cache.*build again/);
  });
});
