/**
 * What pages in another language show of the site (#18, docs/languages.md): the site's lists under
 * `/<locale>/`, every other page as its translation where there is one (else the original, marked with
 * its language), lists in that language's order, and each list's versions in the other languages.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { listLanguages, viewIn } from '../../../src/layouts/languages.ts';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A garden of `files` (path in content/ → text) translated into `locales`. */
function gardenOf(files: Record<string, string>, locales: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'grove-layout-languages-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'content', path)), { recursive: true });
    writeFileSync(join(root, 'content', path), text);
  }
  return buildGarden(parseConfig({ locales, sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', root), root);
}

const FILES = {
  'courses/git/index.md': '---\ntitle: Git basics\nsummary: Learn git.\n---\nThe course.\n',
  'courses/git/01-branches.md': '---\ntitle: Branches\n---\nBranch.\n',
  'courses/sql/index.md': '---\ntitle: About SQL\nsummary: Queries.\n---\nSQL.\n',
  'courses/sql/01-select.md': '---\ntitle: Select\n---\nSelect.\n',
  'de/courses/git/index.md': '---\ntitle: Git-Grundlagen\nsummary: Git lernen.\n---\nDer Kurs.\n',
};
const garden = gardenOf(FILES, ['de']);
const git = garden.model.byKey.get('course:git')!;
const sql = garden.model.byKey.get('course:sql')!;

describe('viewIn', () => {
  it("leads a German page's links to the German lists, and changes nothing in the site's language", () => {
    expect(viewIn(garden, 'de').href('/courses/')).toBe('/de/courses/');
    expect(viewIn(garden, 'de').href('/notes/kind/tip/')).toBe('/de/notes/kind/tip/');
    expect(viewIn(garden, undefined).href('/courses/')).toBe('/courses/');
    expect(viewIn(garden, 'en').href('/courses/')).toBe('/courses/');
  });

  it('shows a page as its translation, else as the original marked with its language', () => {
    expect(viewIn(garden, 'de').page(git)).toEqual({ href: '/de/courses/git/', route: '/de/courses/git/', title: 'Git-Grundlagen', summary: 'Git lernen.', lang: undefined });
    expect(viewIn(garden, 'de').page(sql)).toEqual({ href: '/courses/sql/', route: '/courses/sql/', title: 'About SQL', summary: 'Queries.', lang: 'en' });
    expect(viewIn(garden, undefined).page(git)).toMatchObject({ title: 'Git basics', lang: undefined });
  });

  it('sorts a list by the titles it shows', () => {
    expect(
      viewIn(garden, undefined)
        .sorted(garden.model.courses)
        .map((c) => c.entry.id),
    ).toEqual(['sql', 'git']); // About SQL, Git basics
    expect(
      viewIn(garden, 'de')
        .sorted(garden.model.courses)
        .map((c) => c.entry.id),
    ).toEqual(['sql', 'git']); // About SQL, Git-Grundlagen
    const renamed = gardenOf({ ...FILES, 'de/courses/git/index.md': '---\ntitle: Ablauf mit Git\n---\nDer Kurs.\n' }, ['de']);
    expect(
      viewIn(renamed, 'de')
        .sorted(renamed.model.courses)
        .map((c) => c.entry.id),
    ).toEqual(['git', 'sql']); // Ablauf mit Git, About SQL
  });
});

describe('listLanguages', () => {
  it("names a list's version in each language, and offers a reader who chose another language theirs, in their words", () => {
    const english = listLanguages(garden, '/notes/page/2/')!;
    expect(english.versions).toEqual([
      { lang: 'en', href: '/notes/page/2/', name: 'English', current: true },
      { lang: 'de', href: '/de/notes/page/2/', name: 'Deutsch', current: false },
    ]);
    expect(english.notices).toEqual([{ lang: 'de', text: 'Diese Seite auf Deutsch lesen', href: '/de/notes/page/2/' }]);
    const german = listLanguages(garden, '/notes/page/2/', 'de')!;
    expect(german.versions.find((v) => v.current)?.lang).toBe('de');
    expect(german.notices).toEqual([{ lang: 'en', text: 'Read this page in English', href: '/notes/page/2/' }]);
  });

  it('is nothing in a garden of one language', () => {
    expect(listLanguages(gardenOf(FILES, []), '/courses/')).toBeUndefined();
  });
});
