import { computeLayout } from './compute-layout.js';
import type { LayoutArea, PaneFrame, Rect } from './pane-frame.js';
import { pilotLayout } from './pilot-layout.js';

export interface ScreenLayoutInput {
  /** the layout chosen with next-layout */
  layout: 'tiled' | 'main-stack';
  zoomed: boolean;
  count: number;
  /** the focused pane's index */
  focus: number;
  /** the piloted pane's index in the pilot view, else -1 */
  piloted: number;
  area: LayoutArea;
}

export interface ScreenLayout {
  frames: PaneFrame[];
  /** the pilot view's panels, when it shows */
  pilot: { timeline: Rect; prompt: Rect } | null;
}

/** The panes' frames for the view: the pilot view's layout while piloting (unless zoomed), else the chosen one. */
export function screenLayout({ layout, zoomed, count, focus, piloted, area }: ScreenLayoutInput): ScreenLayout {
  if (piloted >= 0 && !zoomed) {
    const { frames, timeline, prompt } = pilotLayout(count, piloted, area);
    return { frames, pilot: { timeline, prompt } };
  }
  return { frames: computeLayout(zoomed ? 'zoom' : layout, count, focus, area), pilot: null };
}
