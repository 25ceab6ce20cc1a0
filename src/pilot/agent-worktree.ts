/**
 * An agent's own git worktree (`worktree = true`; README, Worktrees). At the agent's first
 * start: `git worktree add -b hangar/<name> <log_dir>/worktrees/<name>` from the branch its
 * dir has checked out (that branch is its base). At every start after: the same worktree,
 * never made again and never reset — whatever the agent left there is still there. Removed
 * only on request (`hangar worktrees prune`, an orchestrator's `end … delete`), and never with
 * uncommitted work unless forced; its branch is always kept, so no commit is lost.
 *
 * Git runs through the pilot's runner (git-run.ts: arguments, no shell, a time limit); a
 * failure is a FleetError whose message says what to do.
 */

import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AgentConfig } from '../config/types.js';
import { FleetError } from '../fleet/fleet-error.js';
import type { AgentWorkspace, WorktreePort } from '../fleet/worktree-port.js';
import { agentWorktreePath, worktreesDir, type LogDir, type StateDir } from '../fs/fleet-files.js';
import { prepareRealDirectory } from '../fs/private-directory.js';
import { PilotGitError, runGit, type GitCall } from './git-run.js';
import { agentBranch } from './ref-names.js';
import { deleteWorktreeRecord, readWorktreeRecord, saveWorktreeRecord, type WorktreeRecord } from './worktree-record.js';

export type FleetDirs = LogDir & StateDir;

/** git in `cwd`, failures as FleetErrors (the message names the command and the directory). */
async function git(args: string[], cwd: string, extra: Partial<GitCall> = {}) {
  try {
    return await runGit(args, { cwd, ...extra });
  } catch (err) {
    if (err instanceof PilotGitError) throw new FleetError('conflict', err.message);
    throw err;
  }
}

async function text(args: string[], cwd: string): Promise<string> {
  return (await git(args, cwd)).stdout.toString('utf8').replace(/\n$/, '');
}

/** The checkout around `dir`: its top and dir's place in it, or an error that says dir is in none. */
async function checkoutOf(name: string, dir: string): Promise<{ top: string; prefix: string; commonDir: string }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new FleetError('bad_args', `${name}: worktree = true, but its dir ${dir} does not exist (it must be a directory in a git repository)`);
  }
  const out = await git(['rev-parse', '--show-toplevel', '--show-prefix', '--path-format=absolute', '--git-common-dir'], dir, { okCodes: [128] });
  if (out.code === 128) {
    const said = out.stderr.trim().split('\n')[0] ?? '';
    if (/not a git repository/i.test(said)) {
      throw new FleetError('bad_args', `${name}: worktree = true, but its dir ${dir} is not in a git repository (run git init there and commit, or leave worktree out)`);
    }
    throw new FleetError('conflict', `${name}: git rev-parse (in ${dir}) failed: ${said}`);
  }
  const [top, prefix = '', commonDir] = out.stdout.toString('utf8').split('\n');
  if (!top || !commonDir) {
    throw new FleetError('bad_args', `${name}: worktree = true, but its dir ${dir} is in a git repository without a work tree (a bare repository): give it a checkout`);
  }
  return { top, prefix, commonDir: realpathSync(commonDir) };
}

/** `git worktree list --porcelain`: each worktree's path and the branch it has checked out. */
async function worktreeList(repo: string): Promise<Array<{ path: string; branch: string | null }>> {
  const out = await text(['worktree', 'list', '--porcelain'], repo);
  return out.split('\n\n').filter(Boolean).map((entry) => {
    const lines = entry.split('\n');
    const path = lines.find((l) => l.startsWith('worktree '))?.slice('worktree '.length) ?? '';
    const branch = lines.find((l) => l.startsWith('branch '))?.slice('branch '.length) ?? null;
    return { path, branch };
  });
}

const samePath = (a: string, b: string) => (existsSync(a) ? realpathSync(a) : resolve(a)) === (existsSync(b) ? realpathSync(b) : resolve(b));

