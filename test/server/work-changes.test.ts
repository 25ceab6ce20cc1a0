import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedSince, gitBase, MAX_CHANGED_FILES, WorkChanges } from '../../src/server/work-changes.js';

// check's files: what an agent changed in its dir since it started, by real git — from the
// commit HEAD named at its start, so work it committed since counts too; untracked files the
// ignore rules let through; nothing of the user's written (the index is left as it was).

describe('the files an agent changed since it started', () => {
  const dirs: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'hangar-work-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir }).toString().trim();
  const repo = () => {
    const dir = temp();
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'one\ntwo\n');
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'start');
    return dir;
  };

  it('counts tracked changes (committed since too) with lines, and untracked files the ignore rules let through', async () => {
    const dir = repo();
    const work = new WorkChanges();
    work.started('w', dir);
    const base = git(dir, 'rev-parse', 'HEAD');
    expect(await work.changes('w')).toEqual({ repo: dir, base, files: [], truncated: false });
    writeFileSync(join(dir, 'a.txt'), 'one\n2\nthree\n');
    writeFileSync(join(dir, 'b.txt'), 'new\n');
    git(dir, 'add', 'b.txt');
    git(dir, 'commit', '-qm', 'agent work');
    writeFileSync(join(dir, 'notes.md'), 'draft\n');
    writeFileSync(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 0, 255]));
    git(dir, 'add', 'blob.bin');
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build', 'out.js'), 'ignored\n');
    const index = readFileSync(join(dir, '.git', 'index'));
    expect(await work.changes('w')).toEqual({
      repo: dir,
      base,
      files: [
        { path: 'a.txt', status: 'modified', insertions: 2, deletions: 1 },
        { path: 'b.txt', status: 'added', insertions: 1, deletions: 0 },
        { path: 'blob.bin', status: 'added', insertions: null, deletions: null },
        { path: 'notes.md', status: 'untracked', insertions: null, deletions: null },
      ],
      truncated: false,
    });
    expect(readFileSync(join(dir, '.git', 'index')).equals(index)).toBe(true);
  });

  it('counts from the empty tree in a repository with no commit yet; a dir outside git has none', async () => {
    const fresh = temp();
    git(fresh, 'init', '-q');
    writeFileSync(join(fresh, 'x.txt'), 'x\n');
    const base = await gitBase(fresh);
    expect(base).toEqual({ repo: fresh, commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904' });
    expect((await changedSince(fresh, base!.repo!, base!.commit)).files).toEqual([{ path: 'x.txt', status: 'untracked', insertions: null, deletions: null }]);
    const outside = temp();
    expect(await gitBase(outside)).toBeNull();
    const work = new WorkChanges();
    work.started('o', outside);
    expect(await work.changes('o')).toBeNull();
    expect(await work.changes('never-started')).toBeNull();
  });

  it('lists at most MAX_CHANGED_FILES and says there were more', async () => {
    const dir = repo();
    for (let i = 0; i <= MAX_CHANGED_FILES; i++) writeFileSync(join(dir, `f${i}.txt`), `${i}\n`);
    const changes = await changedSince(dir, dir, git(dir, 'rev-parse', 'HEAD'));
    expect(changes.files).toHaveLength(MAX_CHANGED_FILES);
    expect(changes.truncated).toBe(true);
  });
});
