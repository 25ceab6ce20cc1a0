/**
 * delegation_reminder (zwarm's): `threshold` tool calls in a row, among the last `lookback`,
 * none of which delegates (hangar's MCP tools: tool-kinds.ts) — a reminder to hand the work on.
 * Counting starts again after it fires. Pure.
 */
import type { WatcherConfig } from '../config/types.js';
import { CONTINUE, fired, type WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';
import type { TurnObservation } from './turn-observation.js';
import { isDelegating } from './tool-kinds.js';

const REMINDER_THRESHOLD = 10;
const REMINDER_LOOKBACK = 30;

export function decideDelegationReminder(w: WatcherConfig, obs: TurnObservation, state: WatcherState): { state: WatcherState; action: WatcherAction } {
  const threshold = w.threshold ?? REMINDER_THRESHOLD;
  const lookback = w.lookback ?? REMINDER_LOOKBACK;
  const calls = [...state.calls, ...obs.toolCalls.map((c) => isDelegating(c.tool))].slice(-lookback);
  const lastDelegation = calls.lastIndexOf(true);
  const run = calls.length - 1 - lastDelegation;
  if (run < threshold) return { state: { ...state, calls }, action: CONTINUE };
  return {
    state: { ...state, calls: [] },
    action: fired(
      w,
      'nudge',
      `${run} tool calls in a row without delegating`,
      `You have made ${run} tool calls in a row without delegating. As the orchestrator, hand coding work to a worker with the delegate tool, and keep to checking and deciding.`,
    ),
  };
}
