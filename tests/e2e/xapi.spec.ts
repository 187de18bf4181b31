/**
 * xAPI from the site (#17, docs/lms.md "xAPI from the site"): a tiny garden with the `xapi` setting
 * (tests/fixtures/xapi/: one course of two lessons, one with a check, and a note) is built against a
 * test LRS the test serves on another origin, as a real LRS is: it answers CORS, checks the Basic
 * credential and keeps every statement it is sent. The test completes a lesson, answers the check,
 * reads the note, and does it again offline, and checks the verbs, objects and that each statement
 * arrives once. Also: the notice and /privacy/, and that the shared sample build, without the
 * setting, has none of it.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, '.grove', 'e2e-xapi');
const VERB = 'http://adlnet.gov/expapi/verbs/';
const AUTH = `Basic ${Buffer.from('statement-writer:public-by-design').toString('base64')}`;

interface Statement {
  id: string;
  actor: { account?: { homePage: string; name: string }; mbox?: string };
  verb: { id: string };
  object: { id: string; definition: { type: string; name: Record<string, string>; choices?: unknown[]; correctResponsesPattern?: string[] } };
  result?: { completion?: boolean; success?: boolean; response?: string; score?: { raw: number; max: number; scaled: number } };
  context: { contextActivities: { parent?: Array<{ id: string }>; grouping: Array<{ id: string }> } };
}

let site: StaticServer;
let lrs: Server;
/** Every statement the LRS was sent, in order, duplicates included. */
const received: Statement[] = [];
const refused: string[] = [];
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  lrs = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'Authorization, Content-Type, X-Experience-API-Version');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/xapi/statements' || req.headers.authorization !== AUTH || req.headers['x-experience-api-version'] !== '1.0.3') {
        refused.push(`${req.method} ${req.url} ${req.headers.authorization}`);
        return res.writeHead(401).end();
      }
      const batch = JSON.parse(body) as Statement[];
      received.push(...batch);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(batch.map((s) => s.id)));
    });
  });
  await new Promise<void>((resolve) => lrs.listen(0, '127.0.0.1', resolve));
  // "localhost" for the LRS, 127.0.0.1 for the site: two origins.
  const lrsUrl = `http://localhost:${(lrs.address() as AddressInfo).port}/xapi/`;
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GARDEN_CONFIG: join(root, 'tests/fixtures/xapi/garden.config.mjs'),
      GROVE_TEST_LRS: lrsUrl,
      GROVE_OUT_DIR: join(out, 'dist'),
      GROVE_CACHE_DIR: join(out, 'cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
  });
  if (r.status !== 0) throw new Error(`the xAPI garden did not build:\n${r.stdout}\n${r.stderr}`);
  site = await serveStatic(join(out, 'dist'), '/learning/');
});

test.afterAll(async () => {
  await site?.stop();
  await new Promise((resolve) => lrs?.close(resolve));
});

const at = (path: string) => new URL(path, site.url).href;
const verbs = (list: Statement[]) => list.map((s) => `${s.verb.id.replace(VERB, '')} ${s.object.id.replace(site.url, '')}`);

/** Waits until the LRS holds `n` statements more than `from`, and returns those. */
async function newStatements(from: number, n: number): Promise<Statement[]> {
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(from + n);
  return received.slice(from);
}

/** Opens a page, with the notice dismissed (its own test looks at it). */
async function open(page: Page, path: string) {
  await page.goto(at(path));
  const ok = page.locator('[data-xapi-notice] [data-xapi-ok]');
  if (await ok.isVisible()) await ok.click();
}

