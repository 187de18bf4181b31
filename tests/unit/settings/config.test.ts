import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configPath, defineGarden, loadConfig, parseConfig, sourcesOf } from '../../../src/garden/settings/config.ts';
import { GardenError } from '../../../src/garden/core/problems.ts';

/** The GardenError message `parseConfig` throws for `input`, or "valid". */
function parseError(input: unknown): string {
  try {
    parseConfig(input, 'garden.config.ts', '/site');
    return 'valid';
  } catch (err) {
    expect(err).toBeInstanceOf(GardenError);
    expect((err as GardenError).stack).toBe('');
    return (err as Error).message;
  }
}

/** The GardenError message `loadConfig` rejects with. */
async function loadError(cwd: string, env: Record<string, string | undefined>): Promise<string> {
  try {
    await loadConfig(cwd, env);
    return 'loaded';
  } catch (err) {
    expect(err).toBeInstanceOf(GardenError);
    return (err as Error).message;
  }
}

describe('parseConfig', () => {
  it('fills every default', () => {
    expect(parseConfig({}, 'garden.config.ts', '/site')).toEqual({
      title: 'Grove',
      description: 'Learning paths, courses and notes from across the organisation, in one place.',
      base: '/',
      lang: 'en',
      locales: [],
      sources: [
        {
          name: 'local',
          path: './content',
          branch: 'main',
          dir: '.',
          optional: false,
          exclude: [],
          dialect: 'auto',
          fields: {},
          defaults: {},
          layout: 'garden',
          unsafeHtml: 'error',
          externalAssets: 'block',
        },
      ],
      health: { staleMonths: 12, seedlingDays: 90 },
      ui: { strings: {} },
      root: '/site',
      file: 'garden.config.ts',
    });
  });

  it('takes a BCP 47 language that Intl knows, and refuses one it cannot use, naming the fix', () => {
    expect(parseConfig({ lang: 'pt-BR' }, 'garden.config.ts', '/site').lang).toBe('pt-BR');
    expect(parseConfig({ lang: 'ar' }, 'garden.config.ts', '/site').lang).toBe('ar');
    expect(parseError({ lang: 'pt_br' })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → lang: expected a BCP 47 language tag that Intl knows, such as "en", "de", "pt-BR", "ja" or "ar", got "pt_br": write the language code, then a region or script if needed, joined by "-" ("pt-BR", "zh-Hant")"
    `);
    expect(parseError({ lang: 'xx' })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → lang: expected a BCP 47 language tag that Intl knows, such as "en", "de", "pt-BR", "ja" or "ar", got "xx": write the language code, then a region or script if needed, joined by "-" ("pt-BR", "zh-Hant")"
    `);
  });

  it('overrides single UI strings, and refuses an unknown key (naming the nearest) or a placeholder the string does not have', () => {
    expect(
      parseConfig({ ui: { strings: { 'nav.notes': 'Field notes', 'count.notes': { one: '{count} field note', other: '{count} field notes' } } } }, 'garden.config.ts', '/site').ui.strings['nav.notes'],
    ).toBe('Field notes');
    expect(parseError({ ui: { strings: { 'nav.note': 'Field notes' } } })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → ui.strings.nav.note: "nav.note" is not a UI string: did you mean "nav.notes"? (the keys are in src/i18n/catalogues/en.ts)"
    `);
    expect(parseError({ ui: { strings: { 'home.startWith': 'Start with {name}' } } })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → ui.strings.home.startWith: uses {name}, which "home.startWith" does not have; it may use {title}"
    `);
  });

  it('keeps what is given', () => {
    const c = parseConfig({ title: 'Fernhill', site: 'https://intranet.example/learning/', base: '/learning/', sources: [{ name: 'team-a', path: '../a' }] }, 'garden.config.ts', '/site');
    expect([c.title, c.site, c.base, c.sources]).toEqual(['Fernhill', 'https://intranet.example/learning/', '/learning/', [expect.objectContaining({ name: 'team-a', path: '../a' })]]);
  });

  it('externalAssets reaches each source: block by default, allow when set', () => {
    const config = parseConfig(
      {
        sources: [
          { name: 'a', repo: 'https://git.example/a.git' },
          { name: 'b', repo: 'https://git.example/b.git', externalAssets: 'allow' },
        ],
      },
      'garden.config.ts',
      '/site',
    );
    expect(sourcesOf(config).map((s) => [s.name, s.trust, s.externalAssets])).toEqual([
      ['a', 'untrusted', 'block'],
      ['b', 'untrusted', 'allow'],
    ]);
  });

  it("brokenLinks: error for the garden's own folders, warn for a repository imported as it is (notes or course layout), as set when set", () => {
    const config = parseConfig(
      {
        sources: [
          { name: 'a', path: './content' },
          { name: 'b', repo: 'https://git.example/b.git' },
          { name: 'c', repo: 'https://git.example/c.git', layout: 'notes' },
          { name: 'd', path: './course', layout: 'course' },
          { name: 'e', repo: 'https://git.example/e.git', layout: 'notes', brokenLinks: 'error' },
          { name: 'f', path: './f', brokenLinks: 'warn' },
        ],
      },
      'garden.config.ts',
      '/site',
    );
    expect(sourcesOf(config).map((s) => [s.name, s.brokenLinks])).toEqual([
      ['a', 'error'],
      ['b', 'error'],
      ['c', 'warn'],
      ['d', 'warn'],
      ['e', 'error'],
      ['f', 'warn'],
    ]);
  });

  it('sourcesOf makes source folders absolute from the settings folder', () => {
    const c = parseConfig(
      {
        sources: [
          { name: 'local', path: './content' },
          { name: 'b', path: '../b' },
        ],
      },
      'garden.config.ts',
      '/site/app',
    );
    expect(sourcesOf(c).map((s) => s.dir)).toEqual(['/site/app/content', '/site/b']);
  });

  it.each(['auto', 'obsidian', 'dendron', 'foam', 'gfm'])('dialect %j is accepted', (dialect) => {
    expect(parseConfig({ sources: [{ name: 'v', path: './v', dialect }] }, 'garden.config.ts', '/site').sources[0]!.dialect).toBe(dialect);
  });

  it.each([['Obsidian'], ['logseq'], [''], [3]])('dialect %j is rejected, naming the ones there are', (dialect) => {
    expect(parseError({ sources: [{ name: 'v', path: './v', dialect }] })).toContain('sources.0.dialect: expected one of auto, obsidian, dendron, foam, gfm, got');
  });

  it('defineGarden returns its argument unchanged', () => {
    const input = { title: 'X' };
    expect(defineGarden(input)).toBe(input);
  });

  it('an unknown key is an error naming the key', () => {
    expect(parseError({ title: 'X', sourcse: [] })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → sourcse: unknown field (did you mean "sources"?)"
    `);
  });

  it('a bad base', () => {
    expect(parseError({ base: 'learning' })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → base: must start and end with "/", like "/learning/", with no empty segment"
    `);
  });

  it.each(['/learning', 'learning/', '/lear ning/', '/a?b/'])('base %j is rejected', (base) => {
    expect(parseError({ base })).toContain('garden.config.ts → base: must start and end with "/", like "/learning/"');
  });

  it.each(['/', '/learning/', '/a/b/'])('base %j is accepted', (base) => {
    expect(parseConfig({ base }, 'garden.config.ts', '/site').base).toBe(base);
  });

  it('two sources with the same name', () => {
    expect(
      parseError({
        sources: [
          { name: 'local', path: './a' },
          { name: 'team', path: './b' },
          { name: 'local', path: './c' },
        ],
      }),
    ).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → sources.2.name: "local" is used by two sources (give each source its own name)"
    `);
  });

  it('a bad source name and an empty path', () => {
    expect(parseError({ sources: [{ name: 'Team A', path: '' }] })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → sources.0.path: is too short or too small (minimum 1)
        garden.config.ts → sources.0.name: use lower-case letters, digits and "-""
    `);
  });

  it('no sources', () => {
    expect(parseError({ sources: [] })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → sources: is too short or too small (minimum 1)"
    `);
  });

  it('a site that is not a URL, a title of the wrong type', () => {
    expect(parseError({ site: 'intranet', title: 5 })).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → site: expected a full URL such as "https://intranet.example/learning/", got "intranet"
        garden.config.ts → title: expected text, got number 5"
    `);
  });

  // Guards: "site: Invalid URL" alone named neither the bad value nor an example.
  it('a bad site names the value and an example', () => {
    expect(parseError({ site: 'intranet' })).toContain('"intranet"');
  });

  it('settings that are not a mapping', () => {
    expect(parseError(null)).toMatchInlineSnapshot(`
      "Grove's settings in garden.config.ts are not valid
        garden.config.ts → expected a mapping of fields, got null"
    `);
  });

  // Guards: a swap of two letters is one edit (Damerau), so "titel" is closer to "title" than to "site".
  it('a swapped-letter typo suggests the key meant: titel → title', () => {
    expect(parseError({ titel: 'X' })).toContain('titel: unknown field (did you mean "title"?)');
  });

  // Guards: the hint for a key inside `sources` comes from the source's keys, not the top-level ones.
  it('a typo inside a source suggests the source key', () => {
    expect(parseError({ sources: [{ nmae: 'local', path: './content' }] })).toContain('sources.0.nmae: unknown field (did you mean "name"?)');
  });

  // Guards: with base "//" every link would be "//notes/x/", a protocol-relative URL to a host "notes".
  it.each(['//', '/a//b/'])('base %j is rejected', (base) => {
    expect(parseError({ base })).not.toBe('valid');
  });

  // The untrusted boundary (#12): values git would read as options, and addresses a reader clicks.
  const source = (fields: Record<string, unknown>) =>
    parseError({ sources: [{ name: 'team', ...fields }] })
      .split('\n')
      .slice(1)
      .join('\n')
      .trim();
  it.each([
    [
      { repo: '--upload-pack=touch /tmp/pwned' },
      'garden.config.ts → sources.0.repo: "--upload-pack=touch /tmp/pwned" starts with "-", which git would read as an option; give the repository\'s URL (https://…, git@host:…, file://…)',
    ],
    [
      { repo: '-cprotocol.ext.allow=always' },
      'garden.config.ts → sources.0.repo: "-cprotocol.ext.allow=always" starts with "-", which git would read as an option; give the repository\'s URL (https://…, git@host:…, file://…)',
    ],
    [
      { repo: 'https://git.example/t.git', branch: '--output=/tmp/x' },
      'garden.config.ts → sources.0.branch: "--output=/tmp/x" starts with "-", which git would read as an option; give the branch\'s name, such as "main"',
    ],
    [{ path: './c', web: 'javascript:alert(1)' }, 'garden.config.ts → sources.0.web: expected the repository\'s http(s) address, such as "https://git.example/team/notes", got "javascript:alert(1)"'],
    [
      { path: './c', web: ' JAVASCRIPT:alert(1)' },
      'garden.config.ts → sources.0.web: expected the repository\'s http(s) address, such as "https://git.example/team/notes", got " JAVASCRIPT:alert(1)"',
    ],
    [{ path: './c', web: 'data:text/html,x' }, 'garden.config.ts → sources.0.web: expected the repository\'s http(s) address, such as "https://git.example/team/notes", got "data:text/html,x"'],
    [{ path: './c', web: 'git.example/team' }, 'garden.config.ts → sources.0.web: expected the repository\'s http(s) address, such as "https://git.example/team/notes", got "git.example/team"'],
    [
      { path: './c', editUrl: 'javascript:alert("{path}")' },
      'garden.config.ts → sources.0.editUrl: expected an http(s) address with {path}, {branch} or {commit}, such as "https://git.example/team/notes/edit/{branch}/{path}", got "javascript:alert(\\"{path}\\")"',
    ],
    [
      { path: './c', editUrl: 'java\tscript:alert(1)//{path}' },
      'garden.config.ts → sources.0.editUrl: expected an http(s) address with {path}, {branch} or {commit}, such as "https://git.example/team/notes/edit/{branch}/{path}", got "java\\tscript:alert(1)//{path}"',
    ],
    [
      { path: './c', editUrl: '{branch}:alert(1)' },
      'garden.config.ts → sources.0.editUrl: expected an http(s) address with {path}, {branch} or {commit}, such as "https://git.example/team/notes/edit/{branch}/{path}", got "{branch}:alert(1)"',
    ],
    [{ path: './c', externalAssets: 'yes' }, 'garden.config.ts → sources.0.externalAssets: expected one of block, allow, got "yes"'],
    [{ path: './c', layout: 'courses' }, 'garden.config.ts → sources.0.layout: expected one of garden, notes, course, got "courses"'],
    [{ path: './c', defaults: { stage: 'seed' } }, 'garden.config.ts → sources.0.defaults.stage: expected one of seedling, budding, evergreen, none, got "seed"'],
    [
      { path: './c', fields: { desc: 'description' } },
      'garden.config.ts → sources.0.fields.desc: expected a note field (title, summary, kind, stage, topics, tags, authors, lessons, aliases, reviewed, lang, translationOf, created, updated) or false, got string "description"',
    ],
  ])('%j: one line naming the field, the value and the fix', (fields, line) => {
    expect(source(fields)).toBe(line);
  });

  it.each([
    { repo: 'git@git.example:team/notes.git', branch: 'release-1' },
    { repo: 'file:///srv/git/notes', branch: 'feature/-x' },
    { path: './c', web: 'https://git.example/team/notes', editUrl: 'https://git.example/team/notes/-/edit/{branch}/{path}' },
    { path: './c', web: 'http://git.intranet/team/notes', externalAssets: 'allow' },
    { path: './c', layout: 'course', exclude: ['French', 'Spanish'] },
    { path: './c', layout: 'notes', fields: { subtitle: 'summary', stage: false }, defaults: { stage: 'none', owners: ['noa'], topics: ['wiki'] } },
  ])('%j is accepted', (fields) => {
    expect(parseError({ sources: [{ name: 'team', ...fields }] })).toBe('valid');
  });
});

