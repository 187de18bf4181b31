/**
 * The UI catalogues (src/i18n): every shipped language has exactly the English keys, the same
 * placeholders, plural forms where English has them (and only the forms its language uses), and the
 * formatting helpers fill, pluralise and pick a direction as each language needs.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, catalogueTagOf, uiFor, UI_KEYS } from '../../../src/i18n/languages.ts';
import { directionOf, formatMessage, placeholdersOf, type Message } from '../../../src/i18n/format.ts';
import { en } from '../../../src/i18n/catalogues/en.ts';

const languages = Object.entries(CATALOGUES).filter(([tag]) => tag !== 'en');

describe('the catalogues', () => {
  it('ship the seven languages of issue 18', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
  });

  it.each(languages)('%s has every English key and no other', (_tag, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual([...UI_KEYS].sort());
  });

  it.each(languages)('%s uses the English placeholders in every string', (_tag, catalogue) => {
    const wrong = UI_KEYS.filter(
      (key) =>
        placeholdersOf((catalogue as Record<string, Message>)[key]!)
          .sort()
          .join() !== placeholdersOf(en[key]).sort().join(),
    );
    expect(wrong).toEqual([]);
  });

  it.each(languages)('%s has plural forms exactly where English does, in categories its language has', (tag, catalogue) => {
    const categories = new Set<string>(new Intl.PluralRules(tag).resolvedOptions().pluralCategories);
    for (const key of UI_KEYS) {
      const message = (catalogue as Record<string, Message>)[key]!;
      expect(typeof message, key).toBe(typeof en[key]);
      if (typeof message !== 'string')
        expect(
          Object.keys(message).filter((c) => !categories.has(c)),
          key,
        ).toEqual([]);
    }
  });

  it.each(languages)('%s translates what English says (fewer than 1 in 10 strings the same, names and units aside)', (_tag, catalogue) => {
    const same = UI_KEYS.filter((key) => JSON.stringify((catalogue as Record<string, Message>)[key]) === JSON.stringify(en[key]));
    expect(same.length).toBeLessThan(UI_KEYS.length / 10);
  });
});

describe('formatting', () => {
  it('fills placeholders and writes numbers in the language', () => {
    expect(formatMessage('Lesson {position} of {total}', 'en', { position: 2, total: 1200 })).toBe('Lesson 2 of 1,200');
    expect(formatMessage('{count} Notizen', 'de', { count: 1200 })).toBe('1.200 Notizen');
    expect(formatMessage('Hello {name}', 'en', {})).toBe('Hello {name}');
  });

  it('picks plural forms with Intl.PluralRules: Arabic has six, Japanese one', () => {
    const ar = CATALOGUES.ar!['count.lessons'];
    expect([0, 1, 2, 3, 11, 100].map((count) => formatMessage(ar, 'ar-u-nu-latn', { count }))).toEqual(['لا دروس', 'درس واحد', 'درسان', '3 دروس', '11 درسًا', '100 درس']);
    expect(formatMessage(CATALOGUES.ja!['count.lessons'], 'ja', { count: 1 })).toBe('1レッスン');
    expect(formatMessage(en['count.lessons'], 'en', { count: 1 })).toBe('1 lesson');
    expect(formatMessage(CATALOGUES.fr!['count.lessons'], 'fr', { count: 0 })).toBe('0 leçon');
  });

  it('writes right-to-left languages and scripts as rtl', () => {
    expect(['ar', 'he', 'fa-IR', 'ur', 'ku-Arab', 'ar-EG'].map(directionOf)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'de', 'ja', 'pt-BR', 'az-Latn', 'not a tag'].map(directionOf)).toEqual(['ltr', 'ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
  });

  it('serves a tag from its catalogue, its language, another region of it, or English', () => {
    expect(['pt-BR', 'de-CH', 'pt-PT', 'es-MX', 'it', 'AR'].map(catalogueTagOf)).toEqual(['pt-BR', 'de', 'pt-BR', 'es', 'en', 'ar']);
  });

  it('overrides single strings, and hands the browser only the js. strings', () => {
    const ui = uiFor('de', { 'nav.notes': 'Feldnotizen' });
    expect(ui.t('nav.notes')).toBe('Feldnotizen');
    expect(ui.t('nav.paths')).toBe('Lernpfade');
    expect(ui.dir).toBe('ltr');
    expect(Object.keys(ui.client.strings).every((k) => k.startsWith('js.'))).toBe(true);
    expect(ui.slots('provenance.updatedBy', { person: 'Mina' })).toEqual(['Aktualisiert von Mina: ', { slot: 'date' }, '']);
    expect(uiFor('ar').date('2026-03-04')).toMatch(/٢٠٢٦|2026/);
  });
});
