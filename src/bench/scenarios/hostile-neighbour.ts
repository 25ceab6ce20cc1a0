import type { BenchClock } from '../clock.js';
import { cpuSeconds } from '../proc-stats.js';
import type { Workbench } from '../subject.js';
import { measureEchoLatency } from './echo-latency.js';
import { cpuPercent } from './idle-cpu.js';

/**
 * (j)'s hostile child: the alternate screen toggled in a loop — few bytes, each costly to
 * parse (the emulator refills a whole screen each time); it took hangar's server to 115–132 %
 * CPU before sessions had a CPU budget (session/cpu-budget.ts).
 */
export const HOSTILE_COMMAND = "while :; do printf '\\033[?1049hX\\033[?1049lY'; done";
/** (j)'s other hostile child: random bytes as fast as they come (100–144 % CPU before the budget). */
export const RANDOM_BYTES_COMMAND = 'cat /dev/urandom';

export interface HostileResult {
  /** echo latencies in the focused pane, one per key, ms */
  echo: number[];
  /** % of one core over the echo run: the subject's server, and its client */
  serverPercent: number;
  clientPercent: number;
  /** `status` round trips, ms (subjects with askStatus): before the hostile pane starts, and beside it */
  statusQuiet: number[];
  statusHostile: number[];
  /** bytes the subject drew on the outer terminal per second over the echo run (the hostile pane's redraws, mostly) */
  outerBytesPerSecond: number;
}

/** Status round trips asked one after another. */
const STATUS_ASKS = 20;

async function statusTimes(bench: Workbench): Promise<number[]> {
  const times: number[] = [];
  if (!bench.askStatus) return times;
  for (let i = 0; i < STATUS_ASKS; i++) times.push(await bench.askStatus());
  return times;
}

/**
 * (j): pane 1 runs `command` (HOSTILE_COMMAND or RANDOM_BYTES_COMMAND); after `settleMs` (past any burst allowance, so the
 * sustained state is measured) keys are typed into pane 0 and the server's CPU is read around
 * that run.
 */
export async function measureHostileNeighbour(
  bench: Workbench,
  command: string,
  keys: number,
  clock: BenchClock,
  settleMs: number,
  traced: (run: () => Promise<number[]>) => Promise<number[]> = (run) => run(),
): Promise<HostileResult> {
  const statusQuiet = await statusTimes(bench);
  await bench.runInPane(1, command);
  await clock.sleep(settleMs);
  const { processes } = bench;
  const read = () => ({ client: cpuSeconds(processes.client), server: processes.server === undefined ? 0 : cpuSeconds(processes.server), at: clock.now() });
  const before = read();
  const bytesBefore = bench.outer.bytesWritten;
  const echo = await traced(() => measureEchoLatency(bench.outer, keys, 30_000));
  const after = read();
  const wall = after.at - before.at;
  const outerBytesPerSecond = ((bench.outer.bytesWritten - bytesBefore) * 1000) / wall;
  const statusHostile = await statusTimes(bench);
  return { echo, serverPercent: cpuPercent(before.server, after.server, wall), clientPercent: cpuPercent(before.client, after.client, wall), statusQuiet, statusHostile, outerBytesPerSecond };
}
