/**
 * What an agent changed in its dir since it started, by git (`check`): at each start the
 * commit HEAD is at is noted (the agent may commit its work since: those changes count too),
 * and a check lists the work tree's differences from it — tracked files with line counts
 * (`git diff --raw --numstat` against that commit, the pilot's parser) and untracked files the
 * ignore rules do not exclude. A dir outside git has none (null). Nothing of the user's is
 * written: no index refresh (GIT_OPTIONAL_LOCKS=0, git-run.ts), plumbing and reads only.
 */
import { fileChanges, parseDiffZ, displayPath } from '../pilot/git-diff-parse.js';
import { gitText, runGit, type GitCall } from '../pilot/git-run.js';
import type { ChangedFile, FilesChanged } from '../protocol/requests.js';

/** A check lists at most this many files (an agent that generated thousands says so with `truncated`). */
export const MAX_CHANGED_FILES = 200;

/** git's tree with nothing in it: the base of a repository with no commit yet. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** A git run here: short, since a check waits on it. */
const call = (cwd: string): GitCall => ({ cwd, limits: { timeoutMs: 20_000, maxBytes: 8 << 20 } });

interface Base {
  dir: string;
  /** the work tree's root; null: the dir is in no repository */
  repo: string | null;
  commit: string;
}

/** Where the work tree of `dir` is and the commit HEAD names now (the empty tree before the first commit); null outside git. */
export async function gitBase(dir: string): Promise<Omit<Base, 'dir'> | null> {
  let repo: string;
  try {
    repo = await gitText(['rev-parse', '--show-toplevel'], call(dir));
  } catch {
    return null; // not a repository (or no git): no files to report
  }
  try {
    return { repo, commit: await gitText(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], call(dir)) };
  } catch {
    return { repo, commit: EMPTY_TREE };
  }
}

/** The files of `dir` that differ from `base`, tracked and untracked, at most MAX_CHANGED_FILES. */
export async function changedSince(dir: string, repo: string, base: string): Promise<FilesChanged> {
  const [diff, others] = await Promise.all([
    runGit(['diff', '-z', '-M', '--raw', '--numstat', '--relative', base, '--', '.'], call(dir)),
    runGit(['ls-files', '-z', '--others', '--exclude-standard', '--', '.'], call(dir)),
  ]);
  const { raw, numstat } = parseDiffZ(diff.stdout);
  const tracked: ChangedFile[] = fileChanges(raw, numstat).map((f) => ({
    path: displayPath(f.path),
    status: f.status,
    insertions: f.binary ? null : f.insertions,
    deletions: f.binary ? null : f.deletions,
  }));
  const untracked: ChangedFile[] = others.stdout
    .toString('latin1')
    .split('\0')
    .filter(Boolean)
    .map((path) => ({ path: displayPath(path), status: 'untracked', insertions: null, deletions: null }));
  const files = [...tracked, ...untracked];
  return { repo, base, files: files.slice(0, MAX_CHANGED_FILES), truncated: files.length > MAX_CHANGED_FILES };
}

/**
 * Each agent's base, noted as it starts (`started`), so a check counts from there. The note
 * is taken in the background: a start does not wait on git.
 */
export class WorkChanges {
  private readonly bases = new Map<string, Promise<Base | null>>();

  started(name: string, dir: string): void {
    this.bases.set(
      name,
      gitBase(dir).then((b) => (b ? { dir, ...b } : null), () => null),
    );
  }

  /** What changed since `name` last started; null: never started here, or its dir is in no repository. */
  async changes(name: string): Promise<FilesChanged | null> {
    const base = await this.bases.get(name);
    if (!base?.repo) return null;
    return changedSince(base.dir, base.repo, base.commit);
  }

  forget(name: string): void {
    this.bases.delete(name);
  }
}
