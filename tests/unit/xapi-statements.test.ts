import { describe, expect, it } from 'vitest';
import { emptyProgress, markComplete, markIncomplete, recordAttempt, type Progress } from '../../src/client/store.ts';
import {
  ACTIVITY_TYPES,
  actorOf,
  anonymousActor,
  choiceResponse,
  namedActor,
  progressStatements,
  uuid,
  VERBS,
  type LessonPage,
  type StatementContext,
  experiencedNote,
} from '../../src/client/xapi-statements.ts';

const SITE = 'https://intranet.example/learning/';
let n = 0;
const ctx: StatementContext = {
  actor: anonymousActor(SITE, '0a1b2c3d-0000-4000-8000-000000000000'),
  site: SITE,
  siteTitle: 'Fernhill Learning',
  lang: 'en',
  newId: () => `id-${++n}`,
  now: () => '2026-12-02T10:00:00.000Z',
};

const lesson: LessonPage = {
  id: 'git/branches',
  path: '/learning/courses/git/branches/',
  title: 'Branches',
  course: { path: '/learning/courses/git/', title: 'Git' },
  questions: [
    { key: 'aaaa0001', text: 'Which command makes a branch?', options: ['git branch', 'git log', 'git switch -c'], correct: [0, 2] },
    { key: 'bbbb0002', text: 'Is a branch a pointer?', options: ['Yes', 'No'], correct: [0] },
  ],
};

const T = '2026-12-02T09:00:00.000Z';
const T2 = '2026-12-02T09:05:00.000Z';
const empty = emptyProgress();
const oneWrong = recordAttempt(empty, 'git/branches', 'aaaa0001', [0], false, T);
const bothAnswered = recordAttempt(oneWrong, 'git/branches', 'bbbb0002', [0], true, T);
const allRight = markComplete(recordAttempt(bothAnswered, 'git/branches', 'aaaa0001', [2, 0], true, T2), 'git/branches', T2, 'check');
const done = markComplete(empty, 'git/branches', T, 'button');

/** A statement as "verb object-after-the-site". */
const short = (p: { before: Progress; after: Progress }) =>
  progressStatements(ctx, lesson, p.before, p.after).map((s) => `${s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '')} ${s.object.id.replace(SITE, '')}`);

describe('progressStatements: what one change of progress sends', () => {
  it.each([
    ['opening the lesson (seen only)', { before: empty, after: { ...empty, lessons: { 'git/branches': { seen: T } } } }, []],
    ['"Mark as complete"', { before: empty, after: done }, ['completed courses/git/branches/']],
    ['"Mark as not complete"', { before: done, after: markIncomplete(done, 'git/branches') }, []],
    ['a first answer, the other question not yet answered', { before: empty, after: oneWrong }, ['answered courses/git/branches/#question-aaaa0001']],
    ['the last question answered, one wrong', { before: oneWrong, after: bothAnswered }, ['answered courses/git/branches/#question-bbbb0002', 'failed courses/git/branches/#check']],
    [
      'the wrong one answered again, right: passed and completed by the check',
      { before: bothAnswered, after: allRight },
      ['answered courses/git/branches/#question-aaaa0001', 'passed courses/git/branches/#check', 'completed courses/git/branches/'],
    ],
    [
      'the same answer checked again (a new attempt)',
      { before: allRight, after: recordAttempt(allRight, 'git/branches', 'bbbb0002', [0], true, T2) },
      ['answered courses/git/branches/#question-bbbb0002', 'passed courses/git/branches/#check'],
    ],
    ['another lesson changed', { before: empty, after: markComplete(empty, 'git/remotes', T, 'button') }, []],
  ])('%s', (_, change, expected) => {
    expect(short(change)).toEqual(expected);
  });

  it('answered: a choice interaction with the options, the right pattern, the response and success', () => {
    const [s] = progressStatements(ctx, lesson, empty, recordAttempt(empty, 'git/branches', 'aaaa0001', [2, 0], true, T));
    expect(s).toEqual({
      id: expect.stringMatching(/^id-/),
      actor: { objectType: 'Agent', account: { homePage: SITE, name: '0a1b2c3d-0000-4000-8000-000000000000' } },
      verb: { id: VERBS.answered, display: { 'en-US': 'answered' } },
      object: {
        objectType: 'Activity',
        id: `${SITE}courses/git/branches/#question-aaaa0001`,
        definition: {
          type: ACTIVITY_TYPES.question,
          name: { en: 'Which command makes a branch?' },
          interactionType: 'choice',
          choices: [
            { id: '0', description: { en: 'git branch' } },
            { id: '1', description: { en: 'git log' } },
            { id: '2', description: { en: 'git switch -c' } },
          ],
          correctResponsesPattern: ['0[,]2'],
        },
      },
      result: { success: true, response: '0[,]2' },
      context: {
        platform: 'Grove',
        language: 'en',
        contextActivities: {
          parent: [{ objectType: 'Activity', id: `${SITE}courses/git/branches/#check`, definition: { type: ACTIVITY_TYPES.assessment, name: { en: 'Branches: knowledge check' } } }],
          grouping: [{ objectType: 'Activity', id: SITE, definition: { type: ACTIVITY_TYPES.site, name: { en: 'Fernhill Learning' } } }],
        },
      },
      timestamp: '2026-12-02T10:00:00.000Z',
    });
  });

  it('passed/failed carry the score; completed the course as parent; each statement its own id', () => {
    const failed = progressStatements(ctx, lesson, oneWrong, bothAnswered);
    expect(failed[1]!.result).toEqual({ success: false, score: { scaled: 0.5, raw: 1, min: 0, max: 2 } });
    expect(failed[1]!.context.contextActivities.parent).toEqual([expect.objectContaining({ id: `${SITE}courses/git/branches/` })]);
    const passed = progressStatements(ctx, lesson, bothAnswered, allRight);
    expect(passed[1]!.result).toEqual({ success: true, score: { scaled: 1, raw: 2, min: 0, max: 2 } });
    expect(passed[2]!.result).toEqual({ completion: true });
    expect(passed[2]!.object.definition).toEqual({ type: ACTIVITY_TYPES.lesson, name: { en: 'Branches' } });
    expect(passed[2]!.context.contextActivities.parent).toEqual([{ objectType: 'Activity', id: `${SITE}courses/git/`, definition: { type: ACTIVITY_TYPES.course, name: { en: 'Git' } } }]);
    expect(new Set([...failed, ...passed].map((s) => s.id)).size).toBe(5);
  });
});

