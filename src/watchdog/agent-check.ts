/**
 * One look at one agent, as a pure decision: the order and the gating of the watchdog's
 * checks, which the driver (watchdog.ts) only carries out.
 *
 *  1. heal — a restart whose backoff is over is made; an agent that is not running is looked
 *     at no further.
 *  2. limit — a usage-limit banner, or the limit the session file records, starts, probes or
 *     ends a hold (saved when it changes).
 *  3. problem — unless a limit holds, another backend's program or a fatal screen is a
 *     failure (heal decides: restart, later, or give up), and the look ends there.
 *  4. stall — for heal+stall agents: idle too long is a failure; when that restarts the agent
 *     (now or after a backoff) the look ends there.
 *  5. inbox — handoff pings (and a watcher's nudges) held for it are typed once it can take
 *     them; a wake due in that look waits for their turn.
 *  6. wake — a due wake is typed into an idle agent (deferred while it works), unless the
 *     loop's work is complete.
 *  A budget hold (budget.ts) skips 2 (no resume nudge is typed), keeps 4 from counting its
 *  wait as a stall, and defers 5 and 6 like a limit.
 *  Neither 5 nor 6 while a limit holds, nor in the look that typed the hold's resume nudge,
 *  nor while the turn of a prompt the watchdog typed is under way (`promptTurnOpen`): two
 *  prompts are never typed one on the other (a wake right behind the resume nudge).
 *
 * Inputs carry their own time; the prompt file is read (`readPrompt`) only when a wake is due.
 */
import type { AgentConfig, BackendConfig } from '../config/types.js';
import type { BudgetHold, SessionStatus } from '../protocol/messages.js';
import type { WatchdogAction, WatchdogEventKind } from './actions.js';
import type { AgentSettings } from './agent-settings.js';
import { decideOnFailure, decideOnTime, type HealSettings, type HealState } from './heal.js';
import { decideLimit, isHeld, type LimitHold, type TranscriptLimit } from './limit-hold.js';
import { screenProblem } from './screen-problem.js';
import { decideStall, type StallState } from './stall.js';
import { decideWake, wakeIsDue, type WakeState } from './wake.js';

export interface AgentCheckState {
  heal: HealState;
  limit: LimitHold | null;
  stall: StallState | null;
  wake: WakeState | null;
}

/** A running session as one look sees it. */
export interface SessionLook {
  rows: readonly string[];
  /** the shown cursor's row; null while hidden */
  cursorY: number | null;
  status: SessionStatus;
  foregroundProcess: string;
  /** when it last printed (the stall check) */
  lastOutputAt: number | null;
  /** the usage limit its session file records; absent when its backend has none */
  transcript?: TranscriptLimit | null;
}

export interface AgentCheckInput {
  name: string;
  now: number;
  watch: AgentConfig['watch'];
  /** its settings; undefined when its backend is unknown (only heal and wake apply) */
  settings: AgentSettings | undefined;
  heal: HealSettings;
  backends: Readonly<Record<string, BackendConfig>>;
  /** null when it is not running */
  session: SessionLook | null;
  /** its wake, when it has one */
  wake: { intervalMs: number; promptFile: string; readPrompt: () => string | null } | null;
  /** the loop's phases are all done: no more wakes */
  sequenceComplete: boolean;
  /** a prompt the watchdog typed (a nudge, a wake, pings) has not had its turn yet */
  promptTurnOpen?: boolean;
  /** its budget or the fleet's is spent (budget.ts): nothing is typed into it, so no limit probe either */
  budgetHold?: BudgetHold | null;
  /** messages wait in its inbox (handoff pings, a watcher's nudge): typed in this look, so a due wake waits for their turn */
  inboxWaiting?: boolean;
}

/** A budget hold in the words of an event: `its budget`, `the fleet's budget`. */
export function budgetHoldText(hold: BudgetHold): string {
  return hold === 'budget' ? 'its budget' : "the fleet's budget";
}

/** What the driver does, in this order. */
export type AgentCheckEffect =
  | { type: 'perform'; kind: WatchdogEventKind; actions: WatchdogAction[] }
  | { type: 'save-hold'; hold: LimitHold | null }
  /** the restart budget was just spent: keep it for the next server */
  | { type: 'save-restarts' }
  | { type: 'deliver-pings' };

export interface AgentCheck {
  state: AgentCheckState;
  effects: AgentCheckEffect[];
}

