/**
 * Differences between two snapshots of an agent's directory: per-file counts and totals
 * (the timeline's "files changed, +/−") and a unified diff for the diff view, both limited
 * to the agent's directory (paths relative to it) and with renames detected.
 */

import { runGit } from './git-run.js';
import { fileChanges, parseDiffZ, totalsOf, type DiffTotals, type FileChange } from './git-diff-parse.js';
import { presentTree } from './present-tree.js';
import { openSnapshotRepo, repoCall, resolveSnapshot, type PilotGitOptions, type SnapshotRepo } from './snapshot-repo.js';

export interface DiffOptions extends PilotGitOptions {
  /** the agent's directory (finds the repository, and limits the diff to it) */
  workDir: string;
  /** bytes of diff text kept; the rest is cut and `truncated` says so (default 1 MiB) */
  maxTextBytes?: number;
}

export interface DiffSummary {
  files: FileChange[];
  totals: DiffTotals;
}

export interface SnapshotDiff extends DiffSummary {
  /** unified diff, `git diff` style (binary files as "Binary files … differ") */
  text: string;
  truncated: boolean;
}

const DEFAULT_MAX_TEXT_BYTES = 1 << 20;

async function commits(opts: DiffOptions, a: string, b: string): Promise<{ repo: SnapshotRepo; from: string; to: string }> {
  const repo = await openSnapshotRepo(opts.workDir, opts);
  return { repo, from: await resolveSnapshot(repo, a), to: await resolveSnapshot(repo, b) };
}

async function summary(repo: SnapshotRepo, from: string, to: string): Promise<DiffSummary> {
  const out = await runGit(['diff-tree', '-r', '-z', '-M', '--raw', '--numstat', '--relative', from, to, '--', '.', ...repo.excludes], repoCall(repo));
  const { raw, numstat } = parseDiffZ(out.stdout);
  const files = fileChanges(raw, numstat);
  return { files, totals: totalsOf(files) };
}

/** Files changed from snapshot `a` to snapshot `b`, with line counts (numstat), and their totals. */
export async function diffStat(a: string, b: string, opts: DiffOptions): Promise<DiffSummary> {
  const { repo, from, to } = await commits(opts, a, b);
  return summary(repo, from, to);
}

/** The unified diff from snapshot `a` to snapshot `b`, with the per-file counts. */
export async function diffSnapshots(a: string, b: string, opts: DiffOptions): Promise<SnapshotDiff> {
  const { repo, from, to } = await commits(opts, a, b);
  return diffTrees(repo, from, to, opts);
}

/**
 * The unified diff from commit `base` to the agent's directory as it is now — committed or
 * not, untracked files in, ignored ones out (the tree a snapshot would take): a worktree
 * agent's work against its base branch.
 */
export async function diffToPresent(base: string, opts: DiffOptions): Promise<SnapshotDiff> {
  const repo = await openSnapshotRepo(opts.workDir, opts);
  return diffTrees(repo, await resolveSnapshot(repo, base), await presentTree(repo), opts);
}

async function diffTrees(repo: SnapshotRepo, from: string, to: string, opts: DiffOptions): Promise<SnapshotDiff> {
  const stat = await summary(repo, from, to);
  const limits = { ...repo.limits, maxBytes: opts.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES };
  const out = await runGit(
    ['diff-tree', '-r', '-p', '-M', '--no-color', '--relative', from, to, '--', '.', ...repo.excludes],
    repoCall(repo, { truncate: true, limits }),
  );
  return { ...stat, text: out.stdout.toString('utf8'), truncated: out.truncated };
}
