import type { BenchClock } from '../clock.js';
import { residentBytes } from '../proc-stats.js';
import { countOnScreen } from '../subjects/demo-agent.js';
import type { Workbench } from '../subject.js';

export const HISTORY_LINES = 10_000;
const FILL_COMMAND = `seq 1 ${HISTORY_LINES}; echo FILL_$((1+1))`;
const FILL_MARKER = 'FILL_2';

export interface MemoryResult {
  clientBytes: number;
  serverBytes: number;
  agents: number;
}

/**
 * (e): every pane prints 10,000 lines into its history; once every pane shows the marker and
 * `settleMs` has passed (the cockpit's last frames drawn), read VmRSS of client and server.
 */
export async function measureHistoryMemory(bench: Workbench, agents: number, clock: BenchClock, settleMs: number, timeoutMs: number): Promise<MemoryResult> {
  for (let i = 0; i < agents; i++) await bench.runInPane(i, FILL_COMMAND);
  await bench.outer.waitFor(`${FILL_MARKER} in ${agents} panes`, () => countOnScreen(bench.outer, FILL_MARKER) >= agents, timeoutMs);
  await clock.sleep(settleMs);
  const { client, server } = bench.processes;
  return { clientBytes: residentBytes(client), serverBytes: server === undefined ? 0 : residentBytes(server), agents };
}
