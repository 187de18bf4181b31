/**
 * Stage "sources": git repositories are cloned or fetched into an ignored cache and checked out at
 * the commit recorded in a lock file (`garden.lock.json`, committed like a package lock), so a build
 * is reproducible and works without the network once synced. A failed sync never deletes the cache.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { cacheDirOf, sourcesOf, type GardenConfig, type Source } from '../settings/config.ts';
import { GitError, git, gitAsync } from './git.ts';
import type { Problem } from '../core/problems.ts';

/**
 * A repository URL (or a message holding one) without its secret, for messages, logs and the lock
 * file, which is committed: the password or token of `https://bot:ghp_…@host/…` becomes `***`, as
 * does the whole user part of an http(s) URL (`https://ghp_…@github.com/…` is a token too).
 */
export function redactUrl(text: string): string {
  return text.replace(/\b(https?:\/\/)[^/\s@]+@/gi, '$1***@').replace(/\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+):[^/\s@]*@/gi, '$1:***@');
}

/** The lock file: the resolved commit of every git source. */
export interface LockFile {
  version: 1;
  sources: Record<string, { repo: string; branch: string; commit: string }>;
}

/** Where the lock file of these settings is: beside the settings file. */
export function lockPathOf(config: Pick<GardenConfig, 'root'>): string {
  return join(config.root, 'garden.lock.json');
}

/** Reads the lock file; an empty lock when there is none. */
export function readLock(file: string): LockFile {
  if (!existsSync(file)) return { version: 1, sources: {} };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as LockFile;
  return { version: 1, sources: parsed.sources ?? {} };
}

/** Writes the lock file with sources in name order, so its diffs are small. */
export function writeLock(file: string, lock: LockFile): void {
  const sources = Object.fromEntries(Object.entries(lock.sources).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `${JSON.stringify({ version: 1, sources }, null, 2)}\n`);
}

/** What happened to one source. */
export interface SyncResult {
  source: string;
  status: 'cloned' | 'fetched' | 'unchanged' | 'skipped' | 'failed';
  commit?: string;
  ms: number;
  problem?: Problem;
}

/** Options of one sync. */
export interface SyncOptions {
  /** Move every source to its branch head and rewrite the lock. */
  update?: boolean;
  /** Fetch even when the locked commit is already here (sync does; a build does not). */
  fetch?: boolean;
  /** Repositories synced at once. Default 4. */
  concurrency?: number;
  /** Sync only these sources (by name); the lock keeps the others. Default: all. */
  only?: ReadonlySet<string>;
  /** Told of every step, for progress output. */
  onProgress?: (source: string, message: string) => void;
}

/** A full commit id: 40 hex digits (SHA-1) or 64 (SHA-256). */
const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

// Every git call puts `--` (or `--end-of-options`) before values from the settings or the lock, so
// a `repo` such as `--upload-pack=…` is a (missing) repository, never an option that runs a command.
const isCommit = (root: string, commit: string) => {
  try {
    git(['cat-file', '-e', '--end-of-options', `${commit}^{commit}`], root);
    return true;
  } catch {
    return false;
  }
};

