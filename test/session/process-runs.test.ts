import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processRuns } from '../../src/session/process-group.js';

/** The state letter in /proc/<pid>/stat, or null once the entry is gone. */
function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] ?? null;
  } catch {
    return null;
  }
}

describe.runIf(process.platform === 'linux')('processRuns', () => {
  it('a process runs; one that has come and gone does not', () => {
    expect(processRuns(process.pid)).toBe(true);
    const gone = Number(spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim());
    expect(processRuns(gone)).toBe(false);
  });

  it('a zombie does not run (a killed server whose parent is gone, where pid 1 reaps late)', async () => {
    // the background child waits for a line on stdin (fd 3: a background job's own stdin is
    // /dev/null); its parent, by then `sleep`, never reaps it
    const parent = spawn('sh', ['-c', 'exec 3<&0; read line <&3 & echo $!; exec sleep 30'], { stdio: ['pipe', 'pipe', 'ignore'] });
    /** there is no event for a process changing state: look every 10 ms */
    const until = (ready: () => boolean) =>
      new Promise<void>((resolve) => {
        const look = () => (ready() ? resolve() : setTimeout(look, 10));
        look();
      });
    try {
      const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
      // only once the shell is `sleep` (which never reaps) may the child end
      await until(() => readFileSync(`/proc/${parent.pid}/comm`, 'utf8').trim() === 'sleep');
      expect(procState(pid)).not.toBe('Z'); // it waits for its line
      parent.stdin!.write('go\n');
      await until(() => procState(pid) === 'Z');
      expect(processRuns(pid)).toBe(false);
      expect(processRuns(parent.pid!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
