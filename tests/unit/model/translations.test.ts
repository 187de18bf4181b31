/**
 * Multilingual content (#18): translations found by folder (`de/…`) or declared (`translationOf` +
 * `lang`), kept apart from the originals with their originals' ids, routed under `/<locale>/`, their
 * links led to the same language's pages, and every mistake reported with the file and the fix.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { buildGarden, type Garden } from '../../../src/garden/model/garden.ts';
import { isOutdated, listLocales, noTranslations, outdatedTranslations, routeIn, shownIn, sortedIn, translationIn, versionsOf } from '../../../src/garden/model/translations.ts';
import { storeKey } from '../../../src/collections/garden-loader.ts';
import { resolveLink } from '../../../src/garden/model/links.ts';
import type { Problem } from '../../../src/garden/core/problems.ts';
import { renderPage } from '../markdown-helpers.ts';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A garden of `files` (path in content/ → text) with `locales`; problems collected, as `npm run check` does. */
function gardenOf(files: Record<string, string>, locales: string[] = ['de', 'fr']): { garden: Garden; errors: Problem[] } {
  const root = mkdtempSync(join(tmpdir(), 'grove-i18n-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'content', path)), { recursive: true });
    writeFileSync(join(root, 'content', path), text);
  }
  const errors: Problem[] = [];
  const garden = buildGarden(parseConfig({ locales, sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', root), root, { collect: errors });
  return { garden, errors };
}

const page = (fields: Record<string, string>, body = '') =>
  `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n${body}\n`;

const SAMPLE = {
  'courses/git/index.md': page({ title: 'Git' }),
  'courses/git/01-one.md': page({ title: 'One' }),
  'courses/git/02-two.md': page({ title: 'Two' }),
  'courses/git/03-three.md': page({ title: 'Three' }),
  'notes/a.md': page({ title: 'A' }),
  'notes/b.md': page({ title: 'B' }),
  'de/courses/git/index.md': page({ title: 'Git (de)' }),
  'de/courses/git/01-one.md': page(
    { title: 'Eins' },
    ['[zwei](02-two.md) [drei](03-three.md)', '[a, kopiert](../../notes/a.md) [a, wie es liegt](../../../notes/a.md)', '[[b]] [[a]] [Kurs](/courses/git/)'].join('\n\n'),
  ),
  'de/courses/git/02-two.md': page({ title: 'Zwei' }),
  'de/notes/a.md': page({ title: 'A (de)' }),
  'notes/b-auf-französisch.md': page({ title: 'B (fr)', lang: 'fr', translationOf: 'b' }),
};

describe('finding translations', () => {
  const { garden, errors } = gardenOf(SAMPLE);

  it('reads the sample without a problem', () => {
    expect(errors).toEqual([]);
  });

  it('keeps translations apart from the originals, with their originals’ ids, a language and a route under /<locale>/', () => {
    expect(garden.entries.map((e) => `${e.kind}:${e.id}`).sort()).toEqual(['course:git', 'lesson:git/one', 'lesson:git/three', 'lesson:git/two', 'note:a', 'note:b']);
    expect(garden.translations.entries.map((e) => [e.kind, e.id, e.lang, e.route]).sort()).toEqual([
      ['course', 'git', 'de', '/de/courses/git/'],
      ['lesson', 'git/one', 'de', '/de/courses/git/one/'],
      ['lesson', 'git/two', 'de', '/de/courses/git/two/'],
      ['note', 'a', 'de', '/de/notes/a/'],
      ['note', 'b', 'fr', '/fr/notes/b/'],
    ]);
    // The model is the originals': a lesson's progress key is its original's id in every language.
    expect(garden.model.lessons.map((l) => l.entry.id)).toEqual(['git/one', 'git/two', 'git/three']);
    expect(garden.translations.locales).toEqual(['en', 'de', 'fr']);
  });

  it('stores each translation under a key of its own', () => {
    const keys = [...garden.entries, ...garden.translations.entries].map(storeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('lesson/git/one@de');
  });

  it.each([
    ['lesson', 'git/one', 'de', 'Eins'],
    ['lesson', 'git/three', 'de', undefined],
    ['note', 'b', 'fr', 'B (fr)'],
    ['note', 'b', 'de', undefined],
    ['note', 'a', 'en', undefined],
  ] as const)('%s %s in %s: %s', (kind, id, lang, title) => {
    expect(translationIn(garden.translations, kind, id, lang)?.title).toBe(title);
  });

  it('lists every version of a page for the switcher, the original first', () => {
    const a = garden.entries.find((e) => e.id === 'a')!;
    expect(versionsOf(garden.translations, a).map((v) => [v.lang, v.route])).toEqual([
      ['en', '/notes/a/'],
      ['de', '/de/notes/a/'],
    ]);
    expect(
      versionsOf(
        garden.translations,
        garden.entries.find((e) => e.id === 'git/three')!,
      ),
    ).toEqual([]);
  });

  it('leads a translation’s links to the same language’s pages, else to the originals', () => {
    const one = garden.translations.entries.find((e) => e.id === 'git/one')!;
    const { html, problems } = renderPage(garden, one);
    expect(problems).toEqual([]);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/de/courses/git/two/', '/courses/git/three/', '/de/notes/a/', '/de/notes/a/', '/notes/b/', '/de/notes/a/', '/de/courses/git/']);
  });

  it('leaves an original’s links to the originals', () => {
    const { garden: g } = gardenOf({ ...SAMPLE, 'notes/c.md': page({ title: 'C' }, '[[a]] [one](../courses/git/01-one.md)') });
    const { html } = renderPage(
      g,
      g.entries.find((e) => e.id === 'c')!,
    );
    expect([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/notes/a/', '/courses/git/one/']);
  });
});

describe('mistakes in translations, each an error naming the file and the fix', () => {
  const base = { 'notes/a.md': page({ title: 'A' }), 'notes/b.md': page({ title: 'B' }) };
  it.each([
    [
      '`translationOf` naming nothing',
      { 'notes/x.md': page({ title: 'X', lang: 'de', translationOf: 'nope' }) },
      'content/notes/x.md',
      /translates "nope", but there is no note "nope"/,
      /write the original first/,
    ],
    ['`translationOf` without `lang`', { 'notes/x.md': page({ title: 'X', translationOf: 'a' }) }, 'content/notes/x.md', /no `lang`/, /add `lang:`/],
    [
      'a language not in `locales`',
      { 'notes/x.md': page({ title: 'X', lang: 'es', translationOf: 'a' }) },
      'content/notes/x.md',
      /"es", which is not one of the settings' `locales`/,
      /add 'es' to `locales`/,
    ],
    [
      'two translations of one page in one language',
      { 'de/notes/a.md': page({ title: 'A (de)' }), 'notes/a-de.md': page({ title: 'A (de) again', lang: 'de', translationOf: 'a' }) },
      'content/notes/a-de.md',
      /second "de" translation of the note "a"; content\/de\/notes\/a.md is the first/,
      /keep one of the two/,
    ],
    [
      'a loop of translations',
      { 'notes/p.md': page({ title: 'P', lang: 'de', translationOf: 'q' }), 'notes/q.md': page({ title: 'Q', lang: 'de', translationOf: 'p' }) },
      'content/notes/p.md',
      /itself a translation.*point at each other/,
      /name the original/,
    ],
    [
      'a translation by folder whose original is missing',
      { 'de/notes/zzz.md': page({ title: 'Z' }) },
      'content/de/notes/zzz.md',
      /of notes\/zzz.md, which does not exist/,
      /write the original at notes\/zzz.md/,
    ],
  ])('%s', (_what, files, file, message, hint) => {
    const { errors } = gardenOf({ ...base, ...files }, ['de', 'fr']);
    const found = errors.find((p) => p.file === file);
    expect(found, JSON.stringify(errors)).toBeDefined();
    expect(found!.severity).toBe('error');
    expect(found!.message).toMatch(message);
    expect(found!.hint).toMatch(hint);
  });

  it('leaves out, with a warning, a folder named like a language not in `locales`', () => {
    const { garden, errors } = gardenOf({ ...base, 'it/notes/a.md': page({ title: 'A (it)' }) });
    expect(errors).toEqual([]);
    expect(garden.translations.entries).toEqual([]);
    expect(garden.warnings.find((w) => w.file === 'content/it/notes/a.md')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/left out: it is in the folder "it\/".*not one of the settings' `locales` \(de, fr\)/),
      hint: expect.stringMatching(/add 'it' to `locales`/),
    });
  });

  it('warns of a translated knowledge check that does not ask the original’s questions', () => {
    const question = '\n  - question: Q?\n    options: [a, b]\n    answer: a';
    const { garden, errors } = gardenOf({
      'courses/c/index.md': page({ title: 'C' }),
      'courses/c/01-l.md': page({ title: 'L', check: question + question }),
      'de/courses/c/01-l.md': page({ title: 'L (de)', check: question }),
    });
    expect(errors).toEqual([]);
    expect(garden.warnings.find((w) => w.file === 'content/de/courses/c/01-l.md')).toMatchObject({
      field: 'check',
      line: 3,
      message: expect.stringMatching(/has 1 question\(s\), its original content\/courses\/c\/01-l.md 2/),
    });
  });

  it('names the line of the field at fault', () => {
    const { errors } = gardenOf({ ...base, 'notes/x.md': page({ title: 'X', lang: 'de', translationOf: 'nope' }) });
    expect(errors.find((p) => p.file === 'content/notes/x.md')).toMatchObject({ field: 'translationOf', line: 4 });
  });
});

describe('translations older than their originals', () => {
  it.each([
    ['2026-01-01', '2026-02-01', true],
    ['2026-02-01', '2026-02-01', false],
    ['2026-03-01', '2026-02-01', false],
    [undefined, '2026-02-01', false],
    ['2026-01-01', undefined, false],
  ])('translated %s, original %s: outdated %s', (translated, original, outdated) => {
    expect(isOutdated({ updated: translated }, { updated: original })).toBe(outdated);
  });

  it('is a warning naming the translation, both dates and the fix', () => {
    const { garden } = gardenOf({ 'notes/a.md': page({ title: 'A', updated: '2026-02-01' }), 'de/notes/a.md': page({ title: 'A (de)', updated: '2026-01-01' }) });
    expect(garden.warnings.filter((w) => w.file === 'content/de/notes/a.md')).toEqual([
      {
        file: 'content/de/notes/a.md',
        message: 'this "de" translation was last updated 2026-01-01, before its original content/notes/a.md (2026-02-01)',
        hint: "bring it up to date with the original's changes since 2026-01-01, then commit it",
        severity: 'warning',
      },
    ]);
    expect(outdatedTranslations(garden.translations, () => undefined)).toEqual([]);
  });
});

describe('the lists in each language (/de/courses/…)', () => {
  const { garden } = gardenOf({
    'notes/apple.md': page({ title: 'Apple' }),
    'notes/zebra.md': page({ title: 'Zebra' }),
    'notes/umlaut.md': page({ title: 'Tree' }),
    'de/notes/zebra.md': page({ title: 'Ähre' }),
    'de/notes/umlaut.md': page({ title: 'Baum' }),
  });
  const t = garden.translations;

  it('exist for every locale but the site language, and only in a garden of two or more', () => {
    expect(listLocales(t)).toEqual(['de', 'fr']);
    expect(listLocales(noTranslations('de'))).toEqual([]);
  });

  it.each([
    ['/courses/', 'de', '/de/courses/'],
    ['/notes/kind/tip/', 'fr', '/fr/notes/kind/tip/'],
    ['/', 'de', '/de/'],
    ['/de/notes/', 'de', '/de/notes/'], // already in it
    ['/courses/', undefined, '/courses/'],
    ['/courses/', 'en', '/courses/'], // the site's language
    ['/courses/', 'it', '/courses/'], // not one of the locales: there is no /it/
  ])('routeIn(%s, %s) is %s', (route, lang, expected) => {
    expect(routeIn(t, route, lang)).toBe(expected);
  });

  it("show a page as its translation where there is one, else the original marked with the site's language", () => {
    const zebra = garden.model.byKey.get('note:zebra')!;
    const apple = garden.model.byKey.get('note:apple')!;
    expect(shownIn(t, zebra, 'de')).toMatchObject({ title: 'Ähre', route: '/de/notes/zebra/', lang: undefined });
    expect(shownIn(t, apple, 'de')).toMatchObject({ title: 'Apple', route: '/notes/apple/', lang: 'en' });
    expect(shownIn(t, zebra, undefined)).toMatchObject({ title: 'Zebra', route: '/notes/zebra/', lang: undefined });
    expect(shownIn(t, zebra, 'fr')).toMatchObject({ title: 'Zebra', lang: 'en' });
  });

  it("sort by the titles shown, in the language's collation (Ä with A in German)", () => {
    const titles = (lang: string | undefined) => sortedIn(t, garden.model.notes, lang).map((n) => shownIn(t, n, lang).title);
    expect(titles(undefined)).toEqual(['Apple', 'Tree', 'Zebra']);
    expect(titles('de')).toEqual(['Ähre', 'Apple', 'Baum']);
    expect(titles('fr')).toEqual(['Apple', 'Tree', 'Zebra']);
  });

  it('are pages a link can lead to, in a garden of two languages or more only', () => {
    const from = { source: 'local', path: 'notes/apple.md' as never };
    for (const r of ['/de/', '/de/courses/', '/fr/notes/', '/de/notes/kind/note/', '/de/notes/stage/seedling/', '/de/search/', '/de/people/']) {
      expect(resolveLink(garden.links, from, r).type, r).not.toBe('broken');
    }
    // Not a list: the map, a path's summary, a topic's later pages, a language not in `locales`.
    for (const r of ['/de/map/', '/de/health/', '/it/courses/']) expect(resolveLink(garden.links, from, r).type, r).toBe('broken');
    const { garden: one } = gardenOf({ 'notes/apple.md': page({ title: 'Apple' }) }, []);
    expect(resolveLink(one.links, from, '/de/courses/').type).toBe('broken');
  });

  it('keep an order that comes before the title (a topic number), ties by the model', () => {
    const notes = garden.model.notes;
    const rank = (n: (typeof notes)[number]) => (n.entry.id === 'umlaut' ? 0 : Infinity);
    expect(sortedIn(t, notes, 'de', rank).map((n) => n.entry.id)).toEqual(['umlaut', 'zebra', 'apple']);
  });
});
