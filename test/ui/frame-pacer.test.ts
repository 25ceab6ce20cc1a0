import { describe, expect, it } from 'vitest';
import { FRAME_INTERVAL_MS, FramePacer, type PacerClock } from '../../src/ui/frame-pacer.js';

/** A clock that only moves when told to. */
class FakeClock implements PacerClock {
  at = 1000;
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
    this.at += ms;
    for (const t of this.timers.filter((t) => t.at <= this.at)) {
      this.clearTimeout(t);
      t.fn();
    }
  }
}

const microtasks = () => Promise.resolve();

describe('FramePacer', () => {
  it('draws an urgent change on a microtask, without waiting for a turn or a slot', async () => {
    const clock = new FakeClock();
    let frames = 0;
    const pacer = new FramePacer(() => frames++, clock);
    pacer.request(false); // a frame just went out...
    await microtasks();
    pacer.request(true); // ...and an echo still goes at once
    pacer.request(true);
    expect(frames).toBe(1); // not synchronously: the rest of the socket chunk is applied first
    await microtasks();
    expect(frames).toBe(2);
  });

  it('coalesces changes that are not urgent to one frame per interval', async () => {
    const clock = new FakeClock();
    let frames = 0;
    const pacer = new FramePacer(() => frames++, clock);
    pacer.request(false); // after a quiet spell: at once
    await microtasks();
    expect(frames).toBe(1);
    for (let i = 0; i < 10; i++) {
      clock.advance(1);
      pacer.request(false);
      await microtasks();
    }
    expect(frames).toBe(1);
    clock.advance(FRAME_INTERVAL_MS - 10);
    expect(frames).toBe(2);
  });

  it('an urgent change drawn meanwhile takes the pending paced frame with it', async () => {
    const clock = new FakeClock();
    let frames = 0;
    const pacer = new FramePacer(() => frames++, clock);
    pacer.request(false);
    await microtasks();
    clock.advance(2);
    pacer.request(false); // waits for its slot
    pacer.request(true);
    await microtasks();
    expect(frames).toBe(2);
    clock.advance(FRAME_INTERVAL_MS);
    expect(frames).toBe(2); // nothing left to draw
  });

  it('draws nothing once stopped', async () => {
    const clock = new FakeClock();
    let frames = 0;
    const pacer = new FramePacer(() => frames++, clock);
    pacer.request(false);
    await microtasks();
    clock.advance(1);
    pacer.request(false);
    pacer.stop();
    clock.advance(FRAME_INTERVAL_MS);
    pacer.request(true);
    await microtasks();
    expect(frames).toBe(1);
  });
});
