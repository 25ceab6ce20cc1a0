/**
 * The pilot view's two panels on screen: the timeline and the prompt bar, each rendered by ink
 * off-screen into a compositor layer of its own, only when what it shows changed — typing in
 * the bar renders the bar alone, never the chrome or the panes. Also their geometry: where the
 * bar's cursor is, what a click hits.
 */
import { renderToString } from 'ink';
import { createElement } from 'react';
import PromptBar from '../components/PromptBar.js';
import TimelinePanel from '../components/TimelinePanel.js';
import type { Compositor, CursorPlacement, Rect } from '../compositor/index.js';
import { parseAnsiFrame } from '../grid/index.js';
import type { Binding } from '../../keymap/index.js';
import { promptHints, timelineHints } from './pilot-hints.js';
import { statusLines, type PilotViewState } from './pilot-state.js';
import { barView, type BarView } from './prompt-bar-view.js';
import { scrollTop, timelineLines } from './timeline-view.js';

/** Where the timeline and the prompt bar are, from the layout. */
export interface PilotRects {
  timeline: Rect;
  prompt: Rect;
}

export interface PanelsHost {
  readonly compositor: Compositor;
  readonly bindings: readonly Binding[];
  queueFrame(): void;
  now(): number;
}

/** What a click at a cell hit. */
export type PanelHit = { part: 'prompt' } | { part: 'timeline'; label: string | null } | null;

const TIMELINE_LAYER = 'pilot-timeline';
const PROMPT_LAYER = 'pilot-prompt';
const NOWHERE: Rect = { x: 0, y: 0, width: 0, height: 0 };

function inside(r: Rect, x: number, y: number): boolean {
  return x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height;
}

export class PilotPanels {
  private rects: PilotRects | null = null;
  /** what each layer was last drawn from: a render that would come out the same is skipped */
  private timelineKey = '';
  private barKey = '';

  constructor(private readonly host: PanelsHost) {}

  /** The layout placed the panels; null (or no state) takes them off the screen. */
  place(rects: PilotRects | null, state: PilotViewState | null): void {
    this.rects = rects;
    this.timelineKey = '';
    this.barKey = '';
    if (!rects || !state) {
      this.host.compositor.setOverlay(TIMELINE_LAYER, NOWHERE, null);
      this.host.compositor.setOverlay(PROMPT_LAYER, NOWHERE, null);
      this.host.queueFrame();
      return;
    }
    this.draw(state);
  }

  get shown(): boolean {
    return this.rects !== null;
  }

  draw(state: PilotViewState): void {
    this.drawTimeline(state);
    this.drawBar(state);
  }

  /** The terminal cursor in the bar (it shows where typing goes), or null when the bar is not on screen. */
  barCursor(state: PilotViewState): CursorPlacement | null {
    const rect = this.rects?.prompt;
    if (!rect) return null;
    const view = this.barView(state, rect);
    return { x: rect.x + 1 + view.cursor.x, y: rect.y + 1 + view.cursor.y, visible: true };
  }

  /** What is under a cell: the bar, a row of the timeline (its label), or neither. */
  hit(state: PilotViewState, x: number, y: number): PanelHit {
    const rects = this.rects;
    if (!rects) return null;
    if (inside(rects.prompt, x, y)) return { part: 'prompt' };
    if (!inside(rects.timeline, x, y)) return null;
    const rows = state.timeline?.rows ?? [];
    const index = this.timelineTop(state) + y - rects.timeline.y - 1;
    return { part: 'timeline', label: rows[index]?.label ?? null };
  }

  /** Rows of the tree the timeline shows (its status lines take the rest). */
  private treeRows(state: PilotViewState): number {
    const rect = this.rects?.timeline;
    return rect ? Math.max(0, rect.height - 2 - statusLines(state, this.host.now()).length) : 0;
  }

  private timelineTop(state: PilotViewState): number {
    const rows = state.timeline?.rows ?? [];
    return scrollTop(rows.length, rows.findIndex((r) => r.label === state.selected), this.treeRows(state));
  }

  drawTimeline(state: PilotViewState): void {
    const rect = this.rects?.timeline;
    if (!rect || rect.width < 4 || rect.height < 3) return;
    const focused = state.part === 'timeline';
    const tl = state.timeline;
    const props = {
      name: state.name,
      current: tl?.current ?? null,
      lines: tl ? timelineLines(tl, state.selected, rect.width - 2) : [],
      top: this.timelineTop(state),
      width: rect.width,
      height: rect.height,
      focused,
      status: statusLines(state, this.host.now()),
      hints: focused ? timelineHints(this.host.bindings) : '',
    };
    const key = JSON.stringify(props);
    if (key === this.timelineKey) return;
    this.timelineKey = key;
    this.layer(TIMELINE_LAYER, rect, renderToString(createElement(TimelinePanel, props), { columns: rect.width }));
  }

  private barView(state: PilotViewState, rect: Rect): BarView {
    // inside the border; the last column stays free for a cursor after a full row
    return barView(state.bar, rect.width - 3, rect.height - 2);
  }

  private drawBar(state: PilotViewState): void {
    const rect = this.rects?.prompt;
    if (!rect || rect.width < 6 || rect.height < 3) return;
    const focused = state.part === 'prompt';
    const props = {
      target: state.name,
      view: this.barView(state, rect),
      width: rect.width,
      height: rect.height,
      focused,
      sending: state.sending,
      hints: focused ? promptHints(this.host.bindings) : '',
    };
    const key = JSON.stringify(props);
    if (key === this.barKey) return;
    this.barKey = key;
    this.layer(PROMPT_LAYER, rect, renderToString(createElement(PromptBar, props), { columns: rect.width }));
  }

  private layer(id: string, rect: Rect, text: string): void {
    this.host.compositor.setOverlay(id, rect, parseAnsiFrame(text, rect.width, rect.height));
    this.host.queueFrame();
  }
}
