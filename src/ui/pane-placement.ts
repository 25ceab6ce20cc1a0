import type { Rect } from './compositor/index.js';
import { glanceTop, type PaneFrame } from './layout/index.js';
import type { PaneScreen } from './pane-screens.js';

/** How one pane's screen goes into the compositor, and what it asks of its pty. */
export interface PanePlacement {
  /** where the screen shows (empty when hidden) */
  rect: Rect;
  /** the size of the screen as the compositor holds it */
  cols: number;
  rows: number;
  /** the first row of the screen shown at the rect's top */
  top: number;
  /** the size this cockpit asks for the pty; null: it leaves the pty the size it has */
  pty: { cols: number; rows: number } | null;
}

const NOWHERE: Rect = { x: 0, y: 0, width: 0, height: 0 };

/**
 * Where a pane's screen goes, decided from its frame and the screen the server last sent (none
 * yet: undefined). A pane shown whole sizes its pty to its interior. One that is hidden (zoomed
 * away, too small) keeps its cells and shows nothing; a glance (the pilot view's other panes)
 * shows the screen's bottom rows (layout/glance-window.ts) — both at the screen's own size, and
 * both leave the pty the size the last layout gave it, as tmux keeps a hidden window's. Pure.
 */
export function panePlacement(frame: PaneFrame, screen: Pick<PaneScreen, 'cols' | 'rows' | 'cursor'> | undefined): PanePlacement {
  const { interior } = frame;
  if (!frame.visible) return { rect: NOWHERE, cols: screen?.cols ?? 1, rows: screen?.rows ?? 1, top: 0, pty: null };
  if (!frame.glance) return { rect: interior, cols: interior.width, rows: interior.height, top: 0, pty: { cols: interior.width, rows: interior.height } };
  if (!screen) return { rect: interior, cols: interior.width, rows: interior.height, top: 0, pty: null };
  return { rect: interior, cols: screen.cols, rows: screen.rows, top: glanceTop(screen.rows, interior.height, screen.cursor.y), pty: null };
}
