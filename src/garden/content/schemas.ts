/**
 * The content model: one schema per kind of page. Each field says what it does in `.meta({ description })`,
 * and its default in words (`defaultText`) when the default is not a value the schema holds; the
 * frontmatter reference in docs/writing-content.md and the editors' JSON Schemas in schemas/frontmatter/
 * are generated from the schemas (`npm run docs`, src/garden/commands/schema-docs.ts).
 * A field holding ids of other pages says of which kind (`references`): the CMS's forms pick them from
 * the pages that exist (src/garden/commands/cms-config.ts).
 * Formal kinds (path, course, lesson) are strict: an unknown key is a typo until proven otherwise.
 * Notes accept any extra keys, because notes come from editors and vaults that add their own.
 */
import { z } from 'zod';
import { closest } from '../core/near.ts';
import { LANGUAGE_TAG } from '../settings/config.ts';

import { KINDS, type Kind } from '../core/kinds.ts';

// The kinds themselves are declared in kinds.ts, with every other fact about each.
export { KINDS, type Kind };

/** The kinds of note, from a quick tip to a reference page. */
export const NOTE_KINDS = ['note', 'how-to', 'tip', 'question', 'til', 'reference'] as const;
/** How grown a note is: written quickly, being improved, or reviewed and stable. */
export const STAGES = ['seedling', 'budding', 'evergreen'] as const;
/** Course levels, from first contact to depth. */
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

/** A BCP 47 language tag, as far as Grove checks one (`de`, `he`, `pt-BR`). */
export const LANG_TAG = LANGUAGE_TAG;

const text = z.string().trim().min(1, 'must not be empty');
/** A list of ids; a single string is accepted as a list of one, as people write `topics: git`. */
const idList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(text)).default([]);
/** The schemes a person's contact link may have: the web, mail and telephone, nothing that runs code or opens an app. */
const LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'];
/**
 * A link people follow from a page (a chat or contact link): an absolute web, mail or telephone
 * address. An allowlist, not a list of bad schemes: besides `javascript:` and `data:`, any scheme an
 * installed app registers opens that app (`ms-msdt:` ran code on Windows, CVE-2022-30190). The scheme
 * is read as a browser reads it, ignoring leading spaces and control characters, tabs and newlines.
 */
const link = text.check(
  z.superRefine<string>((v, ctx) => {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''))?.[1]?.toLowerCase();
    if (scheme && LINK_SCHEMES.includes(scheme)) return;
    ctx.addIssue({
      code: 'custom',
      input: v,
      message: `expected a web, mail or telephone address (https:, http:, mailto: or tel:), got ${JSON.stringify(v)}; for a chat, give its web link (https://…)`,
    });
  }),
);
const textList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(text)).default([]);

/** A page's language (every kind has it): a note in another language, or, with `translationOf`, a translation. */
const lang = z
  .string()
  .regex(LANG_TAG, 'expected a language tag such as de, he or pt-BR')
  .optional()
  .meta({ description: "Its language as a BCP 47 tag (de, he, pt-BR) when not the site's; sets direction and hyphenation.", defaultText: "the site's" });
/** The page a translation translates, by id, of the same kind (docs/languages.md). */
const translationOf = (kind: Kind) =>
  text.optional().meta({
    description: `The id of the ${kind} this page translates, into its \`lang\` (one of the settings' \`locales\`); a file in \`<locale>/\` needs none.`,
    defaultText: 'none: an original',
    references: kind,
  });

/** A calendar date written `YYYY-MM-DD` (YAML may hand it over as a Date already). */
export const DateSchema = z.union([z.date(), z.string()], { error: (i) => (i.input === undefined ? undefined : 'expected a date written YYYY-MM-DD, such as 2026-03-14') }).transform((v, ctx) => {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date (write YYYY-MM-DD)' });
      return z.NEVER;
    }
    return v.toISOString().slice(0, 10);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) {
    ctx.addIssue({ code: 'custom', message: `expected a date written YYYY-MM-DD, got "${v}"` });
    return z.NEVER;
  }
  return v.trim();
});

