/**
 * A SCORM package inside an LMS: `npm run export -- scorm` packages the sample site's Git foundations
 * course, the test unzips it into a nested folder (as an LMS does: the package must work under any
 * path) and serves it beside a harness page that plays the LMS with scorm-again, the open-source
 * runtime many LMSes embed. The harness launches each lesson (a SCO) in an iframe as the manifest
 * orders them, and keeps what each SCO sets, as an LMS does; the test completes every lesson, answers
 * the checks, then launches a lesson again with the browser's own progress gone and sees the LMS's
 * record come back: completion, score, answers and where the reader was.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrameLocator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { exportAndUnzip } from './lms-export.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the LMS unpacks the package: deep, and not at the root of the host. */
const CONTENT = 'lms/pluginfile/42/content';

// The LMS: one scorm-again API per launch, loaded with what the SCO left last time (entry "resume"),
// and every value the SCO sets kept in localStorage by SCO, as the LMS's database would.
const HARNESS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script><script src="scorm2004.min.js"></script></head>
<body><main><h1>LMS</h1><iframe title="Lesson" id="sco" style="width:1000px;height:700px"></iframe></main>
<script>
const q = new URLSearchParams(location.search);
const v = q.get('v'), sco = q.get('sco'), key = 'lms:' + v + ':' + sco;
const saved = JSON.parse(localStorage.getItem(key) || '{}');
const api = v === '2004' ? new Scorm2004API({ autocommit: false, logLevel: 5 }) : new Scorm12API({ autocommit: false, logLevel: 5 });
const nested = {};
for (const [el, value] of Object.entries(saved.values || {})) {
  const parts = el.split('.').slice(1);
  let at = nested;
  for (const p of parts.slice(0, -1)) at = at[p] ||= {};
  at[parts.at(-1)] = value;
}
const entry = saved.exit === 'suspend' ? 'resume' : '';
if (v === '2004') nested.entry = entry; else (nested.core ||= {}).entry = entry;
api.loadFromJSON(nested);
const record = { values: saved.values || {}, exit: '', calls: [] };
const keep = () => localStorage.setItem(key, JSON.stringify(record));
const prefix = v === '2004' ? '' : 'LMS';
api.on(prefix + 'SetValue.cmi.*', (el, value) => {
  if (/\\.exit$/.test(el)) record.exit = value;
  else if (!/session_time$/.test(el)) record.values[el] = value;
});
for (const name of [prefix + 'Initialize', prefix + 'Commit', v === '2004' ? 'Terminate' : 'LMSFinish']) api.on(name, () => { record.calls.push(name); keep(); });
if (v === '2004') window.API_1484_11 = api; else window.API = api;
if (q.get('href')) document.getElementById('sco').src = q.get('href');
</script></body></html>`;

interface Launch {
  item: string;
  href: string;
}

let server: StaticServer;
let root: string;
const launches: Record<string, Launch[]> = {};

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'grove-scorm-'));
  for (const version of ['1.2', '2004']) {
    const folder = join(root, CONTENT, version);
    exportAndUnzip(['scorm', 'git-foundations', '--version', version], join(root, `git-foundations-${version}.zip`), folder);
    // The launch order is the manifest's: each item's resource, by its href.
    const manifest = readFileSync(join(folder, 'imsmanifest.xml'), 'utf8');
    const hrefOf = new Map([...manifest.matchAll(/<resource identifier="([^"]+)"[^>]* href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    launches[version] = [...manifest.matchAll(/<item identifier="([^"]+)" identifierref="([^"]+)"/g)].map((m) => ({ item: m[1]!, href: `${CONTENT}/${version}/${hrefOf.get(m[2]!)}` }));
  }
  mkdirSync(join(root, 'lms'), { recursive: true });
  writeFileSync(join(root, 'lms/player.html'), HARNESS);
  writeFileSync(join(root, '404.html'), 'Not found');
  for (const f of ['scorm12.min.js', 'scorm2004.min.js']) copyFileSync(join(ROOT, 'node_modules/scorm-again/dist', f), join(root, 'lms', f));
});

test.beforeAll(async () => {
  server = await serveStatic(root, '/');
});

test.afterAll(async () => {
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Opens the harness on one lesson and returns its frame once the lesson's progress script is ready. */
async function launch(page: Page, version: string, at: Launch): Promise<FrameLocator> {
  const href = at.href.replace(/^lms\//, '');
  await page.goto(`${server.url}lms/player.html?v=${version}&sco=${at.item}&href=${encodeURIComponent(href)}`);
  const frame = page.frameLocator('#sco');
  await expect(frame.getByRole('region', { name: 'Your progress' })).toBeVisible();
  return frame;
}

/** What the LMS keeps of a SCO. */
async function recorded(page: Page, version: string, item: string): Promise<{ values: Record<string, string>; exit: string; calls: string[] }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{"values":{},"exit":"","calls":[]}'), `lms:${version}:${item}`);
}

/** Answers question `n` of the lesson with its right option, or a wrong one. */
async function answer(frame: FrameLocator, n: number, right: boolean): Promise<void> {
  const q = frame.locator('fieldset[data-question]').nth(n);
  const correct = Number((await q.getAttribute('data-answer'))!.split(' ')[0]);
  const options = q.getByRole('radio');
  const pick = right ? correct : ((await options.count()) + correct - 1) % (await options.count());
  await options.nth(pick).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByText(right ? 'Correct.' : 'Not quite.')).toBeVisible();
}

for (const version of ['1.2', '2004'] as const) {
  const v12 = version === '1.2';
  const status = v12 ? 'cmi.core.lesson_status' : 'cmi.completion_status';
  const raw = v12 ? 'cmi.core.score.raw' : 'cmi.score.raw';
  const location = v12 ? 'cmi.core.lesson_location' : 'cmi.location';

  test(`SCORM ${version}: every lesson reports its completion, checks their score, and a relaunch resumes`, async ({ page }) => {
    test.setTimeout(120_000);
    // Nothing the package loads comes from anywhere but the folder the LMS unpacked it to.
    const outside: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol !== 'about:' && (u.origin !== new URL(server.url).origin || !/^\/lms\/(player\.html|scorm(12|2004)\.min\.js|pluginfile\/)/.test(u.pathname))) outside.push(r.url());
    });
    const order = launches[version]!;
    expect(order.map((l) => l.href.split('/').slice(-2)[0])).toEqual(['first-commit', 'branches', 'remotes-and-pull-requests', 'undoing-mistakes']);

    // 1: both questions right completes the lesson by its check.
    let frame = await launch(page, version, order[0]!);
    await answer(frame, 0, true);
    await answer(frame, 1, true);
    await expect(frame.getByText(/Completed on .*, by passing its knowledge check/)).toBeVisible();
    // Where the reader is: the last heading scrolled past.
    await frame.locator('#clone-the-sandbox').evaluate((h) => h.scrollIntoView());
    await expect.poll(async () => (await recorded(page, version, order[0]!.item)).values[location], { timeout: 10_000 }).toBe('clone-the-sandbox');

    // 2 and 3: no check; the button completes them.
    for (const at of order.slice(1, 3)) {
      frame = await launch(page, version, at);
      await frame.getByRole('button', { name: 'Mark as complete' }).click();
      await expect(frame.getByText(/Completed on/)).toBeVisible();
    }

    // 4: one of three wrong, so the check does not pass; the reader completes it anyway.
    frame = await launch(page, version, order[3]!);
    await answer(frame, 0, true);
    await answer(frame, 1, false);
    await answer(frame, 2, true);
    await frame.getByRole('button', { name: 'Mark as complete' }).click();
    await expect(frame.getByText(/Completed on/)).toBeVisible();
    await page.goto('about:blank');

    await page.goto(`${server.url}lms/player.html?v=none`);
    const lms = await Promise.all(order.map((at) => recorded(page, version, at.item)));
    const done = v12 ? ['passed', 'completed', 'completed', 'completed'] : ['completed', 'completed', 'completed', 'completed'];
    expect(lms.map((r) => r.values[status])).toEqual(done);
    expect(lms.map((r) => r.values[raw])).toEqual(['100', undefined, undefined, '67']);
    if (!v12) {
      expect(lms.map((r) => r.values['cmi.success_status'])).toEqual(['passed', 'unknown', 'unknown', 'failed']);
      expect(lms.map((r) => r.values['cmi.score.scaled'])).toEqual(['1', undefined, undefined, '0.667']);
    }
    // Every launch ended properly, suspended so that it can resume.
    for (const r of lms) {
      expect(r.calls.at(-1)).toBe(v12 ? 'LMSFinish' : 'Terminate');
      expect(r.exit).toBe('suspend');
    }

    expect(outside).toEqual([]);

    // The browser forgets (another device); the LMS does not.
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('grove.')) localStorage.removeItem(k);
    });
    frame = await launch(page, version, order[0]!);
    await expect(frame.getByText(/Completed on .*, by passing its knowledge check/)).toBeVisible();
    await expect(frame.locator('fieldset[data-question]').nth(1).getByText('Correct.')).toBeVisible();
    await expect(frame.locator('#clone-the-sandbox')).toBeInViewport();
    frame = await launch(page, version, order[3]!);
    await expect(frame.locator('fieldset[data-question]').nth(1).getByText('Not quite.')).toBeVisible();
    await expect(frame.getByText(/Completed on/)).toBeVisible();
  });
}
