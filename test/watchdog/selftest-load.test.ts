import { afterEach, describe, expect, it, vi } from 'vitest';

// Every verb of the CLI's bundle evaluates this module as the bundle loads; its reset-time
// checks look up time zones, and the first lookup starts ICU's zone data (~35 ms of each
// `hangar status` measured, docs/PERFORMANCE.md). They are made when the checks run.
describe('the selftest module', () => {
  afterEach(() => vi.restoreAllMocks());

  it('looks up no time zone as it loads', async () => {
    const lookup = vi.spyOn(Intl, 'DateTimeFormat');
    const { runSelftest } = await import('../../src/watchdog/selftest.js');
    expect(typeof runSelftest).toBe('function');
    expect(lookup).not.toHaveBeenCalled();
  });
});
