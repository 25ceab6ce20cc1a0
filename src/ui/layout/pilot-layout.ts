import { paneFrame, type LayoutArea, type PaneFrame, type Rect } from './pane-frame.js';
import { prefersMainOnTop } from './main-stack.js';
import { splitSpan } from './split-span.js';

/** Where the pilot view puts things: the piloted pane, the other panes, the timeline, the prompt bar. */
export interface PilotLayout {
  /** one per pane, in index order (as computeLayout) */
  frames: PaneFrame[];
  timeline: Rect;
  prompt: Rect;
}

/** The side column's share of a wide terminal, and its bounds in columns. */
const SIDE_SHARE = 0.36;
const SIDE_MIN = 30;
const SIDE_MAX = 72;
/** The timeline's share of the side column when other panes share it (less when there are many). */
const TIMELINE_SHARE = 0.55;
const TIMELINE_SHARE_CROWDED = 0.4;
/** The bottom strip's share of a tall terminal. */
const STRIP_SHARE = 0.35;

/** Text rows of the prompt bar for a terminal of `rows` rows (fixed, so typing never resizes a pty). */
export function promptRows(rows: number): number {
  return rows >= 30 ? 3 : rows >= 16 ? 2 : 1;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/**
 * The pilot view: pane `main` large with the prompt bar under it, the timeline beside it and
 * the other panes stacked under the timeline (wide terminals); on a tall narrow terminal the
 * main pane on top, a strip of timeline and other panes under it, the prompt bar at the bottom.
 * Every size is a share of the terminal, never of the content, so a growing timeline or a long
 * prompt never resizes an agent's pty; the other panes are glances, which resize none.
 */
export function pilotLayout(count: number, main: number, area: LayoutArea): PilotLayout {
  const barHeight = promptRows(area.rows) + 2;
  const others = [...Array(count).keys()].filter((i) => i !== main);
  const rects: Rect[] = new Array(count);
  let timeline: Rect;
  let prompt: Rect;
  if (!prefersMainOnTop(area)) {
    const side = clamp(Math.round(area.cols * SIDE_SHARE), Math.min(SIDE_MIN, area.cols >> 1), SIDE_MAX);
    const mainCols = area.cols - side;
    prompt = { x: area.x, y: area.y + area.rows - barHeight, width: mainCols, height: barHeight };
    rects[main] = { x: area.x, y: area.y, width: mainCols, height: area.rows - barHeight };
    const share = others.length >= 3 ? TIMELINE_SHARE_CROWDED : TIMELINE_SHARE;
    const timelineRows = others.length === 0 ? area.rows : Math.max(6, Math.round(area.rows * share));
    timeline = { x: area.x + mainCols, y: area.y, width: side, height: Math.min(area.rows, timelineRows) };
    splitSpan(area.y + timeline.height, area.rows - timeline.height, others.length).forEach((span, i) => {
      rects[others[i]!] = { x: area.x + mainCols, y: span.start, width: side, height: span.length };
    });
  } else {
    const strip = clamp(Math.round(area.rows * STRIP_SHARE), Math.min(6, area.rows >> 2), area.rows);
    const mainRows = Math.max(0, area.rows - barHeight - strip);
    rects[main] = { x: area.x, y: area.y, width: area.cols, height: mainRows };
    const stripY = area.y + mainRows;
    const timelineCols = others.length === 0 ? area.cols : clamp(Math.round(area.cols * 0.5), Math.min(30, area.cols), area.cols);
    timeline = { x: area.x, y: stripY, width: timelineCols, height: strip };
    splitSpan(area.x + timelineCols, area.cols - timelineCols, others.length).forEach((span, i) => {
      rects[others[i]!] = { x: span.start, y: stripY, width: span.length, height: strip };
    });
    prompt = { x: area.x, y: stripY + strip, width: area.cols, height: barHeight };
  }
  // the other panes are glances: a strip of a few rows must not shrink another agent's pty
  return { frames: rects.map((rect, i) => paneFrame(i, rect, true, i !== main)), timeline, prompt };
}
