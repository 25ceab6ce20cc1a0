import type { Frame } from './render.js';

/** Alternate screen, bracketed paste on. */
export const ENTER_SCREEN = '\x1b[?1049h\x1b[?2004h';
/** Bracketed paste off, cursor visible, back to the normal screen. */
export const LEAVE_SCREEN = '\x1b[?2004l\x1b[?25h\x1b[?1049l';

/**
 * The bytes that paint a whole frame, inside one synchronized-output block (DEC 2026)
 * so the terminal never shows half a redraw. `clearFirst` wipes the screen before painting:
 * needed after a resize, when the terminal may have kept or reflowed cells of the old size.
 */
export function frameToAnsi(frame: Frame, columns: number, clearFirst = false): string {
  let out = '\x1b[?2026h\x1b[?25l';
  if (clearFirst) out += '\x1b[2J';
  frame.lines.forEach((line, row) => {
    out += `\x1b[${row + 1};1H${line}`;
    // Erasing after a full-width line would, on some terminals, erase its last cell (pending wrap).
    if (Array.from(line).length < columns) out += '\x1b[K';
  });
  out += `\x1b[${frame.cursor.row + 1};${frame.cursor.col + 1}H\x1b[?25h\x1b[?2026l`;
  return out;
}
