import { describe, expect, it } from 'vitest';
import { timeParses } from '../../src/session/parse-time.js';
import type { XtermInternals } from '../../src/session/xterm-internals.js';

/** xterm's input handler as far as timeParses touches it: a parse that takes the time `work` takes. */
function internalsWith(work: () => void): XtermInternals {
  const inputHandler = { parse: (_data: unknown, _promise?: unknown) => work() };
  return { inputHandler } as unknown as XtermInternals;
}

describe('timeParses', () => {
  it('counts the CPU a parse uses, not the wall time it spans: a server that was not running is not charged', () => {
    const blocked = new Int32Array(new SharedArrayBuffer(4));
    // 200 ms of wall time without CPU: what a descheduled process looks like from inside
    let waited = '';
    const x = internalsWith(() => void (waited = Atomics.wait(blocked, 0, 0, 200)));
    const times: number[] = [];
    timeParses(x, (ms) => times.push(ms));
    x.inputHandler.parse(new Uint8Array(1), undefined);
    expect(waited).toBe('timed-out'); // it did block, the whole 200 ms
    expect(times).toHaveLength(1);
    expect(times[0]).toBeLessThan(50);
  });

  it('counts a busy parse', () => {
    const x = internalsWith(() => {
      const until = process.cpuUsage();
      for (;;) {
        const used = process.cpuUsage(until);
        if (used.user + used.system >= 30_000) return;
      }
    });
    const times: number[] = [];
    timeParses(x, (ms) => times.push(ms));
    x.inputHandler.parse(new Uint8Array(1), undefined);
    expect(times[0]).toBeGreaterThanOrEqual(30);
  });
});