describe('configPath', () => {
  it.each([
    [{ GARDEN_CONFIG: '/abs/grove.mjs' }, '/abs/grove.mjs'],
    [{ GARDEN_CONFIG: 'conf/grove.mjs' }, '/nowhere/conf/grove.mjs'],
    [{}, '/nowhere/garden.config.ts'],
  ])('%j → %j', (env, expected) => {
    expect(configPath('/nowhere', env)).toBe(expected);
  });
});

describe('loadConfig', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
    return p;
  };

  beforeAll(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'grove-config-')));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the file GARDEN_CONFIG names, exporting a plain object; sources are relative to it', async () => {
    write('conf/plain.mjs', "export default { title: 'Team garden', base: '/learning/', sources: [{ name: 'team', path: '../notes-repo' }] };\n");
    const c = await loadConfig(dir, { GARDEN_CONFIG: 'conf/plain.mjs' });
    expect([c.title, c.base, c.file, c.root]).toEqual(['Team garden', '/learning/', 'conf/plain.mjs', join(dir, 'conf')]);
    expect(sourcesOf(c).map((s) => s.dir)).toEqual([join(dir, 'notes-repo')]);
  });

  it('an absolute GARDEN_CONFIG works too', async () => {
    const p = write('abs.mjs', 'export default {};\n');
    const c = await loadConfig('/', { GARDEN_CONFIG: p });
    expect([c.title, c.root]).toEqual(['Grove', dir]);
  });

  it('without GARDEN_CONFIG, finds garden.config.mjs in the working folder', async () => {
    const sub = join(dir, 'site');
    write('site/garden.config.mjs', "export default { title: 'Found' };\n");
    const c = await loadConfig(sub, {});
    expect([c.title, c.file]).toEqual(['Found', 'garden.config.mjs']);
  });

  it('a missing file named by GARDEN_CONFIG', async () => {
    expect(await loadError(dir, { GARDEN_CONFIG: 'nope.mjs' })).toMatchInlineSnapshot(`
      "Grove cannot find its settings
        nope.mjs → this file does not exist (check the GARDEN_CONFIG variable)"
    `);
  });

  it('no settings file at all', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expect(await loadError(join(dir, 'empty'), {})).toMatchInlineSnapshot(`
      "Grove cannot find its settings
        garden.config.ts → this file does not exist (create garden.config.ts (see the README))"
    `);
  });

  it('a file without a default export', async () => {
    write('named.mjs', "export const config = { title: 'X' };\n");
    expect(await loadError(dir, { GARDEN_CONFIG: 'named.mjs' })).toMatchInlineSnapshot(`
      "Grove cannot load its settings
        named.mjs → has no default export (end it with \`export default defineGarden({ … })\`)"
    `);
  });

  it('a file that throws when loaded', async () => {
    write('throws.mjs', "throw new Error('boom\\nsecond line');\n");
    expect(await loadError(dir, { GARDEN_CONFIG: 'throws.mjs' })).toMatchInlineSnapshot(`
      "Grove cannot load its settings
        throws.mjs → boom (fix the error in the file)"
    `);
  });

  it('a file with invalid settings names the file as given', async () => {
    write('typo.mjs', "export default { titel: 'X', base: 'learning' };\n");
    expect(await loadError(dir, { GARDEN_CONFIG: 'typo.mjs' })).toMatchInlineSnapshot(`
      "Grove's settings in typo.mjs are not valid
        typo.mjs → base: must start and end with "/", like "/learning/", with no empty segment
        typo.mjs → titel: unknown field (did you mean "title"?)"
    `);
  });

  // Guards: a sibling folder whose name starts like the working folder (/tmp/site, /tmp/site-other/…)
  // must not be shortened to "other/garden.mjs", a path that does not exist.
  it('a file outside the working folder is shown by its full path', async () => {
    const other = `${dir}-other/garden.mjs`;
    expect(await loadError(dir, { GARDEN_CONFIG: other })).toBe(`Grove cannot find its settings\n  ${other} → this file does not exist (check the GARDEN_CONFIG variable)`);
  });
});
