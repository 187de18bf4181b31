/**
 * Atom feeds (RFC 4287) of new and updated notes and courses: `/feed.xml` for the whole garden,
 * `/topics/<id>/feed.xml` for one topic. Dates are the pages' own (`updated` and `created` fields),
 * else git's; a page with neither is left out, since an Atom entry must say when it was updated. Git
 * dates are days, so entries are stamped at midnight UTC of their day.
 */
import { hrefOf, type Route } from '../core/ids.ts';
import type { CourseNode, GardenModel, NoteNode, TopicNode } from './model.ts';

/** How many entries a feed holds: the newest, as feed readers poll for what is new. */
export const FEED_SIZE = 50;

/** The route of a feed: the garden's, or a topic's. */
export function feedRoute(topic?: Pick<TopicNode, 'route'>): Route {
  return `${topic ? topic.route.replace(/\/?$/, '/') : '/'}feed.xml` as Route;
}

/** Where the site is, to write the feed's links and ids. */
export interface FeedSite {
  title: string;
  base: string;
  /** The site's full URL; without it links are relative to the feed and ids are `urn:grove:` names. */
  site?: string;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const createdOf = (p: FeedPage) => (p.entry.data as { created?: string }).created;
const stamp = (day: string) => (/^\d{4}-\d\d-\d\d$/.test(day) ? `${day}T00:00:00Z` : new Date(day).toISOString());

type FeedPage = NoteNode | CourseNode;

/** The notes and courses of a feed, newest first (then by title), at most `FEED_SIZE`, each with a date. */
export function feedPages(model: Pick<GardenModel, 'notes' | 'courses'>, topic?: Pick<TopicNode, 'notes' | 'courses'>): FeedPage[] {
  const pages: FeedPage[] = [...(topic ?? model).courses, ...(topic ?? model).notes];
  return pages
    .filter((p) => p.entry.updated ?? createdOf(p))
    .sort((a, b) => dateOf(b).localeCompare(dateOf(a)) || a.entry.title.localeCompare(b.entry.title))
    .slice(0, FEED_SIZE);
}

const dateOf = (p: FeedPage) => (p.entry.updated ?? createdOf(p))!;

/** The words of a feed, in the site's language (the page stage words them from src/i18n: the model does not import it). */
export interface FeedWords {
  /** The feed's subtitle, of the garden or of the topic given. */
  subtitle: (topic?: string) => string;
  course: string;
  note: string;
}

/** A feed's words in English, when none are given. */
export const ENGLISH_FEED_WORDS: FeedWords = {
  subtitle: (topic) => (topic ? `New and updated notes and courses on ${topic}` : 'New and updated notes and courses'),
  course: 'Course',
  note: 'Note',
};

/** The Atom document of a feed: the garden's, or a topic's when `topic` is given. */
export function atomFeed(
  site: FeedSite,
  model: Pick<GardenModel, 'notes' | 'courses'>,
  topic?: Pick<TopicNode, 'notes' | 'courses' | 'route' | 'title' | 'id'>,
  words: FeedWords = ENGLISH_FEED_WORDS,
): string {
  const absolute = (route: string) => {
    const href = hrefOf(site.base, route as Route);
    return site.site ? new URL(href, site.site).href : href;
  };
  const idOf = (route: string, kind: string, id: string) => (site.site ? absolute(route) : `urn:grove:${kind}:${encodeURIComponent(id)}`);
  const pages = feedPages(model, topic);
  const title = topic ? `${topic.title} · ${site.title}` : site.title;
  const self = absolute(feedRoute(topic));
  const home = absolute(topic?.route ?? '/');
  const entries = pages.map((p) => {
    const created = createdOf(p);
    const label = p.kind === 'course' ? words.course : words.note;
    const summary = p.entry.data.summary;
    return `  <entry>
    <title>${xml(p.entry.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(absolute(p.entry.route))}"/>
    <id>${xml(idOf(p.entry.route, p.kind, p.entry.id))}</id>
    <updated>${stamp(dateOf(p))}</updated>${created ? `\n    <published>${stamp(created)}</published>` : ''}
    <category term="${p.kind}" label="${xml(label)}"/>${p.topics.map((t) => `\n    <category term="${xml(t.id)}" label="${xml(t.title)}"/>`).join('')}${summary ? `\n    <summary>${xml(summary)}</summary>` : ''}
  </entry>`;
  });
  const updated = pages[0] ? stamp(dateOf(pages[0])) : '1970-01-01T00:00:00Z';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${xml(title)}</title>
  <subtitle>${xml(words.subtitle(topic?.title))}</subtitle>
  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>
  <link rel="alternate" type="text/html" href="${xml(home)}"/>
  <id>${xml(site.site ? self : `urn:grove:feed:${topic ? encodeURIComponent(topic.id) : 'garden'}`)}</id>
  <updated>${updated}</updated>
  <author><name>${xml(site.title)}</name></author>
  <generator>Grove</generator>
${entries.join('\n')}
</feed>
`;
}
