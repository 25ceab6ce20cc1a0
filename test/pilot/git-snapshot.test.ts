import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffSnapshots, diffStat, hangarBranch, matchesSnapshot, openSnapshotRepo, restore, snapshot, worktreeFrom,
  type PilotGitOptions,
} from '../../src/pilot/git-snapshot.js';
import { agentTurn, directories, git, IGNORED, listing, put, treePaths, userState, useUserRepo, without } from './git-fixture.js';

// Real git in temp directories: a user's repository with work in progress (staged, unstaged,
// untracked, ignored, a stash); git-snapshot-dirs.test.ts has plain directories and subdirectories.

let repo: string;
let state: string;
let opts: PilotGitOptions;
const fresh = useUserRepo((s) => ({ repo, state, opts } = s));

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

describe('a repository with no commits yet', () => {
  it('snapshots without a parent and restores', async () => {
    const fresh0 = fresh('unborn');
    git(fresh0, 'init', '--quiet');
    put(fresh0, { 'a.txt': 'a\n', 'd/b.txt': 'b\n' });
    const before = listing(fresh0);
    const t1 = await snapshot(fresh0, { ...opts, label: 'T1' });
    expect(t1.kind).toBe('user');
    expect(git(fresh0, 'rev-list', '--parents', '-n', '1', t1.commit).trim()).toBe(t1.commit);
    put(fresh0, { 'a.txt': null, 'd/b.txt': 'changed\n', 'c.txt': 'c\n' });
    await restore(fresh0, t1.commit, opts);
    expect(listing(fresh0)).toEqual(before);
    expect(git(fresh0, 'status', '--porcelain')).toBe('?? a.txt\n?? d/\n');
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

    // the branched agent pilots in its worktree: its snapshots follow its branch, the original's HEAD stays
    const head = git(repo, 'rev-parse', 'HEAD');
    put(path, { 'README.md': 'the second approach\n' });
    const b1 = await snapshot(wt.agentDir, { ...opts, agent: 'builder-T2', label: 'T3' });
    expect(git(repo, 'rev-parse', `${b1.commit}^`).trim()).toBe(t2.commit);
    expect(git(repo, 'rev-parse', 'refs/hangar/builder-T2/T3').trim()).toBe(b1.commit);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    put(path, { 'README.md': 'the agent went on\n' });
    await restore(wt.agentDir, b1.commit, { ...opts, agent: 'builder-T2' });
    expect(readFileSync(join(path, 'README.md'), 'utf8')).toBe('the second approach\n');
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

describe('bad input', () => {
  it('names the field, the directory or the snapshot', async () => {
    await expect(snapshot(repo, { ...opts, agent: 'my agent', label: 'T1' })).rejects.toThrow('pilot: agent "my agent" cannot be used in a git ref name');
    await expect(snapshot(repo, { ...opts, label: 'T1.lock' })).rejects.toThrow('pilot: label "T1.lock"');
    await expect(snapshot(join(repo, 'nope'), { ...opts, label: 'T1' })).rejects.toThrow(`pilot: the agent's directory ${join(repo, 'nope')} does not exist`);
    await expect(restore(repo, 'deadbeef', opts)).rejects.toThrow(/pilot: snapshot deadbeef is not in .*\.git/);
  });
});

describe('a repository of a few thousand files', () => {
  // the time these take is `npm run bench -- --scenario git-snapshot`'s figure
  it('restores only the file that differs between two snapshots', async () => {
    const big = fresh('big');
    git(big, 'init', '--quiet');
    const files: Record<string, string> = {};
    for (let d = 0; d < 40; d++) for (let f = 0; f < 75; f++) files[`d${d}/f${f}.txt`] = `file ${d}/${f}\n${'x'.repeat(2000)}\n`;
    put(big, files);
    git(big, 'add', '--all');
    git(big, 'commit', '--quiet', '-m', 'many files');
    put(big, { 'd1/f1.txt': 'changed\n', 'd2/new.txt': 'new\n', 'd3/f3.txt': null });
    const o = { ...opts, stateDir: state };
    const first = await snapshot(big, { ...o, label: 'T1' });
    put(big, { 'd4/f4.txt': 'changed again\n' });
    const second = await snapshot(big, { ...o, label: 'T2' });
    const back = await restore(big, first.commit, o);
    expect(back.written).toEqual(['d4/f4.txt']);
    expect((await diffStat(first.commit, second.commit, { ...o, workDir: big })).files).toHaveLength(1);
    // real git over 3000 files, a dozen steps: seconds on a quiet machine, more than vitest's
    // default 20 s beside a full suite; a safety net, not a budget (the bench has the figures)
  }, 120_000);
});
