/**
 * Whether an agent's hook still decides its status, or the screen does. Pure: the caller gives
 * the time (tested on a fake clock). Its session file's word (pilot/record-status.ts) is held by
 * the same rules, a step below the hook's (status-tracker.ts).
 *
 * A hook's word is taken as soon as it is heard (no debounce: hooks do not flicker).
 * - "working" holds for `silentMs`. After that the hook is silent: the hook that would say the
 *   turn ended may never come (it failed, the turn was interrupted — Claude Code's Stop does not
 *   fire on Esc), so the screen rules decide again: an agent is never "working" for ever on a
 *   hook's word alone.
 * - a waiting word (idle, needs-input) holds while the screen is quiet: a waiting CLI draws
 *   nothing. A busy line on screen (the backend's active pattern), or output later than
 *   `redrawMs` after the word (the CLI's own redraw as its hook returns comes sooner), means
 *   something happened that no hook told — a new prompt to a CLI whose only hook is the turn's
 *   end (Codex's notify), an answer typed into a dialog — and the screen decides from then on.
 */
import type { SessionStatus } from '../protocol/messages.js';

/** How long a hook's "working" holds on its own before the screen decides again. */
export const HOOK_SILENT_MS = 30_000;
/** Output this soon after a waiting word is the CLI redrawing as its hook returns. */
export const HOOK_REDRAW_MS = 1000;

export interface HookWord {
  status: SessionStatus;
  /** when it was heard (the status clock's ms) */
  at: number;
}

export interface HookTiming {
  silentMs: number;
  redrawMs: number;
}

/** The status the hook decides now; null: the screen decides. */
export function hookStatusNow(
  word: HookWord | null,
  screen: { now: number; lastOutputAt: number | null; busy: boolean },
  timing: HookTiming,
): SessionStatus | null {
  if (word === null) return null;
  if (word.status === 'working') return screen.now < word.at + timing.silentMs ? 'working' : null;
  if (screen.busy) return null;
  return screen.lastOutputAt !== null && screen.lastOutputAt > word.at + timing.redrawMs ? null : word.status;
}

/** When the hook's decision could change with no new output or word (a "working" going silent); null: never. */
export function hookDeadline(word: HookWord | null, now: number, timing: HookTiming): number | null {
  if (word?.status !== 'working') return null;
  const silentAt = word.at + timing.silentMs;
  return now < silentAt ? silentAt : null;
}
