import type { SessionInfo } from '../protocol/messages.js';
import { costText } from '../text/status-text.js';
import type { Rect } from './compositor/rect.js';
import type { Binding } from '../keymap/index.js';
import type { PaneFrame } from './layout/index.js';
import { keyOf, pilotBarHints } from './pilot/pilot-hints.js';
import type { ViewState } from './view-store.js';

export interface ChromePane {
  info: SessionInfo;
  /** 1-based place in the fleet's order: the digit that focuses it after the prefix (zoomed too) */
  position: number;
  /** the pane's border box; its interior is left blank for the compositor to fill */
  frame: Rect;
  focused: boolean;
  attention: boolean;
  phase?: string;
}

/** The whole chrome: every shown pane's border and title, and the bottom bar. */
export interface ChromeProps {
  cols: number;
  rows: number;
  panes: ChromePane[];
  /** left part of the bottom bar: key hints */
  hints: string;
  /** right part of the bottom bar: fleet summary or a message */
  summary: string;
  /** a notice that replaces the summary for a while (an error, "detached") */
  message?: string;
}

export interface ChromeInput {
  view: ViewState;
  /** the members shown as panes, by pane index */
  panes: SessionInfo[];
  frames: PaneFrame[];
  cols: number;
  rows: number;
  prefix: string;
  /** the bindings in effect ([ui.keys]): the hints name their keys */
  bindings: readonly Binding[];
  /** the prefix was pressed: the bar says a command key comes next */
  prefixActive: boolean;
  /** the pilot view is open; whether the agent's pane has the keys (not the bar or the timeline) */
  pilot: { paneHasKeys: boolean } | null;
}

/** What the chrome shows: each visible pane's border and title, the bottom bar's hints and summary. */
export function chromeProps({ view, panes, frames, cols, rows, prefix: p, bindings, prefixActive, pilot }: ChromeInput): ChromeProps {
  const current = new Map(view.members.map((m) => [m.name, m]));
  const infoOf = (index: number) => current.get(panes[index]!.name) ?? panes[index]!;
  const shown: ChromePane[] = frames
    .filter((f) => f.visible)
    .map((f) => {
      const info = infoOf(f.index);
      // in the pilot view the focused pane's border is lit only while the pane has the keys
      const focused = info.name === view.focus && (pilot?.paneHasKeys ?? true);
      return { info, position: f.index + 1, frame: f.frame, focused, attention: view.attention.has(info.name) };
    });
  const counts = new Map<string, number>();
  for (const f of frames) counts.set(infoOf(f.index).status, (counts.get(infoOf(f.index).status) ?? 0) + 1);
  // the fleet's cost so far: every agent whose cost is known, shown or not
  const costed = view.members.filter((m) => m.cost_usd !== undefined);
  const total = costed.length > 0 ? costText(costed.reduce((sum, m) => sum + m.cost_usd!, 0)) : null;
  const summary = [...[...counts].map(([s, n]) => `${n} ${s}`), ...(total ? [total] : [])].join(' · ');
  const k = (command: string) => keyOf(bindings, 'prefix', command);
  const hints = prefixActive
    ? `${p} … (${k('help')} lists the keys)`
    : pilot
      ? pilotBarHints(bindings, p)
      : `${p} ${k('help')} help · ${p} ${k('detach')} detach · ${p} ${k('status')} status · ${p} ${k('zoom')} zoom · ${p} ${k('pilot')} pilot · ${p} ${k('quit')} quit`;
  return { cols, rows, panes: shown, hints, summary, message: view.message };
}
