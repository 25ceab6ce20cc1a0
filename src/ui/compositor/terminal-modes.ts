import { TERMINAL_RESET } from '../../terminal/terminal-reset.js';

/**
 * What the cockpit switches on when it takes the terminal and off when it gives it back.
 * Both begin from TERMINAL_RESET: entering, so that modes a killed program left on (a cockpit
 * killed with -9, another TUI) do not stay on under the cockpit; leaving, so everything
 * `enterSequence` might have turned on is off, whatever the options were and whatever the
 * focused agent had mirrored (DECCKM) — a crash path can call it without knowing them.
 */
export interface TerminalModeOptions {
  /** report clicks, drags and the wheel (SGR encoding) */
  mouse?: boolean;
  /** receive pastes wrapped in 200~/201~ so they reach the focused pane as one paste */
  bracketedPaste?: boolean;
}

const ALT_SCREEN_ON = '\x1b[?1049h';
const CURSOR_HIDE = '\x1b[?25l';
const SGR_RESET = '\x1b[0m';
const CLEAR = '\x1b[H\x1b[2J';
// button events + drag + SGR coordinates (no 1003: motion without buttons is noise here)
const MOUSE_ON = '\x1b[?1000h\x1b[?1002h\x1b[?1006h';
const PASTE_ON = '\x1b[?2004h';

export function enterSequence(options: TerminalModeOptions = {}): string {
  return (
    TERMINAL_RESET +
    ALT_SCREEN_ON +
    SGR_RESET +
    CLEAR +
    CURSOR_HIDE +
    (options.mouse ? MOUSE_ON : '') +
    (options.bracketedPaste ? PASTE_ON : '')
  );
}

export function leaveSequence(): string {
  return TERMINAL_RESET;
}
