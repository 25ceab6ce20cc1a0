import { describe, expect, it } from 'vitest';
import { BadgeRedraw, type BadgeRedrawTiming } from '../../src/ui/badge-redraw.js';
import type { PacerClock } from '../../src/ui/frame-pacer.js';

class FakeClock implements PacerClock {
  at = 0;
  private timers: Array<{ at: number; fn: () => void }> = [];
  now(): number {
    return this.at;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.at + ms, fn };
    this.timers.push(timer);
    return timer;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }
  advance(ms: number): void {
    const end = this.at + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.at = due.at;
      this.clearTimeout(due);
      due.fn();
    }
    this.at = end;
  }
}

const timing: BadgeRedrawTiming = { delayMs: 50, typingMs: 150, maxDelayMs: 2000 };

function setup() {
  const clock = new FakeClock();
  let draws = 0;
  const redraw = new BadgeRedraw(() => draws++, clock, timing);
  return { clock, redraw, draws: () => draws };
}

describe('BadgeRedraw', () => {
  it('draws a burst of badge changes once, a little later', () => {
    const { clock, redraw, draws } = setup();
    for (let i = 0; i < 8; i++) redraw.request();
    clock.advance(49);
    expect(draws()).toBe(0);
    clock.advance(1);
    expect(draws()).toBe(1);
  });

  it('waits while the user types, and draws once typing pauses', () => {
    const { clock, redraw, draws } = setup();
    redraw.request();
    for (let t = 0; t < 500; t += 20) {
      redraw.noteInput();
      clock.advance(20);
    }
    expect(draws()).toBe(0);
    clock.advance(149);
    expect(draws()).toBe(1);
  });

  it('does not wait longer than maxDelayMs for a user who never stops typing', () => {
    const { clock, redraw, draws } = setup();
    redraw.request();
    for (let t = 0; t < 1990; t += 10) {
      redraw.noteInput();
      clock.advance(10);
    }
    expect(draws()).toBe(0);
    redraw.noteInput();
    clock.advance(10);
    expect(draws()).toBe(1);
  });

  it('a draw for another reason cancels the pending one', () => {
    const { clock, redraw, draws } = setup();
    redraw.request();
    redraw.cancel();
    clock.advance(5000);
    expect(draws()).toBe(0);
  });
});