/** Checks that a source's content folder stays inside its repository (or the project) and exists. */
export function checkSourceDir(source: Source, projectRoot: string): Problem | undefined {
  const outside = (base: string, p: string) => {
    const rel = relative(base, p);
    return rel === '..' || rel.startsWith(`..${'/'}`) || resolve(base, rel) !== resolve(p);
  };
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  // A `dir` committed as a symbolic link must not lead out of the repository either.
  if (source.kind === 'git' && (outside(source.root, source.dir) || (existsSync(source.dir) && outside(real(source.root), real(source.dir))))) {
    return {
      file: 'garden.config.ts',
      field: `sources.${source.name}.dir`,
      message: `"${source.dirSetting ?? relative(source.root, source.dir)}" leads outside the repository ${redactUrl(source.repo ?? '')}`,
      hint: 'give a folder inside the repository; a symbolic link counts where it leads',
      severity: 'error',
    };
  }
  // Nothing inside a `.git` folder is content: its config can hold the remote's token.
  const inGit = relative(real(source.kind === 'git' ? source.root : projectRoot), real(source.dir))
    .split(sep)
    .includes('.git');
  if (inGit) {
    const key = source.kind === 'git' ? 'dir' : 'path';
    return {
      file: 'garden.config.ts',
      field: `sources.${source.name}.${key}`,
      message: `"${source.kind === 'git' ? (source.dirSetting ?? relative(source.root, source.dir)) : source.path}" is inside a .git folder, which Grove never reads`,
      hint: `set \`${key}\` to the folder that holds the content`,
      severity: 'error',
    };
  }
  if (source.kind === 'local' && outside(projectRoot, source.dir)) {
    return {
      file: 'garden.config.ts',
      field: `sources.${source.name}.path`,
      message: `"${source.path}" is outside the project (${projectRoot})`,
      hint: 'keep content inside the project, or make it a git source with `repo`',
      severity: 'error',
    };
  }
  if (existsSync(source.root) && (!existsSync(source.dir) || !statSync(source.dir).isDirectory())) {
    return {
      file: 'garden.config.ts',
      field: `sources.${source.name}.${source.kind === 'git' ? 'dir' : 'path'}`,
      message:
        source.kind === 'git'
          ? `the repository ${redactUrl(source.repo ?? '')} has no folder "${source.dir === source.root ? '.' : relative(source.root, source.dir)}"`
          : `the folder ${source.dir} does not exist`,
      hint: source.kind === 'git' ? 'check `dir` and `branch`' : 'check `path`, relative to the settings file',
      severity: 'error',
    };
  }
  return undefined;
}

/** Syncs one git source to its locked commit (or its branch head with `update`). */
async function syncOne(source: Source, lock: LockFile, options: SyncOptions, cacheDir: string): Promise<SyncResult> {
  const started = performance.now();
  const say = (m: string) => options.onProgress?.(source.name, m);
  const locked = lock.sources[source.name];
  const sameOrigin = locked && locked.repo === redactUrl(source.repo!) && locked.branch === source.branch;
  const want = options.update || !sameOrigin ? undefined : locked.commit;
  let status: SyncResult['status'] = 'unchanged';
  try {
    // The lock is a file anyone can edit in a pull request: what it names must be a commit id, never an option.
    if (want !== undefined && !COMMIT_ID.test(want)) {
      throw new GitError(['checkout', want], `garden.lock.json gives ${JSON.stringify(want)} as the commit, which is not a commit id; run \`npm run sync -- --update\``);
    }
    if (!existsSync(join(source.root, '.git'))) {
      say(`cloning ${redactUrl(source.repo!)} (${source.branch})`);
      // Clone beside the cache entry and move it in only when complete: a failed clone leaves nothing behind.
      const temp = `${source.root}.partial`;
      rmSync(temp, { recursive: true, force: true });
      mkdirSync(dirname(temp), { recursive: true });
      await gitAsync(['clone', '--quiet', '--no-checkout', '--branch', source.branch, '--', source.repo!, temp], cacheDir);
      renameSync(temp, source.root);
      status = 'cloned';
    } else if (options.fetch || options.update || !want || !isCommit(source.root, want)) {
      say(`fetching ${source.branch}`);
      // The settings may have moved the source to another URL since it was cloned.
      await gitAsync(['remote', 'set-url', '--', 'origin', source.repo!], source.root);
      await gitAsync(['fetch', '--quiet', '--', 'origin', `+refs/heads/${source.branch}:refs/remotes/origin/${source.branch}`], source.root);
      status = 'fetched';
    }
    const commit = want ?? (await gitAsync(['rev-parse', '--verify', '--end-of-options', `refs/remotes/origin/${source.branch}`], source.root)).trim();
    if (!isCommit(source.root, commit)) {
      throw new GitError(['checkout', commit], `the locked commit ${commit} is not in ${redactUrl(source.repo!)} (was the branch rewritten?); run \`npm run sync -- --update\``);
    }
    const head = (await gitAsync(['rev-parse', 'HEAD'], source.root).catch(() => '')).trim();
    // A fresh clone has no work tree yet (--no-checkout), even though HEAD is already the commit.
    if (head !== commit || status === 'cloned') await gitAsync(['checkout', '--quiet', '--force', '--detach', commit, '--'], source.root);
    if ((await gitAsync(['rev-parse', '--is-shallow-repository'], source.root)).trim() === 'true') say('warning: a shallow clone; history dates will be unknown');
    lock.sources[source.name] = { repo: redactUrl(source.repo!), branch: source.branch, commit };
    say(`${status === 'unchanged' ? 'at' : 'now at'} ${commit.slice(0, 12)}`);
    return { source: source.name, status, commit, ms: performance.now() - started };
  } catch (err) {
    const message = err instanceof GitError ? err.message : (err as Error).message;
    const cached = existsSync(join(source.root, '.git'));
    const problem: Problem = {
      file: 'garden.config.ts',
      field: `sources.${source.name}`,
      message: redactUrl(`cannot sync source "${source.name}" from ${source.repo}: ${message}`),
      hint: source.optional
        ? cached
          ? 'optional: using the last synced commit'
          : 'optional: skipped, it was never synced'
        : 'check the URL, the branch and your access; the cached copy is untouched',
      severity: source.optional ? 'warning' : 'error',
    };
    return { source: source.name, status: source.optional && !cached ? 'skipped' : 'failed', ms: performance.now() - started, problem };
  }
}