test('the notice says what is sent on the first visit, links to /privacy/, and goes once dismissed; /privacy/ can stop it', async ({ page }) => {
  await page.goto(at(''));
  const notice = page.getByRole('region', { name: 'Learning records' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('the lessons you complete, your answers to knowledge checks and the notes you read');
  await notice.getByRole('link', { name: /What is sent/ }).click();
  await expect(page).toHaveURL(at('privacy/'));
  await expect(page.getByRole('heading', { name: 'Your learning records' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('answered');
  await expectNoSeriousA11yViolations(page);
  const id = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('grove.xapi.reader:'))!)!).id as string);
  await expect(page.locator('[data-xapi-who]')).toContainText(id);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(notice).toBeHidden();
  await page.goto(at('notes/'));
  await expect(page.locator('[data-xapi-notice]')).toBeHidden();
  // Only the notice and the page: nothing was sent for opening them.
  expect(received).toEqual([]);
  // The reader who says no: nothing is sent from this browser (each test has a browser of its own).
  await page.goto(at('privacy/'));
  await page.getByLabel('Send no learning records from this browser').check();
  await page.goto(at('courses/tiny-course/first/'));
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await expect(page.getByText(/^Completed on/)).toBeVisible();
  await page.waitForTimeout(500);
  expect(received).toEqual([]);
});

test('completing a lesson, answering its check and reading a note send completed, answered, failed/passed and experienced', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
  });

  await open(page, 'courses/tiny-course/first/');
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  const [completed] = await newStatements(0, 1);
  expect(verbs([completed!])).toEqual(['completed courses/tiny-course/first/']);
  expect(completed!.result).toEqual({ completion: true });
  expect(completed!.object.definition).toMatchObject({ type: 'http://adlnet.gov/expapi/activities/lesson', name: { en: 'First lesson' } });
  expect(completed!.context.contextActivities.parent).toEqual([expect.objectContaining({ id: at('courses/tiny-course/') })]);
  expect(completed!.context.contextActivities.grouping).toEqual([expect.objectContaining({ id: site.url })]);
  // An anonymous account under the site, the same on every statement of this browser.
  expect(completed!.actor.account?.homePage).toBe(site.url);
  expect(completed!.actor.account?.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  await open(page, 'courses/tiny-course/second/');
  const sky = page.locator('fieldset[data-question]').nth(0);
  const even = page.locator('fieldset[data-question]').nth(1);
  await sky.getByLabel('Green').check();
  await sky.getByRole('button', { name: 'Check answer' }).click();
  await even.getByLabel('2', { exact: true }).check();
  await even.getByLabel('4', { exact: true }).check();
  await even.getByRole('button', { name: 'Check answer' }).click();
  const firstTry = await newStatements(1, 3);
  const q = (s: Statement) => s.object.id.replace(/#.*/, '');
  expect(verbs(firstTry).map((v) => v.replace(/#question-[0-9a-f]+$/, '#question'))).toEqual([
    'answered courses/tiny-course/second/#question',
    'answered courses/tiny-course/second/#question',
    'failed courses/tiny-course/second/#check',
  ]);
  expect(firstTry.map(q)).toEqual(Array(3).fill(at('courses/tiny-course/second/')));
  expect(firstTry[0]!.result).toEqual({ success: false, response: '0' });
  expect(firstTry[0]!.object.definition).toMatchObject({ interactionType: 'choice', correctResponsesPattern: ['1'], name: { en: 'Which colour is the sky on a clear day?' } });
  expect(firstTry[1]!.result).toEqual({ success: true, response: '0[,]2' });
  expect(firstTry[2]!.result).toEqual({ success: false, score: { scaled: 0.5, raw: 1, min: 0, max: 2 } });

  await sky.getByLabel('Blue').check();
  await sky.getByRole('button', { name: 'Check answer' }).click();
  const secondTry = await newStatements(4, 3);
  expect(verbs(secondTry).map((v) => v.replace(/#question-[0-9a-f]+$/, '#question'))).toEqual([
    'answered courses/tiny-course/second/#question',
    'passed courses/tiny-course/second/#check',
    'completed courses/tiny-course/second/',
  ]);
  expect(secondTry[0]!.object.id).toBe(firstTry[0]!.object.id);
  expect(secondTry[1]!.result).toEqual({ success: true, score: { scaled: 1, raw: 2, min: 0, max: 2 } });

  await open(page, 'notes/a-short-note/');
  const [read] = await newStatements(7, 1);
  expect(verbs([read!])).toEqual(['experienced notes/a-short-note/']);
  expect(read!.object.definition.name).toEqual({ en: 'A short note' });

  expect(new Set(received.map((s) => s.actor.account?.name)).size).toBe(1);
  expect(errors).toEqual([]);
  expect(refused).toEqual([]);
});

test('offline, statements wait in the browser; back online they are sent, each once', async ({ page, context }) => {
  // A new browser context: a new reader, whose progress is empty.
  await open(page, 'courses/tiny-course/first/');
  const before = received.length;
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  const queued = () => page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('grove.xapi.queue:'))!) ?? '{}').items?.length as number);
  await expect.poll(queued).toBe(1);
  expect(received.length).toBe(before);

  await context.setOffline(false);
  const [sent] = await newStatements(before, 1);
  expect(verbs([sent!])).toEqual(['completed courses/tiny-course/first/']);
  await expect.poll(queued).toBe(0);
  // Every statement arrived once: no id twice, however the sends went.
  const ids = received.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  // And none was kept by the service worker.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
  expect(cached.filter((u) => u.includes('/xapi/'))).toEqual([]);
  // A reload sends nothing again.
  await page.reload();
  await page.waitForTimeout(500);
  expect(received.length).toBe(before + 1);
});

test('without the setting (the shared sample build) no page has any of it', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  for (const path of ['', 'courses/git-foundations/first-commit/', 'notes/commit-message-style/']) {
    await page.goto(path);
    const html = await page.content();
    expect(html).not.toMatch(/xapi/i);
    expect(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')).toContain("connect-src 'self';");
  }
  expect((await page.goto('privacy/'))?.status()).toBe(404);
  expect(requests.filter((u) => /xapi/i.test(u))).toEqual([]);
});
