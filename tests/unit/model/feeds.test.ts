/**
 * Atom feeds: the structure RFC 4287 requires (feed and entries with id, title, updated; an author; a
 * self link), entries newest first with their dates, a topic's feed holding only that topic's pages,
 * pages without any date left out, and text escaped. Over a garden made in a temp folder with dates
 * written in the frontmatter (git dates come the same way, through `entry.updated`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atomFeed, feedPages, feedRoute } from '../../../src/garden/model/feeds.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { removeDir, tempDir } from '../git-fixtures.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function garden(site?: string) {
  const dir = tempDir('grove-feed-');
  dirs.push(dir);
  const files: Record<string, string> = {
    'topics/git.md': '---\ntitle: Git\n---\n',
    'topics/sql.md': '---\ntitle: SQL\n---\n',
    'courses/git/index.md': '---\ntitle: Git\nsummary: Commits & branches\ntopics: [git]\nupdated: 2026-03-10\n---\n',
    'courses/git/01-commits.md': '---\ntitle: Commits\n---\n\nText.\n',
    'notes/rebase.md': '---\ntitle: Rebase <safely>\ntopics: [git]\ncreated: 2026-01-02\nupdated: 2026-03-12\n---\n\nText.\n',
    'notes/sql.md': '---\ntitle: SQL joins\ntopics: [sql]\nupdated: 2026-03-11\n---\n\nText.\n',
    'notes/undated.md': '---\ntitle: Undated\ntopics: [git]\n---\n\nText.\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'content', path)), { recursive: true });
    writeFileSync(join(dir, 'content', path), text);
  }
  const config = parseConfig({ title: 'Fernhill Learning', base: '/learning/', ...(site ? { site } : {}), sources: [{ name: 'local', path: './content' }] }, 'garden.config.ts', dir);
  return { config, model: buildGarden(config, dir).model };
}

/** Every `<tag>` element's text (or attributes with `attr`), in order. */
const all = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
const entries = (xml: string) => [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

describe('Atom feeds', () => {
  it('has what RFC 4287 requires of a feed and of each entry, newest first', () => {
    const { config, model } = garden('https://intranet.example');
    const xml = atomFeed(config, model);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    const head = xml.slice(0, xml.indexOf('<entry>'));
    expect(all(head, 'title')).toEqual(['Fernhill Learning']);
    expect(all(head, 'id')).toEqual(['https://intranet.example/learning/feed.xml']);
    expect(all(head, 'updated')).toEqual(['2026-03-12T00:00:00Z']);
    expect(head).toContain('<author><name>Fernhill Learning</name></author>');
    expect(head).toContain('<link rel="self" type="application/atom+xml" href="https://intranet.example/learning/feed.xml"/>');
    const list = entries(xml);
    // The undated note is left out; the lesson is not a feed page.
    expect(list.map((e) => all(e, 'title')[0])).toEqual(['Rebase &lt;safely&gt;', 'SQL joins', 'Git']);
    for (const e of list) {
      expect(all(e, 'id')).toHaveLength(1);
      expect(all(e, 'updated')[0]).toMatch(RFC3339);
      expect(e).toMatch(/<link rel="alternate" type="text\/html" href="https:\/\/intranet\.example\/learning\/[^"]+\/"\/>/);
    }
    expect(all(list[0]!, 'published')).toEqual(['2026-01-02T00:00:00Z']);
    expect(list[2]).toContain('<summary>Commits &amp; branches</summary>');
    expect(list[2]).toContain('<category term="course" label="Course"/>');
    // ids are unique.
    const ids = list.map((e) => all(e, 'id')[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a topic's feed holds that topic's notes and courses only, and links to the topic", () => {
    const { config, model } = garden('https://intranet.example');
    const git = model.topics.find((t) => t.id === 'git')!;
    const xml = atomFeed(config, model, git);
    expect(entries(xml).map((e) => all(e, 'title')[0])).toEqual(['Rebase &lt;safely&gt;', 'Git']);
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://intranet.example/learning/topics/git/feed.xml"/>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://intranet.example/learning/topics/git/"/>');
    expect(feedRoute(git)).toBe('/topics/git/feed.xml');
    expect(feedRoute()).toBe('/feed.xml');
  });

  it('without a site URL, links are under the base and ids are urn: names', () => {
    const { config, model } = garden();
    const xml = atomFeed(config, model);
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="/learning/feed.xml"/>');
    expect(all(xml, 'id')).toEqual(['urn:grove:feed:garden', 'urn:grove:note:rebase', 'urn:grove:note:sql', 'urn:grove:course:git']);
    expect(feedPages(model)).toHaveLength(3);
  });

  it("speaks the words it is given (the site's language): subtitle and kind labels", () => {
    const { config, model } = garden();
    const git = model.topics.find((t) => t.id === 'git')!;
    const words = { subtitle: (topic?: string) => (topic ? `Neu zu ${topic}` : 'Neu & aktualisiert'), course: 'Kurs', note: 'Notiz' };
    expect(all(atomFeed(config, model, undefined, words), 'subtitle')).toEqual(['Neu &amp; aktualisiert']);
    const xml = atomFeed(config, model, git, words);
    expect(all(xml, 'subtitle')).toEqual(['Neu zu Git']);
    expect(xml).toContain('<category term="note" label="Notiz"/>');
    expect(xml).toContain('<category term="course" label="Kurs"/>');
    expect(xml).not.toMatch(/New and updated|label="Note"/);
  });
});