/** Syncs every git source with bounded parallelism and rewrites the lock; returns one result per source. */
export async function syncSources(config: GardenConfig, options: SyncOptions = {}): Promise<SyncResult[]> {
  const all = sourcesOf(config).filter((s) => s.kind === 'git');
  const sources = options.only ? all.filter((s) => options.only!.has(s.name)) : all;
  if (all.length === 0) return [];
  const cacheDir = cacheDirOf(config);
  mkdirSync(cacheDir, { recursive: true });
  const lockFile = lockPathOf(config);
  const lock = readLock(lockFile);
  const results: SyncResult[] = new Array(sources.length);
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      results[i] = await syncOne(sources[i]!, lock, options, cacheDir);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, sources.length) }, worker));
  // Sources removed from the settings leave the lock; failed ones keep their last good commit.
  for (const name of Object.keys(lock.sources)) if (!all.some((s) => s.name === name)) delete lock.sources[name];
  writeLock(lockFile, lock);
  return results;
}

/**
 * Before a build: git sources that are missing or not at their locked commit are synced first
 * (without fetching when the commit is already here, so a synced garden builds offline).
 * Returns the problems (errors for required sources, warnings for optional ones) and the names of
 * sources to leave out.
 */
export async function prepareSources(config: GardenConfig): Promise<{ problems: Problem[]; skip: Set<string> }> {
  const lock = readLock(lockPathOf(config));
  const stale = sourcesOf(config).filter((s) => {
    if (s.kind !== 'git') return false;
    const locked = lock.sources[s.name];
    if (!locked || locked.repo !== redactUrl(s.repo!) || locked.branch !== s.branch || !existsSync(join(s.root, '.git'))) return true;
    try {
      return git(['rev-parse', 'HEAD'], s.root).trim() !== locked.commit;
    } catch {
      return true;
    }
  });
  if (stale.length === 0) return { problems: [], skip: new Set() };
  const results = await syncSources(config, {
    only: new Set(stale.map((s) => s.name)),
    onProgress: (name, m) => process.stderr.write(`[grove] sync ${name}: ${m}\n`),
  });
  const problems = results.flatMap((r) => (r.problem ? [r.problem] : []));
  return { problems, skip: new Set(results.filter((r) => r.status === 'skipped').map((r) => r.source)) };
}
