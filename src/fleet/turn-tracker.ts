/**
 * What "a turn" is, defined once for everyone who waits for one: the pilot (its checkpoints)
 * and `hangar send --wait` (turn.ts) follow the same machine with the same settings.
 *
 * When a turn starts and ends, decided from what the pilot sends and the statuses the session
 * shows. Pure: inputs carry their own time; the caller schedules a `tick` at `turnDeadline`.
 *
 * - A turn starts when a prompt is sent (`prompt-sent`: the prompt bar, `hangar send`, a wake
 *   or nudge), or when text the user typed into the pane and submitted (`user-submitted`) is
 *   followed within submitGraceMs by the status changing to working. A submission that no work
 *   follows (a menu answer, a slash command that printed at once) starts nothing; blank ones
 *   are ignored. Work that no prompt or submission explains starts nothing either: its file
 *   changes are part of the next checkpoint (goto saves the present first, so nothing is lost).
 * - A turn ends when the agent has been idle, asking (needs-input) or limited for quietMs, the
 *   status having changed since the prompt; at once when it exits, is stopped or crashes.
 *   `endedAt` is when that status began. A prompt the agent never visibly reacts to (it
 *   answered between two status readings, or the prompt did not take) ends its turn after
 *   startGraceMs of idleness; such a turn ends where it started.
 * - A second prompt or submission while a turn runs is part of that turn: its text is added
 *   to the turn's prompts (agents queue what arrives mid-turn and answer it in the same run of
 *   work). `prompt` is the prompts joined by a blank line, which is what replay re-sends. But
 *   once the agent has gone idle after reacting, a new prompt or submission ends that turn at
 *   once (no need to wait out the quiet period) and begins the next.
 * - Going back from idle to working within quietMs (a pause between tool calls) continues the
 *   turn.
 * - The backend may say whether the turn is over (`backend`: its session file, read again and
 *   again while the turn runs). While it says so, the quiet period is not waited out: the turn
 *   ends at once if the agent is waiting, else as soon as it is. It may take that back (the
 *   agent went on: a hook, a queued prompt), and a prompt added to the turn clears it.
 */
import type { SessionStatus } from '../protocol/messages.js';

export interface TurnSettings {
  /** how long the agent must stay idle before its turn counts as ended */
  quietMs: number;
  /** how long a prompt with no visible reaction waits before its turn ends anyway */
  startGraceMs: number;
  /** how soon after a submission in the pane work must start for it to count as a turn */
  submitGraceMs: number;
}

/** The settings every turn is followed with (the pilot's, and `send --wait`'s). */
export const TURN_SETTINGS: TurnSettings = { quietMs: 1500, startGraceMs: 5000, submitGraceMs: 3000 };

export type TurnEvent =
  | { type: 'turn-start'; prompt: string; startedAt: number }
  | { type: 'turn-end'; prompt: string; startedAt: number; endedAt: number; endStatus: SessionStatus };

export type TurnInput =
  | { type: 'prompt-sent'; text: string; at: number }
  | { type: 'user-submitted'; text: string; at: number }
  | { type: 'status'; status: SessionStatus; at: number }
  | { type: 'backend'; ended: boolean; at: number }
  | { type: 'tick'; at: number };

export type TurnState =
  | {
      readonly phase: 'between';
      readonly status: SessionStatus;
      /** text submitted in the pane, waiting for work to start */
      readonly pending: { readonly text: string; readonly at: number } | null;
    }
  | {
      readonly phase: 'in-turn';
      readonly status: SessionStatus;
      readonly prompts: readonly string[];
      readonly startedAt: number;
      /** whether the status changed since the turn began (the agent reacted) */
      readonly sawChange: boolean;
      /** since when the status has been one that ends a turn; null while it works */
      readonly endSince: number | null;
      /** the backend says the turn is over: end it once the agent waits, without the quiet period */
      readonly backendEnded: boolean;
    };

export interface TurnStep {
  state: TurnState;
  events: TurnEvent[];
}

/** Statuses after which the agent waits for someone: the turn ends once they hold for quietMs. */
function waitsForSomeone(status: SessionStatus): boolean {
  return status === 'idle' || status === 'needs-input' || status === 'limited';
}

/** Statuses that end a turn: the agent is waiting for someone, or gone. */
export function endsTurn(status: SessionStatus): boolean {
  return waitsForSomeone(status) || isGone(status);
}

/** The agent is gone: its turn ends at once. */
function isGone(status: SessionStatus): boolean {
  return status === 'exited' || status === 'stopped' || status === 'crashed';
}

export function initialTurnState(status: SessionStatus): TurnState {
  return { phase: 'between', status, pending: null };
}

/** When the caller must send a `tick` (the turn may end then); null: nothing is due. */
function turnDeadline(state: TurnState, settings: TurnSettings): number | null {
  if (state.phase !== 'in-turn' || state.endSince === null) return null;
  const quiet = state.endSince + settings.quietMs;
  return state.sawChange ? quiet : Math.max(quiet, state.startedAt + settings.startGraceMs);
}

export function stepTurn(state: TurnState, input: TurnInput, settings: TurnSettings): TurnStep {
  // A deadline that passed before this input ends the turn first, as if the tick had come on time.
  const due = turnDeadline(state, settings);
  const settled: TurnStep = due !== null && due <= input.at && state.phase === 'in-turn' ? endTurn(state, endTime(state)) : { state, events: [] };
  const next = apply(settled.state, input, settings);
  return { state: next.state, events: [...settled.events, ...next.events] };
}

