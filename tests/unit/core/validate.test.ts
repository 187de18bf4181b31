import { describe, expect, it } from 'vitest';
import { GardenConfigSchema } from '../../../src/garden/settings/config.ts';
import { LessonSchema, PersonSchema } from '../../../src/garden/content/schemas.ts';
import { keysAt } from '../../../src/garden/core/validate.ts';

describe('keysAt', () => {
  it('the top level of a schema', () => {
    expect(keysAt(GardenConfigSchema, [])).toEqual(['title', 'description', 'site', 'lang', 'ui', 'base', 'sources', 'health', 'contributeCourse', 'locales', 'cms', 'xapi']);
  });

  it('inside a list (the index is skipped) of objects with a refinement: a lesson question', () => {
    expect(keysAt(LessonSchema, ['check', 0])).toEqual(['question', 'options', 'answer', 'explanation']);
    expect(keysAt(LessonSchema, ['check', 7])).toEqual(['question', 'options', 'answer', 'explanation']);
  });

  it("inside an object with a default: a person's git identities", () => {
    expect(keysAt(PersonSchema, ['git'])).toEqual(['emails', 'usernames']);
  });

  it('inside a list with a default: a contact link, a settings source', () => {
    expect(keysAt(PersonSchema, ['links', 0])).toEqual(['label', 'url']);
    expect(keysAt(GardenConfigSchema, ['sources', 0])).toEqual([
      'name',
      'path',
      'repo',
      'branch',
      'dir',
      'trust',
      'editUrl',
      'web',
      'host',
      'prefix',
      'optional',
      'include',
      'exclude',
      'fields',
      'defaults',
      'dialect',
      'layout',
      'brokenLinks',
      'unsafeHtml',
      'externalAssets',
      'translates',
      'lang',
    ]);
  });

  it('a path that is not an object, or not in the schema, has no keys', () => {
    expect(keysAt(GardenConfigSchema, ['title'])).toEqual([]);
    expect(keysAt(GardenConfigSchema, ['nope', 0])).toEqual([]);
  });
});
