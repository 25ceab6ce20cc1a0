import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { runTurn, type TurnOptions, type TurnSession } from '../../src/fleet/turn.js';
import type { SessionStatus } from '../../src/protocol/messages.js';

// `send --wait` ends on the CLI's hook saying its turn ended (Claude's Stop, Codex's notify) at
// once, as the pilot's turns do — not after the quiet period the screen alone needs. A stand-in
// session (its statuses set by the test) on a fake clock.

function standIn() {
  const statuses = new Emitter<[SessionStatus, SessionStatus]>();
  let status: SessionStatus = 'idle';
  const session: TurnSession = {
    get status() {
      return status;
    },
    onStatus: statuses.event,
    sendMessage: async () => ({ confirmed: true, attempts: 1 }),
    screenText: () => '',
  };
  const set = (next: SessionStatus) => {
    const prev = status;
    status = next;
    statuses.fire(next, prev);
  };
  return { session, set };
}

/** Let the turn's awaits run (no time passes on the fake clock). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('send --wait and the hook that ends a turn', () => {
  const run = (hooked: boolean) => {
    const clock = new ManualClock(1_000_000);
    const { session, set } = standIn();
    let hookEnded: (() => void) | null = null;
    const opts: TurnOptions = {
      wait: true,
      timeoutMs: 600_000,
      clock,
      ...(hooked ? { hookTurnEnds: (listener: () => void) => ((hookEnded = listener), { dispose: () => (hookEnded = null) }) } : {}),
    };
    let done = false;
    const result = runTurn(session, 'go', opts).then((r) => ((done = true), r));
    return { clock, set, result, isDone: () => done, hook: () => hookEnded?.() };
  };

  it("ends the turn the moment the hook says so, with no quiet period waited out", async () => {
    const t = run(true);
    await settle();
    t.set('working');
    t.set('idle');
    await settle();
    expect(t.isDone()).toBe(false); // the screen alone would wait out the quiet period
    t.hook();
    await settle();
    expect(t.isDone()).toBe(true);
    expect(await t.result).toMatchObject({ confirmed: true, timedOut: false, status: 'idle' });
  });

  it('without a hook the same turn ends only after the quiet period (what the hook saves)', async () => {
    const t = run(false);
    await settle();
    t.set('working');
    t.set('idle');
    await settle();
    t.clock.advance(1499);
    await settle();
    expect(t.isDone()).toBe(false);
    t.clock.advance(1);
    await settle();
    expect(t.isDone()).toBe(true);
  });
});
