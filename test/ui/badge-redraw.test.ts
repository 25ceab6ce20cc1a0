import { describe, expect, it } from 'vitest';
import { BadgeRedraw, type BadgeRedrawTiming } from '../../src/ui/badge-redraw.js';
import { ManualClock } from '../../src/base/manual-clock.js';

const timing: BadgeRedrawTiming = { delayMs: 50, typingMs: 150, maxDelayMs: 2000 };

function setup() {
  const clock = new ManualClock(0);
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
