import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../src/protocol/messages.js';
import { ManualClock } from '../../src/base/manual-clock.js';
import { SCREEN_READ_EVERY_MS, STEADY_READ_EVERY_MS, StatusTracker } from '../../src/session/status-tracker.js';
import { STARTING_OUTPUT_MS, type StatusPatterns } from '../../src/session/status.js';

const patterns: StatusPatterns = { active: /esc to interrupt/, ask: /\[y\/n\]/, footerUi: false, footerRows: 10 };

function setup() {
  const clock = new ManualClock(1_000_000);
  let rows = ['$ '];
  const tracker = new StatusTracker({
    clock,
    patterns,
    quietMs: 800,
    debounceMs: 250,
    read: () => ({ rows, cursorY: 0 }),
  });
  const changes: Array<[SessionStatus, SessionStatus]> = [];
  tracker.onChange((status, prev) => changes.push([status, prev]));
  /** The child printed something and the screen now shows `screen`. */
  const output = (screen: string[]) => {
    rows = screen;
    tracker.noteOutput();
    tracker.evaluate();
  };
  return { clock, tracker, changes, output };
}

describe('StatusTracker', () => {
  it('starts as starting and arms nothing before any output', () => {
    const { clock, tracker } = setup();
    tracker.evaluate();
    expect(tracker.status).toBe('starting');
    expect(clock.pendingCount()).toBe(0);
  });

  it('goes idle once output has been quiet for quietMs, then holds no timer', () => {
    const { clock, tracker, changes, output } = setup();
    output(['$ hello']);
    expect(tracker.status).toBe('starting');
    expect(clock.nextDeadline()).toBe(clock.now() + 800);
    clock.advance(799);
    expect(tracker.status).toBe('starting');
    clock.advance(1); // quiet: idle is the candidate, debounce starts
    expect(tracker.status).toBe('starting');
    clock.advance(250);
    expect(tracker.status).toBe('idle');
    expect(changes).toEqual([['idle', 'starting']]);
    expect(clock.pendingCount()).toBe(0);
    expect(tracker.hasPendingTimer).toBe(false);
  });

  it('an agent busy from its first output (active_re) never goes back to starting', () => {
    const { clock, tracker, changes, output } = setup();
    output(['thinking… esc to interrupt']);
    clock.advance(250);
    expect(tracker.status).toBe('working');
    output(['> ']); // the spinner is gone, output is fresh: working still, not starting
    clock.advance(300);
    expect(tracker.status).toBe('working');
    clock.advance(2000);
    expect(tracker.status).toBe('idle');
    expect(changes).toEqual([
      ['working', 'starting'],
      ['idle', 'working'],
    ]);
  });

  it('after settling, steady output is working and quiet is idle again', () => {
    const { clock, tracker, changes, output } = setup();
    output(['$ a']);
    clock.advance(2000);
    expect(tracker.status).toBe('idle');
    for (let i = 0; i < 5; i++) {
      output([`line ${i}`]);
      clock.advance(100);
    }
    expect(tracker.status).toBe('working');
    clock.advance(5000);
    expect(tracker.status).toBe('idle');
    expect(changes.map(([s]) => s)).toEqual(['idle', 'working', 'idle']);
    expect(clock.pendingCount()).toBe(0);
  });

  it('a child that prints without pause (a spinner, a build) is working once STARTING_OUTPUT_MS have passed since its first output', () => {
    const { clock, tracker, changes, output } = setup();
    const first = clock.now();
    // a spinner frame every 100 ms: never quiet for quietMs, so quiescence alone never ends 'starting'
    while (clock.now() - first < STARTING_OUTPUT_MS) {
      output([`building ${'|/-\\'[(clock.now() / 100) % 4]}`]);
      expect(tracker.status).toBe('starting');
      clock.advance(100);
    }
    output(['building |']);
    clock.advance(250); // the debounce
    expect(tracker.status).toBe('working');
    expect(changes).toEqual([['working', 'starting']]);
  });

  it('the starting deadline is a timer of its own: output that keeps coming, but never at that moment', () => {
    const { clock, tracker, output } = setup();
    const first = clock.now();
    // output every 700 ms (inside quietMs = 800), none exactly at first + STARTING_OUTPUT_MS
    for (let at = 0; at < STARTING_OUTPUT_MS; at += 700) {
      clock.advance(first + at - clock.now());
      output([`step ${at}`]);
    }
    const lastOutput = clock.now();
    expect(lastOutput + 800).toBeGreaterThan(first + STARTING_OUTPUT_MS + 250); // still fresh when it commits
    clock.advance(first + STARTING_OUTPUT_MS + 250 - clock.now());
    expect(tracker.status).toBe('working');
    clock.advance(lastOutput + 800 + 250 - clock.now());
    expect(tracker.status).toBe('idle');
    expect(clock.pendingCount()).toBe(0);
  });

  it('debounce suppresses a flicker shorter than debounceMs', () => {
    const { clock, tracker, changes, output } = setup();
    output(['thinking… esc to interrupt']);
    clock.advance(300);
    expect(tracker.status).toBe('working');
    output(['? Allow this [y/n]']); // a question flashes up …
    clock.advance(100);
    output(['thinking… esc to interrupt']); // … and is gone again before the debounce ends
    clock.advance(1000);
    expect(changes.map(([s]) => s)).toEqual(['working']);
    expect(tracker.status).toBe('working');
  });

  it('a status that holds for debounceMs is committed', () => {
    const { clock, tracker, output } = setup();
    output(['thinking… esc to interrupt']);
    clock.advance(300);
    output(['? Allow this [y/n]']);
    clock.advance(249);
    expect(tracker.status).toBe('working');
    clock.advance(1);
    expect(tracker.status).toBe('needs-input');
  });

  it('exit and stop commit at once and cancel timers', () => {
    const { clock, tracker, output } = setup();
    output(['thinking… esc to interrupt']);
    tracker.markExited();
    expect(tracker.status).toBe('exited');
    expect(clock.pendingCount()).toBe(0);
    tracker.markStopped();
    expect(tracker.status).toBe('stopped');
  });

  it('an override (stalled/crashed) wins until cleared; a stop clears it; one set after the stop wins', () => {
    const { clock, tracker, output } = setup();
    output(['thinking… esc to interrupt']);
    clock.advance(300);
    tracker.setOverride('stalled');
    expect(tracker.status).toBe('stalled');
    tracker.setOverride(null);
    clock.advance(250);
    expect(tracker.status).toBe('working');
    tracker.setOverride('crashed');
    tracker.markStopped();
    expect(tracker.status).toBe('stopped');
    tracker.setOverride('crashed');
    expect(tracker.status).toBe('crashed');
    expect(tracker.source).toBe('screen');
  });

  it("an override decided from the session file's record says so (status_source)", () => {
    const { clock, tracker, output } = setup();
    output(['> ']);
    tracker.setOverride('limited', 'session-file');
    expect([tracker.status, tracker.source]).toEqual(['limited', 'session-file']);
    tracker.setOverride(null);
    clock.advance(10_000); // the screen's word, once it has settled
    expect(tracker.status).not.toBe('limited');
    expect(tracker.source).toBe('screen');
  });

  it('dispose releases the pending timer', () => {
    const { clock, tracker, output } = setup();
    output(['x']);
    expect(clock.pendingCount()).toBe(1);
    tracker.dispose();
    expect(clock.pendingCount()).toBe(0);
  });
});