/** The worktree found at `path` is the one `source`'s repository made, or an error saying what it is instead. */
async function checkExisting(name: string, path: string, source: { commonDir: string }, dir: string): Promise<void> {
  const out = await git(['rev-parse', '--show-toplevel', '--path-format=absolute', '--git-common-dir'], path, { okCodes: [128] });
  const [top, commonDir] = out.stdout.toString('utf8').split('\n');
  if (out.code !== 0 || !top || !commonDir || !samePath(top, path)) {
    throw new FleetError('conflict', `${name}: ${path} exists and is not a git worktree; hangar leaves it as it is (move it away to have the worktree made there)`);
  }
  if (realpathSync(commonDir) !== source.commonDir) {
    throw new FleetError('conflict',
      `${name}: its worktree ${path} belongs to the repository ${dirname(realpathSync(commonDir))}, but its dir ${dir} is in another one; ` +
      `set dir back, or remove that worktree with: hangar worktrees prune ${name}`);
  }
}

/**
 * The agent's worktree, made now if it has none (`source` is its dir in agents.toml). Made:
 * on branch hangar/<name> — the branch itself when it is left from an earlier worktree (its
 * commits go on), else new from the commit `source` has checked out. Found: used as it is.
 */
export async function ensureAgentWorktree(fleet: FleetDirs, name: string, source: string, now: number): Promise<WorktreeRecord> {
  const branch = agentBranch(name);
  const path = agentWorktreePath(fleet, name);
  const checkout = await checkoutOf(name, source);
  const dirIn = (top: string) => (checkout.prefix ? resolve(top, checkout.prefix) : top);
  const record = readWorktreeRecord(fleet, name);
  if (existsSync(path)) {
    await checkExisting(name, path, checkout, source);
    if (record && record.source === source) return record;
    // made by an earlier config (another dir in the same repository) or its record lost: it is the agent's still
    const base = record?.base ?? null;
    const kept: WorktreeRecord = {
      name, source, repo: checkout.top, path, dir: dirIn(path), branch: record?.branch ?? branch,
      base, baseCommit: record?.baseCommit ?? (await text(['rev-parse', 'HEAD'], path)), createdAt: record?.createdAt ?? now,
    };
    saveWorktreeRecord(fleet, kept);
    return kept;
  }

  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], checkout.top, { okCodes: [1] });
  const baseCommit = head.stdout.toString('utf8').trim();
  if (head.code !== 0 || !baseCommit) {
    throw new FleetError('bad_args', `${name}: worktree = true needs a commit to branch from, and ${checkout.top} has none yet (make a first commit)`);
  }
  const symbolic = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], checkout.top, { okCodes: [1] });
  const base = symbolic.code === 0 ? symbolic.stdout.toString('utf8').trim() : null;
  const holder = (await worktreeList(checkout.top)).find((w) => w.branch === `refs/heads/${branch}`);
  if (holder && samePath(holder.path, path)) {
    // registered at this path but its folder is gone (removed by hand): git's entry goes, the branch stays
    await git(['worktree', 'remove', '--force', path], checkout.top);
  } else if (holder) {
    throw new FleetError('conflict',
      `${name}: branch ${branch} is checked out in ${holder.path}; hangar does not take it over. ` +
      `Remove that worktree (git worktree remove ${holder.path}) or give the agent another name`);
  }
  const exists = (await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], checkout.top, { okCodes: [1] })).code === 0;
  prepareRealDirectory(worktreesDir(fleet));
  await git(['worktree', 'add', '--quiet', ...(exists ? [path, branch] : ['-b', branch, path, baseCommit])], checkout.top);
  const made: WorktreeRecord = { name, source, repo: checkout.top, path, dir: dirIn(path), branch, base, baseCommit, createdAt: now };
  saveWorktreeRecord(fleet, made);
  return made;
}

/** A worktree as it stands now, for `hangar worktrees` and prune. */
export interface WorktreeState {
  /** its folder is there */
  present: boolean;
  /** the branch checked out in it now (the agent may have switched); null: detached or gone */
  head: string | null;
  /** files with uncommitted changes, untracked ones included (ignored ones not) */
  uncommitted: number;
  /** commits on it that its base does not have, and the base's that it does not; null when unknown */
  ahead: number | null;
  behind: number | null;
}

