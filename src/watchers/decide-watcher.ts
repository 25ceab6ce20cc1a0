/**
 * One watcher's decision on one finished turn: `(observation, settings, state) → (state,
 * action)`, by its kind (a file each), with the bookkeeping every kind shares — turns counted,
 * and what it fired last for `hangar watchers`. Pure: a quality command's run is handed in.
 */
import type { WatcherConfig } from '../config/types.js';
import type { WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';
import type { TurnObservation } from './turn-observation.js';
import { decideBudget } from './budget.js';
import { decideDelegation } from './delegation.js';
import { decideDelegationReminder } from './delegation-reminder.js';
import { decidePattern } from './pattern.js';
import { decideProgress } from './progress.js';
import { decideQuality, type CommandRun } from './quality.js';
import { decideScope } from './scope.js';

export interface WatcherInput {
  obs: TurnObservation;
  now: number;
  /** the agent's working directory (scope's paths are relative to it) */
  dir: string;
  /** a quality watcher's command run after this turn; null for other kinds */
  run: CommandRun | null;
}

export function decideWatcher(w: WatcherConfig, input: WatcherInput, before: WatcherState): { state: WatcherState; action: WatcherAction } {
  const state = { ...before, turns: before.turns + 1 };
  const { obs } = input;
  const d = (() => {
    switch (w.kind) {
      case 'progress':
        return decideProgress(w, obs, state);
      case 'budget':
        return decideBudget(w, obs, state);
      case 'delegation':
        return decideDelegation(w, obs, state);
      case 'delegation_reminder':
        return decideDelegationReminder(w, obs, state);
      case 'scope':
        return decideScope(w, obs, state, input.dir);
      case 'pattern':
        return decidePattern(w, obs, state);
      case 'quality':
        return decideQuality(w, input.run, state);
    }
  })();
  if (d.action.type === 'continue') return d;
  return { action: d.action, state: { ...d.state, fired: d.state.fired + 1, last: { action: d.action, turn: obs.turn, at: input.now } } };
}
