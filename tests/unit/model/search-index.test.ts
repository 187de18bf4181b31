/**
 * What search knows about the sample garden's pages (filters, metadata, keywords), the compact
 * fallback index built from it, and the fallback search that answers from it (site opened from disk).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { buildGarden, type Garden } from '../../../src/garden/model/garden.ts';
import { ENGLISH_SEARCH_WORDS, fallbackIndexOf, filterLabelsOf, searchablesOf, searchFactsOf, wordsOf, type FallbackIndex } from '../../../src/garden/model/search.ts';
import { searchFallback } from '../../../src/client/fallback-search.ts';
import { safeExcerpt } from '../../../src/client/search-engine.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

let garden: Garden;
let index: FallbackIndex;
beforeAll(() => {
  garden = buildGarden(parseConfig({ sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', ROOT), ROOT);
  index = fallbackIndexOf(garden.model);
});

const node = (key: string) => garden.model.byKey.get(key)!;

describe('searchFactsOf', () => {
  it('describes a lesson by its course and position, with course and topic filters', () => {
    const lesson = node('lesson:git-foundations/first-commit') as Parameters<typeof searchFactsOf>[0]['node'];
    const facts = searchFactsOf({ kind: 'lesson', node: lesson } as Parameters<typeof searchFactsOf>[0]);
    expect(facts).toMatchObject({
      kind: 'lesson',
      title: 'Your first commit',
      breadcrumb: 'Git foundations › Lesson 1 of 4',
      filters: { kind: ['lesson'], course: ['git-foundations'], source: ['local'] },
    });
    expect(facts.filters.topic).toContain('git');
    expect(facts.filters.stage).toBeUndefined();
  });

  it("names a lesson's course and a course's path as the page's language shows them (a translated title)", () => {
    const words = { ...ENGLISH_SEARCH_WORDS, titleOf: (e: { id: string; title: string }) => (e.id === 'git-foundations' ? 'Git-Grundlagen' : `[${e.title}]`) };
    const lesson = searchFactsOf({ kind: 'lesson', node: node('lesson:git-foundations/first-commit') } as Parameters<typeof searchFactsOf>[0], undefined, words);
    expect(lesson.breadcrumb).toBe('Git-Grundlagen › Lesson 1 of 4');
    const course = searchFactsOf({ kind: 'course', node: node('course:git-foundations') } as Parameters<typeof searchFactsOf>[0], undefined, words);
    expect(course.breadcrumb).toMatch(/^\[.+\] › 4 lessons$/);
  });

  it('gives a note its stage and its "updated" date as the sort key', () => {
    const facts = searchFactsOf({ kind: 'note', node: node('note:rebase-safely') } as Parameters<typeof searchFactsOf>[0]);
    expect(facts.filters.stage).toEqual(['evergreen']);
    expect(facts.updated).toBe('2026-01-20');
    expect(facts.breadcrumb).toBe('Notes › How-to · evergreen');
  });

  it('indexes a topic’s aliases as keywords', () => {
    const facts = searchFactsOf({ kind: 'topic', node: node('topic:git') } as Parameters<typeof searchFactsOf>[0]);
    expect(facts.keywords).toEqual(['version control', 'vcs']);
    expect(facts.filters).toEqual({ kind: ['topic'], topic: ['git'], source: ['local'] });
  });

  it('describes every page of the garden, each with a kind filter and a title', () => {
    const all = searchablesOf(garden.model).map((i) => searchFactsOf(i));
    // Every file, and the topics a note's tag made (content/notes/kafka-consumer-lag.md: `kafka`).
    expect(all).toHaveLength(garden.entries.length + tagTopics());
    for (const f of all) {
      expect(f.filters.kind).toEqual([f.kind]);
      expect(f.title.length).toBeGreaterThan(0);
    }
  });
});

/** Topics made by a tag on a note, with no file of their own: pages without an entry. */
function tagTopics(): number {
  return garden.model.topics.filter((t) => !t.entry).length;
}

describe('filterLabelsOf', () => {
  it('names every filter value a page carries', () => {
    const labels = filterLabelsOf(garden.model);
    for (const f of searchablesOf(garden.model).map((i) => searchFactsOf(i))) {
      for (const [key, values] of Object.entries(f.filters)) {
        for (const v of values) expect(labels[key as keyof typeof labels][v], `${key}:${v}`).toBeTruthy();
      }
    }
    expect(labels.topic.git).toBe('Git');
    expect(labels.course['git-foundations']).toBe('Git foundations');
  });
});

describe('the fallback index', () => {
  it('has one compact record per page', () => {
    expect(index.pages).toHaveLength(garden.entries.length + tagTopics());
    const git = index.pages.find((p) => p[0] === '/topics/git/')!;
    expect(git.slice(0, 3)).toEqual(['/topics/git/', 'Git', 'topic']);
    expect(git[5].split(' ')).toEqual(expect.arrayContaining(['vcs', 'version', 'control']));
    // About 300 bytes a page before gzip: compact enough to load by a script tag.
    expect(JSON.stringify(index).length / index.pages.length).toBeLessThan(450);
  });

  it('folds case and accents in words', () => {
    expect(wordsOf('Überblick: Deployments, a PR’s CI!')).toEqual(['uberblick', 'deployments', 'pr', 'ci']);
  });
});

describe('searchFallback', () => {
  const top = (q: string, filters = {}) =>
    searchFallback(index, q, filters)
      .hits.slice(0, 3)
      .map((h) => h.route);

  it.each([
    ['vcs', '/topics/git/'],
    ['rebasing', '/notes/rebase-safely/'],
    ['first commit', '/courses/git-foundations/first-commit/'],
    ['incident response', '/courses/incident-response/'],
    ['priya', '/people/priya-raman/'],
    ['uberblick', '/notes/überblick-deployments/'],
  ])('finds %s', (q, route) => {
    expect(top(q)).toContain(route);
  });

  it('needs every word to match the start of a word', () => {
    expect(searchFallback(index, 'rebasing zzzz').total).toBe(0);
    expect(searchFallback(index, 'reb').total).toBeGreaterThan(0);
  });

  it('filters within a key by any value and across keys by all', () => {
    const notes = searchFallback(index, '', { kind: ['note'] });
    expect(notes.total).toBe(garden.model.notes.length);
    expect(notes.hits.every((h) => h.kind === 'note')).toBe(true);
    const both = searchFallback(index, '', { kind: ['note', 'topic'] });
    expect(both.total).toBe(garden.model.notes.length + garden.model.topics.length);
    const evergreenGit = searchFallback(index, '', { kind: ['note'], stage: ['evergreen'], topic: ['git'] });
    expect(evergreenGit.total).toBeGreaterThan(0);
    expect(evergreenGit.total).toBeLessThan(notes.total);
    expect(evergreenGit.counts.stage).toEqual({ evergreen: evergreenGit.total });
  });
});

describe('safeExcerpt', () => {
  it.each([
    ['git <mark>rebase</mark> origin', 'git <mark>rebase</mark> origin'],
    // Pagefind escapes the page text itself: entities stay as they are.
    ['git add &lt;files&gt;', 'git add &lt;files&gt;'],
    ['<img src=x onerror=alert(1)>a <b>b</b>', 'a b'],
    ['1 < 2 and 3 > 2', '1 &lt; 2 and 3 &gt; 2'],
  ])('%s', (input, expected) => {
    expect(safeExcerpt(input)).toBe(expected);
  });
});
