/**
 * What one watcher remembers of an agent's turns: counts and streaks its decision needs, and
 * what it did last (`hangar watchers`). One shape for every kind; each reads its own fields.
 */
import type { WatcherAction } from './watcher-action.js';

export interface WatcherState {
  /** turns observed */
  turns: number;
  /** workers delegated so far (budget's max_sessions) */
  sessions: number;
  /** progress: the last tool call (tool + argument) and how many times in a row it came */
  lastCall: string | null;
  sameCalls: number;
  /** progress: the last error and how many times in a row */
  lastError: string | null;
  sameErrors: number;
  /** progress: turns in a row with no file changed and nothing delegated */
  quietTurns: number;
  /** delegation_reminder: the last tool calls, oldest first, true for one that delegates */
  calls: boolean[];
  /** how many times it fired, and its last action (not continue) with its turn */
  fired: number;
  last: { action: Exclude<WatcherAction, { type: 'continue' }>; turn: number; at: number } | null;
}

export const FRESH: WatcherState = {
  turns: 0,
  sessions: 0,
  lastCall: null,
  sameCalls: 0,
  lastError: null,
  sameErrors: 0,
  quietTurns: 0,
  calls: [],
  fired: 0,
  last: null,
};