/** Something is wrong with the agent: restart it, later, or give up (heal decides). */
export function decideFailure(heal: HealState, name: string, reason: string, now: number, settings: HealSettings): { heal: HealState; effects: AgentCheckEffect[]; restarts: boolean } {
  const d = decideOnFailure(heal, name, reason, now, settings);
  const spent = d.state.gaveUp !== null && heal.gaveUp === null;
  return {
    heal: d.state,
    effects: [...(spent ? [{ type: 'save-restarts' } as const] : []), { type: 'perform', kind: 'restart', actions: d.actions }],
    restarts: d.actions.some((a) => a.type === 'restart') || d.state.pending !== null,
  };
}

export function decideAgentCheck(start: AgentCheckState, input: AgentCheckInput): AgentCheck {
  const { name, now, settings, session } = input;
  const state = { ...start };
  const effects: AgentCheckEffect[] = [];
  const done = (): AgentCheck => ({ state, effects });

  const healed = decideOnTime(state.heal, name, now);
  state.heal = healed.state;
  effects.push({ type: 'perform', kind: 'restart', actions: healed.actions });
  let restarting = healed.actions.some((a) => a.type === 'restart');
  if (session === null) return done();

  const budgetHeld = input.budgetHold != null;
  if (input.watch !== 'none' && settings) {
    const { rows, cursorY } = session;
    // a budget hold types no resume nudge: the limit is looked at again once it is lifted
    if (!budgetHeld) {
      const limited = decideLimit(state.limit, { now, rows, cursorY, running: true, transcript: session.transcript ?? null }, settings.limit);
      if (limited.state !== state.limit) effects.push({ type: 'save-hold', hold: limited.state });
      state.limit = limited.state;
      effects.push({ type: 'perform', kind: 'limit-probe', actions: limited.actions });
      // a resume nudge just typed: wakes and pings wait for the turn it starts to end
      if (limited.actions.some((a) => a.type === 'send')) return done();
    }
    // while a limit holds nothing is restarted (agents.py's limit_tick); an exit still is
    if (!isHeld(state.limit)) {
      const problem = screenProblem(session.foregroundProcess, rows, settings, input.backends);
      if (problem) {
        const failed = decideFailure(state.heal, name, problem, now, input.heal);
        state.heal = failed.heal;
        effects.push(...failed.effects);
        return done();
      }
    }
    if (state.stall) {
      const stalled = decideStall(
        state.stall,
        // held by a budget, it waits on purpose: not a stall (a restart would type its kickoff)
        { now, rows, cursorY, lastOutputAt: session.lastOutputAt, status: session.status, limitHeld: isHeld(state.limit) || budgetHeld, logTouchedAt: session.lastOutputAt },
        settings.stall,
      );
      state.stall = stalled.state;
      effects.push({ type: 'perform', kind: 'stall', actions: stalled.actions.filter((a) => a.type !== 'restart') });
      // a stall's restart is a failure like any other: it counts against the budget
      for (const restart of stalled.actions.filter((a) => a.type === 'restart')) {
        const failed = decideFailure(state.heal, name, restart.reason, now, input.heal);
        state.heal = failed.heal;
        effects.push(...failed.effects);
        restarting ||= failed.restarts;
      }
      if (restarting || state.heal.pending) return done();
    }
  }
  // never typed into a limited agent: a hold decided in this very look is not on its status yet
  // …nor on a turn the watchdog's own prompt started: it counts as work in progress
  const status: SessionStatus = isHeld(state.limit) ? 'limited' : input.promptTurnOpen ? 'working' : session.status;
  if (status !== 'limited' && !input.promptTurnOpen && !budgetHeld) {
    effects.push({ type: 'deliver-pings' });
    if (input.inboxWaiting && status === 'idle') return done();
  }
  const wake = input.wake;
  if (state.wake && wake && wakeIsDue(state.wake, now, wake.intervalMs) && !input.sequenceComplete) {
    const heldBy = input.budgetHold ? budgetHoldText(input.budgetHold) : null;
    const d = decideWake(state.wake, name, { now, status, prompt: wake.promptFile ? wake.readPrompt() : null, promptFile: wake.promptFile || '(none)', heldBy }, wake.intervalMs);
    state.wake = d.state;
    effects.push({ type: 'perform', kind: 'wake', actions: d.actions });
  }
  return done();
}
