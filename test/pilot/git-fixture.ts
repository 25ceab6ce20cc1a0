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
import { afterEach, beforeEach } from 'vitest';
import type { PilotGitOptions } from '../../src/pilot/git-snapshot.js';

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

/** Every path in a commit's tree, from the repository at `cwd` (or at `gitDir`). */
export function treePaths(cwd: string, commit: string, gitDir?: string): string[] {
  const args = [...(gitDir ? [`--git-dir=${gitDir}`] : []), 'ls-tree', '-r', '-z', '--name-only', commit];
  return git(cwd, ...args).split('\0').filter(Boolean).sort();
}

/** Files ignored by the fixture's .gitignore and not tracked: never in a snapshot. */
export const IGNORED = ['ignored.log', 'build/out.o'];
export const without = (list: Record<string, string>, paths: string[]) => Object.fromEntries(Object.entries(list).filter(([p]) => !paths.includes(p)));

/** A user's repository: history, a stash, a staged change, an unstaged one, untracked and ignored files. */
export function makeUserRepo(r: string): string {
  git(r, 'init', '--quiet', '--initial-branch=main');
  put(r, {
    '.gitignore': '*.log\nbuild/\n',
    'README.md': 'hello\nworld\n',
    'src/app.ts': 'export const a = 1;\n',
    'src/deep/nested/x.txt': 'deep\n',
    'bin/run.sh': { exec: '#!/bin/sh\necho hi\n' },
    'data.bin': Buffer.from([0, 1, 2, 255, 254, 0, 10, 13, 0]),
    'name with spaces.txt': 'spaces\n',
    'ünïcødé/файл 名.txt': 'unicode\n',
    'link': { link: 'README.md' },
    'tracked.log': 'tracked although an ignore rule matches\n',
  });
  git(r, 'add', '--all');
  git(r, 'add', '--force', 'tracked.log');
  git(r, 'commit', '--quiet', '-m', 'first');
  git(r, 'branch', 'feature');
  put(r, { 'README.md': 'stashed edit\n' });
  git(r, 'stash', 'push', '--quiet', '-m', 'wip');
  put(r, { 'src/app.ts': 'export const a = 2; // staged\n' });
  git(r, 'add', 'src/app.ts');
  put(r, {
    'README.md': 'hello\nworld\nunstaged line\n',
    'untracked.txt': 'not yet added\n',
    'ignored.log': 'ignored\n',
    'build/out.o': Buffer.from([7, 7, 7]),
  });
  return r;
}

/** What an agent's turn does: edits, deletions, a rename, a mode change, a retargeted symlink, new dirs, ignored output. */
export function agentTurn(r: string): void {
  put(r, {
    'README.md': 'rewritten by the agent\n',
    'data.bin': Buffer.from([9, 9, 0, 9]),
    'src/deep/nested/x.txt': null,
    'name with spaces.txt': null,
    'renamed with spaces.txt': 'spaces\n',
    'link': { link: 'src/app.ts' },
    'ünïcødé/файл 名.txt': 'unicode, changed\n',
    'new/dir/file.txt': 'new\n',
    'untracked.txt': null,
    'tracked.log': 'tracked log, changed\n',
    'new.log': 'ignored output\n',
    'build/out.o': 'rebuilt\n',
  });
  chmodSync(join(r, 'bin/run.sh'), 0o644);
}

export interface UserRepoSandbox {
  repo: string;
  state: string;
  opts: PilotGitOptions;
}

/**
 * A fresh user repository (makeUserRepo) and state dir for every test, removed after it,
 * handed to `onEach`; returns `fresh`, which makes a further scratch directory removed with them.
 */
export function useUserRepo(onEach: (sandbox: UserRepoSandbox) => void): (name: string) => string {
  let dirs: string[] = [];
  const fresh = (name: string) => {
    const d = scratch(name);
    dirs.push(d);
    return d;
  };
  beforeEach(() => {
    dirs = [];
    const state = fresh('state');
    onEach({ repo: makeUserRepo(fresh('repo')), state, opts: { agent: 'builder', stateDir: state } });
  });
  afterEach(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return fresh;
}
