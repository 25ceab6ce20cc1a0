import { describe, expect, it } from 'vitest';
import { LAYOUT_ORDER, computeLayout, nextLayout, type LayoutKind } from '../../../src/ui/layout/compute-layout.js';
import type { LayoutArea, PaneFrame, Rect } from '../../../src/ui/layout/pane-frame.js';
import { splitSpan } from '../../../src/ui/layout/split-span.js';

const KINDS: LayoutKind[] = ['tiled', 'main-stack', 'zoom'];
const AREAS: LayoutArea[] = [
  { x: 0, y: 0, cols: 200, rows: 50 },
  { x: 0, y: 1, cols: 80, rows: 23 },
  { x: 3, y: 2, cols: 120, rows: 40 },
  { x: 0, y: 0, cols: 60, rows: 80 },
  { x: 0, y: 0, cols: 300, rows: 60 },
  { x: 5, y: 0, cols: 41, rows: 17 },
  { x: 0, y: 0, cols: 12, rows: 5 },
  { x: 0, y: 0, cols: 3, rows: 2 },
  { x: 0, y: 0, cols: 1, rows: 1 },
];

const inside = (r: Rect, a: LayoutArea) => r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.cols && r.y + r.height <= a.y + a.rows;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every cell of the area covered by exactly one rect. */
function coversExactly(rects: Rect[], area: LayoutArea): boolean {
  const hits = new Uint8Array(area.cols * area.rows);
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.height; y++) {
      for (let x = r.x; x < r.x + r.width; x++) hits[(y - area.y) * area.cols + (x - area.x)]! += 1;
    }
  }
  return hits.every((h) => h === 1);
}

function checkInvariants(kind: LayoutKind, count: number, focus: number, area: LayoutArea, frames: PaneFrame[]) {
  const label = `${kind} ${count} panes, focus ${focus}, ${area.cols}×${area.rows}`;
  expect(frames.map((f) => f.index), label).toEqual([...Array(count).keys()]);
  const visible = frames.filter((f) => f.visible);
  for (const f of frames) {
    expect(inside(f.frame, area), label).toBe(true);
    expect(f.interior, label).toEqual({
      x: f.frame.x + 1,
      y: f.frame.y + 1,
      width: Math.max(0, f.frame.width - 2),
      height: Math.max(0, f.frame.height - 2),
    });
    if (kind !== 'zoom' || f.index === focus) {
      // Shown exactly when the interior holds at least 2×1.
      expect(f.visible, label).toBe(f.interior.width >= 2 && f.interior.height >= 1);
    }
  }
  for (let i = 0; i < visible.length; i++) {
    for (let j = i + 1; j < visible.length; j++) expect(overlaps(visible[i]!.frame, visible[j]!.frame), label).toBe(false);
  }
  if (kind === 'zoom') {
    expect(frames.filter((f) => f.index !== focus).every((f) => !f.visible), label).toBe(true);
    expect(frames[focus]!.frame).toEqual({ x: area.x, y: area.y, width: area.cols, height: area.rows });
  } else {
    expect(coversExactly(frames.map((f) => f.frame), area), label).toBe(true);
    if (visible.length === count) expect(coversExactly(visible.map((f) => f.frame), area), label).toBe(true);
  }
}

