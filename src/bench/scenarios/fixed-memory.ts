import { spawn } from 'node:child_process';
import { HANGAR_NODE_FLAGS } from '../../cli/node-flags.js';
import type { BenchClock } from '../clock.js';
import { residentBytes } from '../proc-stats.js';
import { residentPages } from '../resident-pages.js';
import type { CostProcesses } from '../subject.js';

/** What (i) reads of one subject's two processes, bytes. */
export interface FixedMemory {
  clientRss: number;
  serverRss: number;
  /** each process's resident pages alone, and both together with each page once (resident-pages.ts) */
  clientPages: number;
  serverPages: number;
  bothPages: number;
}

/**
 * (i): the fixed cost of a subject — its client and server with one idle shell pane. Read every
 * `everyMs` from `settleMs` to `windowMs` after it opened, keeping the reading with the fewest
 * pages: V8 gives back what start-up grew only when its memory reducer runs, which the cockpit
 * was seen to do anywhere from 16 to 40 s after start, and what a cockpit keeps for hours is the
 * figure that matters, not its first seconds. `first` is the reading at `settleMs`.
 */
export async function measureFixedMemory(processes: CostProcesses, clock: BenchClock, timing: { settleMs: number; windowMs: number; everyMs: number }): Promise<{ first: FixedMemory; least: FixedMemory }> {
  const { client, server } = processes;
  if (server === undefined) throw new Error('no server process to measure');
  const opened = clock.now();
  await clock.sleep(timing.settleMs);
  const first = readFixedMemory(client, server);
  let least = first;
  while (clock.now() - opened + timing.everyMs <= timing.windowMs) {
    await clock.sleep(timing.everyMs);
    const now = readFixedMemory(client, server);
    if (now.bothPages < least.bothPages) least = now;
  }
  return { first, least };
}

function readFixedMemory(client: number, server: number): FixedMemory {
  return {
    clientRss: residentBytes(client),
    serverRss: residentBytes(server),
    clientPages: residentPages([client]).total,
    serverPages: residentPages([server]).total,
    bothPages: residentPages([client, server]).total,
  };
}

/** node's own floor: what two node processes doing nothing keep resident, with hangar's V8 flags. */
export interface NodeFloor {
  /** VmRSS of one */
  oneRss: number;
  /** both, each page once (node's binary is mostly shared between them) */
  twoPages: number;
}

/** Start two `node -e 'setInterval(…)'` with hangar's flags, read them after `settleMs`, stop them. */
export async function measureNodeFloor(clock: BenchClock, settleMs: number): Promise<NodeFloor> {
  const idle = () => spawn(process.execPath, [...HANGAR_NODE_FLAGS, '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const nodes = [idle(), idle()];
  try {
    await clock.sleep(settleMs);
    const pids = nodes.map((n) => n.pid!);
    return { oneRss: residentBytes(pids[0]!), twoPages: residentPages(pids).total };
  } finally {
    for (const n of nodes) n.kill('SIGKILL');
  }
}
