import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { stopProcessGroup } from '../../src/session/process-group.js';

// When the /proc scans happen, with the group's members and signals faked and a fake clock.
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('stopping a process group', () => {
  it('looks for survivors less and less often once the leader is gone (each look reads all of /proc)', async () => {
    const clock = new ManualClock(0);
    const scans: number[] = [];
    const signals: string[] = [];
    let survivors = 1;
    const stopped = stopProcessGroup({
      pgid: 42,
      leaderExited: Promise.resolve(),
      graceMs: 10_000,
      clock,
      members: () => {
        scans.push(clock.now());
        return survivors > 0 ? [43] : [];
      },
      signal: (_, s) => void signals.push(s),
    });
    for (let t = 0; t < 1000; t += 10) {
      await settle();
      clock.advance(10);
    }
    await settle();
    expect(signals).toEqual(['SIGTERM']);
    expect(scans.slice(0, 7)).toEqual([0, 20, 60, 140, 300, 500, 700]);
    survivors = 0;
    clock.advance(200);
    await settle();
    expect(await stopped).toBe('SIGTERM');
  });

  it('SIGKILLs what outlives the grace period', async () => {
    const clock = new ManualClock(0);
    const signals: string[] = [];
    const stopped = stopProcessGroup({ pgid: 7, leaderExited: Promise.resolve(), graceMs: 300, killWaitMs: 300, clock, members: () => [8], signal: (_, s) => void signals.push(s) });
    for (let t = 0; t < 1000; t += 10) {
      await settle();
      clock.advance(10);
    }
    expect(await stopped).toBe('SIGKILL');
    expect(signals).toEqual(['SIGTERM', 'SIGKILL']);
  });
});
