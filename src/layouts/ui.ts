/**
 * The site's UI language for pages and components: the `lang` setting's catalogue with the `ui.strings`
 * overrides (src/i18n/languages.ts). A page in another language (a translation) passes its own `lang`.
 */
import { getGarden } from '../collections/content.ts';
import { uiFor, type Ui } from '../i18n/languages.ts';
import type { ClientUi, UiKey } from '../i18n/shape.ts';
import type { Message } from '../i18n/format.ts';
import type { SearchWords } from '../garden/model/search.ts';
import type { CommunityReason } from '../garden/model/graph.ts';
import type { ExpertReason } from '../garden/model/model.ts';
import type { FeedWords } from '../garden/model/feeds.ts';
import type { HealthReason } from '../garden/model/health.ts';
import { scriptJson } from './progress-data.ts';

const uis = new Map<string, Ui>();

/** The UI in `lang`, or in the site's language. */
export async function getUi(lang?: string): Promise<Ui> {
  const { config } = await getGarden();
  const tag = lang ?? config.lang;
  let ui = uis.get(tag);
  if (!ui) uis.set(tag, (ui = uiFor(tag, config.ui.strings as Partial<Record<UiKey, Message>>)));
  return ui;
}

const withoutXapi = new WeakMap<Ui, ClientUi>();

/** The browser scripts' strings of a page: the `js.xapi.*` ones only with the `xapi` setting (a site without it has no trace of it). */
export function clientStringsOf(ui: Ui, xapi: boolean): ClientUi {
  if (xapi) return ui.client;
  let client = withoutXapi.get(ui);
  if (!client) withoutXapi.set(ui, (client = { ...ui.client, strings: Object.fromEntries(Object.entries(ui.client.strings).filter(([k]) => !k.startsWith('js.xapi.'))) as ClientUi['strings'] }));
  return client;
}

const clientJson = new WeakMap<ClientUi, string>();

/** `clientStringsOf` as the JSON a page carries: serialized once a language, not once a page (10,000 pages: 0.4 s). */
export function clientStringsJson(ui: Ui, xapi: boolean): string {
  const client = clientStringsOf(ui, xapi);
  let json = clientJson.get(client);
  if (json === undefined) clientJson.set(client, (json = scriptJson(client)));
  return json;
}

/** The words of a search result line in this UI's language (src/garden/model/search.ts). */
export function searchWordsOf(ui: Ui, titleOf: SearchWords['titleOf'] = (entry) => entry.title): SearchWords {
  const { t } = ui;
  return {
    path: (count) => `${t('kind.path')} · ${t('count.courses', { count })}`,
    courses: t('nav.courses'),
    lessons: (count) => t('count.lessons', { count }),
    lesson: (position, total) => t('lesson.position', { position, total }),
    noteKind: (kind) => t(`noteKind.${kind}` as 'noteKind.note'),
    stage: (stage) => t(`stage.${stage}` as 'stage.seedling'),
    notes: t('nav.notes'),
    topics: t('nav.topics'),
    people: t('nav.people'),
    titleOf,
  };
}

/** Why someone is a topic's expert, in this UI's language: "declared expertise, wrote notes". */
export function expertReasons({ t }: Ui, why: readonly ExpertReason[]): string[] {
  return why.map((w) => t(`why.expert.${w}`));
}

/** Why a note is suggested beside a lesson, in this UI's language: "links to the lesson", "on Git". */
export function communityReasons({ t }: Ui, why: readonly CommunityReason[]): string[] {
  return why.map((w) => (w.startsWith('topic:') ? t('why.community.topic', { topic: w.slice('topic:'.length) }) : t(`why.community.${w as Exclude<CommunityReason, `topic:${string}`>}`)));
}

/** A feed's words in this UI's language (src/garden/model/feeds.ts). */
export function feedWordsOf({ t }: Ui): FeedWords {
  return {
    subtitle: (topic) => (topic ? t('feed.subtitleTopic', { topic }) : t('feed.subtitle')),
    course: t('kind.course'),
    note: t('kind.note'),
  };
}

/** Why the health report lists a page, in this UI's language: "last updated 3 March 2024", "3 notes, no course". */
export function healthReason(ui: Ui, reason: HealthReason): string {
  switch (reason.code) {
    case 'updated':
    case 'seedling':
      return ui.t(`health.reason.${reason.code}`, { date: ui.date(reason.date) });
    case 'topicNotes':
    case 'courseLessons':
      return ui.t(`health.reason.${reason.code}`, { count: reason.count });
    case 'tagTopic':
      return ui.t('health.reason.tagTopic', { count: reason.count, file: reason.file });
    default:
      return ui.t(`health.reason.${reason.code}`);
  }
}
