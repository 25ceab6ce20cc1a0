/**
 * The chrome as one grid for the compositor's base layer, drawn a piece at a time: each shown
 * pane's border and title, and the bottom bar. ink lays out and renders every piece; a piece
 * is rendered again only when what it shows changed. One ink render builds a styled cell
 * object for every cell of its area and re-tokenizes them all, so rendering the whole screen
 * for one pane's badge costs the whole screen (~10 ms and a screenful of garbage at 200×50);
 * now a badge change costs that pane's border.
 */
import { renderToString } from 'ink';
import { createElement, type ReactElement } from 'react';
import type { ChromePane, ChromeProps } from './chrome-props.js';
import PaneChrome from './components/PaneChrome.js';
import StatusBar from './components/StatusBar.js';
import { placeLayer } from './compositor/compose-row.js';
import type { Rect } from './compositor/rect.js';
import { Grid, parseAnsiFrame } from './grid/index.js';

/** Render an element off-screen at `width` columns into ANSI text (ink's renderToString). */
export type RenderText = (element: ReactElement, width: number) => string;

const inkRender: RenderText = (element, width) => renderToString(element, { columns: width });

interface Piece {
  key: string;
  grid: Grid;
}

export class ChromeCanvas {
  private readonly pieces = new Map<string, Piece>();

  constructor(private readonly render: RenderText = inkRender) {}

  /** The whole chrome: the pieces at their places, blank elsewhere (the panes' interiors). */
  draw(props: ChromeProps): Grid {
    const { cols, rows } = props;
    const grid = Grid.blank(cols, rows);
    const wanted = new Set<string>();
    const place = (id: string, rect: Rect, key: string, element: () => ReactElement) => {
      wanted.add(id);
      const piece = this.piece(id, rect, key, element);
      for (let y = Math.max(0, rect.y); y < Math.min(rows, rect.y + rect.height); y++) placeLayer(grid.row(y), y, rect, piece);
    };
    for (const pane of props.panes) {
      place(`pane:${pane.info.name}`, pane.frame, paneKey(pane), () => createElement(PaneChrome, { pane }));
    }
    const bar = { x: 0, y: rows - 1, width: cols, height: 1 };
    const barProps = { hints: props.hints, summary: props.message ?? props.summary, warn: props.message !== undefined, width: cols };
    place('bar', bar, JSON.stringify(barProps), () => createElement(StatusBar, barProps));
    for (const id of this.pieces.keys()) if (!wanted.has(id)) this.pieces.delete(id);
    return grid;
  }

  private piece(id: string, rect: Rect, key: string, element: () => ReactElement): Grid {
    const fullKey = `${rect.width}x${rect.height} ${key}`;
    const cached = this.pieces.get(id);
    if (cached?.key === fullKey) return cached.grid;
    const grid = parseAnsiFrame(this.render(element(), rect.width), rect.width, rect.height);
    this.pieces.set(id, { key: fullKey, grid });
    return grid;
  }
}

/** What a pane's border shows; its place on screen does not change how it looks. */
function paneKey(pane: ChromePane): string {
  return JSON.stringify([pane.position, pane.info, pane.focused, pane.attention, pane.phase ?? null]);
}
