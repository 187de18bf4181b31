/**
 * Per-page cache keys (#15): each page's key is the digest of what it shows, so an edit re-renders
 * the pages it reaches and no other. Each edit below names the exact set of routes whose key must
 * change: a missing dependency (a stale page) and an unrelated page rendered again both fail.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { buildGraph } from '../../../src/garden/model/graph.ts';
import { pageKeysOf, type RenderedPage } from '../../../src/garden/model/page-keys.ts';
import { pagedRoutes } from '../../../src/garden/model/routes.ts';
import { pageKey } from '../../../src/garden/core/kinds.ts';
import { shownIn, sortedIn } from '../../../src/garden/model/translations.ts';
import { renderDependencies } from '../../../src/garden/render/render-dependencies.ts';

const root = mkdtempSync(join(tmpdir(), 'grove-page-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The garden's files, by path under content/. */
const FILES: Record<string, string> = {
  'topics/git.md': '---\ntitle: Git\nsummary: Version control.\n---\nAll about git.\n',
  'topics/history.md': '---\ntitle: History\nparent: git\n---\nRewriting history.\n',
  'topics/sql.md': '---\ntitle: SQL\n---\nQueries.\n',
  'people/ann.md': '---\nname: Ann Lee\nrole: Engineer\nexpertise: [git]\n---\nAnn.\n',
  'people/bo.md': '---\nname: Bo Chen\nrole: Analyst\nexpertise: [sql]\n---\nBo.\n',
  'courses/gitc/index.md': '---\ntitle: Git course\nsummary: Learn git.\ntopics: [git]\nowners: [ann]\n---\nThe course.\n',
  'courses/gitc/01-branches.md': '---\ntitle: Branches\nduration: 10min\nnotes: [listed]\n---\nBranch.\n',
  'courses/gitc/02-undo.md': '---\ntitle: Undo\nduration: 15min\ntopics: [history]\n---\nUndo.\n',
  'courses/sqlc/index.md': '---\ntitle: SQL course\ntopics: [sql]\nowners: [bo]\n---\nThe SQL course.\n',
  'courses/sqlc/01-select.md': '---\ntitle: Select\nduration: 5min\n---\nSelect.\n',
  'paths/onboarding.md': '---\ntitle: Onboarding\ncourses: [gitc]\n---\nStart here.\n',
  'notes/listed.md': '---\ntitle: Listed note\nsummary: A note a lesson lists.\ntopics: [git]\nauthors: [ann]\nstage: evergreen\n---\n## Section\n\nThe text.\n',
  'notes/embedder.md': '---\ntitle: Embedder\ntopics: [sql]\nstage: seedling\n---\n![[listed]]\n',
  'notes/linker.md': '---\ntitle: Linker\ntopics: [sql]\nstage: budding\n---\nSee [[listed]].\n',
  'notes/anchored.md': '---\ntitle: Anchored\ntopics: [sql]\nstage: budding\n---\nSee [its section](listed.md#section).\n',
  'notes/quiet.md': '---\ntitle: Quiet\ntopics: [sql]\nkind: tip\nstage: seedling\n---\nNothing links here.\n',
  'notes/other.md': '---\ntitle: Other\nsummary: Nobody shows this.\nkind: tip\n---\nAlone.\n',
  // German translations (the garden's `locales`): pages of their own under /de/, and what German lists show.
  'de/notes/listed.md': '---\ntitle: Gelistete Notiz\nsummary: Eine Notiz, die eine Lektion nennt.\n---\n## Abschnitt\n\nDer Text. Siehe [[quiet]].\n',
  'de/courses/gitc/index.md': '---\ntitle: Git-Kurs\n---\nDer Kurs.\n',
  'de/courses/gitc/01-branches.md': '---\ntitle: Zweige\n---\nZweige.\n',
};

/** What each page's rendering would record as its links (the loader's `links`), consistent with the text above. */
const LINKS: Record<string, string[]> = {
  'note:embedder': ['note:listed'],
  'note:linker': ['note:listed'],
  'note:anchored': ['note:listed'],
  // A translation's own links (its original's text links to no other page).
  'note:listed@de': ['note:quiet'],
};

