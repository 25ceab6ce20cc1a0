/**
 * Where a typed message sits on the screen before it is submitted, and whether it is still
 * there. Only the input area counts — the cursor row and the rows just above it that the
 * message would occupy — never the whole screen: a TUI echoes the prompt into its conversation
 * above the input box, and that copy must not read as "still waiting to be submitted".
 * Text is compared with all whitespace removed, so wrapping and box padding do not matter.
 */
import type { CursorState } from './screen.js';

/** Snippets longer than this add nothing but the risk of straddling a box border. */
const SNIPPET_CHARS = 24;
/** Rows a hidden-cursor TUI draws between its input row and the end of its content (footer). */
const HIDDEN_CURSOR_FOOTER_ROWS = 3;
/** A long message's head scrolls inside the box; its tail is what stays near the cursor. */
const MAX_SPAN_ROWS = 8;

function withoutWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The tail of the message's last non-empty line, whitespace removed ('' for a blank message). */
export function messageSnippet(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const last = withoutWhitespace(lines[lines.length - 1] ?? '');
  return last.slice(-SNIPPET_CHARS);
}

/** How many screen rows the message would occupy at this width. */
export function messageRowSpan(text: string, cols: number): number {
  const width = Math.max(1, cols);
  const rows = text
    .split(/\r?\n/)
    .reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / width)), 0);
  return Math.min(MAX_SPAN_ROWS, Math.max(1, rows));
}

function lastNonEmptyRow(rows: readonly string[]): number {
  for (let y = rows.length - 1; y >= 0; y--) if (rows[y]!.trim() !== '') return y;
  return 0;
}

/** The rows [first, last] that make up the input area for a message of `span` rows. */
export function inputAreaRows(
  rows: readonly string[],
  cursor: CursorState,
  span: number,
): { first: number; last: number } {
  if (!cursor.visible) {
    // A TUI that hides the terminal cursor draws its own; anchor on the end of its content.
    const last = lastNonEmptyRow(rows);
    return { first: Math.max(0, last - (span - 1) - HIDDEN_CURSOR_FOOTER_ROWS), last };
  }
  const y = Math.min(Math.max(0, cursor.y), rows.length - 1);
  const beforeCursor = (rows[y] ?? '').slice(0, cursor.x);
  // Nothing typed before the cursor on its row: the input is empty, rows above are history.
  if (withoutWhitespace(beforeCursor) === '') return { first: y, last: y };
  return { first: Math.max(0, y - (span - 1)), last: y };
}

/** Whether the message's snippet is still in the input area. */
export function messageInInput(
  rows: readonly string[],
  cursor: CursorState,
  snippet: string,
  span: number,
): boolean {
  if (snippet === '') return false;
  const { first, last } = inputAreaRows(rows, cursor, span);
  const area = rows.slice(first, last + 1);
  return withoutWhitespace(area.join('')).includes(snippet);
}
