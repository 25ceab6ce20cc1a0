/**
 * Which git repository holds an agent's snapshots, and how to call git on it.
 *
 * - The agent's directory is inside a user's repository (and not ignored by it): that
 *   repository. Snapshot commits and `refs/hangar/…` live beside the user's history, so
 *   `branch Tn` can be a real `git worktree` whose history is the user's plus one commit.
 * - Otherwise: a private bare repository, `<state_dir>/pilot/<agent>/repo.git`, used with
 *   --git-dir/--work-tree (work tree = the agent's directory). Once made it stays the agent's
 *   repository while the directory is the same (its config records `hangar.workdir`), so an
 *   agent that runs `git init` does not strand its earlier snapshots.
 *
 * An agent's directory below the top of a user's repository (`prefix` ≠ ''): a snapshot is
 * the user's HEAD with the agent's directory as it is now (the rest of the tree as committed;
 * other people's uncommitted work outside the directory is not the agent's and is left out),
 * and restore and diffs only ever look inside the agent's directory. This keeps the user's
 * ignore rules (every .gitignore up to the top, .git/info/exclude, global excludes) and the
 * user's history as the parent; a private repository for a subdirectory would lose both.
 */

import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { snapshotRepoPath } from '../fs/fleet-files.js';
import { prepareRealDirectory } from '../fs/private-directory.js';
import { DEFAULT_GIT_LIMITS, runGit, type GitCall, type GitLimits } from './git-run.js';
import { checkRefComponent } from './ref-names.js';

export interface PilotGitOptions {
  /** the agent's name: refs/hangar/<agent>/…, <state_dir>/pilot/<agent>/ */
  agent: string;
  /** the fleet's state dir; never captured or restored when it lies inside the agent's directory */
  stateDir: string;
  /**
   * More directories never captured nor restored — hangar's log_dir (sockets, logs,
   * worktrees) when it lies inside the agent's directory. Outside it they are ignored.
   */
  exclude?: string[];
  limits?: GitLimits;
}

export interface SnapshotRepo {
  kind: 'user' | 'private';
  /** absolute git dir (a linked worktree's own one for a user's worktree) */
  gitDir: string;
  /** the work tree's top: the user's repository top, or the agent's directory */
  top: string;
  /** the agent's directory, real path */
  workDir: string;
  /** the agent's directory relative to top, '' or 'sub/dir/' */
  prefix: string;
  /** pathspecs (relative to workDir) that keep excluded directories out of every command */
  excludes: string[];
  limits: GitLimits;
}

/** Where an agent's private repository lives when its directory is not in a git repository. */
export function privateRepoPath(stateDir: string, agent: string): string {
  checkRefComponent('agent', agent);
  return snapshotRepoPath({ state_dir: resolve(stateDir) }, agent);
}

/** How to call git on `repo`: in the agent's directory, with its git dir and work tree. */
export function repoCall(repo: SnapshotRepo, extra: Partial<GitCall> = {}): GitCall {
  return { cwd: repo.workDir, gitDir: repo.gitDir, workTree: repo.top, limits: repo.limits, ...extra };
}

/** The user's HEAD commit (a private repository has none), or null when HEAD is unborn. */
export async function headCommit(repo: SnapshotRepo): Promise<string | null> {
  const out = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], repoCall(repo, { okCodes: [1] }));
  const sha = out.stdout.toString('utf8').trim();
  return out.code === 0 && sha ? sha : null;
}

/** A snapshot's commit sha, or a clear error when the repository does not have it. */
export async function resolveSnapshot(repo: SnapshotRepo, commit: string): Promise<string> {
  const out = await runGit(['rev-parse', '--verify', '--quiet', `${commit}^{commit}`], repoCall(repo, { okCodes: [1, 128] }));
  const sha = out.stdout.toString('utf8').trim();
  if (out.code !== 0 || !sha) throw new Error(`pilot: snapshot ${commit} is not in ${repo.gitDir} (the repository of ${repo.workDir})`);
  return sha;
}

function realDirectory(workDir: string): string {
  let real: string;
  try {
    real = realpathSync(workDir);
  } catch {
    throw new Error(`pilot: the agent's directory ${workDir} does not exist`);
  }
  if (!statSync(real).isDirectory()) throw new Error(`pilot: the agent's directory ${workDir} is not a directory`);
  return real;
}

