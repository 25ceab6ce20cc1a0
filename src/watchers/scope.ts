/**
 * scope: work outside what the agent was given — a file edited outside the `paths` globs
 * (relative to its dir), or one of the `keywords` (zwarm's avoid_keywords, e.g. "rewrite") in
 * its reply or a tool call. Pure.
 */
import { isAbsolute, relative } from 'node:path';
import type { WatcherConfig } from '../config/types.js';
import { CONTINUE, fired, type WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';
import type { TurnObservation } from './turn-observation.js';
import { matchesAnyGlob } from './path-glob.js';

export function decideScope(w: WatcherConfig, obs: TurnObservation, state: WatcherState, dir: string): { state: WatcherState; action: WatcherAction } {
  if (w.paths && w.paths.length > 0) {
    const outside = obs.filesChanged.map((f) => (isAbsolute(f) ? relative(dir, f) : f)).filter((f) => !matchesAnyGlob(f, w.paths!));
    if (outside.length > 0) {
      const files = outside.slice(0, 5).join(', ');
      return { state, action: fired(w, 'nudge', `edited outside its paths: ${files}`, `You changed files outside your scope (${files}); keep to ${w.paths.join(', ')}, and undo what does not belong there.`) };
    }
  }
  const text = [obs.reply, ...obs.toolCalls.map((c) => c.arg)].join('\n').toLowerCase();
  const word = (w.keywords ?? []).find((k) => k !== '' && text.includes(k.toLowerCase()));
  if (word !== undefined) return { state, action: fired(w, 'nudge', `out-of-scope work: "${word}"`, `"${word}" is outside the scope of your task. Keep to what was asked.`) };
  return { state, action: CONTINUE };
}
