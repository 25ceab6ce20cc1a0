import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAgentWorktree, inspectWorktree, removeAgentWorktree, worktreeMergeBase } from '../../src/pilot/agent-worktree.js';
import { diffToPresent } from '../../src/pilot/git-snapshot.js';
import { readWorktreeRecord } from '../../src/pilot/worktree-record.js';
import { git, scratch } from './git-fixture.js';

// An agent's own worktree (worktree = true) with real git: made once on hangar/<name> from
// the branch its dir has checked out, the same one (as left) at every start after, removed
// only without uncommitted work unless forced, its branch always kept.
describe('agent worktrees', () => {
  let root: string;
  let repo: string;
  let fleet: { log_dir: string; state_dir: string };
  const at = 1_700_000_000_000;

  beforeEach(() => {
    root = scratch('agent-worktree');
    repo = join(root, 'project');
    mkdirSync(join(repo, 'src'), { recursive: true });
    git(root, 'init', '-q', '-b', 'main', repo);
    writeFileSync(join(repo, 'README.md'), 'hello\n');
    writeFileSync(join(repo, 'src', 'app.ts'), 'export {};\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'first');
    fleet = { log_dir: join(root, 'fleet'), state_dir: join(root, 'fleet', 'state') };
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const branchOf = (dir: string) => git(dir, 'symbolic-ref', '--short', 'HEAD').trim();

  it('is made at the first start on hangar/<name> from the checked-out branch, and recorded', async () => {
    const wt = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    expect(wt).toMatchObject({ name: 'fixer', source: repo, path: join(fleet.log_dir, 'worktrees', 'fixer'), branch: 'hangar/fixer', base: 'main', createdAt: at });
    expect(wt.dir).toBe(wt.path);
    expect(branchOf(wt.path)).toBe('hangar/fixer');
    expect(readFileSync(join(wt.path, 'README.md'), 'utf8')).toBe('hello\n');
    expect(readWorktreeRecord(fleet, 'fixer')).toEqual(wt);
    // the user's checkout is left as it was
    expect(branchOf(repo)).toBe('main');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('is the same worktree at every start after, with what the agent left there (never made again, never reset)', async () => {
    const first = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    writeFileSync(join(first.path, 'notes.txt'), 'uncommitted\n');
    writeFileSync(join(first.path, 'README.md'), 'changed\n');
    git(first.path, 'add', 'README.md');
    git(first.path, 'commit', '-q', '-m', 'the agent commits');
    const head = git(first.path, 'rev-parse', 'HEAD');
    // the user moves on meanwhile
    writeFileSync(join(repo, 'CHANGELOG'), 'x\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'user');

    const again = await ensureAgentWorktree(fleet, 'fixer', repo, at + 1000);
    expect(again).toEqual(first);
    expect(readFileSync(join(again.path, 'notes.txt'), 'utf8')).toBe('uncommitted\n');
    expect(git(again.path, 'rev-parse', 'HEAD')).toBe(head);
    expect(existsSync(join(again.path, 'CHANGELOG'))).toBe(false);
  });

  it('puts an agent whose dir is a subdirectory in the same subdirectory of its worktree', async () => {
    const wt = await ensureAgentWorktree(fleet, 'api', join(repo, 'src'), at);
    expect(wt.repo).toBe(repo);
    expect(wt.dir).toBe(join(wt.path, 'src'));
    expect(readFileSync(join(wt.dir, 'app.ts'), 'utf8')).toBe('export {};\n');
  });

  it('says what is wrong: not a git repository, no commit yet, a dir that is not there', async () => {
    const plain = join(root, 'plain');
    mkdirSync(plain);
    await expect(ensureAgentWorktree(fleet, 'a', plain, at)).rejects.toThrow(`a: worktree = true, but its dir ${plain} is not in a git repository (run git init there and commit, or leave worktree out)`);
    const empty = join(root, 'empty');
    git(root, 'init', '-q', empty);
    await expect(ensureAgentWorktree(fleet, 'b', empty, at)).rejects.toThrow(/b: worktree = true needs a commit to branch from, and .*empty has none yet \(make a first commit\)/);
    await expect(ensureAgentWorktree(fleet, 'c', join(root, 'nowhere'), at)).rejects.toThrow(/c: worktree = true, but its dir .*nowhere does not exist/);
    expect(existsSync(join(fleet.log_dir, 'worktrees', 'a'))).toBe(false);
  });

  it('does not take over its branch checked out elsewhere, nor a folder in its place that is no worktree of the repository', async () => {
    git(repo, 'worktree', 'add', '-q', '-b', 'hangar/taken', join(root, 'mine'));
    await expect(ensureAgentWorktree(fleet, 'taken', repo, at)).rejects.toThrow(`taken: branch hangar/taken is checked out in ${join(root, 'mine')}; hangar does not take it over`);

    mkdirSync(join(fleet.log_dir, 'worktrees', 'squatter'), { recursive: true });
    writeFileSync(join(fleet.log_dir, 'worktrees', 'squatter', 'keep.txt'), 'mine\n');
    await expect(ensureAgentWorktree(fleet, 'squatter', repo, at)).rejects.toThrow(/squatter: .*worktrees\/squatter exists and is not a git worktree; hangar leaves it as it is/);
    expect(readFileSync(join(fleet.log_dir, 'worktrees', 'squatter', 'keep.txt'), 'utf8')).toBe('mine\n');

    await ensureAgentWorktree(fleet, 'moved', repo, at);
    const other = join(root, 'other');
    git(root, 'init', '-q', '-b', 'main', other);
    git(other, 'commit', '-q', '--allow-empty', '-m', 'x');
    await expect(ensureAgentWorktree(fleet, 'moved', other, at)).rejects.toThrow(/moved: its worktree .* belongs to the repository .*project, but its dir .*other is in another one; set dir back, or remove that worktree with: hangar worktrees prune moved/);
  });

  it('tells uncommitted files and commits ahead of and behind its base', async () => {
    const wt = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    expect(await inspectWorktree(wt)).toEqual({ present: true, head: 'hangar/fixer', uncommitted: 0, ahead: 0, behind: 0 });
    writeFileSync(join(wt.path, 'a.txt'), 'a\n');
    git(wt.path, 'add', 'a.txt');
    git(wt.path, 'commit', '-q', '-m', 'a');
    writeFileSync(join(wt.path, 'b.txt'), 'b\n');
    writeFileSync(join(wt.path, 'README.md'), 'edited\n');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'main moves');
    expect(await inspectWorktree(wt)).toEqual({ present: true, head: 'hangar/fixer', uncommitted: 2, ahead: 1, behind: 1 });
  });

  it("diffs its work — committed, uncommitted and untracked — against where it meets its base, not the base's later commits", async () => {
    const wt = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    writeFileSync(join(wt.path, 'committed.txt'), 'c\n');
    git(wt.path, 'add', 'committed.txt');
    git(wt.path, 'commit', '-q', '-m', 'c');
    writeFileSync(join(wt.path, 'README.md'), 'hello\nmore\n');
    writeFileSync(join(wt.path, 'new.txt'), 'n\n');
    writeFileSync(join(repo, 'main-only.txt'), 'm\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'main moves');

    const { base, commit } = await worktreeMergeBase(wt);
    expect(base).toBe('main');
    expect(commit).toBe(wt.baseCommit);
    const diff = await diffToPresent(commit, { agent: 'fixer', stateDir: fleet.state_dir, exclude: [fleet.log_dir], workDir: wt.dir });
    expect(diff.files.map((f) => [f.path, f.status])).toEqual([
      ['README.md', 'modified'],
      ['committed.txt', 'added'],
      ['new.txt', 'added'],
    ]);
    expect(diff.text).toContain('+more');
    // the diff made no commit, ref or index change in the worktree
    expect(git(wt.path, 'status', '--porcelain')).toBe(' M README.md\n?? new.txt\n');
  });

  it('is never removed with uncommitted work unless forced, and its branch always stays', async () => {
    const wt = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    writeFileSync(join(wt.path, 'a.txt'), 'a\n');
    git(wt.path, 'add', 'a.txt');
    git(wt.path, 'commit', '-q', '-m', 'a');
    writeFileSync(join(wt.path, 'wip.txt'), 'wip\n');

    const refused = await removeAgentWorktree(fleet, 'fixer');
    expect(refused).toEqual({ name: 'fixer', path: wt.path, branch: 'hangar/fixer', removed: false, reason: '1 file with uncommitted work (commit them on hangar/fixer, or prune with --force to lose them)' });
    expect(readFileSync(join(wt.path, 'wip.txt'), 'utf8')).toBe('wip\n');

    const forced = await removeAgentWorktree(fleet, 'fixer', { force: true });
    expect(forced).toEqual({ name: 'fixer', path: wt.path, branch: 'hangar/fixer', removed: true, note: 'branch hangar/fixer kept, 1 commit ahead of main (git branch -D hangar/fixer deletes it)' });
    expect(existsSync(wt.path)).toBe(false);
    expect(readWorktreeRecord(fleet, 'fixer')).toBeNull();
    expect(git(repo, 'worktree', 'list', '--porcelain')).not.toContain('fixer');

    // the next start makes it again on the kept branch: its commits go on
    const again = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    expect(readFileSync(join(again.path, 'a.txt'), 'utf8')).toBe('a\n');
    expect(existsSync(join(again.path, 'wip.txt'))).toBe(false);
    await expect(removeAgentWorktree(fleet, 'nobody')).rejects.toThrow('nobody has no worktree that hangar made (hangar worktrees lists them)');
  });

  it('removes a clean worktree, and one whose folder was deleted by hand', async () => {
    const wt = await ensureAgentWorktree(fleet, 'clean', repo, at);
    expect(await removeAgentWorktree(fleet, 'clean')).toMatchObject({ removed: true, note: 'branch hangar/clean kept (git branch -D hangar/clean deletes it)' });
    const gone = await ensureAgentWorktree(fleet, 'gone', repo, at);
    rmSync(gone.path, { recursive: true, force: true });
    expect(await removeAgentWorktree(fleet, 'gone')).toMatchObject({ removed: true });
    expect(existsSync(wt.path)).toBe(false);
    expect(git(repo, 'worktree', 'list', '--porcelain')).not.toContain('worktrees/gone');
  });

  it('makes a worktree deleted by hand (git still lists it) again on its branch', async () => {
    const wt = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    rmSync(wt.path, { recursive: true, force: true });
    const again = await ensureAgentWorktree(fleet, 'fixer', repo, at);
    expect(branchOf(again.path)).toBe('hangar/fixer');
  });
});
