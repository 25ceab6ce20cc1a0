import type { PaneFrame, Rect } from './pane-frame.js';

export type Direction = 'left' | 'right' | 'up' | 'down';

/** How many cells two spans [a, a+alen) and [b, b+blen) share. */
function overlap(a: number, alen: number, b: number, blen: number): number {
  return Math.max(0, Math.min(a + alen, b + blen) - Math.max(a, b));
}

/** Distance from `from` to `to` in the direction (negative: not in that direction), and the shared span. */
function measure(from: Rect, to: Rect, direction: Direction): { gap: number; shared: number } {
  switch (direction) {
    case 'left':
      return { gap: from.x - (to.x + to.width), shared: overlap(from.y, from.height, to.y, to.height) };
    case 'right':
      return { gap: to.x - (from.x + from.width), shared: overlap(from.y, from.height, to.y, to.height) };
    case 'up':
      return { gap: from.y - (to.y + to.height), shared: overlap(from.x, from.width, to.x, to.width) };
    case 'down':
      return { gap: to.y - (from.y + from.height), shared: overlap(from.x, from.width, to.x, to.width) };
  }
}

/**
 * The pane focus moves to: the nearest visible pane in that direction whose span overlaps the
 * focused one's (ties: the one sharing most, then the lower index); else focus stays.
 */
export function focusNeighbor(frames: readonly PaneFrame[], focus: number, direction: Direction): number {
  const current = frames.find((f) => f.index === focus && f.visible);
  if (!current) return focus;
  let best: { index: number; gap: number; shared: number } | null = null;
  for (const f of frames) {
    if (!f.visible || f.index === focus) continue;
    const { gap, shared } = measure(current.frame, f.frame, direction);
    if (gap < 0 || shared <= 0) continue;
    if (best === null || gap < best.gap || (gap === best.gap && (shared > best.shared || (shared === best.shared && f.index < best.index)))) {
      best = { index: f.index, gap, shared };
    }
  }
  return best?.index ?? focus;
}

/** The visible pane under a terminal cell (a mouse click), or null. */
export function paneAt(frames: readonly PaneFrame[], x: number, y: number): number | null {
  for (const f of frames) {
    const r = f.frame;
    if (f.visible && x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) return f.index;
  }
  return null;
}
