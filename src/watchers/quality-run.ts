/**
 * A quality watcher's command, run after a turn: through sh in the agent's dir, its stdout and
 * stderr together, bounded in time (killed with its process group at the timeout) and in
 * memory (only the last OUTPUT_KEEP_BYTES kept). Never rejects: a command that cannot start
 * is a failed run that says why.
 */
import { spawn } from 'node:child_process';
import type { CommandRun } from './quality.js';

const QUALITY_TIMEOUT_S = 120;
/** The end of the output kept: enough for any tail a nudge quotes. */
const OUTPUT_KEEP_BYTES = 64 * 1024;

export function runQualityCommand(command: string, dir: string, timeoutS: number = QUALITY_TIMEOUT_S): Promise<CommandRun> {
  return new Promise((resolve) => {
    let kept = Buffer.alloc(0);
    let timedOut = false;
    const keep = (chunk: Buffer) => {
      kept = Buffer.concat([kept, chunk]);
      if (kept.length > OUTPUT_KEEP_BYTES) kept = kept.subarray(kept.length - OUTPUT_KEEP_BYTES);
    };
    let child;
    try {
      child = spawn('/bin/sh', ['-c', command], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ code: null, timedOut: false, output: (err as Error).message });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutS * 1000);
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, timedOut: false, output: err.message });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : code, timedOut, output: kept.toString('utf8') });
    });
  });
}
