import { describe, expect, it } from 'vitest';
import { ECHO_HOLD_MS, ECHO_SHOWN_MS, EchoPriority, RECENT_OUTPUT_MS, type EchoSession } from '../../src/server/echo-priority.js';
import { ManualClock } from '../../src/base/manual-clock.js';

class FakeSession implements EchoSession {
  log: string[] = [];
  private listeners = new Set<() => void>();
  /** when its child last wrote: by default just now (a busy neighbour) */
  wroteAt: number;
  constructor(private readonly clock: ManualClock) {
    this.wroteAt = clock.now();
  }
  outputWithin(ms: number): boolean {
    return this.clock.now() - this.wroteAt < ms;
  }
  holdOutput(ms: number): void {
    this.log.push(`hold ${ms}`);
  }
  releaseOutput(): void {
    this.log.push('release');
  }
  onScreen(cb: () => void) {
    this.listeners.add(cb);
    return { dispose: () => this.listeners.delete(cb) };
  }
  screenChanged(): void {
    for (const cb of [...this.listeners]) cb();
  }
  get listening(): number {
    return this.listeners.size;
  }
}

function setup() {
  const clock = new ManualClock(1000);
  const sessions = { a: new FakeSession(clock), b: new FakeSession(clock), c: new FakeSession(clock) };
  const echo = new EchoPriority({ running: () => Object.entries(sessions) }, clock);
  return { sessions, echo, clock };
}

describe('EchoPriority', () => {
  it('holds the other sessions until the typed-into one shows its echo, and ECHO_SHOWN_MS more', () => {
    const { sessions, echo, clock } = setup();
    echo.input('a');
    expect(sessions.a.log).toEqual([]);
    expect(sessions.b.log).toEqual([`hold ${ECHO_HOLD_MS}`]);
    expect(sessions.c.log).toEqual([`hold ${ECHO_HOLD_MS}`]);
    sessions.b.screenChanged(); // not the echo
    expect(sessions.b.log).toHaveLength(1);
    sessions.a.screenChanged();
    expect(sessions.a.listening).toBe(0);
    clock.advance(ECHO_SHOWN_MS - 1);
    expect(sessions.b.log).toEqual([`hold ${ECHO_HOLD_MS}`]); // the cockpit is drawing the echo
    clock.advance(1);
    expect(sessions.b.log).toEqual([`hold ${ECHO_HOLD_MS}`, 'release']);
    expect(sessions.c.log).toEqual([`hold ${ECHO_HOLD_MS}`, 'release']);
    expect(sessions.a.listening).toBe(0);
  });

  it('a key for another session moves the priority there', () => {
    const { sessions, echo } = setup();
    echo.input('a');
    echo.input('b');
    expect(sessions.a.log).toEqual([`hold ${ECHO_HOLD_MS}`]);
    expect(sessions.b.log).toEqual([`hold ${ECHO_HOLD_MS}`, 'release']);
    expect(sessions.a.listening).toBe(0);
    expect(sessions.b.listening).toBe(1);
  });

  it("a key typed while the echo is being drawn starts the next hold, and the first echo's timer goes with it", () => {
    const { sessions, echo, clock } = setup();
    echo.input('a');
    sessions.a.screenChanged();
    clock.advance(1);
    echo.input('a');
    expect(sessions.b.log).toEqual([`hold ${ECHO_HOLD_MS}`, 'release', `hold ${ECHO_HOLD_MS}`]);
    clock.advance(ECHO_SHOWN_MS);
    expect(sessions.b.log).toHaveLength(3); // the first echo's timer is gone with it
    expect(clock.pendingCount()).toBe(0);
  });

  it('holds nothing for a session that is not running', () => {
    const { sessions, echo } = setup();
    echo.input('gone');
    expect(Object.values(sessions).map((s) => s.log)).toEqual([[], [], []]);
  });

  it('holds only the sessions that wrote lately: an idle neighbour costs nothing, nor does a key beside idle ones', () => {
    const { sessions, echo, clock } = setup();
    sessions.c.wroteAt = clock.now() - RECENT_OUTPUT_MS; // quiet long enough
    echo.input('a');
    expect(sessions.b.log).toEqual([`hold ${ECHO_HOLD_MS}`]);
    expect(sessions.c.log).toEqual([]);
    echo.release();
    sessions.b.wroteAt = clock.now() - RECENT_OUTPUT_MS;
    echo.input('a');
    expect(sessions.b.log).toEqual([`hold ${ECHO_HOLD_MS}`, 'release']);
    expect(sessions.a.listening).toBe(0); // no echo to wait for: nothing is held
    expect(clock.pendingCount()).toBe(0);
  });
});
