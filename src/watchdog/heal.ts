/**
 * Healing with a restart budget: an agent whose process exits (or runs the wrong program, or
 * shows its backend's fatal error, or stalls) is restarted — the first time at once, then
 * with exponential backoff — until it has been restarted `maxRestarts` times within
 * `windowMs`; then it stays `crashed` with the reason instead of looping.
 *
 * Pure: the driver reports each failure and asks again when `retryAt` comes.
 */
import type { Decision } from './actions.js';

export interface HealSettings {
  /** the restart budget: at most this many restarts … */
  maxRestarts: number;
  /** … within this many milliseconds */
  windowMs: number;
  /** the delay before the second restart in a window; doubles for each one after */
  backoffBaseMs: number;
  /** the longest delay between two restarts */
  backoffMaxMs: number;
}

export const DEFAULT_BACKOFF = { backoffBaseMs: 1000, backoffMaxMs: 60_000 } as const;

export interface HealState {
  /** when the watchdog restarted this agent, oldest first, within the window */
  restarts: number[];
  /** a restart waiting out its backoff: due at this time, for this reason */
  pending: { at: number; reason: string } | null;
  /** the budget is spent: no further restart until a person restarts the agent */
  gaveUp: string | null;
}

export const HEALTHY: HealState = { restarts: [], pending: null, gaveUp: null };

/** The backoff before the next restart, given how many happened within the window. */
export function backoffMs(recentRestarts: number, s: Pick<HealSettings, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  if (recentRestarts === 0) return 0;
  return Math.min(s.backoffMaxMs, s.backoffBaseMs * 2 ** (recentRestarts - 1));
}

function recent(state: HealState, now: number, s: HealSettings): number[] {
  return state.restarts.filter((t) => now - t < s.windowMs);
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return Number.isInteger(m) ? `${m} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * Something is wrong with the agent (`reason` says what): restart it now, later (backoff),
 * or give up when the budget is spent. A failure reported while a restart is already
 * pending or after giving up changes nothing.
 */
export function decideOnFailure(state: HealState, name: string, reason: string, now: number, s: HealSettings): Decision<HealState> {
  if (state.gaveUp !== null || state.pending !== null) return { state, actions: [] };
  const restarts = recent(state, now, s);
  if (restarts.length >= s.maxRestarts) {
    const why = `${reason}; restarted ${restarts.length} time${restarts.length === 1 ? '' : 's'} in ${minutes(s.windowMs)} — restart budget spent (hangar restart ${name} to try again)`;
    return {
      state: { restarts, pending: null, gaveUp: why },
      actions: [
        { type: 'mark', name, status: 'crashed', detail: why },
        { type: 'note', name, kind: 'give-up', level: 'warn', message: `${name}: ${why}` },
      ],
    };
  }
  const wait = backoffMs(restarts.length, s);
  if (wait === 0) return restartNow({ restarts, pending: null, gaveUp: null }, name, reason, now);
  return {
    state: { restarts, pending: { at: now + wait, reason }, gaveUp: null },
    actions: [
      { type: 'note', name, kind: 'restart', level: 'info', message: `${name}: ${reason} — restarting in ${Math.round(wait / 1000)} s (backoff)` },
    ],
  };
}

/** Time passed: perform a pending restart once its backoff is over. */
export function decideOnTime(state: HealState, name: string, now: number): Decision<HealState> {
  if (state.pending === null || now < state.pending.at) return { state, actions: [] };
  return restartNow(state, name, state.pending.reason, now);
}

function restartNow(state: HealState, name: string, reason: string, now: number): Decision<HealState> {
  return {
    state: { restarts: [...state.restarts, now], pending: null, gaveUp: null },
    actions: [{ type: 'restart', name, reason }],
  };
}

/** When the driver must call decideOnTime, or null. */
export function nextHealCheck(state: HealState): number | null {
  return state.pending?.at ?? null;
}

/**
 * The budget an earlier server left (restart-budget-file.ts): its restarts within the window
 * still count. A spent budget is not carried — the agent stayed crashed, so whoever starts it
 * now is a person, and a person's start begins the budget afresh.
 */
export function carriedOver(saved: { recent: readonly number[]; spent: boolean }, now: number, s: Pick<HealSettings, 'windowMs'>): HealState {
  if (saved.spent) return HEALTHY;
  return { restarts: saved.recent.filter((t) => now - t < s.windowMs), pending: null, gaveUp: null };
}
