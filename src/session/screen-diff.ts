/**
 * Row diffs between two screen frames: a client that has `previous` needs only the rows whose
 * text (with SGR) changed. A size change makes every row new, so the frame goes out full.
 */
import type { ScreenRow, ScreenUpdate } from '../protocol/messages.js';

export function diffScreens(previous: ScreenUpdate, next: ScreenUpdate): ScreenUpdate {
  if (previous.cols !== next.cols || previous.rows !== next.rows) return { ...next, full: true };
  const before = new Map<number, string>(previous.lines.map((row) => [row.y, row.text]));
  const lines: ScreenRow[] = next.lines.filter((row) => before.get(row.y) !== row.text);
  return { ...next, full: false, lines };
}
