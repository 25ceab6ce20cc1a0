/**
 * A session's share of the server's CPU. The server parses every session's output on one
 * thread; a child whose output is costly to parse (the alternate screen toggled in a loop:
 * xterm refills a whole screen of lines each time; random bytes) kept it at 115–144 % CPU for a
 * few hundred KB/s, and every other pane and `status` waited behind it. Parsing time is
 * counted per session against a bucket: it refills at CPU_SHARE of a core and holds at most
 * CPU_BURST_MS, so a burst (a build's output, `seq 1 1000000`) goes through at full speed
 * and only sustained parsing is held to the share. Past it the session's pty is read less
 * often (output-flow.ts pace): the child waits in the kernel, as under a slow terminal.
 *
 * The share is absolute, not only when others are busy: the server's own work (the cockpit's
 * frames, requests, the watchdog) runs on that thread too, and a limit that holds whatever
 * else happens is one that can be stated and tested.
 */
import type { Clock } from '../base/clock.js';

/**
 * The fraction of one core a session may spend parsing its output, sustained. A session's
 * whole cost is more than its parsing (the garbage it leaves, its frames to clients, status
 * reads): measured with the alternate screen toggled in a loop, a share of 0.5 let the server
 * reach 89 % of a core and 0.2 held it to 50–56 % (tmux: 40 %), with a lower echo p99 beside it
 * (docs/PERFORMANCE.md (j)). Plain output parses at ~23 ns/byte, so a fifth of a core still
 * takes ~8 MB/s after the burst.
 */
export const CPU_SHARE = 0.2;
/** Parsing time (ms) a session may spend at once before the share applies. */
export const CPU_BURST_MS = 1000;

export interface CpuBudgetOptions {
  share?: number;
  burstMs?: number;
}

export class CpuBudget {
  readonly share: number;
  readonly burstMs: number;
  private credit: number;
  private at: number;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    opts: CpuBudgetOptions = {},
  ) {
    this.share = opts.share ?? CPU_SHARE;
    this.burstMs = opts.burstMs ?? CPU_BURST_MS;
    this.credit = this.burstMs;
    this.at = clock.now();
  }

  /** Parsing just took `ms`; returns how long reading should wait now (0: read on). */
  spend(ms: number): number {
    const now = this.clock.now();
    this.credit = Math.min(this.burstMs, this.credit + (now - this.at) * this.share);
    this.at = now;
    this.credit -= ms;
    return this.credit >= 0 ? 0 : Math.ceil(-this.credit / this.share);
  }
}
