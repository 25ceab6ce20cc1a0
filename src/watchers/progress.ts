/**
 * progress (zwarm's stuck detection): the same tool call — tool and argument — or the same
 * error `repeat` times in a row, across turns; or `idle_turns` turns in a row that changed no
 * file and delegated nothing. Each streak starts again after it fires. Pure.
 */
import type { WatcherConfig } from '../config/types.js';
import { CONTINUE, fired, type WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';
import type { TurnObservation } from './turn-observation.js';
import { isDelegating } from './tool-kinds.js';

const PROGRESS_REPEAT = 3;
const PROGRESS_IDLE_TURNS = 5;

export function decideProgress(w: WatcherConfig, obs: TurnObservation, state: WatcherState): { state: WatcherState; action: WatcherAction } {
  const repeat = w.repeat ?? PROGRESS_REPEAT;
  const idleTurns = w.idle_turns ?? PROGRESS_IDLE_TURNS;
  let { lastCall, sameCalls, lastError, sameErrors, quietTurns } = state;
  let action: WatcherAction = CONTINUE;
  for (const call of obs.toolCalls) {
    const key = `${call.tool} ${call.arg}`;
    sameCalls = key === lastCall ? sameCalls + 1 : 1;
    lastCall = key;
    if (sameCalls >= repeat && action.type === 'continue') {
      action = fired(w, 'nudge', `the same tool call ${sameCalls} times: ${key.slice(0, 120)}`, `You have made the same call (${key.slice(0, 120)}) ${sameCalls} times in a row. It is not getting you further: step back and try another approach.`);
      sameCalls = 0;
    }
  }
  for (const error of obs.errors) {
    sameErrors = error === lastError ? sameErrors + 1 : 1;
    lastError = error;
    if (sameErrors >= repeat && action.type === 'continue') {
      action = fired(w, 'nudge', `the same error ${sameErrors} times: ${error.slice(0, 120)}`, `The same error came ${sameErrors} times in a row: ${error.slice(0, 200)}. Find its cause before trying again.`);
      sameErrors = 0;
    }
  }
  const worked = obs.filesChanged.length > 0 || obs.toolCalls.some((c) => isDelegating(c.tool));
  quietTurns = worked ? 0 : quietTurns + 1;
  if (quietTurns >= idleTurns && action.type === 'continue') {
    action = fired(w, 'nudge', `${quietTurns} turns with no file changed and nothing delegated`, `${quietTurns} turns have gone by with no file changed and nothing delegated. Make concrete progress on the task, or say what blocks you.`);
    quietTurns = 0;
  }
  return { state: { ...state, lastCall, sameCalls, lastError, sameErrors, quietTurns }, action };
}
