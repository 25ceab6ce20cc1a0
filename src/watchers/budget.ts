/**
 * budget: the turn that reaches `max_turns` (zwarm's max_steps), more workers delegated than
 * `max_sessions` (calls of hangar's MCP delegate tool), or the agent's cost (the cost figures
 * of status and `hangar costs`) at `max_cost_usd`. Aborts unless its action says otherwise. Pure.
 */
import type { WatcherConfig } from '../config/types.js';
import { CONTINUE, fired, type WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';
import type { TurnObservation } from './turn-observation.js';

export function decideBudget(w: WatcherConfig, obs: TurnObservation, state: WatcherState): { state: WatcherState; action: WatcherAction } {
  const sessions = state.sessions + obs.mcpCalls.filter((t) => t === 'delegate').length;
  const next = { ...state, sessions };
  const over =
    w.max_cost_usd !== undefined && obs.totalCostUsd !== null && obs.totalCostUsd >= w.max_cost_usd
      ? `cost $${obs.totalCostUsd.toFixed(4)} reached its cap of $${w.max_cost_usd}`
      : w.max_turns !== undefined && state.turns >= w.max_turns
        ? `${state.turns} turns reached its cap of ${w.max_turns}`
        : w.max_sessions !== undefined && sessions > w.max_sessions
          ? `${sessions} workers delegated, over its cap of ${w.max_sessions}`
          : null;
  if (over === null) return { state: next, action: CONTINUE };
  return { state: next, action: fired(w, 'abort', `budget: ${over}`, `Your budget is spent (${over}). Wrap up now: say what is done and what is left.`) };
}
