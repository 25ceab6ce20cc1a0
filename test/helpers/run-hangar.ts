import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processRuns } from '../../src/session/process-group.js';
import { fileURLToPath } from 'node:url';

export const HANGAR_BIN = fileURLToPath(new URL('../../bin/hangar', import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real `hangar` binary (the built dist/) as a user would, and collect its output. */
export function runHangar(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [HANGAR_BIN, ...args],
      { cwd: opts.cwd, env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/**
 * True while a process (or, with a negative pid, a process group) exists — a zombie does not
 * count: where pid 1 reaps orphans late, a killed server lingers as one for a while.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return pid < 0 || processRuns(pid);
}

/**
 * Resolve once a process that is not our child has gone (there is no event for that, so
 * look every 10 ms); reject after timeoutMs.
 */
export function pidGone(pid: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!alive(pid)) resolve();
      else if (Date.now() > deadline) reject(new Error(`process ${pid} still alive after ${timeoutMs} ms`));
      else setTimeout(check, 10);
    };
    check();
  });
}

/**
 * kill -9 the fleet's server (its pid is in `<log_dir>/server.pid`) and resolve once it is
 * gone, with its pid.
 */
export async function killServer(logDir: string): Promise<number> {
  const { pid } = JSON.parse(readFileSync(join(logDir, 'server.pid'), 'utf8')) as { pid: number };
  process.kill(pid, 'SIGKILL');
  await pidGone(pid);
  return pid;
}
