/**
 * The CMS's config.yml (#16) is derived from the content schemas: every field of every kind is in its
 * form, required as the schema says, every enum a select with the same options, every id reference a
 * relation (or a select of the existing ids), and a field added to a schema shows up without a list
 * to update. The settings give the backend; `/admin/` stays out of search, the precache and content pages.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig, type GardenConfig } from '../../../src/garden/settings/config.ts';
import { KIND_TABLE, KINDS, type Kind } from '../../../src/garden/core/kinds.ts';
import { NoteSchema, SCHEMAS } from '../../../src/garden/content/schemas.ts';
import { jsonSchemaOf, type JsonSchema } from '../../../src/garden/commands/schema-docs.ts';
import { CMS_FORMAT, cmsConfig, cmsConfigYaml, collectionOf, kindFields, type CmsField } from '../../../src/garden/commands/cms-config.ts';
import { ADMIN_DIR, adminPage, adminPolicy, writeAdmin } from '../../../src/integrations/cms.ts';
import { PRECACHE_TIERS } from '../../../src/integrations/offline.ts';
import { buildGarden } from '../../../src/garden/model/garden.ts';
import { removeDir, tempDir } from '../git-fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const known = { course: ['git-foundations'], lesson: ['git-foundations/first-commit'] };

/** The sample garden with a `cms` setting. */
function sample(cms: Record<string, unknown> = { backend: 'github', repo: 'fernhill/garden' }, sources: unknown[] = [{ name: 'local', path: './content' }]): GardenConfig {
  return parseConfig({ sources, cms }, 'garden.config.ts', ROOT);
}

const isList = (json: JsonSchema) => json.type === 'array' || !!json.anyOf?.some((a) => a.type === 'array');

describe('the form of each kind, from its schema', () => {
  for (const kind of KINDS) {
    it(`${kind}: every field, required, selects and relations as the schema says`, () => {
      const json = jsonSchemaOf(SCHEMAS[kind]);
      const fields = kindFields(kind, known);
      const byName = new Map(fields.map((f) => [f.name, f]));
      expect([...byName.keys()]).toEqual([...Object.keys(json.properties!), 'body']);
      for (const [name, property] of Object.entries(json.properties!)) {
        const field = byName.get(name)!;
        expect(field.required, `${kind}.${name} required`).toBe(json.required?.includes(name) ?? false);
        if (property.enum) {
          expect(field.widget, `${kind}.${name}`).toBe('select');
          expect(field.options).toEqual(property.enum.map(String));
        }
        const ref = property.references as Kind | undefined;
        if (ref) {
          const flat = KIND_TABLE[ref].files === 'flat' || KIND_TABLE[ref].files === 'tree';
          expect(field, `${kind}.${name} refers to ${ref}`).toMatchObject(
            flat ? { widget: 'relation', collection: collectionOf(ref), value_field: '{{slug}}' } : { widget: 'select', options: known[ref as 'course' | 'lesson'] },
          );
          expect(field.multiple).toBe(isList(property));
        }
        if (property.type === 'string' && property.format === 'date') expect(field).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD', time_format: false });
        // Required text must not be blank, as `text` (trim, min 1) refuses it.
        if (field.required && field.widget === 'string') expect(field.pattern?.[0]).toBe('\\S');
      }
      expect(byName.get('body')).toMatchObject({ widget: 'markdown', modes: ['raw'] });
    });
  }

  it('names the kinds of page each id field refers to, in the schemas', () => {
    const refs = Object.fromEntries(KINDS.map((k) => [k, Object.entries(jsonSchemaOf(SCHEMAS[k]).properties!).flatMap(([n, p]) => (p.references ? [`${n}→${p.references}`] : []))]));
    expect(refs.note).toEqual(['topics→topic', 'tags→topic', 'authors→person', 'lessons→lesson', 'translationOf→note']);
    expect(refs.path).toEqual(['courses→course', 'topics→topic', 'owners→person', 'translationOf→path']);
    expect(refs.course).toEqual(['prerequisites→course', 'topics→topic', 'owners→person', 'translationOf→course']);
    expect(refs.lesson).toEqual(['topics→topic', 'notes→note', 'translationOf→lesson']);
    expect(refs.topic).toEqual(['parent→topic', 'translationOf→topic']);
    expect(refs.person).toEqual(['expertise→topic', 'translationOf→person']);
  });

  it('makes the knowledge check a list of question objects, and objectives a list of text', () => {
    const check = kindFields('lesson', known).find((f) => f.name === 'check')!;
    expect(check.widget).toBe('list');
    expect(check.fields!.map((f) => [f.name, f.widget, f.required])).toEqual([
      ['question', 'string', true],
      ['options', 'list', true],
      ['answer', 'list', true],
      ['explanation', 'string', false],
    ]);
    expect(kindFields('course', known).find((f) => f.name === 'objectives')).toMatchObject({ widget: 'list', field: { widget: 'string' } });
  });

  it('shows a field added to a schema, with its widget (derived, not listed)', () => {
    const extended = jsonSchemaOf(
      NoteSchema.extend({
        difficulty: z.enum(['easy', 'hard']).optional().meta({ description: 'How hard.' }),
        mentor: z.string().optional().meta({ description: 'Who helps.', references: 'person' }),
      }),
    );
    const fields = kindFields('note', known, extended);
    expect(fields.find((f) => f.name === 'difficulty')).toMatchObject<Partial<CmsField>>({ widget: 'select', options: ['easy', 'hard'], required: false, hint: 'How hard.' });
    expect(fields.find((f) => f.name === 'mentor')).toMatchObject<Partial<CmsField>>({ widget: 'relation', collection: 'people', multiple: false });
  });
});

