/**
 * Real directories and repositories for the snapshot tests: a git runner with a test
 * identity, a byte-exact listing of a directory (files, modes, symlinks), and the parts of a
 * user's repository a snapshot must never touch.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** git as a user runs it: a test identity, no optional locks (so reading state never rewrites the index). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test User', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `hangar-${name}-`));
}

/** Write files: a string or Buffer is a file, { link } a symlink, { exec } an executable file, null removes. */
export type Entry = string | Buffer | { link: string } | { exec: string } | null;

export function put(root: string, files: Record<string, Entry>): void {
  for (const [path, entry] of Object.entries(files)) {
    const full = join(root, path);
    rmSync(full, { recursive: true, force: true });
    if (entry === null) continue;
    mkdirSync(dirname(full), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) writeFileSync(full, entry);
    else if ('link' in entry) symlinkSync(entry.link, full);
    else {
      writeFileSync(full, entry.exec);
      chmodSync(full, 0o755);
    }
  }
}

/**
 * Every file and symlink under `root` (not .git, not the `skip` paths): its kind, whether it
 * is executable, and a hash of its bytes (or the link's target). Two equal listings mean
 * byte-exact equal trees (git does not keep empty directories, so neither does this).
 */
export function listing(root: string, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === '.git' || skip.includes(path)) continue;
      const st = lstatSync(join(root, path));
      if (st.isDirectory()) walk(path);
      else if (st.isSymbolicLink()) out[path] = `link → ${readlinkSync(join(root, path))}`;
      else out[path] = `${st.mode & 0o100 ? 'exec' : 'file'} ${createHash('sha1').update(readFileSync(join(root, path))).digest('hex')}`;
    }
  };
  walk('');
  return out;
}

/** Directories under `root` (not .git), to check that emptied ones go. */
export function directories(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === '.git') continue;
      if (lstatSync(join(root, path)).isDirectory()) {
        out.push(path);
        walk(path);
      }
    }
  };
  walk('');
  return out.sort();
}

/** What a snapshot or restore must leave as it was: HEAD, index, branches, stash, staged changes. */
export function userState(repo: string): Record<string, string> {
  return {
    head: git(repo, 'rev-parse', 'HEAD'),
    symbolicHead: git(repo, 'symbolic-ref', '-q', 'HEAD'),
    branches: git(repo, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/tags'),
    stash: git(repo, 'stash', 'list', '--format=%H %s'),
    staged: git(repo, 'diff', '--cached', '--binary'),
    status: git(repo, 'status', '--porcelain=v2', '--untracked-files=all'),
    index: createHash('sha1').update(readFileSync(join(repo, '.git', 'index'))).digest('hex'),
  };
}

/** Paths in a commit's tree, from the repository at `cwd` (relative to `cwd` when `relative`). */
export function treePaths(cwd: string, commit: string, gitDir?: string): string[] {
  const args = [...(gitDir ? [`--git-dir=${gitDir}`] : []), 'ls-tree', '-r', '-z', '--name-only', commit];
  return git(cwd, ...args).split('\0').filter(Boolean).sort();
}
