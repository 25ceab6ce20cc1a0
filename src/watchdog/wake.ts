/**
 * Wake schedules (`wake = { interval, prompt_file }` on persistent agents): every interval the
 * wake prompt is typed into the agent — but only into an idle one. While it works (or asks a
 * question, or is held by a usage limit or a budget) the wake waits; it is never typed over
 * work in progress. A missing prompt file skips that wake with the reason logged, as agents.py does.
 *
 * Pure: the driver reads the prompt file when a wake is due and reports the agent's status.
 */
import type { SessionStatus } from '../protocol/messages.js';
import type { Decision } from './actions.js';

export interface WakeState {
  /** the interval counts from here: the agent's start or the last wake delivered/skipped */
  since: number;
  /** a due wake is waiting for the agent to become idle (noted once) */
  deferred: boolean;
  /** the budget hold it was noted to wait for: a hold that comes while it waits for work is noted too */
  heldBy?: string;
}

export interface WakeObservation {
  now: number;
  status: SessionStatus;
  /** the wake prompt, whitespace as in the file; null when the file is missing */
  prompt: string | null;
  /** the prompt file as configured, for the skip message */
  promptFile: string;
  /** a budget holds it (`its budget`, `the fleet's budget`): the wake waits for the hold to be lifted */
  heldBy?: string | null;
}

export function startWake(now: number): WakeState {
  return { since: now, deferred: false };
}

export function wakeDueAt(state: WakeState, intervalMs: number): number {
  return state.since + intervalMs;
}

/** Whether a due wake needs the prompt read (so the driver only reads the file then). */
export function wakeIsDue(state: WakeState, now: number, intervalMs: number): boolean {
  return now >= wakeDueAt(state, intervalMs);
}

export function decideWake(state: WakeState, name: string, obs: WakeObservation, intervalMs: number): Decision<WakeState> {
  if (!wakeIsDue(state, obs.now, intervalMs)) return { state, actions: [] };
  if (obs.prompt === null) {
    return {
      state: startWake(obs.now),
      actions: [{ type: 'note', name, kind: 'wake-skip', level: 'warn', message: `wake skipped for ${name} — prompt file missing: ${obs.promptFile}` }],
    };
  }
  // agents.py sends the file as one line: a multi-line paste would submit at the first newline
  const text = obs.prompt.split(/\s+/).filter(Boolean).join(' ');
  if (text === '') return { state: startWake(obs.now), actions: [] };
  if (obs.status !== 'idle' || obs.heldBy) {
    if (state.deferred && (!obs.heldBy || state.heldBy === obs.heldBy)) return { state, actions: [] };
    const why = obs.heldBy ? `${obs.heldBy} is spent; delivered when it is raised` : `it is ${obs.status}; delivered when idle`;
    return {
      state: { ...state, deferred: true, ...(obs.heldBy ? { heldBy: obs.heldBy } : {}) },
      actions: [{ type: 'note', name, kind: 'wake-defer', level: 'info', message: `wake for ${name} deferred — ${why}` }],
    };
  }
  return {
    state: startWake(obs.now),
    actions: [{ type: 'send', name, text, reason: `${state.deferred ? 'deferred' : 'scheduled'} wake (every ${Math.round(intervalMs / 1000)} s)` }],
  };
}