/** Writes the files, builds the garden and computes every page's key, as the build does (the loader's rendering key included). */
function keysOf(files: Record<string, string>, links: Record<string, string[]>): Map<string, string> {
  rmSync(join(root, 'content'), { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'content', path)), { recursive: true });
    writeFileSync(join(root, 'content', path), text);
  }
  const garden = buildGarden(parseConfig({ title: 'Test garden', locales: ['de'], sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', root), root);
  const graph = buildGraph(
    garden.model,
    Object.entries(links).filter(([k]) => !k.includes('@')),
  );
  const rendered = new Map<string, RenderedPage>(
    [...garden.entries, ...garden.translations.entries].map((e) => [
      `${pageKey(e.kind, e.id)}${e.lang ? `@${e.lang}` : ''}`,
      {
        rendering: createHash('sha1')
          .update(`${e.digest}\0${renderDependencies(garden, e)}`)
          .digest('hex'),
        warnings: 0,
        ...(e.lang ? { links: links[`${pageKey(e.kind, e.id)}@${e.lang}`] ?? [] } : {}),
      },
    ]),
  );
  return pageKeysOf({ ...garden, graph, rendered });
}

/** The routes whose key differs between two builds (added or removed routes too), sorted. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const routes = new Set([...before.keys(), ...after.keys()]);
  return [...routes].filter((r) => before.get(r) !== after.get(r)).sort();
}

const BEFORE = keysOf(FILES, LINKS);
/**
 * The routes whose key changes when one file's text is replaced (`from` → `to`), with the links given:
 * the site's language only unless `inGerman` (the German pages are tested apart, below).
 */
function edit(path: string, from: string | RegExp, to: string, links = LINKS, inGerman = false): string[] {
  const text = FILES[path]!;
  const next = text.replace(from, to);
  expect(next, `the edit of ${path} changes nothing`).not.toBe(text);
  return changed(BEFORE, keysOf({ ...FILES, [path]: next }, links)).filter((r) => inGerman || !r.startsWith('/de/'));
}
/** The German pages whose key changes with an edit. */
const german = (path: string, from: string | RegExp, to: string, links = LINKS) => edit(path, from, to, links, true).filter((r) => r.startsWith('/de/'));

/** Every list of notes shows the filters' counts of kinds and stages and the topics with notes. */
const NOTES_LISTS = ['/notes/', '/notes/kind/note/', '/notes/kind/tip/', '/notes/stage/budding/', '/notes/stage/evergreen/', '/notes/stage/seedling/'];

describe('page keys', () => {
  it('cover every page getStaticPaths generates, and nothing changes them when nothing changed', () => {
    const routes = [...BEFORE.keys()];
    for (const r of [
      '/notes/listed/',
      '/courses/gitc/branches/',
      '/courses/gitc/',
      '/paths/onboarding/',
      '/paths/onboarding/summary/',
      '/topics/git/',
      '/people/ann/',
      '/notes/kind/tip/',
      '/notes/stage/seedling/',
      '/topics/',
      '/people/',
    ]) {
      expect(routes).toContain(r);
    }
    expect(changed(BEFORE, keysOf(FILES, LINKS))).toEqual([]);
    expect(new Set(BEFORE.values()).size).toBe(BEFORE.size);
  });

  it('knows the later pages of every long list', () => {
    const files = { ...FILES };
    for (let i = 0; i < 201; i++) files[`notes/n${String(i).padStart(3, '0')}.md`] = `---\ntitle: N ${String(i).padStart(3, '0')}\ntopics: [sql]\n---\nx\n`;
    const keys = keysOf(files, LINKS);
    const garden = buildGarden(parseConfig({ sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', root), root);
    for (const r of pagedRoutes(garden.model)) expect([...keys.keys()]).toContain(r);
  });

  it("a note's text: its page and the pages that embed it or link to one of its headings, nothing else", () => {
    expect(edit('notes/listed.md', 'The text.', 'The text, longer.')).toEqual([
      '/notes/anchored/', // links to one of its headings, which decide whether that link is broken
      '/notes/embedder/',
      '/notes/listed/',
    ]);
  });

  it("a translation added: its original's page (its language switcher), its own page, and the German lists that show it", () => {
    expect(changed(BEFORE, keysOf({ ...FILES, 'de/notes/other.md': '---\ntitle: Andere\n---\nAllein.\n' }, LINKS))).toEqual([
      '/de/notes/', // the German lists show its German title
      '/de/notes/kind/tip/',
      '/de/notes/other/', // a new page
      '/de/notes/stage/seedling/', // (a note without a stage is a seedling)
      '/notes/other/',
    ]);
  });

  it("a note's title: every page that shows it by name", () => {
    expect(edit('notes/listed.md', 'title: Listed note', 'title: Listed again')).toEqual(
      [
        ...[
          '/courses/gitc/branches/', // lists it ("From the community")
          '/courses/gitc/undo/', // "From the community" too: the best notes of its course's topic
          '/notes/anchored/', // links to it
          '/notes/embedder/', // links to it (an embed names its page)
          '/notes/linker/', // links to it, and the link's text is its title
          '/notes/listed/',
          '/people/ann/', // wrote it
          '/topics/git/', // lists it
          ...NOTES_LISTS.filter((r) => !r.includes('budding') && !r.includes('seedling') && !r.includes('tip')),
        ],
      ].sort(),
    );
  });

  it("a note's stage: its page, the lists that show its badge, and every notes list (their stage counts)", () => {
    expect(edit('notes/listed.md', 'stage: evergreen', 'stage: budding')).toEqual(
      [
        '/courses/gitc/branches/', // "From the community", with its badge
        '/courses/gitc/undo/',
        // Embeds and #anchor links are rendered from the whole file (render-dependencies.ts): those pages follow its frontmatter too.
        '/notes/anchored/',
        '/notes/embedder/',
        '/notes/listed/',
        '/people/ann/', // "Wrote", with its badge
        '/topics/git/',
        ...NOTES_LISTS,
      ].sort(),
    );
  });

  it('a link from one page to another: the two pages', () => {
    const links = { ...LINKS, 'note:quiet': ['note:other'] };
    expect(edit('notes/quiet.md', 'Nothing links here.', 'Nothing links here. See [[other]].', links)).toEqual(['/notes/other/', '/notes/quiet/']);
  });

  it("a person's name: the pages that name them", () => {
    expect(edit('people/ann.md', 'name: Ann Lee', 'name: Ann Leigh')).toEqual([
      '/courses/gitc/', // owner
      '/notes/listed/', // author
      '/people/', // the people list
      '/people/ann/',
      '/topics/git/', // expert
    ]);
  });

  it("a topic's title: the pages that show it", () => {
    expect(edit('topics/sql.md', 'title: SQL', 'title: Databases')).toEqual(
      [
        '/courses/sqlc/', // its topics
        '/courses/sqlc/select/', // a lesson shows its course's topics
        '/notes/anchored/',
        '/notes/embedder/',
        '/notes/linker/',
        '/notes/quiet/',
        '/people/bo/', // expertise
        '/people/', // the people cards show expertise
        '/topics/', // the topics list
        '/topics/sql/',
        ...NOTES_LISTS, // the topic filter
      ].sort(),
    );
  });

  it("a lesson's order: the course's lessons and the pages that show their places", () => {
    expect(edit('courses/gitc/01-branches.md', 'title: Branches', 'title: Branches\norder: 3')).toEqual([
      '/courses/gitc/', // its lessons, in order
      '/courses/gitc/branches/', // its file, and its place
      '/courses/gitc/undo/', // its place, previous and next
      '/notes/listed/', // "Used in": lesson 2 of Git course
      '/paths/onboarding/', // the course's lessons, and the first to start with
      '/paths/onboarding/summary/',
      '/topics/git/', // the course's card
      '/topics/history/', // lists the lesson "Undo", now the first
    ]);
  });

  it("a lesson's title: the lessons of its course, the course, the path, its summary and its topic", () => {
    expect(edit('courses/gitc/02-undo.md', 'title: Undo', 'title: Undo safely')).toEqual([
      '/courses/gitc/', // its lessons
      '/courses/gitc/branches/', // the outline and "Next"
      '/courses/gitc/undo/',
      '/paths/onboarding/', // the curriculum the progress script reads names every lesson
      '/paths/onboarding/summary/',
      '/topics/history/', // its lessons
    ]);
  });

  it("what only a person's card shows (their team): their page and the people list, not the pages with their chip", () => {
    expect(edit('people/ann.md', 'role: Engineer', 'role: Engineer\nteam: Platform')).toEqual(['/people/', '/people/ann/']);
  });

  describe('in another language', () => {
    it('cover every translated page and every German list', () => {
      for (const r of ['/de/notes/listed/', '/de/courses/gitc/', '/de/courses/gitc/branches/', '/de/notes/', '/de/notes/kind/tip/', '/de/notes/stage/seedling/', '/de/topics/', '/de/people/']) {
        expect([...BEFORE.keys()]).toContain(r);
      }
      // No German page of what is not translated, nor of what exists in the site's language only.
      for (const r of ['/de/notes/other/', '/de/courses/gitc/undo/', '/de/paths/onboarding/summary/']) expect([...BEFORE.keys()]).not.toContain(r);
    });

    it("a translation's text: its page and nothing else", () => {
      expect(edit('de/notes/listed.md', 'Der Text.', 'Der längere Text.', LINKS, true)).toEqual(['/de/notes/listed/']);
    });

    it("a translation's title: its page and the German pages that show it, not the originals'", () => {
      expect(edit('de/notes/listed.md', 'title: Gelistete Notiz', 'title: Genannte Notiz', LINKS, true)).toEqual([
        '/de/courses/gitc/branches/', // "From the community", in German
        '/de/notes/', // the German lists of its kind and stage
        '/de/notes/kind/note/',
        '/de/notes/listed/',
        '/de/notes/stage/evergreen/',
      ]);
    });

    it("a translated lesson's title: the German course, its German lessons, and no page of the site's language", () => {
      expect(edit('de/courses/gitc/01-branches.md', 'title: Zweige', 'title: Verzweigen', LINKS, true)).toEqual([
        '/de/courses/gitc/',
        '/de/courses/gitc/branches/',
        '/de/notes/listed/', // "Used in" the lesson, in German
      ]);
    });

    it("the title of a page only a translation's text links to: that translation's page", () => {
      expect(german('notes/quiet.md', 'title: Quiet', 'title: Silent')).toContain('/de/notes/listed/');
    });

    it('an edit to an unrelated note renders no translated page again', () => {
      expect(german('notes/quiet.md', 'Nothing links here.', 'Nothing links here, still.')).toEqual([]);
      expect(german('notes/other.md', 'summary: Nobody shows this.', 'summary: Nobody shows this yet.')).toEqual(['/de/notes/', '/de/notes/kind/tip/', '/de/notes/stage/seedling/']); // listed in German as the original
    });

    it("an original's title: the translations that show it where it has no translation, and the German lists", () => {
      expect(german('courses/gitc/02-undo.md', 'title: Undo', 'title: Undo safely')).toEqual(['/de/courses/gitc/', '/de/courses/gitc/branches/']);
      expect(german('notes/quiet.md', 'title: Quiet', 'title: Silent')).toEqual([
        '/de/notes/',
        '/de/notes/kind/tip/',
        '/de/notes/listed/', // its text links to it (below)
        '/de/notes/stage/seedling/',
      ]);
    });

    it('a German list is in German order: a translated title that moves its page moves it in the German list only', () => {
      const garden = buildGarden(parseConfig({ locales: ['de'], sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', root), root);
      const titles = sortedIn(garden.translations, garden.model.notes, 'de').map((n) => shownIn(garden.translations, n, 'de').title);
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'de')));
      expect(titles).toContain('Gelistete Notiz');
      expect(garden.model.notes.map((n) => n.entry.title)).toContain('Listed note');
    });
  });
});
