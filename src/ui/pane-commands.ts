/**
 * The panes layer's commands (after the prefix): focus, zoom, layouts, detach, restart, and
 * the pilot view's key. What they change is the view; the cockpit lays it out again.
 */
import { ignore, type CommandHandlers } from './command-table.js';
import { focusNeighbor, type PaneFrame } from './layout/index.js';
import type { SessionInfo } from '../protocol/messages.js';
import type { ViewStore } from './view-store.js';

export type PaneCommand =
  | 'focus-left'
  | 'focus-right'
  | 'focus-up'
  | 'focus-down'
  | 'focus-index'
  | 'zoom'
  | 'next-layout'
  | 'detach'
  | 'restart'
  | 'pilot'
  | 'send-prefix';

export interface PaneHost {
  readonly store: ViewStore;
  /** the members shown as panes, by pane index, and their frames */
  panes(): readonly SessionInfo[];
  frames(): readonly PaneFrame[];
  focus(name: string): void;
  relayout(): void;
  detach(): void;
  /** run a CLI verb line, as the palette does */
  runVerb(line: string): Promise<void>;
  /** the pilot view of the focused agent, or leave it (history and overlays close first) */
  togglePilot(): Promise<void>;
  /** the pilot view is a layout of its own: another layout leaves it */
  leavePilot(): void;
}

const DIRECTIONS = { 'focus-left': 'left', 'focus-right': 'right', 'focus-up': 'up', 'focus-down': 'down' } as const;

export function paneCommands(host: PaneHost): CommandHandlers<PaneCommand> {
  const neighbour = (direction: keyof typeof DIRECTIONS) => () => {
    const panes = host.panes();
    const from = panes.findIndex((m) => m.name === host.store.getState().focus);
    const next = panes[focusNeighbor(host.frames(), from, DIRECTIONS[direction])];
    if (next) host.focus(next.name);
  };
  return {
    'focus-left': neighbour('focus-left'),
    'focus-right': neighbour('focus-right'),
    'focus-up': neighbour('focus-up'),
    'focus-down': neighbour('focus-down'),
    'focus-index': (position) => {
      const pane = position === undefined ? undefined : host.panes()[position - 1];
      if (pane) host.focus(pane.name);
    },
    zoom: () => {
      host.store.setState((s) => ({ zoomed: !s.zoomed }));
      host.relayout();
    },
    'next-layout': () => {
      host.leavePilot();
      host.store.setState((s) => ({ layout: s.layout === 'tiled' ? 'main-stack' : 'tiled', zoomed: false }));
      host.relayout();
    },
    detach: () => host.detach(),
    restart: () => {
      const { focus } = host.store.getState();
      if (focus) void host.runVerb(`restart ${focus}`); // typing goes on meanwhile
    },
    pilot: () => host.togglePilot(),
    // the router sends the prefix itself: it knows its bytes
    'send-prefix': ignore,
  };
}
