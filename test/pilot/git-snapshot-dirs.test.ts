import { existsSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { diffStat, hangarBranch, openSnapshotRepo, privateRepoPath, restore, snapshot, worktreeFrom, type PilotGitOptions } from '../../src/pilot/git-snapshot.js';
import { directories, git, listing, put, treePaths, useUserRepo } from './git-fixture.js';

// Directories that are not a repository's top: a plain directory (a private repository under
// the state dir), one holding hangar's own files, and a subdirectory of a user's repository.

let repo: string;
let state: string;
let opts: PilotGitOptions;
const fresh = useUserRepo((s) => ({ repo, state, opts } = s));

describe('a directory that is not in a git repository', () => {
  let work: string;

  beforeEach(() => {
    work = fresh('plain');
    put(work, {
      'notes.md': 'plain directory\n',
      'tool.sh': { exec: '#!/bin/sh\n' },
      'blob.bin': Buffer.from([0, 0, 1, 255]),
      'a b/ç.txt': 'x\n',
      'sl': { link: 'notes.md' },
    });
  });

  it('gets a private repository under the state dir and round-trips', async () => {
    const before = listing(work);
    const t1 = await snapshot(work, { ...opts, label: 'T1' });
    expect(t1.kind).toBe('private');
    expect(existsSync(join(work, '.git'))).toBe(false);
    const gitDir = privateRepoPath(state, 'builder');
    expect(gitDir).toBe(join(state, 'pilot', 'builder', 'repo.git'));
    expect(git(work, `--git-dir=${gitDir}`, 'rev-parse', 'refs/hangar/builder/T1').trim()).toBe(t1.commit);

    put(work, { 'notes.md': 'changed\n', 'blob.bin': null, 'a b/ç.txt': null, 'new/x.txt': 'a brand new file\n', 'sl': 'now a file\n' });
    chmodSync(join(work, 'tool.sh'), 0o600);
    const after = listing(work);
    const t2 = await snapshot(work, { ...opts, label: 'T2' });
    expect((await diffStat(t1.commit, t2.commit, { ...opts, workDir: work })).totals).toMatchObject({ added: 1, removed: 2, changed: 3 });

    await restore(work, t1.commit, opts);
    expect(listing(work)).toEqual(before);
    expect(directories(work)).toEqual(['a b']);
    await restore(work, t2.commit, opts);
    expect(listing(work)).toEqual(after);

    git(work, 'init', '--quiet');
    git(gitDir, 'gc', '--quiet', '--prune=now');
    // the agent ran git init: its snapshots stay in the private repository, all reachable
    const t3 = await snapshot(work, { ...opts, label: 'T3' });
    expect(t3.kind).toBe('private');
    await restore(work, t1.commit, opts);
    expect(listing(work)).toEqual(before);
  });

  it('a copy of a snapshot stands in for a worktree', async () => {
    const before = listing(work);
    const t1 = await snapshot(work, { ...opts, label: 'T1' });
    put(work, { 'notes.md': 'moved on\n' });
    const path = join(fresh('wt'), 'copy');
    const wt = await worktreeFrom(await openSnapshotRepo(work, opts), t1.commit, hangarBranch('builder', 'T1'), path);
    expect(wt).toEqual({ path, agentDir: path, branch: null });
    expect(listing(path)).toEqual(before);
  });

  it('never captures nor restores hangar\'s own directories inside it', async () => {
    const logDir = join(work, '.hangar');
    const inside = { agent: 'builder', stateDir: join(logDir, 'state'), exclude: [logDir] };
    put(logDir, { 'server.log': 'log\n' });
    const t1 = await snapshot(work, { ...inside, label: 'T1' });
    expect(treePaths(work, t1.commit, privateRepoPath(inside.stateDir, 'builder')).some((p) => p.startsWith('.hangar'))).toBe(false);
    put(logDir, { 'state/pilot/builder/timeline.json': '{}', 'later.log': 'more\n' });
    await restore(work, t1.commit, inside);
    expect(readFileSync(join(logDir, 'state/pilot/builder/timeline.json'), 'utf8')).toBe('{}');
    expect(readFileSync(join(logDir, 'later.log'), 'utf8')).toBe('more\n');
  });
});

describe('an agent directory below the top of a user repository', () => {
  it('snapshots HEAD plus the agent\'s directory as it is, and restores and diffs only inside it', async () => {
    put(repo, { 'agent/a.txt': 'a\n', 'agent/sub/b.txt': 'b\n', 'other/o.txt': 'committed\n' });
    git(repo, 'add', 'agent', 'other');
    git(repo, 'commit', '--quiet', '-m', 'second');
    put(repo, { 'other/o.txt': 'the user\'s own edit\n', 'agent/a.txt': 'a, edited\n', 'agent/new.txt': 'new\n' });
    const work = join(repo, 'agent');
    const before = listing(work);
    const t1 = await snapshot(work, { ...opts, label: 'T1' });
    expect(t1.kind).toBe('user');
    expect(git(repo, 'show', `${t1.commit}:other/o.txt`)).toBe('committed\n');
    expect(git(repo, 'show', `${t1.commit}:agent/new.txt`)).toBe('new\n');
    expect(git(repo, 'diff', '--name-only', 'HEAD', t1.commit)).toBe('agent/a.txt\nagent/new.txt\n');

    put(repo, { 'agent/new.txt': null, 'agent/sub/b.txt': 'b, edited\n', 'agent/c.txt': 'c\n', 'other/o.txt': 'the user, later\n', 'untracked.txt': null });
    const t2 = await snapshot(work, { ...opts, label: 'T2' });
    const d = await diffStat(t1.commit, t2.commit, { ...opts, workDir: work });
    expect(d.files.map((f) => `${f.status} ${f.path}`).sort()).toEqual(['added c.txt', 'deleted new.txt', 'modified sub/b.txt']);

    await restore(work, t1.commit, opts);
    expect(listing(work)).toEqual(before);
    // outside the agent's directory nothing moved
    expect(readFileSync(join(repo, 'other/o.txt'), 'utf8')).toBe('the user, later\n');
    expect(existsSync(join(repo, 'untracked.txt'))).toBe(false);

    const path = join(fresh('wt'), 'agent-T1');
    const wt = await worktreeFrom(await openSnapshotRepo(work, opts), t1.commit, hangarBranch('builder', 'T1'), path);
    expect(wt.agentDir).toBe(join(path, 'agent'));
    expect(listing(wt.agentDir)).toEqual(before);
    git(repo, 'worktree', 'remove', '--force', path);
  });

  it('a directory the repository ignores gets a private repository', async () => {
    const work = join(repo, 'build', 'agent');
    mkdirSync(work, { recursive: true });
    put(work, { 'f.txt': 'f\n' });
    const t1 = await snapshot(work, { ...opts, label: 'T1' });
    expect(t1.kind).toBe('private');
    expect(treePaths(work, t1.commit, privateRepoPath(state, 'builder'))).toEqual(['f.txt']);
  });
});
