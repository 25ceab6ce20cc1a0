import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../../src/ui/layout/compute-layout.js';
import { focusNeighbor, paneAt, type Direction } from '../../../src/ui/layout/focus-neighbor.js';

const WIDE = { x: 0, y: 0, cols: 200, rows: 50 };

describe('focusNeighbor on a 2×2 grid', () => {
  // 0 1
  // 2 3
  const frames = computeLayout('tiled', 4, 0, WIDE);
  const cases: [number, Direction, number][] = [
    [0, 'right', 1],
    [0, 'down', 2],
    [0, 'left', 0],
    [0, 'up', 0],
    [1, 'left', 0],
    [1, 'down', 3],
    [1, 'right', 1],
    [2, 'up', 0],
    [2, 'right', 3],
    [2, 'down', 2],
    [3, 'up', 1],
    [3, 'left', 2],
  ];
  it.each(cases)('from %i going %s → %i', (from, dir, to) => {
    expect(focusNeighbor(frames, from, dir)).toBe(to);
  });
});

describe('focusNeighbor on main-stack', () => {
  // main (1) on the left; 0, 2, 3 stacked on the right
  const frames = computeLayout('main-stack', 4, 1, WIDE);
  it('moves from main into the stack (the top pane sharing most, ties to the lower index) and back', () => {
    expect(focusNeighbor(frames, 1, 'right')).toBe(0);
    expect(focusNeighbor(frames, 3, 'left')).toBe(1);
    expect(focusNeighbor(frames, 2, 'left')).toBe(1);
  });
  it('moves up and down the stack, and stays at its ends', () => {
    expect(focusNeighbor(frames, 0, 'down')).toBe(2);
    expect(focusNeighbor(frames, 2, 'down')).toBe(3);
    expect(focusNeighbor(frames, 3, 'up')).toBe(2);
    expect(focusNeighbor(frames, 3, 'down')).toBe(3);
    expect(focusNeighbor(frames, 1, 'up')).toBe(1);
  });
});

describe('focusNeighbor elsewhere', () => {
  it('prefers the neighbour sharing the most edge on a 3 + 2 grid', () => {
    // 0 1 2   (67, 67, 66 wide)
    //  3   4  (100 wide each)
    const frames = computeLayout('tiled', 5, 0, WIDE);
    const shared = (a: number, b: number) => {
      const fa = frames[a]!.frame;
      const fb = frames[b]!.frame;
      return Math.min(fa.x + fa.width, fb.x + fb.width) - Math.max(fa.x, fb.x);
    };
    // Pane 1 spans columns 67–133: 33 of them over pane 3, 34 over pane 4.
    expect([shared(1, 3), shared(1, 4)]).toEqual([33, 34]);
    expect(focusNeighbor(frames, 1, 'down')).toBe(4);
    expect(focusNeighbor(frames, 4, 'up')).toBe(2);
    expect(focusNeighbor(frames, 0, 'down')).toBe(3);
  });

  it('stays put when zoomed (nothing else is visible)', () => {
    const frames = computeLayout('zoom', 3, 1, WIDE);
    for (const dir of ['left', 'right', 'up', 'down'] as const) expect(focusNeighbor(frames, 1, dir)).toBe(1);
  });
});

describe('paneAt', () => {
  it('finds the visible pane under a cell', () => {
    const frames = computeLayout('tiled', 4, 0, WIDE);
    expect(paneAt(frames, 0, 0)).toBe(0);
    expect(paneAt(frames, 100, 0)).toBe(1);
    expect(paneAt(frames, 99, 25)).toBe(2);
    expect(paneAt(frames, 199, 49)).toBe(3);
    expect(paneAt(frames, 200, 0)).toBeNull();
    expect(paneAt(computeLayout('zoom', 4, 2, WIDE), 0, 0)).toBe(2);
  });
});
