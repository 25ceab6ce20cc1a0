import { describe, expect, it } from 'vitest';
import { backoffMs, carriedOver, decideOnFailure, decideOnTime, HEALTHY, nextHealCheck, type HealSettings, type HealState } from '../../src/watchdog/heal.js';

const s: HealSettings = { maxRestarts: 5, windowMs: 600_000, backoffBaseMs: 1000, backoffMaxMs: 60_000 };

/** Crash the agent at `now` and perform whatever restart becomes due, as the driver would. */
function crashAndHeal(state: HealState, now: number): { state: HealState; restartedAt: number | null; gaveUp: boolean } {
  let d = decideOnFailure(state, 'builder', 'exited (code 1)', now, s);
  if (d.actions.some((a) => a.type === 'restart')) return { state: d.state, restartedAt: now, gaveUp: false };
  if (d.state.gaveUp) return { state: d.state, restartedAt: null, gaveUp: true };
  const at = nextHealCheck(d.state)!;
  expect(decideOnTime(d.state, 'builder', at - 1).actions).toEqual([]);
  d = decideOnTime(d.state, 'builder', at);
  expect(d.actions).toEqual([{ type: 'restart', name: 'builder', reason: 'exited (code 1)' }]);
  return { state: d.state, restartedAt: at, gaveUp: false };
}

describe('heal', () => {
  it('restarts the first failure at once', () => {
    const d = decideOnFailure(HEALTHY, 'builder', 'exited (code 1)', 1000, s);
    expect(d.actions).toEqual([{ type: 'restart', name: 'builder', reason: 'exited (code 1)' }]);
    expect(d.state.restarts).toEqual([1000]);
  });

  it('backs off exponentially: 0, 1, 2, 4, 8 s … capped', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, s))).toEqual([0, 1000, 2000, 4000, 8000, 60_000]);
  });

  it('a crash loop spends the budget and then stays crashed with the reason', () => {
    let state = HEALTHY;
    let now = 0;
    const restarts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = crashAndHeal(state, now);
      expect(r.gaveUp).toBe(false);
      restarts.push(r.restartedAt!);
      state = r.state;
      now = r.restartedAt! + 100; // crashes 100 ms after each start
    }
    expect(restarts).toEqual([0, 1100, 3200, 7300, 15400]);
    const last = decideOnFailure(state, 'builder', 'exited (code 1)', now, s);
    expect(last.state.gaveUp).toMatch(/restarted 5 times in 10 min — restart budget spent \(hangar restart builder to try again\)/);
    expect(last.actions[0]).toMatchObject({ type: 'mark', name: 'builder', status: 'crashed' });
    expect(last.actions[1]).toMatchObject({ type: 'note', kind: 'give-up', level: 'warn' });
    // nothing starts it again
    expect(decideOnFailure(last.state, 'builder', 'exited', now + 10_000_000, s).actions).toEqual([]);
    expect(decideOnTime(last.state, 'builder', now + 10_000_000).actions).toEqual([]);
  });

  it('restarts older than the window no longer count', () => {
    const state: HealState = { restarts: [0, 1, 2, 3, 4], pending: null, gaveUp: null };
    const d = decideOnFailure(state, 'a', 'exited', 600_010, s);
    expect(d.actions[0]).toMatchObject({ type: 'restart' });
    expect(d.state.restarts).toEqual([600_010]);
  });

  it('a failure reported while a restart is pending changes nothing', () => {
    const pending = decideOnFailure({ restarts: [0], pending: null, gaveUp: null }, 'a', 'exited', 10, s).state;
    expect(pending.pending).toEqual({ at: 1010, reason: 'exited' });
    expect(decideOnFailure(pending, 'a', 'fatal', 20, s)).toEqual({ state: pending, actions: [] });
  });
});

describe('a budget carried over from an earlier server', () => {
  it('keeps the restarts within the window; older ones no longer count', () => {
    const state = carriedOver({ recent: [1000, 500_000, 590_000], spent: false }, 700_000, s);
    expect(state).toEqual({ restarts: [500_000, 590_000], pending: null, gaveUp: null });
    // two of five spent: the next failure waits out the third restart's backoff
    expect(decideOnFailure(state, 'a', 'exited', 700_000, s).state.pending).toEqual({ at: 702_000, reason: 'exited' });
  });

  it('a spent budget is not carried: whoever starts it now is a person, and that starts afresh', () => {
    expect(carriedOver({ recent: [1, 2, 3, 4, 5], spent: true }, 10, s)).toEqual(HEALTHY);
  });
});
