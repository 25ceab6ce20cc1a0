/**
 * Restoring an agent's directory to a snapshot, exactly: changed files back, files created
 * since removed, deleted files back, executable bits and symlinks as they were. Ignored
 * files are left alone, and the user's index, HEAD and branches are not touched.
 *
 * How: the present is read as a snapshot would read it (a tree from a temporary index);
 * `diff-tree` present → target lists what differs; paths present and absent from the target
 * are removed (and directories that leaves empty), then the rest are written from a second
 * temporary index holding the target (`checkout-index --force`). Only differing paths are
 * touched, so unchanged files keep their mtimes.
 *
 * Before anything changes, a restore that would have to delete something the snapshot does
 * not know about — an ignored file where the target has a directory, or a directory holding
 * ignored files where the target has a file — stops with an error naming the paths.
 */

import { lstatSync, readdirSync, rmdirSync, unlinkSync, type Stats } from 'node:fs';
import { runGit } from './git-run.js';
import { displayPath, fsPath, parseDiffZ, planRestore, type RestorePlan } from './git-diff-parse.js';
import { presentTree } from './present-tree.js';
import { openSnapshotRepo, repoCall, resolveSnapshot, type PilotGitOptions, type SnapshotRepo } from './snapshot-repo.js';
import { withTempIndex } from './temp-index.js';

export interface RestoreResult {
  /** the snapshot restored (full sha) */
  commit: string;
  /** paths written (new, changed, or of another type), relative to the agent's directory */
  written: string[];
  /** paths removed (present, absent from the snapshot), relative to the agent's directory */
  removed: string[];
}

/** A path of the diff (latin1, relative to the agent's directory) as bytes on disk. */
function onDisk(workDir: string, rel: string): Buffer {
  return Buffer.concat([Buffer.from(`${workDir}/`, 'utf8'), fsPath(rel)]);
}

function lstatOrNull(path: Buffer): Stats | null {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
}

/** Every non-directory under `rel` (latin1 paths relative to the agent's directory). */
function filesUnder(workDir: string, rel: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(onDisk(workDir, rel), { encoding: 'buffer', withFileTypes: true })) {
    const child = `${rel}/${entry.name.toString('latin1')}`;
    if (entry.isDirectory()) out.push(...filesUnder(workDir, child));
    else out.push(child);
  }
  return out;
}

/** Paths the snapshot does not know about that the restore would have to delete. */
function unknownPathsInTheWay(workDir: string, plan: RestorePlan): string[] {
  const removing = new Set(plan.remove);
  const seen = new Set<string>();
  const found: string[] = [];
  for (const path of plan.write) {
    const parts = path.split('/');
    // a leading directory of the path must be a directory, or go with the removals
    for (let k = 1; k < parts.length; k++) {
      const dir = parts.slice(0, k).join('/');
      if (seen.has(dir)) continue;
      seen.add(dir);
      const st = lstatOrNull(onDisk(workDir, dir));
      if (st && !st.isDirectory() && !removing.has(dir)) found.push(dir);
    }
    const st = lstatOrNull(onDisk(workDir, path));
    if (st?.isDirectory()) found.push(...filesUnder(workDir, path).filter((f) => !removing.has(f)));
  }
  return found;
}

/** Remove the files and symlinks, then the directories that leaves empty (never the agent's directory itself). */
function removeAll(workDir: string, paths: string[]): void {
  const parents = new Set<string>();
  for (const path of paths) {
    const full = onDisk(workDir, path);
    const st = lstatOrNull(full);
    if (st?.isDirectory()) throw new Error(`pilot: restore: ${workDir}/${displayPath(path)} is a directory where a file was just seen (is something still writing there?); restore stopped part way`);
    if (st) unlinkSync(full);
    const parts = path.split('/');
    for (let k = 1; k < parts.length; k++) parents.add(parts.slice(0, k).join('/'));
  }
  const deepestFirst = [...parents].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const dir of deepestFirst) {
    try {
      rmdirSync(onDisk(workDir, dir));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // still holds something (ignored files, files the target keeps), or already gone
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    }
  }
}

async function writeFromSnapshot(repo: SnapshotRepo, target: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  await withTempIndex(async (indexFile) => {
    const call = repoCall(repo, { indexFile });
    await runGit(['read-tree', target], call);
    const input = Buffer.concat(paths.flatMap((p) => [fsPath(p), Buffer.from([0])]));
    await runGit(['checkout-index', '--force', '-z', '--stdin'], { ...call, input });
  });
}

/** Make the agent's directory hold exactly the files of snapshot `commit`. */
export async function restore(workDir: string, commit: string, opts: PilotGitOptions): Promise<RestoreResult> {
  const repo = await openSnapshotRepo(workDir, opts);
  const target = await resolveSnapshot(repo, commit);
  const present = await presentTree(repo);
  const diff = await runGit(
    ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--relative', present, target, '--', '.', ...repo.excludes],
    repoCall(repo),
  );
  const plan = planRestore(parseDiffZ(diff.stdout).raw);
  const inTheWay = unknownPathsInTheWay(repo.workDir, plan);
  if (inTheWay.length > 0) {
    const list = inTheWay.slice(0, 5).map(displayPath).join(', ') + (inTheWay.length > 5 ? `, and ${inTheWay.length - 5} more` : '');
    throw new Error(`pilot: cannot restore ${target.slice(0, 12)} into ${repo.workDir}: ${list} — not in the snapshot (ignored?) — would have to be deleted to make room; move them away and retry. Nothing was changed.`);
  }
  removeAll(repo.workDir, plan.remove);
  await writeFromSnapshot(repo, target, plan.write);
  return { commit: target, written: plan.write.map(displayPath), removed: plan.remove.map(displayPath) };
}
