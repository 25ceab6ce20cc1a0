import { describe, expect, it } from 'vitest';
import { paneFrame } from '../../src/ui/layout/pane-frame.js';
import { panePlacement } from '../../src/ui/pane-placement.js';

describe('panePlacement', () => {
  const rect = { x: 10, y: 5, width: 42, height: 7 }; // interior 40×5 at (11, 6)
  const interior = { x: 11, y: 6, width: 40, height: 5 };
  const tall = { cols: 64, rows: 27, cursor: { x: 3, y: 24, visible: true } };

  it('a pane shown whole holds its interior and sizes its pty to it', () => {
    expect(panePlacement(paneFrame(0, rect), tall)).toEqual({ rect: interior, cols: 40, rows: 5, top: 0, pty: { cols: 40, rows: 5 } });
  });

  it("a glance holds the screen at the screen's size, shows its bottom rows, and leaves the pty alone", () => {
    expect(panePlacement(paneFrame(0, rect, true, true), tall)).toEqual({ rect: interior, cols: 64, rows: 27, top: 22, pty: null });
    // a shell that has not filled its screen: up to the cursor
    expect(panePlacement(paneFrame(0, rect, true, true), { ...tall, cursor: { x: 0, y: 2, visible: true } }).top).toBe(0);
    // no screen yet: the interior, until the first frame says how big the screen is
    expect(panePlacement(paneFrame(0, rect, true, true), undefined)).toEqual({ rect: interior, cols: 40, rows: 5, top: 0, pty: null });
  });

  it('a hidden pane keeps its cells, shows nothing, and leaves the pty alone', () => {
    expect(panePlacement(paneFrame(0, rect, false), tall)).toEqual({ rect: { x: 0, y: 0, width: 0, height: 0 }, cols: 64, rows: 27, top: 0, pty: null });
  });
});