function apply(state: TurnState, input: TurnInput, settings: TurnSettings): TurnStep {
  switch (input.type) {
    case 'tick':
      return { state, events: [] };
    case 'status':
      return onStatus(state, input.status, input.at, settings);
    case 'prompt-sent':
      return onPrompt(state, input.text, input.at);
    case 'user-submitted':
      return onSubmitted(state, input.text, input.at);
    case 'backend':
      if (state.phase === 'between' || state.backendEnded === input.ended) return { state, events: [] };
      if (input.ended && waitsForSomeone(state.status)) return endTurn(state, state.sawChange ? (state.endSince ?? input.at) : input.at);
      return { state: { ...state, backendEnded: input.ended }, events: [] };
  }
}

function onStatus(state: TurnState, status: SessionStatus, at: number, settings: TurnSettings): TurnStep {
  if (state.phase === 'between') {
    const p = state.pending;
    if (status === 'working' && state.status !== 'working' && p && at - p.at <= settings.submitGraceMs) {
      return startTurn(status, p.text, p.at, true);
    }
    const expired = p !== null && at - p.at > settings.submitGraceMs;
    return { state: { phase: 'between', status, pending: expired ? null : p }, events: [] };
  }
  if (status === state.status) return { state, events: [] };
  const changed = { ...state, status, sawChange: true };
  if (isGone(status)) return endTurn(changed, at);
  if (state.backendEnded && waitsForSomeone(status)) return endTurn(changed, at);
  const endSince = waitsForSomeone(status) ? at : null;
  return { state: { ...changed, endSince }, events: [] };
}

function onPrompt(state: TurnState, text: string, at: number): TurnStep {
  if (state.phase === 'between') return startTurn(state.status, text, at, false);
  if (!finishedWork(state)) return { state: { ...state, prompts: [...state.prompts, text], backendEnded: false }, events: [] };
  const ended = endTurn(state, endTime(state));
  const started = startTurn(state.status, text, at, false);
  return { state: started.state, events: [...ended.events, ...started.events] };
}

function onSubmitted(state: TurnState, text: string, at: number): TurnStep {
  if (text.trim() === '') return { state, events: [] };
  if (state.phase === 'between') return { state: { ...state, pending: { text, at } }, events: [] };
  if (!finishedWork(state)) return { state: { ...state, prompts: [...state.prompts, text], backendEnded: false }, events: [] };
  const ended = endTurn(state, endTime(state));
  return { state: { phase: 'between', status: state.status, pending: { text, at } }, events: ended.events };
}

/** The agent reacted to this turn and is now waiting: its work is done. */
function finishedWork(state: Extract<TurnState, { phase: 'in-turn' }>): boolean {
  return state.sawChange && state.endSince !== null;
}

function startTurn(status: SessionStatus, text: string, at: number, sawChange: boolean): TurnStep {
  const endSince = waitsForSomeone(status) || isGone(status) ? at : null;
  return {
    state: { phase: 'in-turn', status, prompts: [text], startedAt: at, sawChange, endSince, backendEnded: false },
    events: [{ type: 'turn-start', prompt: text, startedAt: at }],
  };
}

function endTime(state: Extract<TurnState, { phase: 'in-turn' }>): number {
  return state.endSince ?? state.startedAt;
}

function endTurn(state: Extract<TurnState, { phase: 'in-turn' }>, endedAt: number): TurnStep {
  return {
    state: { phase: 'between', status: state.status, pending: null },
    events: [{ type: 'turn-end', prompt: joinPrompts(state.prompts), startedAt: state.startedAt, endedAt, endStatus: state.status }],
  };
}

function joinPrompts(prompts: readonly string[]): string {
  return prompts.join('\n\n');
}

/**
 * The state machine with its state held, for a driver: each method returns the events it
 * caused. Still pure — no timers; call tick(now) at `deadline`.
 */
export class TurnTracker {
  private current: TurnState;

  constructor(
    private readonly settings: TurnSettings,
    status: SessionStatus = 'idle',
  ) {
    this.current = initialTurnState(status);
  }

  get state(): TurnState {
    return this.current;
  }

  get inTurn(): boolean {
    return this.current.phase === 'in-turn';
  }

  /** When to call tick; null: nothing is due. */
  get deadline(): number | null {
    return turnDeadline(this.current, this.settings);
  }

  promptSent(text: string, at: number): TurnEvent[] {
    return this.step({ type: 'prompt-sent', text, at });
  }

  userSubmitted(text: string, at: number): TurnEvent[] {
    return this.step({ type: 'user-submitted', text, at });
  }

  status(status: SessionStatus, at: number): TurnEvent[] {
    return this.step({ type: 'status', status, at });
  }

  /** What the backend says now: whether the running turn is over. */
  backend(ended: boolean, at: number): TurnEvent[] {
    return this.step({ type: 'backend', ended, at });
  }

  tick(at: number): TurnEvent[] {
    return this.step({ type: 'tick', at });
  }

  private step(input: TurnInput): TurnEvent[] {
    const { state, events } = stepTurn(this.current, input, this.settings);
    this.current = state;
    return events;
  }
}
