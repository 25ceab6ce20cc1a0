/**
 * What the cockpit switches on when it takes the terminal and off when it gives it back.
 * `leaveSequence` turns off everything `enterSequence` might have turned on, whatever the
 * options were, so a crash path can call it without knowing them.
 */
export interface TerminalModeOptions {
  /** report clicks, drags and the wheel (SGR encoding) */
  mouse?: boolean;
  /** receive pastes wrapped in 200~/201~ so they reach the focused pane as one paste */
  bracketedPaste?: boolean;
}

const ALT_SCREEN_ON = '\x1b[?1049h';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const CURSOR_HIDE = '\x1b[?25l';
const CURSOR_SHOW = '\x1b[?25h';
const SGR_RESET = '\x1b[0m';
const CLEAR = '\x1b[H\x1b[2J';
// button events + drag + SGR coordinates (no 1003: motion without buttons is noise here)
const MOUSE_ON = '\x1b[?1000h\x1b[?1002h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1006l\x1b[?1003l\x1b[?1002l\x1b[?1000l';
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';
const SYNC_OFF = '\x1b[?2026l';

export function enterSequence(options: TerminalModeOptions = {}): string {
  return (
    ALT_SCREEN_ON +
    SGR_RESET +
    CLEAR +
    CURSOR_HIDE +
    (options.mouse ? MOUSE_ON : '') +
    (options.bracketedPaste ? PASTE_ON : '')
  );
}

export function leaveSequence(): string {
  // end a synchronized block a crash may have left open, or the terminal stays frozen
  return SYNC_OFF + MOUSE_OFF + PASTE_OFF + SGR_RESET + CURSOR_SHOW + ALT_SCREEN_OFF;
}