/** The ref its base is now: the base branch while it exists, else the commit it was made from. */
async function baseRef(record: WorktreeRecord): Promise<string> {
  if (record.base) {
    const found = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${record.base}`], record.path, { okCodes: [1] });
    if (found.code === 0) return record.base;
  }
  return record.baseCommit;
}

export async function inspectWorktree(record: WorktreeRecord): Promise<WorktreeState> {
  if (!existsSync(join(record.path, '.git'))) return { present: false, head: null, uncommitted: 0, ahead: null, behind: null };
  const status = await git(['status', '--porcelain', '-z', '--untracked-files=all'], record.path);
  const uncommitted = status.stdout.toString('utf8').split('\0').filter((e) => /^.. /.test(e)).length;
  const symbolic = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], record.path, { okCodes: [1] });
  const counts = await git(['rev-list', '--left-right', '--count', `${await baseRef(record)}...HEAD`], record.path, { okCodes: [128] });
  const [behind, ahead] = counts.code === 0 ? counts.stdout.toString('utf8').trim().split(/\s+/).map(Number) : [];
  return {
    present: true,
    head: symbolic.code === 0 ? symbolic.stdout.toString('utf8').trim() : null,
    uncommitted,
    ahead: ahead ?? null,
    behind: behind ?? null,
  };
}

/** The commit a worktree's diff starts from: where its HEAD and its base meet. */
export async function worktreeMergeBase(record: WorktreeRecord): Promise<{ base: string; commit: string }> {
  const base = await baseRef(record);
  const commit = await text(['merge-base', base, 'HEAD'], record.path);
  return { base: base === record.baseCommit ? base.slice(0, 12) : base, commit };
}

/** What removing a worktree did: removed (its branch kept), or kept and why. */
export type WorktreeRemoval =
  | { name: string; path: string; branch: string; removed: true; note: string }
  | { name: string; path: string; branch: string; removed: false; reason: string };

/**
 * Remove `name`'s worktree (the folder and git's entry for it) and hangar's record of it; its
 * branch stays. Not while it holds uncommitted work, unless `force`. The agent must not be
 * running (the caller stops it first). For `hangar worktrees prune` and an orchestrator's
 * `end … delete`.
 */
export async function removeAgentWorktree(fleet: FleetDirs, name: string, opts: { force?: boolean } = {}): Promise<WorktreeRemoval> {
  const record = readWorktreeRecord(fleet, name);
  if (!record) throw new FleetError('not_found', `${name} has no worktree that hangar made (hangar worktrees lists them)`);
  const { path, branch } = record;
  const state = await inspectWorktree(record);
  if (state.uncommitted > 0 && !opts.force) {
    return {
      name, path, branch, removed: false,
      reason: `${state.uncommitted} file${state.uncommitted === 1 ? '' : 's'} with uncommitted work (commit them on ${state.head ?? branch}, or prune with --force to lose them)`,
    };
  }
  if (existsSync(record.repo)) {
    await git(['worktree', 'remove', ...(opts.force || !state.present ? ['--force'] : []), path], record.repo);
  } else if (state.present) {
    return { name, path, branch, removed: false, reason: `its repository ${record.repo} is gone, so git cannot remove it; delete ${path} by hand` };
  }
  deleteWorktreeRecord(fleet, name);
  const ahead = state.ahead ? `, ${state.ahead} commit${state.ahead === 1 ? '' : 's'} ahead of ${record.base ?? record.baseCommit.slice(0, 12)}` : '';
  return { name, path, branch, removed: true, note: `branch ${branch} kept${ahead} (git branch -D ${branch} deletes it)` };
}


function workspaceOf(record: WorktreeRecord): AgentWorkspace {
  return { dir: record.dir, path: record.path, branch: record.branch };
}

/** The fleet's worktree port (fleet/worktree-port.ts) over this fleet's folders, as its config says now. */
export function agentWorktrees(fleet: () => FleetDirs, now: () => number): WorktreePort {
  return {
    ensure: async (agent: AgentConfig) => workspaceOf(await ensureAgentWorktree(fleet(), agent.name, agent.dir, now())),
    recorded: (agent: AgentConfig) => {
      const record = readWorktreeRecord(fleet(), agent.name);
      // a record of another dir is a worktree the agent no longer works in (the next start says so)
      return record && record.source === agent.dir ? workspaceOf(record) : null;
    },
  };
}