describe('StatusTracker.screenChanged', () => {
  function streaming() {
    const clock = new ManualClock(1_000_000);
    let rows = ['$ '];
    let reads = 0;
    const tracker = new StatusTracker({
      clock,
      patterns,
      quietMs: 800,
      debounceMs: 250,
      read: () => {
        reads++;
        return { rows, cursorY: 0 };
      },
    });
    const show = (screen: string[]) => {
      rows = screen;
      tracker.noteOutput();
      tracker.screenChanged();
    };
    /** A busy agent redrawing its spinner every 80 ms for `ms`. */
    const spinFor = (ms: number) => {
      for (let at = 0; at < ms; at += 80) {
        show([`✻ Thinking… (${at}ms · esc to interrupt)`]);
        clock.advance(80);
      }
    };
    return { clock, tracker, show, reads: () => reads, spinFor };
  }

  it('reads the screen at most once per SCREEN_READ_EVERY_MS while output streams in', () => {
    const { clock, show, reads } = streaming();
    for (let ms = 0; ms < 1000; ms++) {
      show([`line ${ms}`]);
      clock.advance(1);
    }
    expect(reads()).toBeGreaterThanOrEqual(1000 / SCREEN_READ_EVERY_MS - 1);
    expect(reads()).toBeLessThanOrEqual(1000 / SCREEN_READ_EVERY_MS + 1);
  });

  it('a change put off is read when the interval is up: a question at the end of a burst is seen', () => {
    const { clock, tracker, show, reads } = streaming();
    show(['working…']);
    clock.advance(5);
    show(['Overwrite? [y/n]']); // within the interval: put off
    expect(reads()).toBe(1);
    clock.advance(SCREEN_READ_EVERY_MS - 5);
    expect(reads()).toBe(2);
    clock.advance(250);
    expect(tracker.status).toBe('needs-input');
  });

  it('reads a screen that keeps saying the committed status at most once per STEADY_READ_EVERY_MS (a busy agent redrawing its spinner)', () => {
    const { tracker, reads, spinFor } = streaming();
    spinFor(500);
    expect(tracker.status).toBe('working');
    const before = reads();
    spinFor(2000);
    expect(reads() - before).toBeLessThanOrEqual(2000 / STEADY_READ_EVERY_MS + 1);
    expect(reads() - before).toBeGreaterThanOrEqual(2000 / STEADY_READ_EVERY_MS - 1);
  });

  it("reads at the quick pace while a hook's word stands: the word is weighed against each change on screen", () => {
    const { tracker, reads, spinFor } = streaming();
    tracker.hookSaid('working');
    spinFor(500);
    expect(tracker.status).toBe('working');
    const before = reads();
    spinFor(2000);
    expect(reads() - before).toBeGreaterThanOrEqual(2000 / 80 - 1); // every frame (80 ms apart, past SCREEN_READ_EVERY_MS)
  });

  it('sees a change on a steady screen within STEADY_READ_EVERY_MS, then reads it as often as before until it is committed', () => {
    const { clock, tracker, show, reads } = streaming();
    for (let ms = 0; ms < 500; ms += 80) {
      show(['✻ Thinking… (esc to interrupt)']);
      clock.advance(80);
    }
    expect(tracker.status).toBe('working');
    clock.advance(1000); // every timer has run (the last read, at the quiet deadline, is 200 ms past)
    const readAt = reads() + 1;
    show(['✻ Thinking… (esc to interrupt)']); // read at once
    expect(reads()).toBe(readAt);
    clock.advance(10);
    show(['Overwrite? [y/n]']); // put off: the screen was read 10 ms ago and said what is committed
    expect(reads()).toBe(readAt);
    clock.advance(STEADY_READ_EVERY_MS - 11);
    expect(reads()).toBe(readAt);
    clock.advance(1);
    expect(reads()).toBe(readAt + 1); // seen: a candidate
    clock.advance(10);
    show(['Overwrite? [y/n] ']);
    clock.advance(SCREEN_READ_EVERY_MS);
    expect(reads()).toBe(readAt + 2); // read at the quick pace while it is a candidate
    clock.advance(250);
    expect(tracker.status).toBe('needs-input');
  });

  it('reads at once when the screen was not read for a while (an echo is not delayed)', () => {
    const { clock, show, reads } = streaming();
    show(['$ ']);
    clock.advance(SCREEN_READ_EVERY_MS);
    show(['$ l']);
    expect(reads()).toBe(2);
  });
});
