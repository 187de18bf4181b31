/**
 * The xAPI statements the site sends with the `xapi` setting (docs/lms.md, "xAPI from the site"):
 * pure functions from what happened to the statement, so every field is unit-tested
 * (tests/unit/xapi-statements.test.ts). Verbs and activity types are ADL's, as LRS reports know them.
 */
import type { Progress } from './store.ts';

export const VERBS = {
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
} as const;
export type Verb = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  note: 'https://w3id.org/xapi/acrossx/activities/webpage',
  /** The garden itself, every statement's `grouping`. */
  site: 'https://w3id.org/xapi/acrossx/activities/website',
} as const;

/** Who the statements are about. */
export type Actor = { objectType: 'Agent'; account: { homePage: string; name: string } } | { objectType: 'Agent'; name?: string; mbox: string };

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition: {
    type: string;
    name: Record<string, string>;
    interactionType?: 'choice';
    choices?: Array<{ id: string; description: Record<string, string> }>;
    correctResponsesPattern?: string[];
  };
}

export interface Statement {
  id: string;
  actor: Actor;
  verb: { id: string; display: Record<string, string> };
  object: Activity;
  result?: { completion?: boolean; success?: boolean; response?: string; score?: { scaled: number; raw: number; min: number; max: number } };
  context: { platform: 'Grove'; language: string; contextActivities: { parent?: Activity[]; grouping: Activity[] } };
  timestamp: string;
}

/** What every statement of a page shares. */
export interface StatementContext {
  actor: Actor;
  /** The site's address, ending in "/": the `grouping` activity, and what page paths resolve against. */
  site: string;
  siteTitle: string;
  /** The page's language (BCP 47), the key of every language map. */
  lang: string;
  /** A new statement id (a UUID), made by the browser so a retry never makes a second statement. */
  newId: () => string;
  now: () => string;
}

/** A page or part of one: `path` is the site path with its base (`/learning/courses/x/y/`). */
export interface Thing {
  path: string;
  title: string;
}

/** An anonymous reader: an account named by a random id under the site's home page. */
export function anonymousActor(homePage: string, id: string): Actor {
  return { objectType: 'Agent', account: { homePage, name: id } };
}

/** A reader who gave their name and email. */
export function namedActor(email: string, name?: string): Actor {
  return { objectType: 'Agent', ...(name ? { name } : {}), mbox: `mailto:${email}` };
}

/**
 * The reader in statements, by the `actor` setting: the anonymous account, or with `ask` the name
 * and email they gave on /privacy/ once they have given an email.
 */
export function actorOf(strategy: 'anonymous' | 'ask', reader: { id: string; name?: string; email?: string }, homePage: string): Actor {
  return strategy === 'ask' && reader.email ? namedActor(reader.email, reader.name) : anonymousActor(homePage, reader.id);
}

/** An absolute activity id for a site path (and fragment). */
export function activityId(ctx: Pick<StatementContext, 'site'>, path: string, fragment?: string): string {
  const u = new URL(path, ctx.site);
  u.hash = fragment ?? '';
  return u.href;
}

function activity(ctx: StatementContext, type: keyof typeof ACTIVITY_TYPES, thing: Thing, fragment?: string): Activity {
  return { objectType: 'Activity', id: activityId(ctx, thing.path, fragment), definition: { type: ACTIVITY_TYPES[type], name: { [ctx.lang]: thing.title } } };
}

function statement(ctx: StatementContext, verb: Verb, object: Activity, parent: Activity[], result?: Statement['result']): Statement {
  return {
    id: ctx.newId(),
    actor: ctx.actor,
    verb: { id: VERBS[verb], display: { 'en-US': verb } },
    object,
    ...(result ? { result } : {}),
    context: {
      platform: 'Grove',
      language: ctx.lang,
      contextActivities: { ...(parent.length ? { parent } : {}), grouping: [activity(ctx, 'site', { path: ctx.site, title: ctx.siteTitle })] },
    },
    timestamp: ctx.now(),
  };
}

