import { describe, expect, it } from 'vitest';
import type { ScreenUpdate } from '../../src/protocol/messages.js';
import type { Compositor } from '../../src/ui/compositor/index.js';
import { PaneScreens } from '../../src/ui/pane-screens.js';

/** The compositor's side of it: which rows of which pane were set, as text. */
function recordingCompositor() {
  const calls: Array<{ pane: string; rows: Array<[number, string]> }> = [];
  const compositor = {
    setPaneRows(pane: string, rows: Array<{ y: number; cells: { text(): string } }>) {
      calls.push({ pane, rows: rows.map((r) => [r.y, r.cells.text().trimEnd()]) });
    },
  } as unknown as Compositor;
  return { compositor, calls };
}

const update = (name: string, lines: Array<[number, string]>): ScreenUpdate =>
  ({ name, cols: 20, rows: 5, cursor: { x: 0, y: 0, visible: true }, lines: lines.map(([y, text]) => ({ y, text })) }) as ScreenUpdate;

describe('PaneScreens', () => {
  it('puts rows into the compositor at once unless told to hold them back', () => {
    const { compositor, calls } = recordingCompositor();
    const screens = new PaneScreens(compositor);
    screens.apply(update('a', [[0, 'hello']]));
    expect(calls).toEqual([{ pane: 'a', rows: [[0, 'hello']] }]);
    screens.apply(update('b', [[0, 'one']]), true);
    expect(calls).toHaveLength(1);
    expect(screens.get('b')?.cols).toBe(20); // cursor and modes are current all the same
  });

  it('keeps only the latest text of each held row, and applies them all in one go', () => {
    const { compositor, calls } = recordingCompositor();
    const screens = new PaneScreens(compositor);
    screens.apply(update('b', [[0, 'one'], [1, 'two']]), true);
    screens.apply(update('b', [[1, 'three']]), true);
    screens.apply(update('c', [[2, 'sea']]), true);
    screens.applyHeld('c');
    expect(calls).toEqual([{ pane: 'c', rows: [[2, 'sea']] }]);
    screens.applyHeld();
    expect(calls[1]).toEqual({ pane: 'b', rows: [[0, 'one'], [1, 'three']] });
    screens.applyHeld();
    expect(calls).toHaveLength(2); // nothing was left held
  });

  it("a pane's held rows go in before its next rows sent at once, so the newer ones win", () => {
    const { compositor, calls } = recordingCompositor();
    const screens = new PaneScreens(compositor);
    screens.apply(update('b', [[0, 'old']]), true);
    screens.apply(update('b', [[0, 'new']])); // focus moved to b
    expect(calls).toEqual([
      { pane: 'b', rows: [[0, 'old']] },
      { pane: 'b', rows: [[0, 'new']] },
    ]);
  });
});
