/**
 * Git snapshots of an agent's working directory — the files half of a pilot checkpoint.
 *
 * A snapshot is a commit object built with a temporary index (see snapshot-repo.ts for which
 * repository holds it): the index is seeded from the user's HEAD tree, so files HEAD tracks
 * stay in even when an ignore rule matches them, then `git add -A` brings in every change and
 * every untracked file the ignore rules (.gitignore, .git/info/exclude, global excludes) do
 * not exclude. `commit-tree` makes a commit whose parent is the user's HEAD (so a branch
 * from it is the user's history plus one commit) with "hangar" as author and committer (no
 * git identity needed), and `refs/hangar/<agent>/<label>` keeps it from gc.
 *
 * The user's HEAD, index, branches, stash and working tree are never touched: git runs with
 * GIT_INDEX_FILE pointing at a temp file, and only plumbing that writes objects and the
 * hangar ref. Callers run one snapshot or restore per agent at a time.
 *
 * Restore (snapshot-restore.ts), diffs (snapshot-diff.ts) and branches (worktreeFrom below)
 * complete the set; this file is the entry point for all of them.
 */

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gitText, runGit } from './git-run.js';
import { hangarRef } from './ref-names.js';
import { presentTree } from './present-tree.js';
import { headCommit, openSnapshotRepo, repoCall, resolveSnapshot, type PilotGitOptions, type SnapshotRepo } from './snapshot-repo.js';
import { withTempIndex } from './temp-index.js';

export { restore, type RestoreResult } from './snapshot-restore.js';
export { diffSnapshots, diffStat, diffToPresent, type DiffOptions, type DiffSummary, type SnapshotDiff } from './snapshot-diff.js';
export { openSnapshotRepo, privateRepoPath, type PilotGitOptions, type SnapshotRepo } from './snapshot-repo.js';
export { hangarBranch, hangarRef } from './ref-names.js';
export { presentTree } from './present-tree.js';
export type { DiffTotals, FileChange } from './git-diff-parse.js';

export interface SnapshotOptions extends PilotGitOptions {
  /** the checkpoint's label (T1, root, …): the ref is refs/hangar/<agent>/<label> */
  label: string;
  /** the commit message's body, e.g. the turn's prompt */
  message?: string;
}

export interface Snapshot {
  commit: string;
  ref: string;
  /** the commit's tree: two snapshots of the same files have the same tree */
  tree: string;
  /** where it lives: the user's repository or the agent's private one */
  kind: SnapshotRepo['kind'];
}

/** Author and committer of every snapshot: works with no git identity configured. */
const HANGAR_IDENTITY = {
  GIT_AUTHOR_NAME: 'hangar', GIT_AUTHOR_EMAIL: 'hangar@localhost',
  GIT_COMMITTER_NAME: 'hangar', GIT_COMMITTER_EMAIL: 'hangar@localhost',
};

/** Take a snapshot of `workDir` now and keep it under refs/hangar/<agent>/<label>. */
export async function snapshot(workDir: string, opts: SnapshotOptions): Promise<Snapshot> {
  const ref = hangarRef(opts.agent, opts.label);
  const repo = await openSnapshotRepo(workDir, opts);
  const head = await headCommit(repo);
  const tree = await presentTree(repo, head);
  const message = ['-m', `hangar: ${opts.agent} ${opts.label}`, ...(opts.message?.trim() ? ['-m', opts.message] : [])];
  const commit = await gitText(
    ['commit-tree', '--no-gpg-sign', ...(head ? ['-p', head] : []), ...message, tree],
    repoCall(repo, { env: HANGAR_IDENTITY }),
  );
  // a label given again (a retry after a crash) moves its ref: labels are the timeline's to keep unique
  await runGit(['update-ref', '-m', `hangar: snapshot ${opts.agent} ${opts.label}`, ref, commit], repoCall(repo));
  return { commit, ref, tree, kind: repo.kind };
}

/** Whether the agent's directory holds exactly the files of snapshot `commit` (nothing to checkpoint). */
export async function matchesSnapshot(workDir: string, commit: string, opts: PilotGitOptions): Promise<boolean> {
  const repo = await openSnapshotRepo(workDir, opts);
  const target = await resolveSnapshot(repo, commit);
  const present = await presentTree(repo);
  const out = await runGit(['diff-tree', '--quiet', '-r', '--relative', present, target, '--', '.', ...repo.excludes], repoCall(repo, { okCodes: [1] }));
  return out.code === 0;
}

export interface Worktree {
  /** the new checkout's top */
  path: string;
  /** the agent's directory in it (its top, or the same subdirectory as the original's) */
  agentDir: string;
  /** the new branch, or null for a plain copy (a private repository) */
  branch: string | null;
}

/**
 * A checkout of snapshot `commit` at `path` for `branch Tn`.
 * - In a user's repository: `git worktree add -b <branch> <path> <commit>` — a real worktree
 *   on a new branch whose history is the user's plus the snapshot commit.
 * - In a private repository: there is no user repository to hang a worktree on, so a plain
 *   copy of the snapshot's files into `path` (a temporary index, read-tree, checkout-index
 *   with `path` as the work tree); `branch` is not used.
 * `path` must not exist, or be an empty directory.
 */
export async function worktreeFrom(repo: SnapshotRepo, commit: string, branch: string, path: string): Promise<Worktree> {
  const target = resolve(path);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`pilot: cannot make a worktree at ${target}: it exists and is not empty`);
  const sha = await resolveSnapshot(repo, commit);
  if (repo.kind === 'user') {
    await runGit(['worktree', 'add', '--quiet', '-b', branch, target, sha], { cwd: repo.top, limits: repo.limits });
    return { path: target, agentDir: repo.prefix ? resolve(target, repo.prefix) : target, branch };
  }
  mkdirSync(target, { recursive: true });
  await withTempIndex(async (indexFile) => {
    const call = { cwd: target, gitDir: repo.gitDir, workTree: target, indexFile, limits: repo.limits };
    await runGit(['read-tree', sha], call);
    await runGit(['checkout-index', '--all', '--force'], call);
  });
  return { path: target, agentDir: target, branch: null };
}