describe('computeLayout invariants', () => {
  it('hold for many pane counts, areas, focuses and every kind', () => {
    let checked = 0;
    for (const kind of KINDS) {
      for (const area of AREAS) {
        for (let count = 1; count <= 12; count++) {
          for (const focus of new Set([0, Math.floor(count / 2), count - 1])) {
            checkInvariants(kind, count, focus, area, computeLayout(kind, count, focus, area));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('shows every pane when the terminal has room', () => {
    for (const kind of ['tiled', 'main-stack'] as const) {
      for (let count = 1; count <= 9; count++) {
        const frames = computeLayout(kind, count, 0, { x: 0, y: 0, cols: 200, rows: 50 });
        expect(frames.every((f) => f.visible), `${kind} ${count}`).toBe(true);
      }
    }
  });

  it('gives no panes for an empty fleet and clamps a focus out of range', () => {
    expect(computeLayout('tiled', 0, 0, AREAS[0]!)).toEqual([]);
    expect(computeLayout('zoom', 3, 7, AREAS[0]!).filter((f) => f.visible).map((f) => f.index)).toEqual([2]);
  });
});

const shape = (frames: PaneFrame[]) => frames.map((f) => [f.frame.x, f.frame.y, f.frame.width, f.frame.height]);

describe('tiled', () => {
  it('4 panes on 200×50 → 2×2', () => {
    expect(shape(computeLayout('tiled', 4, 0, { x: 0, y: 0, cols: 200, rows: 50 }))).toEqual([
      [0, 0, 100, 25],
      [100, 0, 100, 25],
      [0, 25, 100, 25],
      [100, 25, 100, 25],
    ]);
  });

  it('3 panes on a wide terminal → side by side, leftover columns spread', () => {
    expect(shape(computeLayout('tiled', 3, 0, { x: 0, y: 0, cols: 200, rows: 50 }))).toEqual([
      [0, 0, 67, 50],
      [67, 0, 67, 50],
      [134, 0, 66, 50],
    ]);
  });

  it('a tall narrow terminal stacks', () => {
    const frames = computeLayout('tiled', 3, 0, { x: 0, y: 0, cols: 60, rows: 80 });
    expect(frames.every((f) => f.frame.x === 0 && f.frame.width === 60)).toBe(true);
  });

  it('2 panes side by side on 80×24; 6 panes 3×2 on 200×50; 5 panes 3 + 2', () => {
    expect(shape(computeLayout('tiled', 2, 0, { x: 0, y: 0, cols: 80, rows: 24 }))).toEqual([
      [0, 0, 40, 24],
      [40, 0, 40, 24],
    ]);
    const six = computeLayout('tiled', 6, 0, { x: 0, y: 0, cols: 200, rows: 50 });
    expect(new Set(six.map((f) => f.frame.y)).size).toBe(2);
    const five = computeLayout('tiled', 5, 0, { x: 0, y: 0, cols: 200, rows: 50 });
    expect(five.map((f) => f.frame.width)).toEqual([67, 67, 66, 100, 100]);
  });

  it('does not depend on focus', () => {
    const area = { x: 0, y: 0, cols: 150, rows: 40 };
    expect(shape(computeLayout('tiled', 5, 0, area))).toEqual(shape(computeLayout('tiled', 5, 4, area)));
  });
});

describe('main-stack', () => {
  it('puts the focused pane on the left at ~60% and stacks the others on the right in order', () => {
    const frames = computeLayout('main-stack', 4, 2, { x: 0, y: 0, cols: 200, rows: 50 });
    expect(frames[2]!.frame).toEqual({ x: 0, y: 0, width: 120, height: 50 });
    expect([0, 1, 3].map((i) => frames[i]!.frame)).toEqual([
      { x: 120, y: 0, width: 80, height: 17 },
      { x: 120, y: 17, width: 80, height: 17 },
      { x: 120, y: 34, width: 80, height: 16 },
    ]);
  });

  it('puts main on top on a tall narrow terminal, the others side by side below', () => {
    const frames = computeLayout('main-stack', 3, 0, { x: 0, y: 0, cols: 60, rows: 80 });
    expect(frames[0]!.frame).toEqual({ x: 0, y: 0, width: 60, height: 48 });
    expect([1, 2].map((i) => frames[i]!.frame)).toEqual([
      { x: 0, y: 48, width: 30, height: 32 },
      { x: 30, y: 48, width: 30, height: 32 },
    ]);
  });

  it('gives a single pane the whole area', () => {
    expect(computeLayout('main-stack', 1, 0, { x: 2, y: 1, cols: 50, rows: 20 })[0]!.frame).toEqual({ x: 2, y: 1, width: 50, height: 20 });
  });
});

describe('layout order and splitting', () => {
  it('next-layout cycles tiled ↔ main-stack; zoom is a toggle, not a step', () => {
    expect(LAYOUT_ORDER).not.toContain('zoom');
    expect(nextLayout('tiled')).toBe('main-stack');
    expect(nextLayout('main-stack')).toBe('tiled');
    expect(nextLayout('zoom')).toBe('tiled');
  });

  it('splitSpan spreads leftover cells over the first parts and adds up exactly', () => {
    expect(splitSpan(10, 11, 3)).toEqual([
      { start: 10, length: 4 },
      { start: 14, length: 4 },
      { start: 18, length: 3 },
    ]);
    for (let len = 0; len < 30; len++) {
      for (let parts = 1; parts < 8; parts++) {
        const spans = splitSpan(0, len, parts);
        expect(spans.reduce((s, p) => s + p.length, 0)).toBe(len);
        expect(Math.max(...spans.map((s) => s.length)) - Math.min(...spans.map((s) => s.length))).toBeLessThanOrEqual(1);
      }
    }
  });
});