/** A lesson of a course. */
export interface LessonFacts extends Thing {
  course: Thing;
}

/** "completed" a lesson (the button, or its knowledge check passed). */
export function completedLesson(ctx: StatementContext, lesson: LessonFacts): Statement {
  return statement(ctx, 'completed', activity(ctx, 'lesson', lesson), [activity(ctx, 'course', lesson.course)], { completion: true });
}

/** A knowledge-check question, as the page shows it. */
export interface QuestionFacts {
  /** Its key (src/garden/render/check.ts `questionKey`), the activity id's fragment. */
  key: string;
  text: string;
  options: string[];
  /** The indexes of the right options. */
  correct: number[];
}

/** The xAPI `choice` response of some option indexes: `0[,]2`. */
export const choiceResponse = (indexes: readonly number[]): string => [...indexes].sort((a, b) => a - b).join('[,]');

/** "answered" a question, with the answer and whether it was right. */
export function answeredQuestion(ctx: StatementContext, lesson: LessonFacts, q: QuestionFacts, answer: readonly number[], success: boolean): Statement {
  const object = activity(ctx, 'question', { path: lesson.path, title: q.text }, `question-${q.key}`);
  object.definition = {
    ...object.definition,
    interactionType: 'choice',
    choices: q.options.map((o, i) => ({ id: String(i), description: { [ctx.lang]: o } })),
    correctResponsesPattern: [choiceResponse(q.correct)],
  };
  return statement(ctx, 'answered', object, [activity(ctx, 'assessment', { path: lesson.path, title: `${lesson.title}: knowledge check` }, 'check')], {
    success,
    response: choiceResponse(answer),
  });
}

/** "passed" or "failed" a lesson's knowledge check, once every question has an answer: passed when all are right. */
export function checkResult(ctx: StatementContext, lesson: LessonFacts, right: number, total: number): Statement {
  const passed = total > 0 && right === total;
  return statement(ctx, passed ? 'passed' : 'failed', activity(ctx, 'assessment', { path: lesson.path, title: `${lesson.title}: knowledge check` }, 'check'), [activity(ctx, 'lesson', lesson)], {
    success: passed,
    score: { scaled: total ? Math.round((right / total) * 10000) / 10000 : 0, raw: right, min: 0, max: total },
  });
}

/** "experienced" a note: read to its end. */
export function experiencedNote(ctx: StatementContext, note: Thing): Statement {
  return statement(ctx, 'experienced', activity(ctx, 'note', note), []);
}

/**
 * A version 4 UUID from `getRandomValues`, which browsers have on plain-http intranet hosts too
 * (`crypto.randomUUID` needs a secure context).
 */
export function uuid(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What a lesson page tells the script: the lesson, its course and its questions. */
export interface LessonPage extends LessonFacts {
  /** The lesson's id in the progress store (`course/lesson`). */
  id: string;
  questions: QuestionFacts[];
}

/**
 * The statements one change of the reader's progress makes on a lesson page, in order: "answered"
 * for each question answered anew, then "passed" or "failed" for the check once every question has
 * an answer, then "completed" when the lesson became complete (by the button or the check).
 */
export function progressStatements(ctx: StatementContext, lesson: LessonPage, before: Progress, after: Progress): Statement[] {
  const was = before.lessons[lesson.id];
  const now = after.lessons[lesson.id];
  const out: Statement[] = [];
  let answered = false;
  for (const q of lesson.questions) {
    const a = now?.q?.[q.key];
    const b = was?.q?.[q.key];
    if (!a || (b && a.at === b.at && a.n === b.n)) continue;
    answered = true;
    out.push(answeredQuestion(ctx, lesson, q, a.a, a.ok));
  }
  const attempts = lesson.questions.map((q) => now?.q?.[q.key]);
  if (answered && attempts.every(Boolean)) out.push(checkResult(ctx, lesson, attempts.filter((a) => a!.ok).length, attempts.length));
  if (now?.done && !was?.done) out.push(completedLesson(ctx, lesson));
  return out;
}
