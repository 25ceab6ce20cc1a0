/**
 * quality: a command run after the turn (watchers/quality-run.ts runs it, bounded in time and
 * output) that failed — a non-zero exit, a kill at its timeout — nudges with its output's tail. Pure.
 */
import type { WatcherConfig } from '../config/types.js';
import { CONTINUE, fired, type WatcherAction } from './watcher-action.js';
import type { WatcherState } from './watcher-state.js';

const QUALITY_TAIL_LINES = 20;

/** How the command ended: its exit code (null: killed, e.g. at its timeout) and the end of its output. */
export interface CommandRun {
  code: number | null;
  timedOut: boolean;
  output: string;
}

export function decideQuality(w: WatcherConfig, run: CommandRun | null, state: WatcherState): { state: WatcherState; action: WatcherAction } {
  if (run === null || run.code === 0) return { state, action: CONTINUE };
  const tail = run.output.replace(/\s+$/, '').split('\n').slice(-(w.tail ?? QUALITY_TAIL_LINES)).join('\n');
  const how = run.timedOut ? 'ran past its timeout' : run.code === null ? 'was killed' : `exited ${run.code}`;
  return { state, action: fired(w, 'nudge', `\`${w.command}\` ${how}`, `\`${w.command}\` ${how} after your turn. Fix what it reports:\n${tail}`) };
}
