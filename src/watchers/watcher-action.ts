/**
 * What a watcher decides after a turn, and what one turn's decisions come to together. Pure.
 * nudge: a message to the agent; pause: a hold (nothing typed into it until a person resumes
 * it); abort: interrupt and stop it. Every non-continue action carries the reason it fired for.
 */
import type { WatcherConfig, WatcherKind } from '../config/types.js';

export type WatcherAction =
  | { type: 'continue' }
  | { type: 'nudge'; text: string; reason: string }
  | { type: 'pause'; reason: string }
  | { type: 'abort'; reason: string };

export const CONTINUE: WatcherAction = { type: 'continue' };

/** The order of strength: one turn's strongest action is what happens. */
const STRENGTH: Record<WatcherAction['type'], number> = { continue: 0, nudge: 1, pause: 2, abort: 3 };

/** A watcher fired: its own action unless `action` says another; its `message` in place of its text. */
export function fired(watcher: WatcherConfig, own: 'nudge' | 'pause' | 'abort', reason: string, text: string): WatcherAction {
  const type = watcher.action ?? own;
  if (type !== 'nudge') return { type, reason };
  return { type, reason, text: `[watcher: ${watcher.kind}] ${watcher.message ?? text}` };
}

/** One watcher's decision with who made it. */
export interface Verdict {
  /** the watcher's index in the agent's list (fleet-wide first) */
  index: number;
  kind: WatcherKind;
  role: 'user' | 'system';
  action: WatcherAction;
}

/** What a turn's verdicts come to: the strongest action; nudges of equal strength joined into one message. */
export function combine(verdicts: readonly Verdict[]): { action: WatcherAction; by: Verdict[] } {
  const top = Math.max(0, ...verdicts.map((v) => STRENGTH[v.action.type]));
  const by = verdicts.filter((v) => STRENGTH[v.action.type] === top && top > 0);
  if (by.length === 0) return { action: CONTINUE, by: [] };
  if (by[0]!.action.type !== 'nudge') return { action: by[0]!.action, by: [by[0]!] };
  const nudges = by.map((v) => v.action as Extract<WatcherAction, { type: 'nudge' }>);
  return { action: { type: 'nudge', text: nudges.map((n) => n.text).join('\n\n'), reason: nudges.map((n) => n.reason).join('; ') }, by };
}