/** Minutes, from a number (`15`) or words (`"15 min"`, `"1h 30m"`, `"1.5 hours"`). */
export const DurationSchema = z.union([z.number(), z.string()], { error: (i) => (i.input === undefined ? undefined : 'expected minutes such as 15, "20 min" or "1h 30m"') }).transform((v, ctx) => {
  const minutes = typeof v === 'number' ? v : parseDuration(v);
  if (minutes === undefined || !Number.isFinite(minutes) || Math.round(minutes) <= 0) {
    ctx.addIssue({ code: 'custom', message: `expected minutes such as 15, "20 min" or "1h 30m", got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return Math.round(minutes);
});

/** Parses `"20 min"`, `"1h 30m"`, `"1.5 hours"`, `"45"` into minutes; undefined when it is not a duration. */
export function parseDuration(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  // A number starts where digits start (`(?<![\d.])`): tried from every digit, 40,000 digits took 4 s.
  const re = /(?<![\d.])(\d+(?:\.\d+)?)\s*(hours|hour|hrs|hr|h|minutes|minute|mins|min|m)(?![a-z])/g;
  let total = 0;
  let found = false;
  for (const m of t.matchAll(re)) {
    total += Number(m[1]) * (m[2]!.startsWith('h') ? 60 : 1);
    found = true;
  }
  // Whatever is left may only be separators: spaces, commas and the word "and".
  const rest = t
    .replace(re, ' ')
    .replace(/\band\b/g, ' ')
    .replace(/[\s,]+/g, '');
  return found && rest === '' ? total : undefined;
}

/** One knowledge-check question, written in a lesson's frontmatter. */
export const QuestionFields = z.strictObject({
  question: text.meta({ description: 'The question as the reader sees it.' }),
  // `.refine`, not `.min`: zod runs a length check even on a value that is not a list, so `options: a`
  // was reported twice ("expected a list" and "needs at least two options").
  options: z
    .array(z.union([text, z.number().transform(String)]))
    .refine((o) => o.length >= 2, 'needs at least two options')
    .meta({ description: 'The choices, in the order shown: at least two, no duplicates.' }),
  answer: z
    .union([text, z.number().transform(String), z.array(z.union([text, z.number().transform(String)])).refine((a) => a.length >= 1, 'needs at least one correct answer')])
    .meta({ description: 'The correct option, or a list of them for a multiple-choice question.' }),
  explanation: text.optional().meta({ description: 'Shown after an answer, right or wrong.' }),
});

/** A question whose answers are among its options, which are all different. */
export const QuestionSchema = QuestionFields.superRefine((q, ctx) => {
  const seen = new Set<string>();
  for (const o of q.options) {
    if (seen.has(o)) ctx.addIssue({ code: 'custom', path: ['options'], message: `lists "${o}" twice; remove the second one`, input: q.options });
    seen.add(o);
  }
  for (const a of Array.isArray(q.answer) ? q.answer : [q.answer]) {
    if (!seen.has(a)) {
      const near = closest(a, q.options, 1);
      const options = q.options.map((o) => `"${o}"`).join(', ');
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `"${a}" is not one of the options (${near.length ? `did you mean "${near[0]}"? ` : ''}options: ${options})`, input: a });
    }
  }
});

/** A learning path: an ordered list of courses for an audience. File: `paths/<id>.md`. */
export const PathSchema = z.strictObject({
  title: text.meta({ description: "The path's name." }),
  courses: z.array(text).min(1, 'a path needs at least one course').meta({ description: 'The courses to take, in order, by course id.', references: 'course' }),
  summary: text.optional().meta({ description: 'One or two sentences shown in lists.' }),
  audience: text.optional().meta({ description: 'Who the path is for ("new engineers").' }),
  outcomes: textList.meta({ description: 'What a learner can do after the path.' }),
  topics: idList.meta({ description: 'Topic ids this path belongs to.', references: 'topic' }),
  owners: idList.meta({ description: 'Person ids who maintain the path and review changes to it.', references: 'person' }),
  updated: DateSchema.optional().meta({ description: 'Overrides the "last updated" date from git history.' }),
  lang,
  translationOf: translationOf('path'),
});

/** A course: a folder `courses/<id>/` with `index.md` for these fields and one file per lesson. */
export const CourseSchema = z.strictObject({
  title: text.meta({ description: "The course's name." }),
  summary: text.optional().meta({ description: 'One or two sentences shown in lists.' }),
  objectives: textList.meta({ description: 'What a learner can do after the course.' }),
  prerequisites: idList.meta({ description: 'Course ids to take first; they may not form a cycle.', references: 'course' }),
  level: z.enum(LEVELS).default('beginner').meta({ description: 'How deep the course goes.' }),
  topics: idList.meta({ description: 'Topic ids this course belongs to.', references: 'topic' }),
  owners: idList.meta({ description: 'Person ids who maintain the course and review changes to it.', references: 'person' }),
  lessons: idList.meta({ description: 'Lesson order by lesson slug; overrides `order` and file-name prefixes.', defaultText: 'by those' }),
  updated: DateSchema.optional().meta({ description: 'Overrides the "last updated" date from git history.' }),
  lang,
  translationOf: translationOf('course'),
});

/** A lesson: any other file in a course folder, ordered by `order` or its numeric file-name prefix. */
export const LessonSchema = z.strictObject({
  title: text.meta({ description: "The lesson's name." }),
  order: z.number().optional().meta({ description: 'Position in the course.', defaultText: 'the file-name prefix (`02-branches.md` → 2)' }),
  duration: DurationSchema.optional().meta({ description: 'Minutes to take it: `15`, `"20 min"`, `"1h 30m"`.', defaultText: 'estimated from the words (200 a minute) and questions' }),
  objectives: textList.meta({ description: 'What a learner can do after the lesson.' }),
  topics: idList.meta({ description: "Topic ids this lesson belongs to, besides its course's.", references: 'topic' }),
  notes: idList.meta({ description: 'Note ids to read alongside the lesson.', references: 'note' }),
  check: z
    .array(QuestionSchema)
    .default([])
    .meta({ description: 'A knowledge check: questions answered at the end of the lesson.' }),
  summary: text.optional().meta({ description: 'One or two sentences shown in lists.' }),
  updated: DateSchema.optional().meta({ description: 'Overrides the "last updated" date from git history.' }),
  lang,
  translationOf: translationOf('lesson'),
});

/** A note: any Markdown file in `notes/`; no field is required, not even frontmatter. */
export const NoteSchema = z.looseObject({
  title: text.optional().meta({ description: "The note's title.", defaultText: 'its first `# heading`, else its file name' }),
  summary: text.optional().meta({ description: 'One or two sentences shown in lists.' }),
  kind: z.enum(NOTE_KINDS).default('note').meta({ description: 'What sort of note it is.' }),
  stage: z
    .enum(STAGES)
    .default('seedling')
    .meta({
      description: 'How grown it is: seedling (new), budding (improving) or evergreen (reviewed).',
      defaultText: "`seedling`; in a `notes` layout source none (no stage is shown), unless the source's `defaults.stage` says otherwise",
    }),
  topics: idList.meta({ description: 'Topic ids; an unknown one creates the topic.', references: 'topic' }),
  tags: idList.meta({ description: 'Same as `topics`, as note-taking tools write it.', references: 'topic' }),
  authors: idList.meta({ description: 'Person ids (or plain names) of who wrote it.', references: 'person' }),
  lessons: idList.meta({ description: 'Related lessons, as `course/lesson`.', references: 'lesson' }),
  aliases: textList.meta({ description: 'Other names the note is known by; `[[an alias]]` links to it.' }),
  reviewed: DateSchema.optional().meta({ description: 'When an expert last checked it.', defaultText: 'never' }),
  lang,
  translationOf: translationOf('note'),
  created: DateSchema.optional().meta({ description: 'Overrides the "created" date from git history.' }),
  updated: DateSchema.optional().meta({ description: 'Overrides the "last updated" date from git history.' }),
});

/** A topic: `topics/<id>.md`; topics named by notes but without a file are created for them. */
export const TopicSchema = z.strictObject({
  title: text.meta({ description: "The topic's name." }),
  summary: text.optional().meta({ description: 'One or two sentences shown in lists.' }),
  aliases: textList.meta({ description: 'Other names people search for or link with (`vcs` for git).' }),
  parent: text.optional().meta({ description: 'The broader topic id.', defaultText: 'none (a top-level topic)', references: 'topic' }),
  lang,
  translationOf: translationOf('topic'),
});

/** A contact link on a person's page. */
const LinkSchema = z.strictObject({
  label: text.meta({ description: 'What the link is ("Team page").' }),
  url: link.meta({ description: 'Where it goes: an https:, http:, mailto: or tel: address.' }),
});

/** A person: `people/<id>.md`, someone to learn from or ask. */
export const PersonSchema = z.strictObject({
  name: text.meta({ description: 'Full name.' }),
  role: text.optional().meta({ description: 'Job title.' }),
  team: text.optional().meta({ description: 'Team or department.' }),
  expertise: idList.meta({ description: 'Topic ids they know well.', references: 'topic' }),
  email: text.optional().meta({ description: 'E-mail address for questions.' }),
  chat: link.optional().meta({ description: 'Chat link for questions: its web address (https://…).' }),
  links: z
    .array(LinkSchema)
    .default([])
    .meta({ description: 'Further contact links.' }),
  git: z
    .strictObject({
      emails: textList.meta({ description: 'Commit e-mail addresses.' }),
      usernames: textList.meta({ description: 'Usernames on the git host.' }),
    })
    .default({ emails: [], usernames: [] })
    .meta({ description: 'Git identities, to credit their commits.' }),
  lang,
  translationOf: translationOf('person'),
});

/** The schema for each kind. */
export const SCHEMAS = {
  path: PathSchema,
  course: CourseSchema,
  lesson: LessonSchema,
  note: NoteSchema,
  topic: TopicSchema,
  person: PersonSchema,
} as const;

/** A path's validated frontmatter. */
export type PathData = z.output<typeof PathSchema>;
/** A course's validated frontmatter. */
export type CourseData = z.output<typeof CourseSchema>;
/** A lesson's validated frontmatter. */
export type LessonData = z.output<typeof LessonSchema>;
/** A stage of growth. */
export type Stage = (typeof STAGES)[number];
/**
 * A note's validated frontmatter. `stage` may be absent: a source whose `defaults.stage` is `none`
 * (a `notes` layout, by default) gives a note that names no stage none, and it shows none.
 */
export type NoteData = z.output<typeof NoteDataShape>;
/** The note schema with `stage` optional: the type of the data a note holds (readEntry drops the default stage where a source's is none). */
export const NoteDataShape = NoteSchema.extend({ stage: z.enum(STAGES).optional() });
/** A topic's validated frontmatter. */
export type TopicData = z.output<typeof TopicSchema>;
/** A person's validated frontmatter. */
export type PersonData = z.output<typeof PersonSchema>;
/** One knowledge-check question. */
export type Question = z.output<typeof QuestionSchema>;
/** Validated frontmatter of any kind. */
export type DataOf<K extends Kind> = K extends 'note' ? NoteData : z.output<(typeof SCHEMAS)[K]>;
