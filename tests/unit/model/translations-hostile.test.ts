/**
 * Translations are content Grove did not write (#18): they come in through the same sources, trust
 * policy and sanitizer as originals. One row per bad input, each through the code the build and
 * `npm run check` share (model/garden.ts, render/render-page.ts): an untrusted source's translation
 * carrying script, an untrusted source translating a trusted page, `lang` values that try to leave
 * their attribute, bidirectional overrides in a title, locale folders that are path tricks, very many
 * translations of one page, a loop of translations across sources, and the settings of a source of
 * translations (`translates`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dangersIn } from '../html-dangers.ts';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { buildGarden, type Garden } from '../../../src/garden/model/garden.ts';
import { versionsOf } from '../../../src/garden/model/translations.ts';
import { commandRendering, renderPage } from '../../../src/garden/render/render-page.ts';
import { GardenError, type Problem } from '../../../src/garden/core/problems.ts';
import { cmsEditable } from '../../../src/garden/settings/cms.ts';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

interface SourceSpec {
  name: string;
  files: Record<string, string>;
  settings?: Record<string, unknown>;
}

/** A garden of several local sources, each a folder of `files`, with `locales`; problems collected, as `npm run check` does. */
function gardenOf(sources: SourceSpec[], locales: string[] = ['de', 'ar']): { garden: Garden; errors: Problem[] } {
  const root = mkdtempSync(join(tmpdir(), 'grove-i18n-hostile-'));
  roots.push(root);
  for (const s of sources) {
    mkdirSync(join(root, s.name), { recursive: true });
    for (const [path, text] of Object.entries(s.files)) {
      mkdirSync(dirname(join(root, s.name, path)), { recursive: true });
      writeFileSync(join(root, s.name, path), text);
    }
  }
  const errors: Problem[] = [];
  const config = parseConfig({ locales, sources: sources.map((s) => ({ name: s.name, path: `./${s.name}`, ...s.settings })) }, 'garden.config.ts', root);
  const garden = buildGarden(config, root, { collect: errors });
  return { garden, errors };
}

const page = (fields: Record<string, string>, body = '') =>
  `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n${body}\n`;

const UNTRUSTED = { trust: 'untrusted' } as const;
const note = (title: string, body = 'Text.') => page({ title }, body);

/** The settings' problems for `input`, or [] when they are valid. */
function settingsProblems(input: Record<string, unknown>): Problem[] {
  try {
    parseConfig(input, 'garden.config.ts', '/nowhere');
    return [];
  } catch (err) {
    if (!(err instanceof GardenError)) throw err;
    return err.problems;
  }
}

describe("an untrusted source's translation goes through the trust policy and the sanitizer, however it is found", () => {
  const PAYLOADS: Array<[string, string]> = [
    ['script', 'Text before.\n\n<script>alert(1)</script>'],
    ['event handler', 'Text before.\n\n<img src=x onerror=alert(1)>'],
    ['svg onload', 'Text before.\n\n<svg onload=alert(1)></svg>'],
    ['javascript: link in Markdown', 'Text before. [click](javascript:alert(1))'],
    ['javascript: link in HTML', 'Text before. <a href="jav&#x09;ascript:alert(1)">click</a>'],
    ['a fold left open with a handler', 'Text before.\n\n<details open ontoggle=alert(1)'],
  ];
  /** Where the translation is: in a locale folder, declared with `translationOf`, or in a source of translations. */
  const WAYS: Array<[string, (body: string, strip: boolean) => SourceSpec[]]> = [
    [
      'in a locale folder',
      (body, strip) => [{ name: 'team', files: { 'notes/a.md': note('A'), 'de/notes/a.md': note('A (de)', body) }, settings: { ...UNTRUSTED, ...(strip ? { unsafeHtml: 'strip' } : {}) } }],
    ],
    [
      'declared with translationOf',
      (body, strip) => [
        {
          name: 'team',
          files: { 'notes/a.md': note('A'), 'notes/a-de.md': page({ title: 'A (de)', lang: 'de', translationOf: 'a' }, body) },
          settings: { ...UNTRUSTED, ...(strip ? { unsafeHtml: 'strip' } : {}) },
        },
      ],
    ],
    [
      'in a source of translations',
      (body, strip) => [
        { name: 'local', files: { 'notes/a.md': note('A') } },
        { name: 'team-de', files: { 'notes/a.md': note('A (de)', body) }, settings: { ...UNTRUSTED, translates: 'local', lang: 'de', ...(strip ? { unsafeHtml: 'strip' } : {}) } },
      ],
    ],
  ];
  const cases = WAYS.flatMap(([way, make]) => PAYLOADS.map(([what, body]) => [`${what}, ${way}`, make, body] as const));

  it.each(cases)('%s: an error naming the file with the default settings; no danger in the page with unsafeHtml: strip', async (_what, make, body) => {
    for (const strip of [false, true]) {
      const { garden, errors } = gardenOf(make(body, strip));
      expect(errors).toEqual([]);
      const t = garden.translations.entries.find((e) => e.lang === 'de' && e.id === 'a');
      expect(t, 'the translation is read').toBeDefined();
      const rendered = await renderPage(garden, t!, commandRendering(garden));
      const found = rendered.problems.filter((p) => (strip ? p.severity === 'warning' : p.severity === 'error'));
      expect(found.length, JSON.stringify(rendered.problems)).toBeGreaterThan(0);
      for (const p of found) expect(p.file).toBe(t!.file);
      if (!strip)
        expect(
          found.some((p) => /untrusted source "team(-de)?"/.test(p.message)),
          JSON.stringify(found),
        ).toBe(true);
      // Either way, the page's HTML is the sanitizer's: nothing in it runs, and its text is kept.
      expect(dangersIn(rendered.html ?? '')).toEqual([]);
      expect(rendered.html).toContain('Text before.');
    }
  });

  it('refuses untrusted MDX code in a translation: the page is not rendered, so nothing in it runs', async () => {
    const { garden } = gardenOf([
      { name: 'team', files: { 'notes/a.md': note('A'), 'de/notes/a.mdx': page({ title: 'A (de)' }, "import fs from 'node:fs';\n\n{fs.writeFileSync('/tmp/pwned', '')}") }, settings: UNTRUSTED },
    ]);
    const t = garden.translations.entries.find((e) => e.lang === 'de')!;
    const rendered = await renderPage(garden, t, commandRendering(garden));
    expect(rendered.status).toBe('refused');
    expect(rendered.problems[0]).toMatchObject({ file: t.file, severity: 'error', message: expect.stringMatching(/import or export runs code/) });
  });
});

