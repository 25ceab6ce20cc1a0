/**
 * DECCOLM (`CSI ? 3 h` / `CSI ? 3 l`, the 132/80-column switch) as tmux does it: clear the
 * screen, reset the scroll margins, home the cursor — and keep the size, which belongs to the
 * pane. xterm.js ignores the mode unless it may resize itself (windowOptions.setWinLines), so a
 * program that switches (vttest's menu 1, the autowrap screen) would draw over its old content.
 *
 * The work happens inside the parser's handler, between the bytes before the sequence and
 * those after it, so it must use xterm's own input handler (there is no public API to erase);
 * the handler's shape is checked once and, when it is not what this expects, DECCOLM stays
 * ignored as before.
 */
import type xtermHeadless from '@xterm/headless';
import type { Disposable } from '../base/disposable.js';

type HeadlessTerminal = InstanceType<typeof xtermHeadless.Terminal>;

/** The parameters xterm's CSI handlers read (its `IParams`). */
interface CsiParams {
  params: number[];
  length: number;
}

/** The three CSI handlers of xterm's input handler that DECCOLM is made of. */
interface ColumnModeHandlers {
  /** DECSTBM: with no parameters, the whole screen (the cursor goes home too) */
  setScrollRegion(params: CsiParams): boolean;
  /** ED */
  eraseInDisplay(params: CsiParams): boolean;
  /** CUP */
  cursorPosition(params: CsiParams): boolean;
}

const DECCOLM = 3;
const none: CsiParams = { params: [], length: 0 };

function columnModeHandlers(terminal: HeadlessTerminal): ColumnModeHandlers | null {
  const ih = (terminal as unknown as { _core?: { _inputHandler?: Partial<ColumnModeHandlers> } })._core?._inputHandler;
  if (!ih || typeof ih.setScrollRegion !== 'function' || typeof ih.eraseInDisplay !== 'function' || typeof ih.cursorPosition !== 'function') return null;
  return ih as ColumnModeHandlers;
}

/** Clear + reset margins + home on DECCOLM set and reset; the sequence's other modes go on to xterm. */
export function handleColumnMode(terminal: HeadlessTerminal): Disposable {
  const handlers = columnModeHandlers(terminal);
  if (!handlers) return { dispose: () => {} };
  const deccolm = (params: (number | number[])[]): boolean => {
    if (params.includes(DECCOLM)) {
      handlers.setScrollRegion(none);
      handlers.eraseInDisplay({ params: [2], length: 1 });
      handlers.cursorPosition(none);
    }
    return false; // xterm handles the sequence too: the other modes in it, and its own no-op for 3
  };
  const set = terminal.parser.registerCsiHandler({ prefix: '?', final: 'h' }, deccolm);
  const reset = terminal.parser.registerCsiHandler({ prefix: '?', final: 'l' }, deccolm);
  return {
    dispose: () => {
      set.dispose();
      reset.dispose();
    },
  };
}
