import { describe, expect, it } from 'vitest';
import { HIGH_WATER_BYTES, LOW_WATER_BYTES, OutputFlow } from '../../src/session/output-flow.js';
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
