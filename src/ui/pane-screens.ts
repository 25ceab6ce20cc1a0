import type { ScreenModes, ScreenUpdate } from '../protocol/messages.js';
import type { Compositor } from './compositor/index.js';
import { parseAnsiLine } from './grid/index.js';

export interface PaneScreen {
  cols: number;
  rows: number;
  cursor: { x: number; y: number; visible: boolean };
  modes: ScreenModes;
}

const NO_MODES: ScreenModes = { applicationCursor: false, bracketedPaste: false, mouse: 'none', sendFocus: false };

/**
 * The cockpit's copy of each agent's screen, as the server sends it: rows go into the
 * compositor's pane (parsed once from the server's SGR rows); cursor and modes are kept for
 * the focused pane. Pane rows never pass through React.
 *
 * Rows of the panes the user is not typing in can be held back (`defer`) until the next
 * paced frame (frame-pacer.ts): only the latest text of each row is kept, and parsed when it
 * is applied, so a flooding pane costs one parse per row per frame, and a keystroke's echo
 * is never drawn in the same frame as a screenful of another pane's output.
 */
export class PaneScreens {
  private readonly screens = new Map<string, PaneScreen>();
  /** held-back rows: pane → row → its latest text (and the width it was sent at) */
  private readonly held = new Map<string, Map<number, { cols: number; text: string }>>();

  constructor(private readonly compositor: Compositor) {}

  get(name: string): PaneScreen | undefined {
    return this.screens.get(name);
  }

  /** Apply one update (its rows now, or held back with `defer`); the pane must have been declared to the compositor (setPane). */
  apply(update: ScreenUpdate, defer = false): void {
    const screen: PaneScreen = { cols: update.cols, rows: update.rows, cursor: update.cursor, modes: update.modes ?? NO_MODES };
    this.screens.set(update.name, screen);
    if (defer) {
      let rows = this.held.get(update.name);
      if (!rows) this.held.set(update.name, (rows = new Map()));
      for (const line of update.lines) rows.set(line.y, { cols: update.cols, text: line.text });
      return;
    }
    this.applyHeld(update.name); // older rows first: this update's win
    this.compositor.setPaneRows(
      update.name,
      update.lines.map((line) => ({ y: line.y, cells: parseAnsiLine(line.text, update.cols) })),
    );
  }

  /** Put the held-back rows into the compositor: every pane's, or only `name`'s. */
  applyHeld(name?: string): void {
    for (const [pane, rows] of this.held) {
      if (name !== undefined && pane !== name) continue;
      this.held.delete(pane);
      this.compositor.setPaneRows(
        pane,
        [...rows].map(([y, row]) => ({ y, cells: parseAnsiLine(row.text, row.cols) })),
      );
    }
  }

  forget(name: string): void {
    this.screens.delete(name);
    this.held.delete(name);
  }
}
