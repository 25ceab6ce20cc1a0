import { Attr, CellRow, Grid } from './grid/index.js';

/**
 * History mode over one pane (prefix `[`; prefix `t` over the agent's transcript instead of its
 * screen): a cursor line moving through scrollback + screen,
 * a view that follows it, an optional selection from a mark to the cursor, a search line.
 * Pure; the cockpit fetches rows from the server and draws the grid this returns.
 */
export interface HistoryState {
  name: string;
  /** rows in the agent's buffer (scrollback + screen) */
  total: number;
  /** first buffer row shown */
  top: number;
  /** the cursor's buffer row */
  cursor: number;
  /** where the selection started (`v`), or null */
  mark: number | null;
  /** the search being typed after `/`, or null when not typing */
  typing: string | null;
  /** the last search, for n / N */
  query: string | null;
  /** a short notice on the status line (no match, copied) */
  note?: string;
  /** what the rows are: the pane's scrollback and screen (absent), or the agent's transcript */
  of?: 'transcript';
}

/** The view shows `height - 1` buffer rows; the last row is the status line. */
export function viewRows(height: number): number {
  return Math.max(1, height - 1);
}

/** Enter history on the screen as it is: the view shows the screen, the cursor on its last row. */
export function openHistory(name: string, total: number, screenTop: number, height: number): HistoryState {
  const rows = viewRows(height);
  const top = Math.max(0, Math.min(screenTop, total - rows));
  return { name, total, top, cursor: Math.max(0, Math.min(total - 1, top + rows - 1)), mark: null, typing: null, query: null };
}

/** Move the cursor (clamped) and scroll the view just enough to keep it visible. */
export function moveCursor(state: HistoryState, cursor: number, height: number): HistoryState {
  const rows = viewRows(height);
  const c = Math.max(0, Math.min(state.total - 1, cursor));
  let top = state.top;
  if (c < top) top = c;
  if (c >= top + rows) top = c - rows + 1;
  top = Math.max(0, Math.min(top, Math.max(0, state.total - rows)));
  return { ...state, cursor: c, top, note: undefined };
}

/** The selected rows, inclusive, in order; null without a mark. */
export function selection(state: HistoryState): [number, number] | null {
  if (state.mark === null) return null;
  return [Math.min(state.mark, state.cursor), Math.max(state.mark, state.cursor)];
}

/** The status line's text. */
export function historyStatus(state: HistoryState): string {
  if (state.typing !== null) return `search: ${state.typing}▏  Enter find · Esc cancel`;
  const where = `[${state.of ?? 'history'} ${state.cursor + 1}/${state.total}]`;
  const sel = state.mark !== null ? ` · ${Math.abs(state.cursor - state.mark) + 1} lines selected: y copies` : '';
  const note = state.note ? ` · ${state.note}` : '';
  return `${where}${sel}${note} · k/j PgUp/PgDn g/G · / n N search · v select · y copy · q exit`;
}

/**
 * The history view as a grid of `width` × `height`: buffer rows (from `rows`, by absolute row;
 * a row not fetched yet is blank), the selection or the cursor row in inverse, the status line.
 */
export function historyGrid(state: HistoryState, rows: ReadonlyMap<number, CellRow>, width: number, height: number): Grid {
  const grid = Grid.blank(width, height);
  const shown = viewRows(height);
  const range = selection(state) ?? [state.cursor, state.cursor];
  for (let y = 0; y < Math.min(shown, height); y++) {
    const abs = state.top + y;
    const row = rows.get(abs);
    const target = grid.row(y);
    if (row) target.copyFrom(row, 0, 0, Math.min(width, row.cols));
    if (abs >= range[0] && abs <= range[1] && abs < state.total) {
      for (let x = 0; x < width; x++) target.attrs[x] = target.attrs[x]! ^ Attr.inverse;
    }
  }
  if (height > 1) {
    const status = new CellRow(width);
    const text = historyStatus(state);
    for (let x = 0; x < width; x++) status.put(x, text[x] ?? ' ', 1, 0, 0, Attr.inverse);
    grid.setRow(height - 1, status);
  }
  return grid;
}

/** OSC 52: put `text` on the system clipboard through the terminal (works over ssh too). */
export function osc52Copy(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}
