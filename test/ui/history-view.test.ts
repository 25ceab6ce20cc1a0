import { describe, expect, it } from 'vitest';
import { Attr, parseAnsiLine } from '../../src/ui/grid/index.js';
import { historyGrid, historyStatus, moveCursor, openHistory, osc52Copy, selection, viewRows } from '../../src/ui/history-view.js';

describe('history view', () => {
  it('opens on the screen as it is, the cursor on its last row', () => {
    // 100 rows in the buffer, the screen starts at row 90, the view is 6 rows + a status line
    const s = openHistory('a', 100, 90, 7);
    expect(viewRows(7)).toBe(6);
    expect(s).toMatchObject({ top: 90, cursor: 95, mark: null, typing: null });
  });

  it('moves the cursor within the buffer and scrolls just enough to keep it in view', () => {
    const s = openHistory('a', 100, 90, 7);
    expect(moveCursor(s, 92, 7)).toMatchObject({ cursor: 92, top: 90 });
    expect(moveCursor(s, 80, 7)).toMatchObject({ cursor: 80, top: 80 });
    expect(moveCursor(s, -5, 7)).toMatchObject({ cursor: 0, top: 0 });
    expect(moveCursor(s, 500, 7)).toMatchObject({ cursor: 99, top: 94 });
  });

  it('selects from the mark to the cursor, in order', () => {
    const s = { ...moveCursor(openHistory('a', 100, 90, 7), 93, 7), mark: 95 };
    expect(selection(s)).toEqual([93, 95]);
    expect(selection({ ...s, mark: null })).toBeNull();
    expect(historyStatus(s)).toContain('3 lines selected');
  });

  it('draws the rows in view, the selection in inverse, and the status line last', () => {
    const rows = new Map([...Array(10).keys()].map((y) => [y, parseAnsiLine(`line ${y}`, 12)]));
    const s = { ...moveCursor(openHistory('a', 10, 6, 5), 7, 5), mark: 6 };
    const grid = historyGrid(s, rows, 12, 5);
    expect([0, 1, 2, 3].map((y) => grid.row(y).text().trimEnd())).toEqual(['line 6', 'line 7', 'line 8', 'line 9']);
    expect(grid.row(0).attrs[0]! & Attr.inverse).toBeTruthy();
    expect(grid.row(1).attrs[0]! & Attr.inverse).toBeTruthy();
    expect(grid.row(2).attrs[0]! & Attr.inverse).toBeFalsy();
    expect(grid.row(4).text()).toBe("[history 8/1"); // the status line, cut at the pane width
    expect(grid.row(4).attrs[0]! & Attr.inverse).toBeTruthy();
  });

  it('copies through OSC 52 as base64', () => {
    expect(osc52Copy('héllo\nx')).toBe(`\x1b]52;c;${Buffer.from('héllo\nx').toString('base64')}\x07`);
  });
});
