/**
 * Stopping a child together with everything it started. node-pty makes each child the leader
 * of its own session and process group, so signalling -pid reaches the agent's whole tree
 * (its shell, tools, sub-agents) and `down` leaves no orphans — except what moved to a process
 * group of its own: a job-control shell (an interactive bash, `set -m`) puts itself and each
 * of its jobs in a new group, still inside the child's session. Those are found by their
 * session id and signalled one by one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Clock } from '../base/clock.js';

/** kill(), false when the target no longer exists. */
function kill(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/**
 * Signal every process in the group, and the members of the session of the same id that
 * moved to groups of their own; false when none of them exists any more.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  let reached = kill(-pgid, signal);
  for (const pid of liveGroupMembers(pgid)) reached = kill(pid, signal) || reached;
  return reached;
}

/** State, process group and session of one /proc entry, or null when it vanished or is unreadable. */
function readProcStat(pid: string): { state: string; pgrp: number; session: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp session …" — comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]), session: Number(fields[3]) };
  } catch {
    return null;
  }
}

/**
 * Pids that still run in the group `pgid` or in the session of that id (the pty child leads
 * both). Zombies do not count: where pid 1 does not reap orphans (some containers), killed
 * grandchildren linger as zombies and keep `kill(-pgid, 0)` succeeding although nothing runs.
 * Without /proc, falls back to kill(0) on the group.
 */
export function liveGroupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return kill(-pgid, 0) ? [pgid] : [];
  }
  const live: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(entry);
    if (stat && (stat.pgrp === pgid || stat.session === pgid) && stat.state !== 'Z' && stat.state !== 'X') live.push(Number(entry));
  }
  return live;
}

/**
 * Whether a process runs: it exists (one of another user's counts) and is no zombie — a
 * process killed after its parent went lingers as one where pid 1 does not reap orphans.
 */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProcStat(String(pid));
  return stat === null || (stat.state !== 'Z' && stat.state !== 'X'); // no /proc: kill() has the word
}

const MAX_POLL_MS = 200;

export interface StopGroupOptions {
  pgid: number;
  /** Resolves when the group leader (the pty child) has exited. */
  leaderExited: Promise<unknown>;
  /** How long SIGTERM gets before SIGKILL. */
  graceMs: number;
  clock: Clock;
  /**
   * How soon to look again for surviving members (there is no event for a group emptying);
   * each look that finds some doubles the wait, up to MAX_POLL_MS — a look reads every
   * process's /proc stat, and a group that outlives its leader tends to linger.
   */
  pollMs?: number;
  /** After SIGKILL, stop waiting after this long (a process stuck in the kernel). */
  killWaitMs?: number;
  /** The group's live members (default: read from /proc); and how a signal is sent. For tests. */
  members?: (pgid: number) => number[];
  signal?: (pgid: number, signal: NodeJS.Signals) => void;
}

/** SIGTERM the group, SIGKILL it after graceMs; resolves with the signal that ended it. */
export async function stopProcessGroup(opts: StopGroupOptions): Promise<'SIGTERM' | 'SIGKILL'> {
  const { pgid, clock } = opts;
  let pollMs = opts.pollMs ?? 20;
  let leaderDone = false;
  void opts.leaderExited.then(() => (leaderDone = true));

  // Wait pollMs, or less when the leader exits meanwhile; the timer never outlives the wait.
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = clock.setTimeout(resolve, pollMs);
      if (leaderDone) pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
      if (!leaderDone) {
        void opts.leaderExited.then(() => {
          clock.clearTimeout(timer);
          resolve();
        });
      }
    });
  const members = opts.members ?? liveGroupMembers;
  const signal = opts.signal ?? signalGroup;
  const gone = () => leaderDone && members(pgid).length === 0;
  const waitUntilGone = async (deadline: number): Promise<boolean> => {
    for (;;) {
      if (gone()) return true;
      if (clock.now() >= deadline) return false;
      await pause();
    }
  };

  signal(pgid, 'SIGTERM');
  if (await waitUntilGone(clock.now() + opts.graceMs)) return 'SIGTERM';
  signal(pgid, 'SIGKILL');
  await waitUntilGone(clock.now() + (opts.killWaitMs ?? 2000));
  return 'SIGKILL';
}