describe('config.yml', () => {
  it('has one collection per kind in its folder, the editorial workflow and the backend of the settings', () => {
    const config = cmsConfig(sample({ backend: 'gitlab', repo: 'learning/garden', branch: 'trunk', apiRoot: 'https://git.example/api/v4', baseUrl: 'https://git.example', appId: 'abc' }))!;
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.backend).toEqual({
      name: 'gitlab',
      repo: 'learning/garden',
      branch: 'trunk',
      api_root: 'https://git.example/api/v4',
      base_url: 'https://git.example',
      app_id: 'abc',
      auth_type: 'pkce',
    });
    expect(config.local_backend).toBeUndefined();
    const names = config.collections.map((c) => c.name);
    expect(names).toEqual(KINDS.map((k) => collectionOf(k)));
    const notes = config.collections.find((c) => c.name === 'notes')!;
    expect(notes).toMatchObject({ folder: 'content/notes', create: true, slug: '{{slug}}', extension: 'md', format: CMS_FORMAT });
    // The file name comes from the title: the form asks for one.
    expect(notes.fields!.find((f) => f.name === 'title')).toMatchObject({ required: true, pattern: ['\\S', 'must not be empty'] });
    const lessons = config.collections.find((c) => c.name === 'lessons')!;
    expect(lessons.files!.some((f) => f.file === 'content/courses/git-foundations/01-first-commit.md' && f.label === 'git-foundations/first-commit')).toBe(true);
    // A question's answer, one value or a list: a text field where the lesson writes one value, a list where it writes lists.
    const answerOf = (file: string) =>
      lessons
        .files!.find((f) => f.file === file)!
        .fields.find((f) => f.name === 'check')!
        .fields!.find((f) => f.name === 'answer')!.widget;
    expect(answerOf('content/courses/git-foundations/01-first-commit.md')).toBe('string');
    expect(answerOf('content/courses/code-review/04-reviewing-for-risk.md')).toBe('list');
    const courses = config.collections.find((c) => c.name === 'courses')!;
    expect(courses.files!.map((f) => f.file)).toContain('content/courses/git-foundations/index.md');
  });

  it('reads back as YAML equal to the configuration, with the local backend when asked', () => {
    const config = cmsConfig(sample(), { localBackend: 'http://localhost:8081/api/v1' })!;
    expect(parse(cmsConfigYaml(config))).toEqual(JSON.parse(JSON.stringify(config)));
    expect(config.local_backend).toEqual({ url: 'http://localhost:8081/api/v1' });
  });

  it('saves straight to the branch on Gitea, whose Decap backend has no editorial workflow', () => {
    expect(cmsConfig(sample({ backend: 'gitea', repo: 'a/b', branch: 'cms-review' }))!.publish_mode).toBe('simple');
  });

  it('is absent without the setting (but for local editing, `npm run cms`), and a bad setting names its key', () => {
    expect(cmsConfig(parseConfig({}, 'garden.config.ts', ROOT))).toBeUndefined();
    expect(cmsConfig(parseConfig({}, 'garden.config.ts', ROOT), { localBackend: 'http://localhost:8081/api/v1' })?.local_backend).toEqual({ url: 'http://localhost:8081/api/v1' });
    expect(() => sample({ backend: 'svn', repo: 'a/b' })).toThrow(/not valid/);
    expect(() => sample({ backend: 'github', repo: 'https://github.com/a/b' })).toThrow(/not valid/);
  });

  it('edits only folder sources; a repository source is listed read-only', () => {
    const garden = sample(undefined, [
      { name: 'local', path: './content' },
      { name: 'team', repo: 'https://git.example/team/notes.git' },
    ]);
    const config = cmsConfig(garden)!;
    expect(config.collections.every((c) => !c.name.includes('team'))).toBe(true);
    expect(adminPage(garden, config)).toContain('team: https://git.example/team/notes.git');
  });
});

