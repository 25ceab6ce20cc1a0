/**
 * What a frame writes on a 200×50 screen with four panes (the scene of `npm run bench`'s frame
 * cost, src/bench/scenarios/frame-cost.ts): bytes are deterministic, so they are asserted here;
 * the time a frame takes is the bench's figure.
 */
import { describe, expect, it } from 'vitest';
import { allRowsFrames, echoFrame, fourPanes } from '../../../src/bench/scenarios/frame-cost.js';

describe('frame bytes, 200×50, four panes', () => {
  it('one changed cell, and every pane row changed', () => {
    const compositor = fourPanes();
    const fullBytes = compositor.stats.lastFrameBytes;

    for (let i = 0; i < 50; i++) echoFrame(compositor, i); // as the bench warms up
    const erased = echoFrame(compositor, 0);
    const typed = echoFrame(compositor, 1);
    const oneCellBytes = compositor.stats.lastFrameBytes;

    const allRows = allRowsFrames();
    for (let i = 0; i < 4; i++) allRows(compositor, i);
    const allRowsBytes = compositor.stats.lastFrameBytes;

    expect(typed).not.toBe('');
    expect(erased).not.toBe('');
    expect(oneCellBytes).toBeLessThan(40);
    expect(Buffer.byteLength(erased)).toBeLessThan(40);
    expect(compositor.frame()).toBe('');
    expect(allRowsBytes).toBeLessThan(fullBytes);
  });
});
