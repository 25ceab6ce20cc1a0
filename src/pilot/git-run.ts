/**
 * Running git for the pilot's snapshots: arguments (no shell), a time limit, a cap on the
 * output kept, stdin when a command reads paths from it, and errors that name the
 * directory and the git command that failed.
 *
 * (watchdog/handoff-git.ts has a runner for fetches that never throws; the pilot's git is
 * local, binary-safe and its failures must stop a goto, so it throws.)
 */

import { spawn } from 'node:child_process';

export interface GitLimits {
  /** ms one git command may take (a snapshot of a very large directory hashes every file) */
  timeoutMs: number;
  /** bytes of stdout kept from one command; more is an error (or a cut, for diff text) */
  maxBytes: number;
}

export const DEFAULT_GIT_LIMITS: GitLimits = { timeoutMs: 60_000, maxBytes: 32 << 20 };

export interface GitCall {
  /** the directory git runs in (pathspecs are relative to it) */
  cwd: string;
  /** --git-dir and --work-tree, given explicitly so nothing inherited can point elsewhere */
  gitDir?: string;
  workTree?: string;
  /** GIT_INDEX_FILE: the pilot's temporary index, never the user's */
  indexFile?: string;
  /** written to git's stdin (paths for --stdin) */
  input?: string | Buffer;
  /** exit codes that are answers, not failures (e.g. 1 from `diff --quiet`) */
  okCodes?: number[];
  /** cut stdout at maxBytes and say so instead of failing (diff text for display) */
  truncate?: boolean;
  /** extra environment (author and committer for commit-tree) */
  env?: Record<string, string>;
  limits?: GitLimits;
}

export interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
  /** stdout was longer than maxBytes and was cut (only with truncate) */
  truncated: boolean;
}

/** A git command that failed: which one, where, and what git said. */
export class PilotGitError extends Error {
  constructor(readonly command: string, readonly dir: string, readonly detail: string) {
    super(`${command} (in ${dir}) failed: ${detail}`);
    this.name = 'PilotGitError';
  }
}

/**
 * Settings that keep a snapshot from touching anything of the user's: no split index
 * (it would write sharedindex files into the user's .git), no fsmonitor hook, no
 * automatic gc, no advice on stderr.
 */
const CONFIG = [
  '-c', 'core.splitIndex=false',
  '-c', 'core.fsmonitor=false',
  '-c', 'gc.auto=0',
  '-c', 'advice.addEmbeddedRepo=false',
  '-c', 'log.showSignature=false',
];

/** The environment of every git run: no prompts, messages in English, no optional locks. */
function gitEnv(call: GitCall): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
  // inherited from a hook or a wrapper, these would point git at another repository or index
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES',
    'GIT_CEILING_DIRECTORIES', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_NAMESPACE']) delete env[k];
  if (call.indexFile) env.GIT_INDEX_FILE = call.indexFile;
  return { ...env, ...call.env };
}

/** `git add -A -- . :(exclude)…` as a readable command for error messages, shortened. */
function describe(args: string[]): string {
  const text = `git ${args.join(' ')}`;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** After a stop, SIGTERM lets git remove its lock files; what still runs this much later is killed. */
const KILL_GRACE_MS = 2000;

/** Signal git's process group: a hook or a filter (git-lfs) it started goes with it. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** Run git; resolves with its output when the exit code is 0 or one of okCodes, else throws PilotGitError. */
export function runGit(args: string[], call: GitCall): Promise<GitOutput> {
  const limits = call.limits ?? DEFAULT_GIT_LIMITS;
  const location = [
    ...(call.gitDir ? [`--git-dir=${call.gitDir}`] : []),
    ...(call.workTree ? [`--work-tree=${call.workTree}`] : []),
  ];
  const command = describe(args);
  return new Promise((resolve, reject) => {
    // its own process group (detached), so a stop reaches the hooks and filters git runs
    const child = spawn('git', [...CONFIG, ...location, ...args], {
      cwd: call.cwd, env: gitEnv(call), stdio: ['pipe', 'pipe', 'pipe'], detached: true,
    });
    const chunks: Buffer[] = [];
    let kept = 0;
    let stderr = '';
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    /** End git's whole group now; answer at once rather than wait for pipes a stray child may hold. */
    const stop = (after: () => void) => {
      const pgid = child.pid;
      if (pgid !== undefined) {
        signalGroup(pgid, 'SIGTERM');
        setTimeout(() => signalGroup(pgid, 'SIGKILL'), KILL_GRACE_MS).unref();
      }
      settle(after);
    };
    const timer = setTimeout(() => {
      stop(() => reject(new PilotGitError(command, call.cwd, `no answer within ${limits.timeoutMs / 1000} s`)));
    }, limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = limits.maxBytes - kept;
      if (chunk.length <= room) {
        chunks.push(chunk);
        kept += chunk.length;
      } else if (call.truncate) {
        chunks.push(chunk.subarray(0, room));
        stop(() => resolve({ code: 0, stdout: Buffer.concat(chunks), stderr, truncated: true }));
      } else stop(() => reject(new PilotGitError(command, call.cwd, `output over ${limits.maxBytes} bytes`)));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    // git may exit before reading all of stdin (an error); that is reported by the exit code
    child.stdin.on('error', () => {});
    child.stdin.end(call.input ?? '');

    child.on('error', (err: NodeJS.ErrnoException) => {
      const detail = err.code === 'ENOENT' ? 'git is not installed (not found on PATH), or the directory does not exist' : err.message;
      settle(() => reject(new PilotGitError(command, call.cwd, detail)));
    });
    child.on('close', (code, signal) => {
      settle(() => {
        const exit = code ?? -1;
        if (code !== null && (exit === 0 || (call.okCodes ?? []).includes(exit))) {
          return resolve({ code: exit, stdout: Buffer.concat(chunks), stderr, truncated: false });
        }
        const said = stderr.trim().split('\n').filter(Boolean).slice(0, 4).join(' / ');
        reject(new PilotGitError(command, call.cwd, said || (signal ? `killed by ${signal}` : `exit code ${exit}`)));
      });
    });
  });
}

/** stdout as text without the final newline (a sha, a path). */
export async function gitText(args: string[], call: GitCall): Promise<string> {
  return (await runGit(args, call)).stdout.toString('utf8').replace(/\n$/, '');
}
