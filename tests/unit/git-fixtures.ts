/**
 * Throwaway git repositories for the tests: made in a temp folder, with fixed authors and commit
 * dates, isolated from the user's and the system's git settings (Starlight's `__tests__/git-utils.ts`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Someone committing. */
export interface Author {
  name: string;
  email: string;
}

const ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
};

/** Runs git in `cwd` with the throwaway settings; returns its output. */
export function run(cwd: string, args: readonly string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, env: { ...ENV, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh temp folder (its real path, so it compares equal to what git reports). */
export function tempDir(prefix = 'grove-git-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Removes a temp folder made by `tempDir`. */
export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** A `file://` URL git understands for a local folder. */
export function fileUrl(dir: string): string {
  return pathToFileURL(dir).href;
}

/** What one commit does. */
export interface CommitSpec {
  author: Author;
  /** ISO date with offset, used as both author and committer date. */
  date: string;
  message?: string;
  /** Files to write, by path relative to the repository. */
  write?: Record<string, string>;
  /** Files to delete. */
  remove?: string[];
  /** Renames with `git mv`, [from, to]. */
  move?: Array<[string, string]>;
}

/** A throwaway repository. */
export class Repo {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  /** `git init` in `dir` (made if missing) on `branch`. */
  static init(dir: string, branch = 'main'): Repo {
    mkdirSync(dir, { recursive: true });
    run(dir, ['init', '--quiet', '-b', branch]);
    return new Repo(dir);
  }

  get url(): string {
    return fileUrl(this.dir);
  }

  /** Makes one commit; returns its hash. */
  commit(spec: CommitSpec): string {
    for (const [path, text] of Object.entries(spec.write ?? {})) {
      const abs = join(this.dir, path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      run(this.dir, ['add', '--', path]);
    }
    for (const [from, to] of spec.move ?? []) {
      mkdirSync(dirname(join(this.dir, to)), { recursive: true });
      run(this.dir, ['mv', from, to]);
    }
    for (const path of spec.remove ?? []) {
      run(this.dir, ['rm', '--quiet', '--', path]);
    }
    const env = {
      GIT_AUTHOR_NAME: spec.author.name,
      GIT_AUTHOR_EMAIL: spec.author.email,
      GIT_AUTHOR_DATE: spec.date,
      GIT_COMMITTER_NAME: spec.author.name,
      GIT_COMMITTER_EMAIL: spec.author.email,
      GIT_COMMITTER_DATE: spec.date,
    };
    run(this.dir, ['commit', '--quiet', '--allow-empty', '-m', spec.message ?? `commit of ${spec.date}`], env);
    return this.head();
  }

  /** The commit checked out. */
  head(): string {
    return run(this.dir, ['rev-parse', 'HEAD']).trim();
  }

  /** Makes and checks out a branch. */
  branch(name: string): void {
    run(this.dir, ['checkout', '--quiet', '-b', name]);
  }
}

/** Frontmatter from a plain object (values as JSON, which YAML reads). */
export function page(data: Record<string, unknown>, body = ''): string {
  const lines = Object.entries(data).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}
