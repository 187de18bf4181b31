/**
 * The site in other languages (#18): a tiny garden with a page of every layout (home, path, course, a
 * lesson with a knowledge check, note, topic, person, search, 404, offline, map, a path's summary, and /privacy/ with the xAPI
 * notice; the feeds) built in every shipped language but English. No page shows an English UI string: the test walks the English catalogue's strings (not the
 * content) and looks for each in what a reader sees or hears (text, `aria-label`, `title`,
 * `placeholder`). The pages carry `<html lang dir>`, the browser's strings in their language, and stay
 * within the JS and CSS budgets (docs/benchmarks.md: 12 KB and 15 KB gzip; with the xAPI
 * script's 5.1 KB on top, docs/lms.md).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/catalogues/en.ts';
import { CATALOGUES } from '../../src/i18n/languages.ts';
import type { Message } from '../../src/i18n/format.ts';
import { pageWeight } from '../../src/bench/measure.ts';

const root = join(import.meta.dirname, '..', '..');
mkdirSync(join(root, '.grove'), { recursive: true });
const work = mkdtempSync(join(root, '.grove', 'languages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * German (long words), Japanese (no plural forms, another script) and Arabic (right to left, six plural
 * forms), about 10 s of CPU a build. `GROVE_I18N_LANGS=all` adds French, Spanish and Portuguese (six
 * builds: 60 s of CPU, 267 s on a 2-core machine shared with other builds), too slow for every CI run.
 */
const LANGS = process.env.GROVE_I18N_LANGS === 'all' ? Object.keys(CATALOGUES).filter((l) => l !== 'en') : ['de', 'ja', 'ar'];
/** What a course of two lessons and 80 minutes, and a lesson of two questions, say in each language built by default. */
const COURSE_FACTS: Record<string, [RegExp, RegExp, string]> = {
  de: [/2 Lektionen/, /insgesamt 1 Std\. 20 Min\./, 'Wissenscheck: 2 Fragen'],
  // Arabic digits are the locale's choice (ICU writes `ar` with Latin digits since CLDR 42, `ar-EG` with Arabic-Indic ones).
  ar: [/درسان/, /[1١] س [2٢][0٠] د إجمالًا/, 'اختبار الفهم: سؤالان'],
  ja: [/2レッスン/, /合計1時間20分/, '理解度チェック：2問'],
};
/** One page of each layout. */
const PAGES = [
  'index.html',
  'paths/first-steps/index.html',
  'courses/basics/index.html',
  'courses/basics/water/index.html',
  'notes/steeping/index.html',
  'topics/tea/index.html',
  'people/mina-sato/index.html',
  'search/index.html',
  '404.html',
  'offline/index.html',
  'map/index.html',
  'paths/first-steps/summary/index.html',
  'privacy/index.html',
];

/** The xAPI script on every page of a garden with the setting (docs/lms.md, "Size": 3.6 KB and its 1.5 KB store, gzipped), on top of the 12 KB budget. */
const XAPI_JS = 5_100;

const dists = new Map<string, string>();
beforeAll(() => {
  cpSync(join(root, 'tests/fixtures/i18n'), join(work, 'garden'), { recursive: true });
  for (const lang of LANGS) {
    const dist = join(work, `dist-${lang}`);
    execFileSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GARDEN_CONFIG: join(work, 'garden', 'garden.config.mjs'), GROVE_LANG: lang, GROVE_OUT_DIR: dist, GROVE_CACHE_DIR: join(work, `cache-${lang}`), NO_COLOR: '1' },
    });
    dists.set(lang, dist);
  }
}, 600_000);

const textsOf = (m: Message) => (typeof m === 'string' ? [m] : Object.values(m));

/**
 * What a reader of a page sees or hears: its text and its labelling attributes, without scripts,
 * styles and data attributes (the browser's strings sit in a JSON island, in the page's language).
 */
function readable(html: string): string {
  const body = html.replace(/<(script|style|svg)\b[\s\S]*?<\/\1>/g, ' ');
  const attrs = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
  const text = body.replace(/<[^>]+>/g, '\n');
  return [text, ...attrs]
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

/**
 * The fixed words of every English UI string (the parts between placeholders), of two words or more,
 * or one capitalised word of five letters or more; leaving out words the language writes the same
 * ("Community" in German) and units ("min").
 */
function englishFragments(lang: string): string[] {
  const own = Object.values(CATALOGUES[lang]!).flatMap(textsOf).join('\n');
  const fragments = new Set<string>();
  for (const message of Object.values(en) as Message[]) {
    for (const text of textsOf(message)) {
      for (const part of text.split(/\{\w+\}/)) {
        const f = part.replace(/^[\s·:,.()“”‹›–—…]+|[\s·:,.()“”‹›–—…?]+$/g, '');
        if ((/\s/.test(f) && f.length >= 6) || /^[A-Z][a-z-]{4,}$/.test(f)) if (!own.includes(f)) fragments.add(f);
      }
    }
  }
  return [...fragments];
}

describe.each(LANGS)('the garden built in %s', (lang) => {
  const page = (rel: string) => readFileSync(join(dists.get(lang)!, rel), 'utf8');

  it('says its language and direction on every page, and hands the scripts their strings', () => {
    for (const rel of PAGES) {
      const html = page(rel);
      expect(html, rel).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
      const island = JSON.parse(/<script type="application\/json" id="grove-ui">([\s\S]*?)<\/script>/.exec(html)![1]!) as { lang: string; strings: Record<string, Message> };
      expect(island.lang).toBe(lang);
      expect(island.strings['js.search.placeholder']).toBe(CATALOGUES[lang]!['js.search.placeholder']);
    }
  });

  it('shows no English UI string on any page', () => {
    const fragments = englishFragments(lang);
    expect(fragments.length).toBeGreaterThan(200);
    const found = PAGES.flatMap((rel) => {
      const text = readable(page(rel));
      return fragments.filter((f) => new RegExp(`(^|[^\\p{L}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text)).map((f) => `${rel}: ${f}`);
    });
    expect(found).toEqual([]);
  });

  it('words the feeds in the language', () => {
    for (const rel of ['feed.xml', 'topics/tea/feed.xml']) {
      const feed = page(rel);
      expect(feed, rel).toContain(`<subtitle>${CATALOGUES[lang]![rel === 'feed.xml' ? 'feed.subtitle' : 'feed.subtitleTopic'].toString().replace('{topic}', 'Tea')}</subtitle>`);
      expect(feed, rel).not.toMatch(/New and updated|label="(Note|Course)"/);
    }
  });

  it.runIf(lang in COURSE_FACTS)('writes its numbers, durations and plurals in the language', () => {
    const [lessons, total, questions] = COURSE_FACTS[lang]!;
    const course = readable(page('courses/basics/index.html'));
    expect(course).toMatch(lessons);
    expect(course).toMatch(total);
    expect(readable(page('courses/basics/water/index.html'))).toContain(questions);
  });

  it('keeps every page within the JS and CSS budgets', () => {
    for (const rel of PAGES) {
      const { js, css } = pageWeight(dists.get(lang)!, '/', page(rel));
      expect(js, rel).toBeLessThan(12_000 + XAPI_JS);
      expect(css, rel).toBeLessThan(15_000);
    }
  });
});
