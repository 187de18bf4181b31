/**
 * The content model in one place. Every kind (path, course, lesson, note, topic, person) has its
 * schema, field by field with defaults, in `src/garden/content/schemas.ts`, where the engine and its tests
 * use it without Astro. Astro sees one collection, `pages`: one loader reads every source once,
 * checks every link against the whole garden, and renders each page (see docs/architecture.md).
 */
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';

/**
 * The loader, the engine behind it and the schemas are imported by Node itself (it strips the
 * types), not through Vite's module runner: astro.config.mjs has already loaded most of the engine
 * that way, and Vite transformed each module again, one after the other, on every build (with the
 * runtime `astro:content` pulls in, 2-3 s of a 10-12 s rebuild with nothing changed at 10,000 pages).
 * A `Function` body is not rewritten by Vite, so its `import()` is Node's. Nothing the loader uses
 * needs Vite (no `astro:` modules, no `import.meta.env`); `defineCollection` is Astro's own, from
 * its public `astro/content/config`.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
const native = <T>(path: string) => nativeImport(new URL(path, import.meta.url).href) as Promise<T>;
const { gardenLoader } = await native<typeof import('./collections/garden-loader.ts')>('./collections/garden-loader.ts');
const schemas = await native<typeof import('./garden/content/schemas.ts')>('./garden/content/schemas.ts');
const { KINDS } = schemas;

export const { PathSchema, CourseSchema, LessonSchema, NoteSchema, TopicSchema, PersonSchema } = schemas;

/** Every garden page: its kind and id (the frontmatter lives in the garden model) and its links. */
const pages = defineCollection({
  loader: gardenLoader(),
  schema: z.object({
    /** The kind of page. */
    kind: z.enum(KINDS),
    /** Its id within its kind. */
    id: z.string(),
    /** A translation's language (it has its original's id); none for an original. */
    lang: z.string().optional(),
    /** What its HTML depends on besides the set of pages links could point to (code, file, embeds, source settings): part of its page key. */
    rendering: z.string().default(''),
    /** A Markdown page's rendered HTML: its file in the build cache (src/collections/page-html.ts). MDX pages have none. */
    html: z.string().optional(),
    /** Pages it links to, as `kind:id`. */
    links: z.array(z.string()),
    /** Broken links allowed as warnings (`brokenLinks: 'warn'`), kept so a cached page still reports them. */
    warnings: z.array(z.object({ file: z.string(), line: z.number().optional(), message: z.string(), hint: z.string().optional() })).default([]),
  }),
});

export const collections = { pages };
