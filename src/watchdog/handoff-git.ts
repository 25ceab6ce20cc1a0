/**
 * Reads what the handoff decision needs from a real repository: fetch origin, find
 * origin/main, list the commits since the last one seen, and read the inbox files as pushed
 * (agents.py's `_show_pushed`: what the other side pushed, not anyone's working tree).
 *
 * git runs with arguments (no shell), never prompts for credentials, has a
 * time limit and a cap on its output. Nothing here throws: what went wrong comes back as
 * problems for the driver to log, and an observation that changes nothing.
 */

import { spawn } from 'node:child_process';
import type { HandoffConfig } from '../config/types.js';
import { signalGroup } from '../session/process-group.js';
import { inboxCandidates, inboxReaders, type HandoffCommit, type HandoffObservation, type PushedInbox } from './handoff.js';

export interface GitLimits {
  /** ms a fetch may take (the network) */
  fetchTimeoutMs: number;
  /** ms any other git command may take */
  timeoutMs: number;
  /** bytes of output kept from one command; more is an error */
  maxBytes: number;
  /** commits listed per check; a ping needs only one match per kind */
  maxCommits: number;
}

export const DEFAULT_GIT_LIMITS: GitLimits = { fetchTimeoutMs: 20_000, timeoutMs: 10_000, maxBytes: 1 << 20, maxCommits: 500 };

export interface HandoffRead {
  observation: HandoffObservation;
  /** what could not be read, one line each, for the log */
  problems: string[];
}

type GitResult = { ok: true; stdout: string } | { ok: false; message: string };

const COMMIT_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The environment of every git run: no prompt for a password, messages in English, no index lock taken. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
  // inherited from a hook or a wrapper, these would point git at another repository
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_CEILING_DIRECTORIES']) delete env[k];
  return env;
}

/** After a timeout, SIGTERM lets git remove its lock files; what still runs this much later is killed. */
const KILL_GRACE_MS = 2000;

/**
 * Run git with arguments (no shell) in its own process group and session: no terminal to
 * prompt on, and a timeout ends the ssh or transport helper git started, not git alone.
 * (execFile cannot start a process group, hence spawn and a bounded collector.)
 */
function runGit(repo: string, args: string[], timeoutMs: number, maxBytes: number): Promise<GitResult> {
  const what = `git ${args[0]}`;
  return new Promise((resolve) => {
    const child = spawn('git', ['-C', repo, '-c', 'log.showSignature=false', ...args], {
      env: gitEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure = '';
    const stop = (why: string) => {
      if (failure || child.pid === undefined) return;
      failure = why;
      const pgid = child.pid;
      const signal = (sig: NodeJS.Signals) => {
        try {
          signalGroup(pgid, sig);
        } catch {
          // not ours to signal any more
        }
      };
      signal('SIGTERM');
      // members that outlive git (ssh ignoring SIGTERM, say) are killed a little later
      setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS).unref();
    };
    const timer = setTimeout(() => stop(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxBytes) stop(`output over ${maxBytes} bytes`);
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    let finished = false;
    const finish = (result: GitResult) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(result);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish({ ok: false, message: err.code === 'ENOENT' ? `${what}: git is not installed (not found on PATH)` : `${what}: ${err.message}` });
    });
    child.on('close', (code) => {
      if (failure) return finish({ ok: false, message: `${what}: ${failure}` });
      if (code === 0) return finish({ ok: true, stdout: Buffer.concat(stdout).toString('utf8') });
      const line = stderr.trim().split('\n').find(Boolean) ?? `exit code ${code}`;
      finish({ ok: false, message: `${what}: ${line}` });
    });
  });
}

/**
 * Read the handoff observation from `repo`. `since` is the last origin/main seen ('' for
 * none). The head and the files are read at one commit, so a push landing mid-check cannot
 * make them disagree.
 */
export async function readHandoffObservation(
  repo: string, handoff: HandoffConfig, since: string, limits: GitLimits = DEFAULT_GIT_LIMITS,
): Promise<HandoffRead> {
  const git = (args: string[], timeoutMs = limits.timeoutMs) => runGit(repo, args, timeoutMs, limits.maxBytes);
  const problems: string[] = [];
  const nothing = (problem: string): HandoffRead => ({ observation: { head: null, commits: [], inboxes: {} }, problems: [...problems, problem] });

  // as agents.py: a failed fetch is reported, and the check goes on with what origin/main was
  const fetched = await git(['fetch', '--quiet', 'origin'], limits.fetchTimeoutMs);
  if (!fetched.ok) problems.push(`handoff: ${fetched.message} (in ${repo})`);

  const rev = await git(['rev-parse', '--verify', '--quiet', 'refs/remotes/origin/main^{commit}']);
  const head = rev.ok ? rev.stdout.trim() : '';
  if (!COMMIT_SHA.test(head)) return nothing(`handoff: ${repo} has no origin/main`);

  let commits: HandoffCommit[] | null = [];
  if (since && since !== head) {
    const known = COMMIT_SHA.test(since) && (await git(['cat-file', '-e', `${since}^{commit}`])).ok;
    if (!known) commits = null;
    else {
      const log = await git(['log', '--format=%H %s', `--max-count=${limits.maxCommits}`, `${since}..${head}`]);
      if (!log.ok) return nothing(`handoff: ${log.message}`);
      commits = parseLog(log.stdout);
    }
  }

  const inboxes = await readInboxes(git, handoff, head, problems);
  return { observation: { head, commits, inboxes }, problems };
}

function parseLog(text: string): HandoffCommit[] {
  return text.split('\n').filter(Boolean).map((line) => {
    const space = line.indexOf(' ');
    return space < 0 ? { sha: line, subject: '' } : { sha: line.slice(0, space), subject: line.slice(space + 1) };
  });
}

type Git = (args: string[]) => Promise<GitResult>;

/** Each inbox at `head`: state_subdir/name, else name at the root; null when neither is a file there. */
async function readInboxes(git: Git, handoff: HandoffConfig, head: string, problems: string[]): Promise<Record<string, PushedInbox | null>> {
  const names = inboxReaders(handoff).map((r) => r.name);
  if (names.length === 0) return {};
  const wanted = names.flatMap((n) => inboxCandidates(handoff, n));
  const listed = await git(['ls-tree', '-z', '--full-tree', head, '--', ...wanted]);
  if (!listed.ok) {
    problems.push(`handoff: ${listed.message}`);
    return {};
  }
  const blobs = new Map<string, string>();
  for (const entry of listed.stdout.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (m) blobs.set(m[2]!, m[1]!);
  }
  const out: Record<string, PushedInbox | null> = {};
  for (const name of names) {
    const path = inboxCandidates(handoff, name).find((p) => blobs.has(p));
    if (path === undefined) {
      out[name] = null;
      continue;
    }
    const blob = await git(['cat-file', 'blob', blobs.get(path)!]);
    if (blob.ok) out[name] = { path, content: blob.stdout };
    else problems.push(`handoff: reading ${path}: ${blob.message}`);
  }
  return out;
}
