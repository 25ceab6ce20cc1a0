import { fileURLToPath } from 'node:url';
import type { BenchClock } from '../clock.js';
import type { OuterTerminal } from '../outer-terminal.js';
import { cpuSeconds } from '../proc-stats.js';
import type { Workbench } from '../subject.js';
import { countOnScreen } from '../subjects/demo-agent.js';
import { cpuPercent } from './idle-cpu.js';

/** (f)'s agent in every pane: an ink-style redraw loop (bench/redraw-loop.ts). */
export const REDRAW_LOOP_ARGV = [process.execPath, fileURLToPath(new URL('../redraw-loop.js', import.meta.url))];
/** Every busy pane shows this once it has drawn its first frame. */
const BUSY_TEXT = 'esc to interrupt';
/** How often the server is asked for the agents' statuses during the window. */
const STATUS_EVERY_MS = 1000;

export interface BusyFleetResult {
  clientPercent: number;
  serverPercent: number;
  /** client + server, % of one core over the window */
  percent: number;
  /** bytes written to the outer terminal per second over the window */
  outerBytesPerSecond: number;
  windowMs: number;
  /** hangar: how many status reads over the window saw every agent `working`, of how many */
  statusReads?: { allWorking: number; total: number; seen: string[] };
}

/** True once `count` panes show the busy line. */
export function busyPanesShown(count: number): (outer: OuterTerminal) => boolean {
  return (outer) => countOnScreen(outer, BUSY_TEXT) >= count;
}

/**
 * (f): every pane redraws like an agent CLI at work; after `settleMs` (start-up work done), read
 * the client's and server's CPU time and the bytes drawn on the outer terminal over the window.
 * Where the subject reports statuses (hangar), they are read every second of the window: each
 * agent should be `working` at every read.
 */
export async function measureBusyFleet(bench: Workbench, clock: BenchClock, windowMs: number, settleMs: number): Promise<BusyFleetResult> {
  const reads: string[][] = [];
  const ask = bench.agentStatuses?.bind(bench);
  // deliberate waits (the window is the measure); statuses are sampled through them, settle included
  const sampleFor = async (ms: number): Promise<void> => {
    const from = clock.now();
    while (clock.now() - from < ms) {
      if (ask) reads.push(await ask());
      await clock.sleep(Math.min(STATUS_EVERY_MS, Math.max(0, ms - (clock.now() - from))));
    }
  };
  await sampleFor(settleMs);
  const { client, server } = bench.processes;
  const read = () => ({ client: cpuSeconds(client), server: server === undefined ? 0 : cpuSeconds(server), bytes: bench.outer.bytesWritten, at: clock.now() });
  const before = read();
  await sampleFor(windowMs);
  const after = read();
  const wall = after.at - before.at;
  const clientPercent = cpuPercent(before.client, after.client, wall);
  const serverPercent = cpuPercent(before.server, after.server, wall);
  const result: BusyFleetResult = { clientPercent, serverPercent, percent: clientPercent + serverPercent, outerBytesPerSecond: ((after.bytes - before.bytes) * 1000) / wall, windowMs: wall };
  if (ask) {
    const seen = [...new Set(reads.flat())].sort();
    result.statusReads = { allWorking: reads.filter((r) => r.length > 0 && r.every((st) => st === 'working')).length, total: reads.length, seen };
  }
  return result;
}
