/**
 * The server's side of agent worktrees (`worktree = true`; README, Worktrees): listing them
 * with what git says of each, removing one (`hangar worktrees prune NAME`, and an
 * orchestrator's `end … delete`: `removeWorktreeOf`), pruning those of agents no longer in the
 * fleet, and a worktree agent's diff against its base branch. Git's part is
 * pilot/agent-worktree.ts; this file adds what only the fleet knows — who is running, who is
 * still in it.
 */
import { FleetError } from '../fleet/fleet-error.js';
import type { Fleet } from '../fleet/fleet.js';
import { inspectWorktree, removeAgentWorktree, worktreeMergeBase, type WorktreeRemoval, type WorktreeState } from '../pilot/agent-worktree.js';
import { diffToPresent } from '../pilot/git-snapshot.js';
import { listWorktreeRecords, readWorktreeRecord, type WorktreeRecord } from '../pilot/worktree-record.js';
import type { PruneWorktreesResult, Result, WorktreeView } from '../protocol/requests.js';

/** git could not look (its repository gone, say): shown as unknown rather than failing the whole list. */
const UNKNOWN: WorktreeState = { present: true, head: null, uncommitted: 0, ahead: null, behind: null };

export async function worktreeViews(fleet: Fleet): Promise<Result<'worktrees'>> {
  const { records, unreadable } = listWorktreeRecords(fleet.currentConfig);
  const inFleet = new Set(fleet.agents().map((a) => a.name));
  const worktrees = await Promise.all(
    records.map(async (r): Promise<WorktreeView> => {
      const state = await inspectWorktree(r).catch(() => UNKNOWN);
      return { name: r.name, path: r.path, branch: r.branch, base: r.base, ...state, inFleet: inFleet.has(r.name), running: fleet.isRunning(r.name) };
    }),
  );
  return { worktrees, unreadable };
}

/**
 * Remove agent `name`'s worktree — not while the agent runs in it, and not with uncommitted work
 * unless `force`; its branch is kept. The one way a worktree goes: prune, and `end … delete`
 * (which stops the agent first).
 */
export async function removeWorktreeOf(fleet: Fleet, name: string, opts: { force?: boolean } = {}): Promise<WorktreeRemoval> {
  const record = readWorktreeRecord(fleet.currentConfig, name);
  if (!record) throw new FleetError('not_found', `${name} has no worktree that hangar made (hangar worktrees lists them)`);
  if (fleet.isRunning(name)) {
    return { name, path: record.path, branch: record.branch, removed: false, reason: `${name} is running in it (stop it first: hangar down ${name})` };
  }
  const outcome = await removeAgentWorktree(fleet.currentConfig, name, opts);
  // its next start makes a new one (on the same branch)
  if (outcome.removed) fleet.forgetWorkspace(name);
  return outcome;
}

/** `hangar worktrees prune [NAME] [--force]`: that agent's worktree, or those of every agent no longer in the fleet. */
export async function pruneWorktrees(fleet: Fleet, name: string | undefined, force: boolean): Promise<PruneWorktreesResult> {
  const result: PruneWorktreesResult = { removed: [], kept: [] };
  const add = (o: WorktreeRemoval) => {
    if (o.removed) result.removed.push({ name: o.name, path: o.path, branch: o.branch, note: o.note });
    else result.kept.push({ name: o.name, path: o.path, branch: o.branch, reason: o.reason });
  };
  if (name !== undefined) {
    add(await removeWorktreeOf(fleet, name, { force }));
    return result;
  }
  const inFleet = new Set(fleet.agents().map((a) => a.name));
  for (const r of listWorktreeRecords(fleet.currentConfig).records) {
    if (inFleet.has(r.name)) {
      result.kept.push({ ...pick(r), reason: `${r.name} is still in the fleet (name it to remove its worktree: hangar worktrees prune ${r.name})` });
    } else add(await removeWorktreeOf(fleet, r.name, { force }));
  }
  return result;
}

function pick(r: WorktreeRecord): { name: string; path: string; branch: string } {
  return { name: r.name, path: r.path, branch: r.branch };
}

/**
 * `hangar diff NAME` with no label: the agent's worktree as it is now (committed or not,
 * untracked files in) against the commit where it meets its base branch — what merging it
 * would bring, as `git diff base...` shows it plus the work not yet committed.
 */
export async function worktreeDiff(fleet: Fleet, name: string): Promise<Result<'diff'>> {
  fleet.info(name); // not_found for a name that is no member
  const record = readWorktreeRecord(fleet.currentConfig, name);
  if (!record) throw new FleetError('bad_args', `${name} has no worktree, so there is no base branch to diff against: give checkpoint labels (hangar diff ${name} T1 [T2]) for a piloted agent`);
  const { base, commit } = await worktreeMergeBase(record);
  const config = fleet.currentConfig;
  const diff = await diffToPresent(commit, { agent: name, stateDir: config.state_dir, exclude: [config.log_dir], workDir: record.dir });
  return { name, from: `${base} (merge-base ${commit.slice(0, 12)})`, to: 'working tree', ...diff };
}
