/**
 * The repository's workflows are part of the product: each is parsed and held to the rules that keep
 * CI safe and honest — least permissions, actions pinned to full commit SHAs, a time limit on every
 * job, and only `npm run` scripts that exist. The content check is run exactly as CI runs it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, '.github', 'workflows');
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; id?: string };
type Job = { 'runs-on'?: string; 'timeout-minutes'?: number; permissions?: Record<string, string> | string; steps?: Step[]; needs?: string | string[] };
type Workflow = { name?: string; on?: Record<string, unknown>; permissions?: Record<string, string> | string; jobs: Record<string, Job> };

const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (f: string) => readFileSync(join(dir, f), 'utf8');
const load = (f: string) => parseYaml(text(f)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);

// Scopes a job may be given, and the most each may have. Anything else is a finding.
const ALLOWED_SCOPES: Record<string, readonly string[]> = {
  contents: ['read', 'write'],
  'pull-requests': ['write'],
  pages: ['write'],
  'id-token': ['write'],
};

describe('the workflows', () => {
  it('are the three the project documents', () => {
    expect(files).toEqual(['ci.yml', 'deploy.yml', 'sources.yml']);
  });

  it.each(files)('%s: read-only by default, more only per job and only what it needs', (f) => {
    const w = load(f);
    expect(w.permissions, 'top-level permissions').toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(w.jobs)) {
      if (job.permissions === undefined) continue;
      expect(typeof job.permissions, `${name}: permissions as a mapping, never read-all/write-all`).toBe('object');
      for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
        expect(ALLOWED_SCOPES[scope] ?? [], `${f} ${name}: ${scope}: ${level}`).toContain(level);
      }
    }
  });

  it.each(files)('%s: every action is pinned to a full commit SHA, with its version in a comment', (f) => {
    const uses = steps(load(f)).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u, f).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    for (const line of text(f)
      .split('\n')
      .filter((l) => /^\s*(- )?uses:/.test(l)))
      expect(line, f).toMatch(/@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });

  it.each(files)('%s: every job has a time limit of at most an hour', (f) => {
    for (const [name, job] of Object.entries(load(f).jobs)) {
      expect(job['timeout-minutes'], `${f} ${name}`).toBeTypeOf('number');
      expect(job['timeout-minutes']!, `${f} ${name}`).toBeLessThanOrEqual(60);
    }
  });

  it.each(files)('%s: every `npm run` it calls is a script in package.json, and installs use the lock file', (f) => {
    const runs = steps(load(f)).flatMap((s) => (s.run ? [s.run] : []));
    const called = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(called.length).toBeGreaterThan(0);
    for (const s of called) expect(scripts, `${f} calls npm run ${s}`).toContain(s);
    for (const r of runs) expect(r, `${f}: install with npm ci, never npm install`).not.toMatch(/npm (install|i)\b/);
  });

  it('ci.yml: on pull requests, the content check as annotations, a build with full history, unit and browser tests, a preview artifact', () => {
    const w = load('ci.yml');
    expect(Object.keys(w.on ?? {})).toContain('pull_request');
    const runs = steps(w).map((s) => s.run ?? '');
    expect(runs).toContain('npm run check -- --format github');
    expect(runs).toEqual(expect.arrayContaining(['npm run build', 'npm run test:unit', 'npm run test:e2e', 'npm run typecheck', 'npm run lint']));
    const build = w.jobs.build!.steps!;
    expect(build.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    expect(build.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.path).toBe('dist/');
    for (const s of steps(w).filter((x) => x.uses?.startsWith('actions/setup-node@'))) expect(s.with?.cache).toBe('npm');
  });

  it('deploy.yml: builds main with full history; only the deploy job may write to Pages', () => {
    const w = load('deploy.yml');
    expect(w.on?.push).toEqual({ branches: ['main'] });
    expect(w.jobs.build!.permissions).toBeUndefined();
    expect(w.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(w.jobs.deploy!.needs).toBe('build');
    expect(w.jobs.build!.steps!.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
  });

  it('sources.yml: on a schedule, syncs with --update and proposes only the lock file', () => {
    const w = load('sources.yml');
    expect((w.on?.schedule as Array<{ cron: string }>)[0]!.cron).toMatch(/^[\d*/,-]+( [\d*/,-]+){4}$/);
    expect(steps(w).map((s) => s.run)).toContain('npm run sync -- --update');
    const pr = steps(w).find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
    expect(pr?.with?.['add-paths']).toBe('garden.lock.json');
  });

  it('the pull request template and the issue forms are there and well-formed', () => {
    const gh = join(root, '.github');
    expect(readFileSync(join(gh, 'PULL_REQUEST_TEMPLATE.md'), 'utf8')).toMatch(/- \[ \] `npm run check` passes/);
    const forms = readdirSync(join(gh, 'ISSUE_TEMPLATE'))
      .filter((f) => f !== 'config.yml')
      .sort();
    expect(forms).toEqual(['ask-an-expert.yml', 'outdated.yml', 'propose-course.yml']);
    for (const f of forms) {
      const form = parseYaml(readFileSync(join(gh, 'ISSUE_TEMPLATE', f), 'utf8')) as { name: string; description: string; body: Array<{ type: string; id?: string }> };
      expect(form.name && form.description, f).toBeTruthy();
      expect(form.body.length, f).toBeGreaterThan(0);
      const ids = form.body.map((b) => b.id);
      expect(new Set(ids).size, `${f}: field ids are unique`).toBe(ids.length);
    }
  });

  it('the content check runs as CI runs it, and passes on the sample garden', { timeout: 60_000 }, () => {
    const line = steps(load('ci.yml')).find((s) => s.run?.startsWith('npm run check'))!.run!;
    const args = line.replace(/^npm run check -- /, '').split(' ');
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'check.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, GARDEN_CONFIG: '' } });
    expect(out).not.toMatch(/^::error/m);
    expect(out).toMatch(/^✓ Checked \d+ pages in [\d.]+ s: no problems\.$/m);
  });
});