describe('/admin/ stays out of readers’ way', () => {
  it('has its own policy: scripts from the site, requests to the site and the git host only', () => {
    const policy = adminPolicy(cmsConfig(sample())!);
    expect(policy).toContain("script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'");
    expect(policy).toContain("connect-src 'self' https://api.github.com https://api.netlify.com");
    expect(policy).not.toContain('*');
    const local = adminPolicy(cmsConfig(sample({ backend: 'github', repo: 'a/b', apiRoot: 'https://github.example/api/v3' }), { localBackend: 'http://localhost:8081/api/v1' })!);
    expect(local).toContain("connect-src 'self' https://github.example https://api.netlify.com http://localhost:8081");
  });

  it('is written after the build: bundle, config and a page search does not index', async () => {
    const dist = tempDir('grove-admin-');
    dirs.push(dist);
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><p>home</p>');
    mkdirSync(join(dist, '_astro'));
    writeFileSync(join(dist, '_astro', 'BaseLayout.abc.css'), 'body{}');
    const r = (await writeAdmin(dist, sample(), undefined))!;
    expect(r.files).toBeGreaterThan(3);
    const page = readFileSync(join(dist, ADMIN_DIR, 'index.html'), 'utf8');
    expect(page).toContain('<script src="decap-cms.js"></script>\n<script src="grove-cms.js"></script>');
    const script = readFileSync(join(dist, ADMIN_DIR, 'grove-cms.js'), 'utf8');
    // The site's stylesheets, and the page body's (inlined into content pages by Astro), copied beside it.
    expect(script).toContain('["/_astro/BaseLayout.abc.css","/admin/prose.css"]');
    expect(readFileSync(join(dist, ADMIN_DIR, 'prose.css'), 'utf8')).toContain('.callout');
    // Grove's file format, registered under the name every collection uses; no import left for the browser.
    expect(script).toContain(CMS_FORMAT);
    expect(script).not.toMatch(/^import /m);
    expect(page).toContain('http-equiv="content-security-policy"');
    expect(page).toContain('data-pagefind-ignore="all"');
    expect(page).not.toContain('data-pagefind-body');
    expect(parse(readFileSync(join(dist, ADMIN_DIR, 'config.yml'), 'utf8')).publish_mode).toBe('editorial_workflow');
    expect(await writeAdmin(dist, parseConfig({}, 'garden.config.ts', ROOT))).toBeUndefined();
  });

  it('is in no tier of the offline precache', () => {
    const patterns = PRECACHE_TIERS.flatMap((t) => t.patterns);
    for (const file of ['admin/index.html', 'admin/decap-cms.js', 'admin/config.yml', 'admin/103.decap-cms.js'])
      expect(
        patterns.filter((p) => minimatch(file, p)),
        file,
      ).toEqual([]);
  });
});

describe("the site's buttons", () => {
  it('lead to the CMS with the setting: a new note on the topic, and the form of each page', () => {
    const garden = buildGarden(
      parseConfig({ base: '/learning/', locales: ['de'], sources: [{ name: 'local', path: './content' }], cms: { backend: 'github', repo: 'fernhill/garden' } }, 'garden.config.ts', ROOT),
      ROOT,
    );
    expect(garden.proposeNoteUrl({ id: 'git', title: 'Git' })).toBe('/learning/admin/#/collections/notes/new?topics=git');
    expect(garden.proposeNoteUrl()).toBe('/learning/admin/#/collections/notes/new');
    const edit = (kind: string, id: string) => garden.provenance.get(garden.entries.find((e) => e.kind === kind && e.id === id)!.abs)!.editUrl;
    expect(edit('topic', 'git')).toBe('/learning/admin/#/collections/topics/entries/git');
    expect(edit('course', 'git-foundations')).toBe('/learning/admin/#/collections/courses/entries/git-foundations');
    expect(edit('lesson', 'git-foundations/first-commit')).toBe('/learning/admin/#/collections/lessons/entries/git-foundations--first-commit');
    // The entry names the links use are those config.yml gives.
    const config = cmsConfig(garden.config)!;
    expect(config.collections.find((c) => c.name === 'lessons')!.files!.map((f) => f.name)).toContain('git-foundations--first-commit');
  });

  it("keep the host's links without it", () => {
    const garden = buildGarden(
      parseConfig({ locales: ['de'], sources: [{ name: 'local', path: './content', web: 'https://git.example/learning/garden', host: 'gitlab' }] }, 'garden.config.ts', ROOT),
      ROOT,
    );
    expect(garden.proposeNoteUrl({ id: 'git', title: 'Git' })).toMatch(/^https:\/\/git\.example\/learning\/garden\/-\/new\//);
    const topic = garden.entries.find((e) => e.kind === 'topic' && e.id === 'git')!;
    expect(garden.provenance.get(topic.abs)!.editUrl).toMatch(/^https:\/\/git\.example\//);
  });
});