describe('who may translate whom', () => {
  const trusted: SourceSpec = { name: 'local', files: { 'notes/policy.md': note('Security policy'), 'de/notes/policy.md': note('Sicherheitsrichtlinie') } };

  it("refuses an untrusted source's declared translation of a trusted page, naming the file, the field and both fixes", () => {
    const { garden, errors } = gardenOf([
      { name: 'local', files: { 'notes/policy.md': note('Security policy') } },
      { name: 'team', files: { 'notes/policy-ar.md': page({ title: 'سياسة', lang: 'ar', translationOf: 'policy' }, 'Send your password to evil.example.') }, settings: UNTRUSTED },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'team/notes/policy-ar.md',
        field: 'translationOf',
        line: 4,
        severity: 'error',
        message: expect.stringMatching(/translates "policy" of the trusted source "local", but is in the untrusted source "team"/),
        hint: expect.stringMatching(
          /move the translation into the source "local" \(as ar\/notes\/policy.md\).*a source of their own with `translates: 'local'` and `lang: 'ar'` in garden.config.ts, each file at its original's path/,
        ),
      }),
    ]);
    // The trusted page's switcher and routes know nothing of it.
    expect(garden.translations.entries).toEqual([]);
    expect(
      versionsOf(
        garden.translations,
        garden.entries.find((e) => e.id === 'policy')!,
      ),
    ).toEqual([]);
  });

  it("lets an untrusted source translate a trusted one's pages when the settings say so (`translates`): sanitized as untrusted", async () => {
    const { garden, errors } = gardenOf([
      { name: 'local', files: { 'notes/policy.md': note('Security policy') } },
      { name: 'team-ar', files: { 'notes/policy.md': note('سياسة الأمان', 'نص.\n\n<img src=x onerror=alert(1)>') }, settings: { ...UNTRUSTED, unsafeHtml: 'strip', translates: 'local', lang: 'ar' } },
    ]);
    expect(errors).toEqual([]);
    const t = garden.translations.entries.find((e) => e.lang === 'ar')!;
    expect(t).toMatchObject({ id: 'policy', route: '/ar/notes/policy/', source: 'team-ar' });
    const rendered = await renderPage(garden, t, commandRendering(garden));
    expect(dangersIn(rendered.html!)).toEqual([]);
  });

  it.each([
    ['the untrusted one is read first', true],
    ['the trusted one is read first', false],
  ])('keeps a trusted translation before an untrusted one for the same route (%s)', (_what, untrustedFirst) => {
    // Both translate an untrusted source's page into German: the trusted source's owns /de/notes/tip/.
    const original: SourceSpec = { name: 'wiki', files: { 'notes/tip.md': note('Tip') }, settings: UNTRUSTED };
    const fromUntrusted: SourceSpec = { name: 'team', files: { 'notes/tip-de.md': page({ title: 'Tipp (team)', lang: 'de', translationOf: 'tip' }) }, settings: UNTRUSTED };
    const fromTrusted: SourceSpec = { name: 'local', files: { 'notes/tipp.md': page({ title: 'Tipp', lang: 'de', translationOf: 'tip' }) } };
    const { garden, errors } = gardenOf([original, ...(untrustedFirst ? [fromUntrusted, fromTrusted] : [fromTrusted, fromUntrusted])]);
    expect(garden.translations.entries.map((e) => [e.route, e.source])).toEqual([['/de/notes/tip/', 'local']]);
    expect(errors).toEqual([
      expect.objectContaining({ file: 'team/notes/tip-de.md', message: expect.stringMatching(/second "de" translation.*local\/notes\/tipp.md is the first \(a trusted source's translation is kept/) }),
    ]);
  });

  it("keeps a trusted source's own translation when an untrusted source of translations also translates the page", () => {
    const { garden, errors } = gardenOf([trusted, { name: 'team-de', files: { 'notes/policy.md': note('Übernommen') }, settings: { ...UNTRUSTED, translates: 'local', lang: 'de' } }]);
    expect(garden.translations.entries.map((e) => [e.route, e.title])).toEqual([['/de/notes/policy/', 'Sicherheitsrichtlinie']]);
    expect(errors).toEqual([expect.objectContaining({ file: 'team-de/notes/policy.md', message: expect.stringMatching(/second "de" translation/) })]);
  });
});

describe('a source of translations (`translates`)', () => {
  it('matches each page to the page at the same path in the source it translates, with its id, under /<lang>/', () => {
    const { garden, errors } = gardenOf([
      { name: 'tldr', files: { 'git.md': note('git'), 'tar.md': note('tar'), 'sub/x.md': note('x') }, settings: { layout: 'notes', prefix: 'cmd' } },
      { name: 'tldr-de', files: { 'git.md': note('git (de)'), 'sub/x.md': note('x (de)'), 'only-here.md': note('nur hier') }, settings: { layout: 'notes', translates: 'tldr', lang: 'de' } },
    ]);
    expect(errors).toEqual([]);
    expect(garden.entries.map((e) => e.id).sort()).toEqual(['cmd-git', 'cmd-sub-x', 'cmd-tar']);
    expect(garden.translations.entries.map((e) => [e.id, e.lang, e.route, e.title]).sort()).toEqual([
      ['cmd-git', 'de', '/de/notes/cmd-git/', 'git (de)'],
      ['cmd-sub-x', 'de', '/de/notes/cmd-sub-x/', 'x (de)'],
    ]);
    // A page with no original is left out with a warning in an imported repository (notes layout), never silently.
    expect(garden.warnings.find((w) => w.file === 'tldr-de/only-here.md')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/left out: is a "de" translation \(its source "tldr-de" translates "tldr"\) of only-here.md in "tldr", which has no note there/),
      hint: expect.stringMatching(/add "only-here.md" to `exclude` on the source "tldr-de"/),
    });
  });

  it("is an error in the garden's own layout, where every file is meant", () => {
    const { errors } = gardenOf([
      { name: 'local', files: { 'notes/a.md': note('A') } },
      { name: 'local-de', files: { 'notes/b.md': note('B (de)') }, settings: { translates: 'local', lang: 'de' } },
    ]);
    expect(errors).toEqual([expect.objectContaining({ file: 'local-de/notes/b.md', severity: 'error', hint: expect.stringMatching(/write the original at notes\/b.md in "local"/) })]);
  });

  const base = { locales: ['de'], sources: [{ name: 'tldr', path: './a', layout: 'notes' }] };
  it.each([
    ['`translates` without `lang`', { name: 'de', path: './b', layout: 'notes', translates: 'tldr' }, 'sources.1.translates', /needs `lang`/, /add `lang:` with one of the settings' `locales` \(de\)/],
    ['`lang` without `translates`', { name: 'de', path: './b', lang: 'de' }, 'sources.1.lang', /only read with `translates`/, /add `translates:/],
    [
      'a `lang` not in `locales`',
      { name: 'fr', path: './b', layout: 'notes', translates: 'tldr', lang: 'fr' },
      'sources.1.lang',
      /"fr" is not one of the settings' `locales` \(de\)/,
      /add 'fr' to `locales`/,
    ],
    ["the site's own language", { name: 'en', path: './b', layout: 'notes', translates: 'tldr', lang: 'en' }, 'sources.1.lang', /the site's own language/, /one of the settings' `locales` \(de\)/],
    ['a source that does not exist', { name: 'de', path: './b', layout: 'notes', translates: 'tdlr', lang: 'de' }, 'sources.1.translates', /there is no source "tdlr"/, /did you mean "tldr"/],
    ['itself', { name: 'de', path: './b', layout: 'notes', translates: 'de', lang: 'de' }, 'sources.1.translates', /translates itself/, /source of the originals/],
    ['another layout', { name: 'de', path: './b', translates: 'tldr', lang: 'de' }, 'sources.1.layout', /laid out as `garden`.*as `notes`/, /set layout: 'notes' on "de"/],
    ['a language tag that leaves its attribute', { name: 'de', path: './b', layout: 'notes', translates: 'tldr', lang: 'de" onload="alert(1)' }, 'sources.1.lang', /expected a language tag/, /(?:)/],
  ])('refuses %s, naming the field and the fix', (_what, extra, field, message, hint) => {
    const problems = settingsProblems({ ...base, sources: [...base.sources, extra] });
    expect(problems).toEqual([expect.objectContaining({ file: 'garden.config.ts', field, severity: 'error' })]);
    expect(`${problems[0]!.message} ${problems[0]!.hint ?? ''}`).toMatch(message);
    expect(problems[0]!.hint ?? '').toMatch(hint);
  });

  it('is not edited by the CMS, which edits originals', () => {
    expect(cmsEditable({ kind: 'local', layout: 'garden' })).toBe(true);
    expect(cmsEditable({ kind: 'local', layout: 'garden', translates: 'local' })).toBe(false);
  });

  it('refuses a chain: a source translating a source of translations', () => {
    const problems = settingsProblems({
      locales: ['de', 'fr'],
      sources: [
        { name: 'tldr', path: './a', layout: 'notes' },
        { name: 'de', path: './b', layout: 'notes', translates: 'tldr', lang: 'de' },
        { name: 'fr', path: './c', layout: 'notes', translates: 'de', lang: 'fr' },
      ],
    });
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'sources.2.translates',
        message: expect.stringMatching(/itself a source of translations \(of "tldr"\)/),
        hint: "name the source of the originals: translates: 'tldr'",
      }),
    ]);
  });
});

describe('`lang` values that are not language tags, or try to leave their attribute', () => {
  it.each(['de" onload="alert(1)', "de' autofocus onfocus='alert(1)", 'de><script>alert(1)</script>', 'javascript:alert(1)', '../de', 'de_DE', 'de de', '%2e%2e', '‮de'])(
    'refuses lang: %s, naming the file and the field',
    (value) => {
      const { garden, errors } = gardenOf([
        { name: 'team', files: { 'notes/a.md': note('A'), 'notes/a-x.md': `---\ntitle: X\nlang: ${JSON.stringify(value)}\ntranslationOf: a\n---\nText.\n` }, settings: UNTRUSTED },
      ]);
      expect(errors).toEqual([expect.objectContaining({ file: 'team/notes/a-x.md', field: 'lang', line: 3, severity: 'error', message: expect.stringMatching(/expected a language tag/) })]);
      expect(garden.translations.entries).toEqual([]);
    },
  );

  it.each(['../de', '%2e%2e', 'de/..', 'de"><script>', '', 'CON/x'])('refuses the setting locales: [%j], naming the field', (value) => {
    expect(settingsProblems({ locales: [value] })).toEqual([expect.objectContaining({ field: 'locales.0', message: expect.stringMatching(/expected a language tag/) })]);
  });
});

describe("a translation's own `lang` that is not its place's", () => {
  it.each([
    [
      'in a locale folder',
      [{ name: 'team', files: { 'notes/a.md': note('A'), 'de/notes/a.md': page({ title: 'A', lang: 'ar' }) }, settings: UNTRUSTED }],
      'team/de/notes/a.md',
      /move the file to the folder "ar\/"/,
    ],
    [
      'in a source of translations',
      [
        { name: 'local', files: { 'notes/a.md': note('A') } },
        { name: 'local-de', files: { 'notes/a.md': page({ title: 'A', lang: 'ar' }) }, settings: { translates: 'local', lang: 'de' } },
      ],
      'local-de/notes/a.md',
      /remove `lang` from the page/,
    ],
  ] as const)("%s: read in its place's language, with a warning naming the file and the field", (_what, sources, file, hint) => {
    const { garden, errors } = gardenOf([...sources]);
    expect(errors).toEqual([]);
    const t = garden.translations.entries[0]!;
    expect([t.lang, (t.data as { lang?: string }).lang, t.route]).toEqual(['de', 'de', '/de/notes/a/']);
    expect(garden.warnings.find((w) => w.file === file)).toMatchObject({
      field: 'lang',
      line: 3,
      severity: 'warning',
      message: expect.stringMatching(/says `lang: ar`, but it is a "de" translation/),
      hint: expect.stringMatching(hint),
    });
  });
});

describe('bidirectional controls in a translated title', () => {
  it.each([
    ['right-to-left override', 'Rechnung‮fdp.exe', 'Rechnungfdp.exe', 'U+202E'],
    ['an isolate left open', 'Titel ⁧ offen', 'Titel  offen', 'U+2067'],
    ['embeddings', '‪links‬ ‫rechts‬', 'links rechts', 'U+202A, U+202C, U+202B'],
  ])('removes a %s, with a warning naming the file and the field', (_what, written, shown, named) => {
    const { garden, errors } = gardenOf([{ name: 'team', files: { 'notes/a.md': note('A'), 'de/notes/a.md': note(written) }, settings: UNTRUSTED }]);
    expect(errors).toEqual([]);
    expect(garden.translations.entries[0]!.title).toBe(shown);
    expect(versionsOf(garden.translations, garden.entries[0]!)[1]!.title).toBe(shown);
    expect(garden.warnings.find((w) => w.file === 'team/de/notes/a.md')).toMatchObject({ field: 'title', line: 2, severity: 'warning', message: expect.stringContaining(named) });
  });

  it('keeps the marks, which only nudge neutral characters, and a right-to-left title as written', () => {
    const { garden, errors } = gardenOf([{ name: 'team', files: { 'notes/a.md': note('A'), 'ar/notes/a.md': note('سياسة‏ (v2)') }, settings: UNTRUSTED }]);
    expect(errors).toEqual([]);
    expect(garden.translations.entries[0]!.title).toBe('سياسة‏ (v2)');
    expect(garden.warnings.filter((w) => w.file === 'team/ar/notes/a.md')).toEqual([]);
  });
});

describe('locale folders that are path tricks', () => {
  it.each(['%2e%2e', 'CON', 'De', 'de.', 'de%2f..', '..de', 'de ', 'ar-'])('does not read %j/notes/a.md as a translation, and gives no route outside /<locale>/', (folder) => {
    const { garden, errors } = gardenOf([{ name: 'team', files: { 'notes/a.md': note('A'), [`${folder}/notes/a.md`]: note('A (trick)') }, settings: UNTRUSTED }]);
    expect(errors).toEqual([]);
    expect(garden.translations.entries).toEqual([]);
    expect(garden.entries.map((e) => e.route)).toEqual(['/notes/a/']);
  });
});

describe('very many translations of one page', () => {
  it('keeps one per language and names every other file, without slowing to a crawl', () => {
    const files: Record<string, string> = { 'notes/a.md': note('A') };
    for (let i = 0; i < 300; i++) files[`notes/a-de-${String(i).padStart(3, '0')}.md`] = page({ title: `A (de ${i})`, lang: 'de', translationOf: 'a' });
    const { garden, errors } = gardenOf([{ name: 'team', files, settings: UNTRUSTED }]);
    expect(garden.translations.entries.map((e) => e.file)).toEqual(['team/notes/a-de-000.md']);
    expect(errors).toHaveLength(299);
    expect(new Set(errors.map((e) => e.file)).size).toBe(299);
    expect(errors.every((e) => e.field === 'translationOf' && /second "de" translation of the note "a"; team\/notes\/a-de-000.md is the first/.test(e.message))).toBe(true);
    // The switcher lists the languages, not the files.
    expect(versionsOf(garden.translations, garden.entries[0]!).map((v) => v.lang)).toEqual(['en', 'de']);
  });
});

describe('a loop of translations across sources', () => {
  it('is an error for each file, naming the other and the fix', () => {
    const { garden, errors } = gardenOf([
      { name: 'one', files: { 'notes/p.md': page({ title: 'P', lang: 'de', translationOf: 'q' }) }, settings: UNTRUSTED },
      { name: 'two', files: { 'notes/q.md': page({ title: 'Q', lang: 'de', translationOf: 'p' }) }, settings: UNTRUSTED },
    ]);
    expect(errors.map((e) => [e.file, e.field]).sort()).toEqual([
      ['one/notes/p.md', 'translationOf'],
      ['two/notes/q.md', 'translationOf'],
    ]);
    for (const e of errors) expect(e.message).toMatch(/itself a translation.*the two point at each other/);
    expect(garden.translations.entries).toEqual([]);
  });
});
