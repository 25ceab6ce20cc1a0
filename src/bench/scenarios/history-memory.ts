import type { BenchClock } from '../clock.js';
import { residentBytes } from '../proc-stats.js';
import { residentPages } from '../resident-pages.js';
import { countOnScreen } from '../subjects/demo-agent.js';
import type { Workbench } from '../subject.js';

export const HISTORY_LINES = 10_000;
const FILL_COMMAND = `seq 1 ${HISTORY_LINES}; echo FILL_$((1+1))`;
const FILL_MARKER = 'FILL_2';

export interface MemoryResult {
  /** VmRSS of each */
  clientBytes: number;
  serverBytes: number;
  /** the counted processes' resident pages, each page once (resident-pages.ts) */
  countedPages: number;
  /** the counted processes' VmRSS, summed */
  countedRss: number;
  agents: number;
}

/**
 * (e): every pane prints 10,000 lines into its history; once every pane shows the marker and
 * `settleMs` has passed (the cockpit's last frames drawn), read the resident memory of client
 * and server. `counted`: whose memory is the subject's cost (tmux's, as the issue counts it,
 * its server; hangar's, its cockpit and its server).
 */
export async function measureHistoryMemory(bench: Workbench, agents: number, clock: BenchClock, settleMs: number, timeoutMs: number, counted: 'server' | 'client+server'): Promise<MemoryResult> {
  for (let i = 0; i < agents; i++) await bench.runInPane(i, FILL_COMMAND);
  await bench.outer.waitFor(`${FILL_MARKER} in ${agents} panes`, () => countOnScreen(bench.outer, FILL_MARKER) >= agents, timeoutMs);
  await clock.sleep(settleMs);
  const { client, server } = bench.processes;
  if (server === undefined) throw new Error('no server process to measure');
  const pids = counted === 'server' ? [server] : [client, server];
  const clientBytes = residentBytes(client);
  const serverBytes = residentBytes(server);
  const countedPages = residentPages(pids).total;
  return { clientBytes, serverBytes, countedPages, countedRss: counted === 'server' ? serverBytes : clientBytes + serverBytes, agents };
}
