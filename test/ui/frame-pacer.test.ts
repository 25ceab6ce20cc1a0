import { describe, expect, it } from 'vitest';
import { FRAME_INTERVAL_MS, FramePacer } from '../../src/ui/frame-pacer.js';
import { ManualClock } from '../../src/base/manual-clock.js';

const microtasks = () => Promise.resolve();

describe('FramePacer', () => {
  it('draws an urgent change on a microtask, without waiting for a turn or a slot', async () => {
    const clock = new ManualClock(1000);
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
    const clock = new ManualClock(1000);
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

  it('an urgent frame leaves the paced one its slot, and says which is which', async () => {
    const clock = new ManualClock(1000);
    const frames: boolean[] = [];
    const pacer = new FramePacer((paced) => frames.push(paced), clock);
    pacer.request(false);
    await microtasks();
    clock.advance(2);
    pacer.request(false); // waits for its slot
    pacer.request(true);
    await microtasks();
    expect(frames).toEqual([true, false]); // the echo alone
    clock.advance(FRAME_INTERVAL_MS - 2);
    expect(frames).toEqual([true, false, true]); // the rest at its slot
  });

  it('keys typed without pause do not starve the paced frames', async () => {
    const clock = new ManualClock(1000);
    const frames: boolean[] = [];
    const pacer = new FramePacer((paced) => frames.push(paced), clock);
    for (let ms = 0; ms < 100; ms += 5) {
      pacer.request(false); // another pane keeps changing
      pacer.request(true); // and a key every 5 ms
      await microtasks();
      clock.advance(5);
    }
    const paced = frames.filter(Boolean).length;
    expect(paced).toBeGreaterThanOrEqual(Math.floor(100 / FRAME_INTERVAL_MS));
    expect(paced).toBeLessThanOrEqual(Math.ceil(100 / FRAME_INTERVAL_MS) + 1);
    expect(frames.filter((f) => !f).length).toBeGreaterThanOrEqual(15);
  });

  it('draws nothing once stopped', async () => {
    const clock = new ManualClock(1000);
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
