import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PilotGitError, runGit } from '../../src/pilot/git-run.js';
import { pidGone } from '../helpers/run-hangar.js';
import { git, put, scratch } from './git-fixture.js';

let dir: string;
beforeEach(() => {
  dir = scratch('run');
  git(dir, 'init', '--quiet');
  put(dir, { 'big.txt': 'line\n'.repeat(10_000) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const limits = (maxBytes: number, timeoutMs = 10_000) => ({ maxBytes, timeoutMs });

describe('runGit', () => {
  it('names the command and the directory when git fails', async () => {
    const err = await runGit(['rev-parse', '--verify', 'no-such-ref'], { cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PilotGitError);
    expect((err as Error).message).toBe(`git rev-parse --verify no-such-ref (in ${dir}) failed: fatal: Needed a single revision`);
  });

  it('takes exit codes that are answers', async () => {
    const out = await runGit(['rev-parse', '--verify', '--quiet', 'no-such-ref'], { cwd: dir, okCodes: [1] });
    expect(out.code).toBe(1);
  });

  it('feeds stdin and reads binary-safe stdout', async () => {
    const sha = (await runGit(['hash-object', '-w', '--stdin'], { cwd: dir, input: Buffer.from([0, 255, 1]) })).stdout.toString().trim();
    const back = await runGit(['cat-file', 'blob', sha], { cwd: dir });
    expect([...back.stdout]).toEqual([0, 255, 1]);
  });

  it('fails on output over the cap, or cuts it when asked', async () => {
    const blob = (await runGit(['hash-object', '-w', 'big.txt'], { cwd: dir })).stdout.toString().trim();
    await expect(runGit(['cat-file', 'blob', blob], { cwd: dir, limits: limits(1000) })).rejects.toThrow(`git cat-file blob ${blob} (in ${dir}) failed: output over 1000 bytes`);
    const cut = await runGit(['cat-file', 'blob', blob], { cwd: dir, truncate: true, limits: limits(1000) });
    expect(cut.truncated).toBe(true);
    expect(cut.stdout.toString()).toBe('line\n'.repeat(200));
  });

  it('stops git and whatever it started after the time limit', async () => {
    const pidFile = join(dir, 'sleep.pid');
    const alias = `alias.slow=!echo $$ > ${pidFile}; exec sleep 30`;
    // answered at once: waiting for the sleep to let go of git's pipes would outlast the test
    await expect(runGit(['-c', alias, 'slow'], { cwd: dir, limits: limits(1000, 300) })).rejects.toThrow(/^git -c alias\.slow=.* slow \(in .*\) failed: no answer within 0\.3 s$/);
    // and the sleep went with git's process group (unless the limit came before git started it)
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
    if (pid > 0) await pidGone(pid);
  });
});
