import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { Emitter } from '../../src/base/emitter.js';
import { followKickoffTurn, runTurn, type TurnBackend, type TurnSession } from '../../src/fleet/turn.js';
import type { SessionStatus } from '../../src/protocol/messages.js';

// A followed turn hands back the backend's last word on it (the session file's tokens and cost:
// what converse returns), read once more as the turn ends; and an agent's first turn — its
// kickoff, given at launch — is followed from its start the same way (delegate with wait).
// A stand-in session on a fake clock.

function standIn(first: SessionStatus) {
  const statuses = new Emitter<[SessionStatus, SessionStatus]>();
  let status = first;
  let screen = '';
  const session: TurnSession = {
    get status() {
      return status;
    },
    onStatus: statuses.event,
    sendMessage: async () => ({ confirmed: true, attempts: 1 }),
    screenText: () => screen,
  };
  const set = (next: SessionStatus) => {
    const prev = status;
    status = next;
    statuses.fire(next, prev);
  };
  return { session, set, show: (text: string) => (screen = text) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A backend whose records say `tokens` so far, and whether the turn ended; counts its final reads. */
function backend() {
  const said = { ended: false, tokens: 0 };
  const reads: boolean[] = [];
  const make = (): TurnBackend<{ ended: boolean; tokens: number; final: boolean }> => ({ read: (final = false) => (reads.push(final), { ...said, final }) });
  return { said, reads, make };
}

describe("a followed turn's backend reading", () => {
  it('send --wait returns what the backend said last, read once more (final) as the turn ends', async () => {
    const clock = new ManualClock(1_000_000);
    const s = standIn('idle');
    const b = backend();
    const result = runTurn(s.session, 'go', { wait: true, timeoutMs: 600_000, clock, backend: () => b.make() });
    await settle();
    s.set('working');
    b.said.tokens = 40;
    b.said.ended = true;
    s.set('idle');
    clock.advance(250); // the backend's next poll says it ended: no quiet period
    const r = await result;
    expect(r.backendSaid).toEqual({ ended: true, tokens: 40, final: true });
    expect(b.reads).toEqual([false, true]);
  });

  it('without a backend there is nothing to say', async () => {
    const clock = new ManualClock(1_000_000);
    const s = standIn('idle');
    const result = runTurn(s.session, 'go', { wait: true, timeoutMs: 600_000, clock });
    await settle();
    s.set('working');
    s.set('idle');
    clock.advance(1500);
    const r = await result;
    expect(r).toMatchObject({ confirmed: true, timedOut: false });
    expect(r).not.toHaveProperty('backendSaid');
  });

  it("follows a kickoff from the agent's start: starting, then working, then quiet idle ends it", async () => {
    const clock = new ManualClock(1_000_000);
    const s = standIn('starting');
    const b = backend();
    let done = false;
    const result = followKickoffTurn(s.session, 'write a.txt hi', { timeoutMs: 600_000, clock, backend: () => b.make() }).then((r) => ((done = true), r));
    await settle();
    s.set('working');
    s.show('> write a.txt hi\n● Wrote a.txt (3 bytes)');
    s.set('idle');
    clock.advance(1499);
    await settle();
    expect(done).toBe(false); // a pause between tool calls is no end
    clock.advance(1);
    const r = await result;
    expect(r).toMatchObject({ confirmed: true, attempts: 0, timedOut: false, reply: '● Wrote a.txt (3 bytes)', backendSaid: { ended: false, tokens: 0, final: true } });
  });

  it('a kickoff turn that outlasts the timeout says so', async () => {
    const clock = new ManualClock(1_000_000);
    const s = standIn('starting');
    const result = followKickoffTurn(s.session, 'think long', { timeoutMs: 10_000, clock });
    await settle();
    s.set('working');
    clock.advance(10_000);
    expect(await result).toMatchObject({ timedOut: true, status: 'working' });
  });
});
