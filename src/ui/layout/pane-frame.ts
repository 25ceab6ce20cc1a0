/** A rectangle in terminal cells, 0-based (the same shape as the compositor's Rect). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the terminal the panes share. */
export interface LayoutArea {
  x: number;
  y: number;
  cols: number;
  rows: number;
}

/** Where one pane goes. */
export interface PaneFrame {
  /** the pane's position in the fleet's order (0-based) */
  index: number;
  /** the pane including its 1-cell border (the title sits in the top border) */
  frame: Rect;
  /** frame minus the border: where the child's screen is drawn, and the pty's size */
  interior: Rect;
  /** false when zoomed away, or too small to show (interior under 2×1) */
  visible: boolean;
  /**
   * A glance at an agent the view is not about (the pilot view's other panes): the interior
   * shows part of its screen (layout/glance-window.ts) and does not size its pty, which keeps
   * the size the last layout gave it — as a hidden pane's does, and a hidden tmux window's.
   */
  glance: boolean;
}

const MIN_INTERIOR_WIDTH = 2;
const MIN_INTERIOR_HEIGHT = 1;

function interiorOf(frame: Rect): Rect {
  return {
    x: frame.x + 1,
    y: frame.y + 1,
    width: Math.max(0, frame.width - 2),
    height: Math.max(0, frame.height - 2),
  };
}

export function isShowable(frame: Rect): boolean {
  return frame.width - 2 >= MIN_INTERIOR_WIDTH && frame.height - 2 >= MIN_INTERIOR_HEIGHT;
}

export function paneFrame(index: number, frame: Rect, shown = true, glance = false): PaneFrame {
  return { index, frame, interior: interiorOf(frame), visible: shown && isShowable(frame), glance };
}