/** `:(exclude,literal)rel` for each excluded directory inside workDir. */
function excludePathspecs(workDir: string, dirs: string[]): string[] {
  const specs: string[] = [];
  for (const dir of dirs) {
    const abs = resolve(dir);
    const real = existsSync(abs) ? realpathSync(abs) : abs;
    const rel = relative(workDir, real);
    if (rel === '') throw new Error(`pilot: ${dir} is the agent's directory ${workDir}; hangar's own files cannot live at its top`);
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    specs.push(`:(exclude,literal)${rel}`);
  }
  return specs;
}

/** The user's repository around `workDir`, or null when there is none (or it ignores workDir). */
async function findUserRepo(workDir: string, limits: GitLimits): Promise<{ top: string; gitDir: string; prefix: string } | null> {
  const out = await runGit(['rev-parse', '--show-toplevel', '--absolute-git-dir', '--show-prefix'], { cwd: workDir, limits, okCodes: [128] });
  if (out.code === 128) {
    if (/not a git repository/i.test(out.stderr)) return null;
    throw new Error(`pilot: git rev-parse (in ${workDir}) failed: ${out.stderr.trim().split('\n')[0] ?? 'exit code 128'}`);
  }
  const [top, gitDir, prefix = ''] = out.stdout.toString('utf8').split('\n');
  if (!top || !gitDir) throw new Error(`pilot: git rev-parse (in ${workDir}) gave no work tree`);
  if (prefix !== '') {
    // a directory the user's repository ignores (a build dir, hangar's own log_dir) would snapshot as empty
    const ignored = await runGit(['check-ignore', '-q', '--', prefix], { cwd: top, limits, okCodes: [1] });
    if (ignored.code === 0) return null;
  }
  return { top, gitDir, prefix };
}

/** Make the private repository atomically: init beside it, configure, rename into place. */
async function createPrivateRepo(path: string, workDir: string, limits: GitLimits): Promise<void> {
  // state/pilot/<agent> is hangar's own: a symlink planted there is refused, not followed
  prepareRealDirectory(dirname(dirname(path)));
  prepareRealDirectory(dirname(path));
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    await runGit(['init', '--bare', '--quiet', tmp], { cwd: dirname(path), limits });
    const call: GitCall = { cwd: dirname(path), gitDir: tmp, limits };
    // byte-exact round trips whatever the user's global config says about line endings
    await runGit(['config', 'core.autocrlf', 'false'], call);
    await runGit(['config', 'core.logAllRefUpdates', 'false'], call);
    await runGit(['config', 'hangar.workdir', workDir], call);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    // another snapshot made it first
    if (!existsSync(join(path, 'HEAD'))) throw err;
  }
}

/** Find (or make) the repository that holds the snapshots of `workDir`. */
export async function openSnapshotRepo(workDir: string, opts: PilotGitOptions): Promise<SnapshotRepo> {
  const limits = opts.limits ?? DEFAULT_GIT_LIMITS;
  const real = realDirectory(workDir);
  const excludes = excludePathspecs(real, [opts.stateDir, ...(opts.exclude ?? [])]);
  const privatePath = privateRepoPath(opts.stateDir, opts.agent);
  const privateRepo = (): SnapshotRepo => ({ kind: 'private', gitDir: privatePath, top: real, workDir: real, prefix: '', excludes, limits });

  const havePrivate = existsSync(join(privatePath, 'HEAD'));
  if (havePrivate) {
    const recorded = (await runGit(['config', '--get', 'hangar.workdir'], { cwd: real, gitDir: privatePath, limits, okCodes: [1] })).stdout.toString('utf8').trim();
    if (recorded === real) return privateRepo();
  }
  const user = await findUserRepo(real, limits);
  if (user) return { kind: 'user', ...user, workDir: real, excludes, limits };
  if (havePrivate) await runGit(['config', 'hangar.workdir', real], { cwd: real, gitDir: privatePath, limits });
  else await createPrivateRepo(privatePath, real, limits);
  return privateRepo();
}
