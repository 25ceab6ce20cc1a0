/**
 * What the pilot's checkpoints cost on a repository of 3000 files (40 folders × 75 files of
 * 2 KB): the first snapshot, a second after one more change, a restore to the first, and the
 * diff stat between the two — ms of wall time each, real git in a temp folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffStat, restore, snapshot, type PilotGitOptions } from '../../pilot/git-snapshot.js';
import type { BenchClock } from '../clock.js';
import { makeScratchDir } from '../scratch-dir.js';

export interface GitSnapshotCost {
  files: number;
  firstMs: number;
  secondMs: number;
  restoreMs: number;
  diffStatMs: number;
  /** what the restore wrote: the one file changed between the snapshots */
  restoredFiles: number;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function put(root: string, files: Record<string, string | null>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    if (text === null) rmSync(full, { force: true });
    else {
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, text);
    }
  }
}

export async function measureGitSnapshot(clock: BenchClock): Promise<GitSnapshotCost> {
  const scratch = makeScratchDir('git-snapshot');
  try {
    const repo = join(scratch.path, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '--quiet');
    const files: Record<string, string> = {};
    for (let d = 0; d < 40; d++) for (let f = 0; f < 75; f++) files[`d${d}/f${f}.txt`] = `file ${d}/${f}\n${'x'.repeat(2000)}\n`;
    put(repo, files);
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'many files');
    put(repo, { 'd1/f1.txt': 'changed\n', 'd2/new.txt': 'new\n', 'd3/f3.txt': null });
    const opts: PilotGitOptions = { agent: 'bench', stateDir: join(scratch.path, 'state') };
    const time = async <T>(fn: () => Promise<T>) => {
      const start = clock.now();
      const value = await fn();
      return { value, ms: clock.now() - start };
    };
    const first = await time(() => snapshot(repo, { ...opts, label: 'T1' }));
    put(repo, { 'd4/f4.txt': 'changed again\n' });
    const second = await time(() => snapshot(repo, { ...opts, label: 'T2' }));
    const back = await time(() => restore(repo, first.value.commit, opts));
    const stat = await time(() => diffStat(first.value.commit, second.value.commit, { ...opts, workDir: repo }));
    return {
      files: Object.keys(files).length,
      firstMs: first.ms,
      secondMs: second.ms,
      restoreMs: back.ms,
      diffStatMs: stat.ms,
      restoredFiles: back.value.written.length,
    };
  } finally {
    scratch.dispose();
  }
}

export function describeGitSnapshot(c: GitSnapshotCost): string {
  return (
    `pilot checkpoints of ${c.files} files: first snapshot ${c.firstMs.toFixed(0)} ms, second ${c.secondMs.toFixed(0)} ms; ` +
    `restore ${c.restoreMs.toFixed(0)} ms (${c.restoredFiles} file written); diff stat ${c.diffStatMs.toFixed(0)} ms`
  );
}
