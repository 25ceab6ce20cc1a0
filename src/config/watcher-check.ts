/**
 * A watcher's settings against its kind: each kind takes only its own keys (a `threshold` on a
 * budget watcher would silently do nothing), and some need one (a pattern without a regex, a
 * quality watcher without a command, a scope without keywords or paths). Pure.
 */
import type { Table } from './validate.js';
import type { WatcherKind } from './types.js';

/** The keys every watcher takes. */
const COMMON = ['kind', 'action', 'message_role', 'message'];

/** The keys each kind takes besides COMMON. */
const WATCHER_KEYS: Readonly<Record<WatcherKind, readonly string[]>> = {
  progress: ['repeat', 'idle_turns'],
  budget: ['max_turns', 'max_sessions', 'max_cost_usd'],
  delegation: [],
  delegation_reminder: ['threshold', 'lookback'],
  scope: ['keywords', 'paths'],
  pattern: ['regex', 'on'],
  quality: ['command', 'timeout', 'tail'],
};

/** What a kind cannot do without (one of these keys). */
const NEEDS: Partial<Record<WatcherKind, readonly string[]>> = {
  budget: ['max_turns', 'max_sessions', 'max_cost_usd'],
  scope: ['keywords', 'paths'],
  pattern: ['regex'],
  quality: ['command'],
};

/** Problems of one validated watcher table: the key each is about (null: the table), and the message. */
export function watcherProblems(w: Table): Array<{ key: string | null; message: string }> {
  const kind = w['kind'] as WatcherKind | undefined;
  if (kind === undefined) return []; // validation said it is missing
  const own = WATCHER_KEYS[kind];
  const problems: Array<{ key: string | null; message: string }> = [];
  for (const key of Object.keys(w)) {
    if (COMMON.includes(key) || own.includes(key)) continue;
    const owner = (Object.keys(WATCHER_KEYS) as WatcherKind[]).find((k) => WATCHER_KEYS[k].includes(key));
    problems.push({ key, message: `a ${kind} watcher takes no "${key}"${owner ? ` (that is a ${owner} watcher's setting)` : ''}; it takes ${own.length ? own.join(', ') : 'no settings of its own'}` });
  }
  const needs = NEEDS[kind];
  if (needs && !needs.some((k) => w[k] !== undefined)) problems.push({ key: null, message: `a ${kind} watcher needs ${needs.length > 1 ? `one of ${needs.join(', ')}` : needs[0]}` });
  return problems;
}
