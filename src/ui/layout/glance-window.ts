/**
 * Which rows of an agent's screen a glance shows (pane-frame.ts: a pane that does not size
 * its pty, so its screen is usually taller than the pane): the bottom rows — where a TUI keeps
 * its status line, input box and footer, and where a busy shell's latest output is — moved up
 * to the cursor when the cursor is above them (a shell that has not filled its screen yet).
 * Returns the first screen row shown. Pure.
 */
export function glanceTop(screenRows: number, height: number, cursorY: number): number {
  const bottom = Math.max(0, screenRows - height);
  if (cursorY >= bottom) return bottom;
  return Math.max(0, cursorY + 1 - height);
}
