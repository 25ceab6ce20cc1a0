import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  diffSnapshots, diffStat, hangarBranch, matchesSnapshot, openSnapshotRepo, privateRepoPath, restore, snapshot, worktreeFrom,
  type PilotGitOptions,
} from '../../src/pilot/git-snapshot.js';
import { directories, git, listing, put, scratch, treePaths, userState } from './git-fixture.js';

// Real git in temp directories: a user's repository with work in progress (staged, unstaged,
// untracked, ignored, a stash), and plain directories that get a private repository.

let dirs: string[] = [];
let repo: string;
let state: string;
let opts: PilotGitOptions;

const fresh = (name: string) => {
  const d = scratch(name);
  dirs.push(d);
  return d;
};

/** Files ignored by the fixture's .gitignore and not tracked: never in a snapshot. */
const IGNORED = ['ignored.log', 'build/out.o'];
const without = (list: Record<string, string>, paths: string[]) => Object.fromEntries(Object.entries(list).filter(([p]) => !paths.includes(p)));

/** A user's repository: history, a stash, a staged change, an unstaged one, untracked and ignored files. */
function makeUserRepo(): string {
  const r = fresh('repo');
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
function agentTurn(r: string): void {
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

beforeEach(() => {
  dirs = [];
  repo = makeUserRepo();
  state = fresh('state');
  opts = { agent: 'builder', stateDir: state };
});

afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('snapshot and restore in a user repository', () => {
  it('round-trips byte-exact: text, binary, deletions, renames, exec bits, symlinks, spaces, unicode, nested and emptied dirs', async () => {
    const before = listing(repo);
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    expect(t1.kind).toBe('user');
    agentTurn(repo);
    const after = listing(repo);
    const t2 = await snapshot(repo, { ...opts, label: 'T2' });

    const back = await restore(repo, t1.commit, opts);
    // the ignored files are the agent's latest (left alone); everything else as at T1
    expect(without(listing(repo), [...IGNORED, 'new.log'])).toEqual(without(before, IGNORED));
    expect(readFileSync(join(repo, 'new.log'), 'utf8')).toBe('ignored output\n');
    expect(readFileSync(join(repo, 'build/out.o'), 'utf8')).toBe('rebuilt\n');
    expect(directories(repo)).not.toContain('new');
    expect(back.removed.sort()).toEqual(['new/dir/file.txt', 'renamed with spaces.txt']);
    expect(back.written).toContain('ünïcødé/файл 名.txt');

    await restore(repo, t2.commit, opts);
    expect(listing(repo)).toEqual(after);
    // the directory the agent emptied went with its last file, and its empty parent too
    expect(directories(repo)).not.toContain('src/deep');

    await restore(repo, t1.commit, opts);
    expect(without(listing(repo), [...IGNORED, 'new.log'])).toEqual(without(before, IGNORED));
  });

  it('never touches the user\'s HEAD, index, branches, stash or staged changes', async () => {
    const before = userState(repo);
    const refsBefore = git(repo, 'for-each-ref', '--format=%(refname)').split('\n').filter((r) => r && !r.startsWith('refs/hangar/'));
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    expect(userState(repo)).toEqual(before);
    agentTurn(repo);
    await snapshot(repo, { ...opts, label: 'T2' });
    await restore(repo, t1.commit, opts);
    expect(userState(repo)).toEqual(before);
    const refsAfter = git(repo, 'for-each-ref', '--format=%(refname)').split('\n').filter((r) => r && !r.startsWith('refs/hangar/'));
    expect(refsAfter).toEqual(refsBefore);
    expect(existsSync(join(repo, '.git', 'index.lock'))).toBe(false);
  });

  it('makes a commit whose parent is the user\'s HEAD, by "hangar", with no git identity configured', async () => {
    const saved = { global: process.env.GIT_CONFIG_GLOBAL, nosystem: process.env.GIT_CONFIG_NOSYSTEM };
    process.env.GIT_CONFIG_GLOBAL = '/dev/null';
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    try {
      const t1 = await snapshot(repo, { ...opts, label: 'T1', message: 'add the parser' });
      expect(git(repo, 'rev-parse', `${t1.commit}^`)).toBe(git(repo, 'rev-parse', 'HEAD'));
      expect(git(repo, 'log', '-1', '--format=%an <%ae> %cn%n%s%n%b', t1.commit)).toBe('hangar <hangar@localhost> hangar\nhangar: builder T1\nadd the parser\n\n');
      expect(git(repo, 'rev-parse', t1.ref).trim()).toBe(t1.commit);
      expect(t1.ref).toBe('refs/hangar/builder/T1');
    } finally {
      for (const [k, v] of [['GIT_CONFIG_GLOBAL', saved.global], ['GIT_CONFIG_NOSYSTEM', saved.nosystem]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('captures untracked and tracked-but-ignored files, never ignored ones, and never deletes ignored files', async () => {
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    const paths = treePaths(repo, t1.commit);
    expect(paths).toContain('untracked.txt');
    expect(paths).toContain('tracked.log');
    expect(paths).not.toContain('ignored.log');
    expect(paths.some((p) => p.startsWith('build/'))).toBe(false);
    // ignored files made after T1 survive a restore to T1
    put(repo, { 'later.log': 'ignored, made later\n', 'build/later.o': 'x' });
    await restore(repo, t1.commit, opts);
    expect(readFileSync(join(repo, 'later.log'), 'utf8')).toBe('ignored, made later\n');
    expect(readFileSync(join(repo, 'build/later.o'), 'utf8')).toBe('x');
    expect(readFileSync(join(repo, 'ignored.log'), 'utf8')).toBe('ignored\n');
  });

  it('keeps snapshots under refs/hangar/ through git gc --prune=now', async () => {
    put(repo, { 'only-here.txt': 'a file no commit of the user holds\n' });
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    rmSync(join(repo, 'only-here.txt'));
    git(repo, 'gc', '--quiet', '--prune=now');
    expect(git(repo, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/hangar/')).toBe(`refs/hangar/builder/T1 ${t1.commit}\n`);
    await restore(repo, t1.commit, opts);
    expect(readFileSync(join(repo, 'only-here.txt'), 'utf8')).toBe('a file no commit of the user holds\n');
  });

  it('says whether the directory still matches a snapshot', async () => {
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    expect(await matchesSnapshot(repo, t1.commit, opts)).toBe(true);
    put(repo, { 'another.log': 'ignored: no difference\n' });
    expect(await matchesSnapshot(repo, t1.commit, opts)).toBe(true);
    chmodSync(join(repo, 'bin/run.sh'), 0o644);
    expect(await matchesSnapshot(repo, t1.commit, opts)).toBe(false);
    await restore(repo, t1.commit, opts);
    expect(await matchesSnapshot(repo, t1.commit, opts)).toBe(true);
  });

  it('refuses, changing nothing, a restore that would delete files the snapshot does not know', async () => {
    put(repo, { 'x': 'a file at T1\n', 'cache/data.txt': 'cached\n' });
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    // a directory holding only an ignored file where T1 has a file; an ignored file where T1 has a directory
    put(repo, { 'x': null, 'x/debug.log': 'keep me\n', 'cache': 'an ignored file\n', '.gitignore': '*.log\nbuild/\ncache\n' });
    const now = listing(repo);
    const refused = await restore(repo, t1.commit, opts).then(() => '', (err: Error) => err.message);
    expect(refused).toMatch(/^pilot: cannot restore [0-9a-f]{12} into .*: .*Nothing was changed\.$/);
    expect(refused).toContain('x/debug.log');
    expect(refused).toContain('cache,');
    expect(listing(repo)).toEqual(now);
  });
});

describe('diffs between snapshots', () => {
  it('lists files with status and +/− counts, renames and binaries, and a unified diff', async () => {
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    agentTurn(repo);
    const t2 = await snapshot(repo, { ...opts, label: 'T2' });
    const d = await diffSnapshots(t1.commit, t2.commit, { ...opts, workDir: repo });
    const byPath = Object.fromEntries(d.files.map((f) => [f.path, f]));
    expect(byPath['README.md']).toMatchObject({ status: 'modified', insertions: 1, deletions: 3, binary: false });
    expect(byPath['data.bin']).toMatchObject({ status: 'modified', binary: true, insertions: 0, deletions: 0 });
    expect(byPath['renamed with spaces.txt']).toMatchObject({ status: 'renamed', oldPath: 'name with spaces.txt' });
    expect(byPath['new/dir/file.txt']).toMatchObject({ status: 'added', insertions: 1, deletions: 0 });
    expect(byPath['src/deep/nested/x.txt']).toMatchObject({ status: 'deleted', deletions: 1 });
    expect(byPath['untracked.txt']).toMatchObject({ status: 'deleted' });
    expect(byPath['bin/run.sh']).toMatchObject({ status: 'modified', insertions: 0, deletions: 0 });
    expect(byPath['ünïcødé/файл 名.txt']).toMatchObject({ status: 'modified' });
    expect(Object.keys(byPath).some((p) => p.endsWith('.log') && p !== 'tracked.log')).toBe(false);
    expect(d.totals).toEqual({
      added: 1, removed: 2, changed: 7,
      insertions: d.files.reduce((n, f) => n + f.insertions, 0), deletions: d.files.reduce((n, f) => n + f.deletions, 0),
    });
    expect(d.text).toContain('--- a/README.md\n+++ b/README.md\n');
    expect(d.text).toContain('+rewritten by the agent\n');
    expect(d.text).toContain('Binary files a/data.bin and b/data.bin differ');
    expect(d.text).toContain('rename from name with spaces.txt');
    expect(d.text).toContain('old mode 100755\nnew mode 100644');
    expect(d.truncated).toBe(false);

    expect(await diffStat(t1.commit, t2.commit, { ...opts, workDir: repo })).toEqual({ files: d.files, totals: d.totals });
    const cut = await diffSnapshots(t1.commit, t2.commit, { ...opts, workDir: repo, maxTextBytes: 40 });
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(40);
  });
});

describe('worktrees from snapshots', () => {
  it('in a user repository: a git worktree on branch hangar/<agent>-<label> holding exactly the snapshot', async () => {
    agentTurn(repo);
    const expected = without(listing(repo), [...IGNORED, 'new.log']);
    const t2 = await snapshot(repo, { ...opts, label: 'T2' });
    const path = join(fresh('wt'), 'builder-T2');
    const wt = await worktreeFrom(await openSnapshotRepo(repo, opts), t2.commit, hangarBranch('builder', 'T2'), path);
    expect(wt).toEqual({ path, agentDir: path, branch: 'hangar/builder-T2' });
    expect(git(repo, 'rev-parse', 'refs/heads/hangar/builder-T2').trim()).toBe(t2.commit);
    expect(git(path, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/hangar/builder-T2');
    expect(listing(path)).toEqual(expected);
    expect(git(path, 'status', '--porcelain')).toBe('');
    // the branch is the user's history plus one commit
    expect(git(path, 'log', '--format=%s')).toBe('hangar: builder T2\nfirst\n');
    git(repo, 'worktree', 'remove', '--force', path);
  });

  it('fails with git\'s reason, the command and the directory when the branch exists', async () => {
    const t1 = await snapshot(repo, { ...opts, label: 'T1' });
    const r = await openSnapshotRepo(repo, opts);
    await expect(worktreeFrom(r, t1.commit, 'feature', join(fresh('wt'), 'x'))).rejects.toThrow(
      new RegExp(`git worktree add .*\\(in ${repo}\\) failed: .*already exists`),
    );
  });
});

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

describe('bad input', () => {
  it('names the field, the directory or the snapshot', async () => {
    await expect(snapshot(repo, { ...opts, agent: 'my agent', label: 'T1' })).rejects.toThrow('pilot: agent "my agent" cannot be used in a git ref name');
    await expect(snapshot(repo, { ...opts, label: 'T1.lock' })).rejects.toThrow('pilot: label "T1.lock"');
    await expect(snapshot(join(repo, 'nope'), { ...opts, label: 'T1' })).rejects.toThrow(`pilot: the agent's directory ${join(repo, 'nope')} does not exist`);
    await expect(restore(repo, 'deadbeef', opts)).rejects.toThrow(/pilot: snapshot deadbeef is not in .*\.git/);
  });
});

describe('performance', () => {
  it('snapshots and restores a few thousand files (timings printed, not asserted)', async () => {
    const big = fresh('big');
    git(big, 'init', '--quiet');
    const files: Record<string, string> = {};
    for (let d = 0; d < 40; d++) for (let f = 0; f < 75; f++) files[`d${d}/f${f}.txt`] = `file ${d}/${f}\n${'x'.repeat(2000)}\n`;
    put(big, files);
    git(big, 'add', '--all');
    git(big, 'commit', '--quiet', '-m', 'many files');
    put(big, { 'd1/f1.txt': 'changed\n', 'd2/new.txt': 'new\n', 'd3/f3.txt': null });
    const o = { ...opts, stateDir: state };
    const time = async <T>(fn: () => Promise<T>) => {
      const t = performance.now();
      const value = await fn();
      return { value, ms: Math.round(performance.now() - t) };
    };
    const first = await time(() => snapshot(big, { ...o, label: 'T1' }));
    put(big, { 'd4/f4.txt': 'changed again\n' });
    const second = await time(() => snapshot(big, { ...o, label: 'T2' }));
    const back = await time(() => restore(big, first.value.commit, o));
    const stat = await time(() => diffStat(first.value.commit, second.value.commit, { ...o, workDir: big }));
    console.log(`snapshot of 3000 files: first ${first.ms} ms, second ${second.ms} ms; restore ${back.ms} ms; diffStat ${stat.ms} ms`);
    expect(back.value.written).toEqual(['d4/f4.txt']);
  });
});
