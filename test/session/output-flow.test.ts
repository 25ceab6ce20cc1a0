import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { HIGH_WATER_BYTES, HOLD_GAP_MS, LOW_WATER_BYTES, MAX_HOLD_MS, OutputFlow } from '../../src/session/output-flow.js';
import { SessionHarness, waitForExit, waitForScreen } from './session-helpers.js';

describe('OutputFlow', () => {
  it('pauses the pty past the high water mark and resumes at the low one', () => {
    const calls: string[] = [];
    const flow = new OutputFlow({ pause: () => calls.push('pause'), resume: () => calls.push('resume') });
    flow.queued(HIGH_WATER_BYTES);
    expect(calls).toEqual([]);
    flow.queued(1);
    flow.queued(4096); // already paused: once
    expect(calls).toEqual(['pause']);
    flow.parsed(HIGH_WATER_BYTES + 4097 - LOW_WATER_BYTES - 1);
    expect(flow.isPaused).toBe(true);
    flow.parsed(1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.isPaused).toBe(false);
  });
});

describe('OutputFlow holds from outside', () => {
  const setup = () => {
    const clock = new ManualClock(1000);
    const calls: string[] = [];
    const flow = new OutputFlow({ pause: () => calls.push('pause'), resume: () => calls.push('resume') }, clock);
    return { clock, calls, flow };
  };

  it('pauses for at most the time asked, or until released', () => {
    const { clock, calls, flow } = setup();
    flow.hold(15);
    flow.hold(15); // renewed, not paused twice
    clock.advance(14);
    expect(calls).toEqual(['pause']);
    clock.advance(1);
    expect(calls).toEqual(['pause', 'resume']);
    flow.hold(15);
    flow.release();
    expect(calls).toEqual(['pause', 'resume', 'pause', 'resume']);
    expect(flow.isPaused).toBe(false);
  });

  it('stays paused after a hold if the emulator is still behind', () => {
    const { clock, calls, flow } = setup();
    flow.hold(15);
    flow.queued(HIGH_WATER_BYTES + 1);
    clock.advance(15);
    expect(calls).toEqual(['pause']);
    flow.parsed(HIGH_WATER_BYTES + 1);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('does not hold longer than MAX_HOLD_MS in a row: reading gets a gap', () => {
    const { clock, calls, flow } = setup();
    for (let t = 0; t < MAX_HOLD_MS; t += 3) {
      flow.hold(15); // keys back to back, each echo releasing
      clock.advance(2);
      flow.release();
      clock.advance(1);
    }
    const before = calls.length;
    flow.hold(15);
    expect(calls.length).toBe(before); // refused
    expect(flow.isPaused).toBe(false);
    clock.advance(HOLD_GAP_MS);
    flow.hold(15);
    expect(calls.at(-1)).toBe('pause');
  });
});

describe('a session under flow control', () => {
  it('shows and logs every line of a flood far larger than the high water mark', async () => {
    const harness = new SessionHarness();
    try {
      const session = harness.start(`seq 1 200000; echo END`, { rows: 10, scrollback: 50 });
      await waitForExit(session);
      await waitForScreen(session, () => session.tail(1)[0] === 'END');
      expect(session.tail(2)).toEqual(['200000', 'END']);
      await session.logFlushed();
      const { readFileSync } = await import('node:fs');
      const log = readFileSync(`${harness.dir}/logs/s0.log`, 'utf8');
      expect(log.length).toBeGreaterThan(200000 * 2);
      expect(log.endsWith('199999\r\n200000\r\nEND\r\n')).toBe(true);
    } finally {
      await harness.cleanup();
    }
  });
});

describe('OutputFlow pacing (a session past its CPU share)', () => {
  const setup = () => {
    const clock = new ManualClock(1000);
    const calls: string[] = [];
    const flow = new OutputFlow({ pause: () => calls.push('pause'), resume: () => calls.push('resume') }, clock);
    return { clock, calls, flow };
  };

  it('stops reading for the time asked; a later pace sets a new end', () => {
    const { clock, calls, flow } = setup();
    flow.pace(20);
    clock.advance(10);
    flow.pace(20);
    clock.advance(19);
    expect(calls).toEqual(['pause']);
    expect(flow.isPaused).toBe(true);
    clock.advance(1);
    expect(calls).toEqual(['pause', 'resume']);
    expect(clock.pendingCount()).toBe(0);
  });

  it("an echo's release does not end a pace, nor a pace's end a hold", () => {
    const { clock, calls, flow } = setup();
    flow.pace(50);
    flow.hold(15);
    flow.release();
    expect(calls).toEqual(['pause']);
    flow.hold(100);
    clock.advance(50);
    expect(calls).toEqual(['pause']);
    flow.release();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('stays paused after a pace while the emulator is behind; stopPacing leaves no timer', () => {
    const { clock, calls, flow } = setup();
    flow.pace(10);
    flow.queued(HIGH_WATER_BYTES + 1);
    clock.advance(10);
    expect(calls).toEqual(['pause']);
    flow.parsed(HIGH_WATER_BYTES + 1);
    expect(calls).toEqual(['pause', 'resume']);
    flow.pace(10);
    flow.stopPacing();
    expect(calls).toEqual(['pause', 'resume', 'pause', 'resume']);
    expect(clock.pendingCount()).toBe(0);
  });

  it('the gate closes while held or paced (the output read already waits too), not while behind', () => {
    const clock = new ManualClock(1000);
    const gate: boolean[] = [];
    const flow = new OutputFlow({ pause: () => undefined, resume: () => undefined }, clock, (open) => gate.push(open));
    flow.queued(HIGH_WATER_BYTES + 1); // behind: the emulator's own queue, never gated (it would never drain)
    expect(gate).toEqual([]);
    flow.hold(15);
    flow.pace(30);
    expect(gate).toEqual([false]);
    expect(flow.isOpen).toBe(false);
    flow.release();
    expect(gate).toEqual([false]); // still paced
    clock.advance(30);
    expect(gate).toEqual([false, true]);
    expect(flow.isOpen).toBe(true);
  });
});