describe('the other statements and parts', () => {
  it('experienced: the note, no parent', () => {
    const s = experiencedNote(ctx, { path: '/learning/notes/rebase-safely/', title: 'Rebase safely' });
    expect([s.verb.id, s.object.id, s.object.definition.type, s.context.contextActivities.parent]).toEqual([VERBS.experienced, `${SITE}notes/rebase-safely/`, ACTIVITY_TYPES.note, undefined]);
  });

  it.each([
    [[0], '0'],
    [[2, 0], '0[,]2'],
    [[3, 1, 2], '1[,]2[,]3'],
  ])('choiceResponse(%j) is %j', (indexes, response) => {
    expect(choiceResponse(indexes)).toBe(response);
  });

  it.each([
    ['anonymous', {}, { objectType: 'Agent', account: { homePage: SITE, name: 'r-1' } }],
    ['anonymous', { name: 'Amina', email: 'amina@fernhill.example' }, { objectType: 'Agent', account: { homePage: SITE, name: 'r-1' } }],
    ['ask', {}, { objectType: 'Agent', account: { homePage: SITE, name: 'r-1' } }],
    ['ask', { name: 'Amina' }, { objectType: 'Agent', account: { homePage: SITE, name: 'r-1' } }],
    ['ask', { name: 'Amina', email: 'amina@fernhill.example' }, { objectType: 'Agent', name: 'Amina', mbox: 'mailto:amina@fernhill.example' }],
  ] as const)('actorOf(%s, %j): the account unless asked for and given an email', (strategy, given, actor) => {
    expect(actorOf(strategy, { id: 'r-1', ...given }, SITE)).toEqual(actor);
  });

  it('actors: an anonymous account, or a name and mbox', () => {
    expect(namedActor('amina@fernhill.example', 'Amina Haddad')).toEqual({ objectType: 'Agent', name: 'Amina Haddad', mbox: 'mailto:amina@fernhill.example' });
    expect(namedActor('amina@fernhill.example')).toEqual({ objectType: 'Agent', mbox: 'mailto:amina@fernhill.example' });
  });

  it.each([
    [new Uint8Array(16), '00000000-0000-4000-8000-000000000000'],
    [new Uint8Array(16).fill(255), 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
  ])('uuid is a version 4 UUID from random bytes', (bytes, expected) => {
    expect(uuid(() => bytes.slice())).toBe(expected);
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
