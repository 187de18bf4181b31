/**
 * The content model in one place. Every kind (path, course, lesson, note, topic, person) has its
 * schema, field by field with defaults, in `src/garden/content/schemas.ts`, where the engine and its tests
 * use it without Astro. Astro sees one collection, `pages`: one loader reads every source once,
 * checks every link against the whole garden, and renders each page (see docs/architecture.md).
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { gardenLoader } from './collections/garden-loader.ts';
import { KINDS } from './garden/content/schemas.ts';

export { PathSchema, CourseSchema, LessonSchema, NoteSchema, TopicSchema, PersonSchema } from './garden/content/schemas.ts';

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
