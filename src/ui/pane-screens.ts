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
 * The cockpit's copy of each agent's screen, as the server sends it: rows go straight into
 * the compositor's pane (parsed once from the server's SGR rows); cursor and modes are kept
 * for the focused pane. Pane rows never pass through React.
 */
export class PaneScreens {
  private readonly screens = new Map<string, PaneScreen>();

  constructor(private readonly compositor: Compositor) {}

  get(name: string): PaneScreen | undefined {
    return this.screens.get(name);
  }

  /** Apply one update; the pane must have been declared to the compositor (setPane). */
  apply(update: ScreenUpdate): void {
    const screen: PaneScreen = { cols: update.cols, rows: update.rows, cursor: update.cursor, modes: update.modes ?? NO_MODES };
    this.screens.set(update.name, screen);
    this.compositor.setPaneRows(
      update.name,
      update.lines.map((line) => ({ y: line.y, cells: parseAnsiLine(line.text, update.cols) })),
    );
  }

  forget(name: string): void {
    this.screens.delete(name);
  }
}
