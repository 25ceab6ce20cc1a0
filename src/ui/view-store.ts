import { createStore } from 'zustand/vanilla';
import type { FleetLayout } from '../protocol/fleet-view.js';
import type { SessionInfo, SessionStatus } from '../protocol/messages.js';
import type { AttentionReason } from './attention.js';
import type { HistoryState } from './history-view.js';
import type { NewAgentForm } from './new-agent-form.js';
import type { PilotViewState } from './pilot/pilot-state.js';

/** The layout chosen with next-layout (the server keeps it with the rest of the view: protocol/fleet-view.ts). */
export type LayoutKind = FleetLayout;

/**
 * What a confirmation runs on yes: the command it asks about, with what that acts on, fixed
 * when it was asked (the question names them).
 */
export type ConfirmedCommand =
  | { command: 'quit' }
  | { command: 'stop'; name: string }
  /** the pilot view's questions: go to a checkpoint, branch from one */
  | { command: 'timeline-goto'; name: string; label: string }
  | { command: 'timeline-branch'; name: string; label: string };

/** The handlers of confirmed commands, one per command a confirmation may carry. */
export type Confirmations<C extends ConfirmedCommand['command'] = ConfirmedCommand['command']> = {
  readonly [K in C]: (confirmed: Extract<ConfirmedCommand, { command: K }>) => Promise<void>;
};

/** What sits above the panes, if anything. */
export type OverlayState =
  | { kind: 'help'; offset: number }
  | { kind: 'status'; selected: number }
  | { kind: 'events' }
  | { kind: 'palette'; input: string; selected: number }
  | { kind: 'new-agent'; form: NewAgentForm }
  /** a question; yes runs the command it carries (tmux's confirm-before) */
  | { kind: 'confirm'; question: string; confirms: ConfirmedCommand }
  /** a checkpoint's diff against its parent, scrolled to `offset` */
  | { kind: 'diff'; title: string; lines: string[]; offset: number }
  /** what a palette verb printed, whole (`offset`: the first row drawn, long lines wrapped); `failed`: it exited non-zero */
  | { kind: 'output'; title: string; lines: string[]; offset: number; failed: boolean };

/**
 * The cockpit's view state — what is focused, which layout, which overlay — and a copy of
 * what the server last said about each member. It holds no truth: the server owns the fleet.
 */
export interface ViewState {
  members: SessionInfo[];
  focus: string | null;
  layout: LayoutKind;
  zoomed: boolean;
  overlay: OverlayState | null;
  /** members that finished a turn or asked a question while not focused */
  attention: ReadonlySet<string>;
  /** the event log, newest last, bounded */
  events: string[];
  /** a short notice in the bottom bar (an error, the result of a palette command) */
  message: string | undefined;
  /** the prefix was pressed: the next key is a command (the bottom bar says so) */
  prefixActive: boolean;
  /** history mode over one pane, or null */
  history: HistoryState | null;
  /** the pilot view of one agent, or null */
  pilot: PilotViewState | null;
}

export const MAX_EVENTS = 500;

export function createViewStore() {
  return createStore<ViewState>()(() => ({
    members: [],
    focus: null,
    layout: 'tiled',
    zoomed: false,
    overlay: null,
    attention: new Set(),
    events: [],
    message: undefined,
    prefixActive: false,
    history: null,
    pilot: null,
  }));
}

export type ViewStore = ReturnType<typeof createViewStore>;

/** A new member list from the server: keep focus where it was, else on the first member. */
export function withMembers(state: ViewState, members: SessionInfo[]): Partial<ViewState> {
  const focus = state.focus && members.some((m) => m.name === state.focus) ? state.focus : (members[0]?.name ?? null);
  return { members, focus };
}

/**
 * A status change. A member that calls for a person (`reason`, from attention.ts: a finished
 * turn, a question) while it is not focused gets the attention marker; focusing it clears it.
 */
export function withStatus(state: ViewState, name: string, status: SessionStatus, reason: AttentionReason | null): Partial<ViewState> {
  const members = state.members.map((m) => (m.name === name ? { ...m, status } : m));
  if (reason === null || name === state.focus || state.attention.has(name)) return { members };
  return { members, attention: new Set([...state.attention, name]) };
}

export function withFocus(state: ViewState, name: string): Partial<ViewState> {
  if (!state.attention.has(name)) return { focus: name };
  const attention = new Set(state.attention);
  attention.delete(name);
  return { focus: name, attention };
}

/** Lines of history from before this cockpit attached, put before the ones it saw itself. */
export function withEarlierEvents(state: ViewState, lines: string[]): Partial<ViewState> {
  return { events: [...lines, ...state.events].slice(-MAX_EVENTS) };
}

export function withEvent(state: ViewState, line: string): Partial<ViewState> {
  const events = state.events.length >= MAX_EVENTS ? [...state.events.slice(1 - MAX_EVENTS), line] : [...state.events, line];
  return { events };
}
