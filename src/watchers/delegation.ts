/**
 * delegation: an agent that should delegate (an orchestrator) edited files itself — a call of
 * an edit tool (tool-kinds.ts). Pure.
 */
import type { WatcherConfig } from '../config/types.js';
import { CONTINUE, fired, type WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';
import type { TurnObservation } from './turn-observation.js';
import { isEdit } from './tool-kinds.js';

export function decideDelegation(w: WatcherConfig, obs: TurnObservation, state: WatcherState): { state: WatcherState; action: WatcherAction } {
  const edits = obs.toolCalls.filter((c) => isEdit(c.tool));
  if (edits.length === 0) return { state, action: CONTINUE };
  const files = [...new Set(edits.map((c) => c.arg))].slice(0, 5).join(', ');
  return {
    state,
    action: fired(w, 'nudge', `edited files itself: ${files}`, `You edited files yourself (${files}). As the orchestrator, delegate the coding to a worker (the delegate tool) and verify its work instead.`),
  };
}
