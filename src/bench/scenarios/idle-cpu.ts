import type { BenchClock } from '../clock.js';
import { cpuSeconds } from '../proc-stats.js';
import type { CostProcesses } from '../subject.js';

export interface CpuResult {
  /** client + server, % of one core over the window */
  percent: number;
  clientPercent: number;
  serverPercent: number;
  windowMs: number;
}

/** Percent of one core used between two readings of CPU seconds over wall-clock ms. */
export function cpuPercent(cpuBefore: number, cpuAfter: number, wallMs: number): number {
  return wallMs > 0 ? ((cpuAfter - cpuBefore) * 1000 * 100) / wallMs : NaN;
}

/**
 * (d): after `settleMs` for start-up work to finish, read the client's and server's CPU time,
 * wait the window (a deliberate wait: idle means nothing happens to await), read again.
 */
export async function measureIdleCpu(processes: CostProcesses, clock: BenchClock, windowMs: number, settleMs: number): Promise<CpuResult> {
  await clock.sleep(settleMs);
  const read = () => ({ client: cpuSeconds(processes.client), server: processes.server === undefined ? 0 : cpuSeconds(processes.server), at: clock.now() });
  const before = read();
  await clock.sleep(windowMs);
  const after = read();
  const wall = after.at - before.at;
  const clientPercent = cpuPercent(before.client, after.client, wall);
  const serverPercent = cpuPercent(before.server, after.server, wall);
  return { percent: clientPercent + serverPercent, clientPercent, serverPercent, windowMs: wall };
}
