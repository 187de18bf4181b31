import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  hrefOf,
  idFromPath,
  isIdSegment,
  noteIdFromPath,
  routeOf,
  sectionOf,
  slugify,
  slugOrSpelled,
  spelledSlug,
  splitOrderPrefix,
  stemOf,
  withBase,
  type PageId,
  type Route,
  type SourcePath,
} from '../../../src/garden/core/ids.ts';
import type { Kind } from '../../../src/garden/content/schemas.ts';

describe('slugify', () => {
  it.each([
    ['spaces become one dash', 'Git Cheat Sheet', 'git-cheat-sheet'],
    ['capitals are lowered', 'SQL', 'sql'],
    ['runs of spaces collapse', 'a   b', 'a-b'],
    ['tabs and underscores are separators', 'snake_case\tname', 'snake-case-name'],
    ['German letters are kept', 'Überblick Deployments', 'überblick-deployments'],
    ['accented letters are kept', 'Naïve Café', 'naïve-café'],
    ['Hebrew (right-to-left) is kept', 'ברוכים הבאים', 'ברוכים-הבאים'],
    ['Arabic (right-to-left) is kept', 'مرحبا بالعالم', 'مرحبا-بالعالم'],
    ['a right-to-left mark is dropped', '\u200Fשלום\u200F', 'שלום'],
    ['Japanese is kept', '日本語 メモ', '日本語-メモ'],
    ['percent is a separator', '50% done', '50-done'],
    ['square brackets are separators', 'a [x] b', 'a-x-b'],
    ['braces are separators', '{y} z', 'y-z'],
    ['two dots never survive', 'a..b', 'a-b'],
    ['a lone ".." becomes empty', '..', ''],
    ['apostrophes vanish without a dash', "don't panic", 'dont-panic'],
    ['typographic apostrophes vanish too', 'it’s fine', 'its-fine'],
    ['leading and trailing punctuation is trimmed', '--Hello, world!--', 'hello-world'],
    ['slashes are separators', 'a/b\\c', 'a-b-c'],
    ['digits are kept', 'Top 10 SQL tips', 'top-10-sql-tips'],
    ['emoji are separators', '🎉 party 🎉 time', 'party-time'],
    ['only emoji gives nothing', '🎉🎉', ''],
    ['the docs example', '50% [draft] {v2}..x', '50-draft-v2-x'],
  ])('%s: %j → %j', (_why, input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it.each([
    ['Über', 'U\u0308ber'],
    ['Café', 'Cafe\u0301'],
    ['Überblick Deployments', 'U\u0308berblick Deployments'],
  ])('NFC %j and NFD input give the same id', (nfc, nfd) => {
    expect(nfd).not.toBe(nfc);
    expect(slugify(nfd)).toBe(slugify(nfc));
    expect(slugify(nfd)).toBe(slugify(nfc).normalize('NFC'));
  });

  it('its output is stable: slugify(slugify(x)) === slugify(x)', () => {
    for (const s of ['Überblick Deployments', 'ברוכים הבאים', "don't 50% [x]", 'a..b']) {
      expect(slugify(slugify(s))).toBe(slugify(s));
    }
  });
});

describe('isIdSegment', () => {
  it.each([
    ['git-cheat-sheet', true],
    ['überblick-deployments', true],
    ['Git', false],
    ['a b', false],
    ['', false],
    ['-a', false],
  ])('%j → %s', (s, expected) => {
    expect(isIdSegment(s)).toBe(expected);
  });
});

describe('stemOf', () => {
  it.each([
    ['notes/Git Cheat Sheet.md', 'Git Cheat Sheet'],
    ['courses/sql/02-joins.mdx', '02-joins'],
    ['notes/UPPER.MD', 'UPPER'],
    ['notes/a.b.md', 'a.b'],
    ['plain', 'plain'],
  ])('%j → %j', (path, expected) => {
    expect(stemOf(path)).toBe(expected);
  });
});

describe('splitOrderPrefix', () => {
  it.each<[string, [number | undefined, string]]>([
    ['02-branches', [2, 'branches']],
    ['1-intro', [1, 'intro']],
    ['10_remote-work', [10, 'remote-work']],
    ['03. Joins', [3, 'Joins']],
    ['04 - Undoing mistakes', [4, 'Undoing mistakes']],
    ['007-bond', [7, 'bond']],
    ['branches', [undefined, 'branches']],
    ['01', [undefined, '01']],
    ['01-', [undefined, '01-']],
    ['v2-notes', [undefined, 'v2-notes']],
  ])('%j → %j', (stem, expected) => {
    expect(splitOrderPrefix(stem)).toEqual(expected);
  });
});

describe('idFromPath', () => {
  it.each<[Kind, string, string]>([
    ['path', 'paths/new-engineer-onboarding.md', 'new-engineer-onboarding'],
    ['path', 'paths/Data Foundations.md', 'data-foundations'],
    ['course', 'courses/git/index.md', 'git'],
    ['course', 'courses/Git Foundations/index.mdx', 'git-foundations'],
    ['lesson', 'courses/git/02-branches.md', 'git/branches'],
    ['lesson', 'courses/git/branches.md', 'git/branches'],
    ['lesson', 'courses/Git Foundations/10_Remote Work.mdx', 'git-foundations/remote-work'],
    ['lesson', 'courses/sql/03. Joins & Unions.md', 'sql/joins-unions'],
    ['note', 'notes/Git Cheat Sheet.md', 'git-cheat-sheet'],
    ['note', 'notes/team/deep/x.md', 'x'],
    ['note', 'notes/02-numbered.md', '02-numbered'],
    ['note', 'notes/Überblick Deployments.md', 'überblick-deployments'],
    ['note', 'notes/U\u0308berblick.md', 'überblick'],
    ['note', 'notes/ברוכים הבאים.md', 'ברוכים-הבאים'],
    ['topic', 'topics/SQL.md', 'sql'],
    ['person', 'people/Noa Ben-David.md', 'noa-ben-david'],
  ])('%s %j → %j', (kind, path, expected) => {
    expect(idFromPath(kind, path as SourcePath)).toBe(expected);
  });
});

describe('routeOf and sectionOf', () => {
  it.each<[Kind, string, string, string]>([
    ['path', 'onboarding', 'paths', '/paths/onboarding/'],
    ['course', 'git', 'courses', '/courses/git/'],
    ['lesson', 'git/branches', 'courses', '/courses/git/branches/'],
    ['note', 'überblick-deployments', 'notes', '/notes/überblick-deployments/'],
    ['topic', 'sql', 'topics', '/topics/sql/'],
    ['person', 'noa-ben-david', 'people', '/people/noa-ben-david/'],
  ])('%s %j → %j', (kind, id, section, route) => {
    expect(sectionOf(kind)).toBe(section);
    expect(routeOf(kind, id as PageId)).toBe(route);
  });
});

describe('withBase', () => {
  it.each([
    ['/', '/', '/'],
    ['/', '/notes/x/', '/notes/x/'],
    ['/learning/', '/', '/learning/'],
    ['/learning/', '/notes/x/', '/learning/notes/x/'],
    ['/learning', '/notes/x/', '/learning/notes/x/'],
    ['/learning/', 'notes/x/', '/learning/notes/x/'],
    ['/a/b/', '/topics/', '/a/b/topics/'],
  ])('base %j + %j → %j', (base, route, expected) => {
    expect(withBase(base, route)).toBe(expected);
  });
});

describe('hrefOf', () => {
  it.each([
    ['/learning/', '/notes/git-cheat-sheet/', '', '/learning/notes/git-cheat-sheet/'],
    ['/', '/notes/git-cheat-sheet/', '', '/notes/git-cheat-sheet/'],
    ['/learning/', '/', '', '/learning/'],
    ['/learning/', '/notes/überblick-deployments/', '', '/learning/notes/%C3%BCberblick-deployments/'],
    ['/learning/', '/notes/ברוכים-הבאים/', '', '/learning/notes/%D7%91%D7%A8%D7%95%D7%9B%D7%99%D7%9D-%D7%94%D7%91%D7%90%D7%99%D7%9D/'],
    ['/learning/', '/courses/git/branches/', '', '/learning/courses/git/branches/'],
    ['/learning/', '/notes/x/', 'naming', '/learning/notes/x/#naming'],
    ['/learning/', '/notes/x/', 'der-weg', '/learning/notes/x/#der-weg'],
    ['/learning/', '/notes/x/', 'überblick', '/learning/notes/x/#%C3%BCberblick'],
    ['/', '/notes/x/', 'a b', '/notes/x/#a%20b'],
  ])('base %j, route %j, hash %j → %j', (base, route, hash, expected) => {
    expect(hrefOf(base, route as Route, hash)).toBe(expected);
  });

  it('an encoded href decodes back to the route', () => {
    const route = '/notes/überblick-deployments/' as Route;
    expect(decodeURIComponent(hrefOf('/learning/', route))).toBe(`/learning${route}`);
  });
});

describe('spelled ids, for names an imported repository chose', () => {
  it.each<[string, string]>([
    ['!', 'exclamation-mark'],
    ['[', 'left-bracket'],
    ['((', 'left-parenthesis-left-parenthesis'],
    ['{', 'left-brace'],
    [',', 'comma'],
    ['-', 'hyphen'],
    ['→', 'u2192'],
    ['clang++', 'clang-plus-plus'],
    ['a._ref', 'a-dot-underscore-ref'],
    ['a.ref', 'a-dot-ref'],
    ['Git Tips', 'git-tips'],
  ])('%j → %j', (name, id) => {
    expect(spelledSlug(name)).toBe(id);
  });

  it.each<[string, string]>([
    ['common/!.md', 'common-exclamation-mark'],
    ['ops/deploys/Roll back.md', 'ops-deploys-roll-back'],
    ['clang++.md', 'clang'],
    ['[[.md', 'left-bracket-left-bracket'],
  ])('the note %j has the id %j', (path, id) => {
    expect(noteIdFromPath(path as SourcePath)).toBe(id);
  });

  it('a spelled id is a valid id, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), (name) => {
        const id = slugOrSpelled(name);
        expect(id === '' || isIdSegment(id)).toBe(true);
        if (/[^\s]/u.test(name)) expect(id).not.toBe('');
      }),
    );
  });
});
