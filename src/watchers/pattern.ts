/** pattern: a regular expression (case-insensitive) over the turn's reply or the screen at its end → its action. Pure. */
import { compilePattern } from '../config/pattern.js';
import type { WatcherConfig } from '../config/types.js';
import { CONTINUE, fired, type WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';
import type { TurnObservation } from './turn-observation.js';

export function decidePattern(w: WatcherConfig, obs: TurnObservation, state: WatcherState): { state: WatcherState; action: WatcherAction } {
  if (!w.regex) return { state, action: CONTINUE };
  const where = w.on ?? 'reply';
  const lines = where === 'screen' ? obs.screen : obs.reply.split('\n');
  const re = compilePattern(w.regex);
  const line = lines.find((l) => re.test(l));
  if (line === undefined) return { state, action: CONTINUE };
  const shown = line.trim().slice(0, 160);
  return { state, action: fired(w, 'nudge', `/${w.regex}/ in the ${where}: ${shown}`, `Watch out: your ${where} matched /${w.regex}/ (${shown}).`) };
}
