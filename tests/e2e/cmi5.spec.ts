/**
 * A cmi5 package against an LRS: `npm run export -- cmi5` packages the Git foundations course, the test
 * unzips it into a nested folder and serves it, and plays the LMS's part itself: it launches each AU
 * with the cmi5 launch parameters (endpoint, fetch, actor, registration, activityId), and answers as a
 * tiny LRS on another port (another origin, as a real LRS is): the auth token, the launch data, and
 * the statements, which it keeps. The test then checks the statements' verbs, their order, the
 * registration, the session and the score.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { exportAndUnzip } from './lms-export.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const CONTENT = 'lms/packages/7/';
const TOKEN = Buffer.from('learner-1:secret').toString('base64');
const SESSION = 'session-1';
const VERB = 'http://adlnet.gov/expapi/verbs/';

interface Statement {
  id: string;
  verb: { id: string };
  object: { id: string };
  actor: { account?: { name: string } };
  result?: { score?: { scaled?: number; raw?: number; max?: number }; success?: boolean; completion?: boolean };
  context: { registration: string; extensions?: Record<string, string>; contextActivities?: { category?: Array<{ id: string }> } };
}

let root: string;
let content: StaticServer;
let lrs: Server;
let lrsUrl: string;
const statements: Statement[] = [];
const unauthorised: string[] = [];
let aus: Array<{ id: string; url: string; moveOn: string }> = [];

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'grove-cmi5-'));
  exportAndUnzip(['cmi5', 'git-foundations'], join(root, 'course.zip'), join(root, CONTENT));
  writeFileSync(join(root, '404.html'), 'Not found');
  const structure = readFileSync(join(root, CONTENT, 'cmi5.xml'), 'utf8');
  aus = [...structure.matchAll(/<au id="([^"]+)" moveOn="([^"]+)"[^>]*>[\s\S]*?<url>([^<]+)<\/url>/g)].map((m) => ({ id: m[1]!, moveOn: m[2]!, url: m[3]! }));
  content = await serveStatic(root, '/');

  // The LRS: CORS for the content's origin, the token from the fetch URL, the launch data, the statements.
  lrs = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://lrs');
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'Authorization, Content-Type, X-Experience-API-Version',
        'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
        'content-type': 'application/json',
      });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') return send(204);
    if (url.pathname === '/fetch' && req.method === 'POST') return send(200, { 'auth-token': TOKEN });
    if (url.pathname.startsWith('/lrs/') && req.headers.authorization !== `Basic ${TOKEN}`) unauthorised.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/lrs/activities/state' && url.searchParams.get('stateId') === 'LMS.LaunchData') {
      const au = aus.find((a) => a.id === url.searchParams.get('activityId'));
      return send(200, {
        contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': SESSION } },
        launchMode: 'Normal',
        moveOn: au?.moveOn ?? 'Completed',
        ...(au?.moveOn === 'CompletedAndPassed' ? { masteryScore: 1 } : {}),
      });
    }
    if (url.pathname === '/lrs/agents/profile') return send(404);
    if (url.pathname === '/lrs/statements' && (req.method === 'POST' || req.method === 'PUT')) {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const got = JSON.parse(body) as Statement | Statement[];
        const list = Array.isArray(got) ? got : [got];
        statements.push(...list);
        send(
          200,
          list.map((s) => s.id ?? randomUUID()),
        );
      });
      return undefined;
    }
    return send(404);
  });
  await new Promise<void>((resolve) => lrs.listen(0, '127.0.0.1', resolve));
  lrsUrl = `http://127.0.0.1:${(lrs.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await content?.stop();
  await new Promise((resolve) => lrs?.close(resolve));
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Launches an AU as the LMS does: its URL with the launch parameters. */
async function launch(page: Page, au: { id: string; url: string }, registration: string): Promise<void> {
  const params = new URLSearchParams({
    endpoint: `${lrsUrl}lrs/`,
    fetch: `${lrsUrl}fetch`,
    actor: JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-1' } }),
    registration,
    activityId: au.id,
  });
  await page.goto(`${content.url}${CONTENT}${au.url}?${params}`);
  await expect(page.getByRole('region', { name: 'Your progress' })).toBeVisible();
}

/** Answers question `n` with its right option, or a wrong one. */
async function answer(page: Page, n: number, right: boolean): Promise<void> {
  const q = page.locator('fieldset[data-question]').nth(n);
  const correct = Number((await q.getAttribute('data-answer'))!.split(' ')[0]);
  const options = q.getByRole('radio');
  const count = await options.count();
  await options.nth(right ? correct : (correct + 1) % count).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByText(right ? 'Correct.' : 'Not quite.')).toBeVisible();
}

const verbsOf = (activity: string) => statements.filter((s) => s.object.id === activity).map((s) => s.verb.id.replace(VERB, '').replace('https://w3id.org/xapi/adl/verbs/', ''));

test('cmi5: each AU sends initialized, then completed and passed or failed with its score, then terminated', async ({ page }) => {
  expect(aus.map((a) => a.url.split('/').slice(-2)[0])).toEqual(['first-commit', 'branches', 'remotes-and-pull-requests', 'undoing-mistakes']);
  expect(aus.map((a) => a.moveOn)).toEqual(['CompletedAndPassed', 'Completed', 'Completed', 'CompletedAndPassed']);
  const registration = randomUUID();

  // Every question right: completed (by the check) and passed.
  await launch(page, aus[0]!, registration);
  await expect.poll(() => verbsOf(aus[0]!.id)).toEqual(['initialized']);
  await answer(page, 0, true);
  await answer(page, 1, true);
  await expect.poll(() => verbsOf(aus[0]!.id)).toEqual(['initialized', 'completed', 'passed']);
  await page.goto('about:blank');
  await expect.poll(() => verbsOf(aus[0]!.id)).toEqual(['initialized', 'completed', 'passed', 'terminated']);

  // No check: completed with the button.
  await launch(page, aus[1]!, registration);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await expect.poll(() => verbsOf(aus[1]!.id)).toEqual(['initialized', 'completed']);
  await page.goto('about:blank');
  await expect.poll(() => verbsOf(aus[1]!.id)).toEqual(['initialized', 'completed', 'terminated']);

  // One of three wrong: failed, with the score; then completed with the button.
  await launch(page, aus[3]!, registration);
  await answer(page, 0, true);
  await answer(page, 1, false);
  await answer(page, 2, true);
  await expect.poll(() => verbsOf(aus[3]!.id)).toEqual(['initialized', 'failed']);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await page.goto('about:blank');
  await expect.poll(() => verbsOf(aus[3]!.id)).toEqual(['initialized', 'failed', 'completed', 'terminated']);

  const passed = statements.find((s) => s.verb.id.endsWith('/passed'))!;
  expect(passed.result).toMatchObject({ success: true, score: { scaled: 1, raw: 2, max: 2 } });
  const failed = statements.find((s) => s.verb.id.endsWith('/failed'))!;
  expect(failed.result).toMatchObject({ success: false, score: { scaled: 0.667, raw: 2, max: 3 } });
  // Every statement in the launch's registration and session, by the launch's actor, with the token.
  for (const s of statements) {
    expect(s.context.registration).toBe(registration);
    expect(s.context.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe(SESSION);
    expect(s.actor.account?.name).toBe('learner-1');
    expect(s.context.contextActivities?.category?.map((c) => c.id)).toContain('https://w3id.org/xapi/cmi5/context/categories/cmi5');
  }
  expect(unauthorised).toEqual([]);
});
