/**
 * Running git: the CLI, never prompting, with its own error message kept for the user.
 */
import { execFile, execFileSync } from 'node:child_process';

/** A git command that failed, with git's own message. */
export class GitError extends Error {
  readonly stderr: string;
  constructor(args: readonly string[], stderr: string) {
    // git's reason is its `fatal:`/`error:` line, which comes first for file:// and ssh URLs.
    const lines = stderr.trim().split('\n').filter(Boolean);
    const reasons = lines.filter((l) => /^(fatal|error):/i.test(l));
    const said = (reasons.length ? reasons : lines.slice(-3)).join(' / ') || 'git failed';
    super(said);
    this.name = 'GitError';
    this.stderr = `git ${args.join(' ')}: ${stderr}`;
  }
}

// No credential prompt may hang a build or CI; an unreachable host must fail, not wait for a password.
const ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes' };

/** Runs git synchronously in `cwd` and returns its output; throws a GitError with git's message. */
export function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  } catch (err) {
    const e = err as { stderr?: string; message?: string };
    throw new GitError(args, e.stderr || e.message || String(err));
  }
}

/** Runs git without blocking, for syncing several repositories at once. */
export function gitAsync(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      if (err) fail(new GitError(args, stderr || err.message));
      else done(stdout);
    });
  });
}

/** The top folder of the git work tree holding `dir`, or undefined when it is not in one. */
export function repoRootOf(dir: string): string | undefined {
  try {
    return git(['rev-parse', '--show-toplevel'], dir).trim();
  } catch {
    return undefined;
  }
}
