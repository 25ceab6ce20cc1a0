/**
 * Whether an agent's hook still decides its status, or the screen does. Pure: the caller gives
 * the time (tested on a fake clock).
 *
 * A hook's word is taken as soon as it is heard (no debounce: hooks do not flicker) and holds
 * for `silentMs`. After that the hook is "silent":
 * - a silent "working" no longer counts: the hook that would have said the turn ended may never
 *   come (a hook that failed, a CLI killed mid-turn), so the screen rules decide again and the
 *   agent is never "working" for ever on a hook's word alone;
 * - a silent waiting word (idle, needs-input, exited) is how a waiting CLI sounds, so it holds
 *   until the screen shows output after the word went silent — something happened the hook did
 *   not report (an answer typed into a dialog, a redraw) and the screen decides from then on.
 */
import type { SessionStatus } from '../protocol/messages.js';

/** How long a hook's word holds on its own before the screen may decide again. */
export const HOOK_SILENT_MS = 30_000;

export interface HookWord {
  status: SessionStatus;
  /** when it was heard (the status clock's ms) */
  at: number;
}

/** The status the hook decides now; null: the screen decides. */
export function hookStatusNow(word: HookWord | null, now: number, lastOutputAt: number | null, silentMs: number): SessionStatus | null {
  if (word === null) return null;
  const silentFrom = word.at + silentMs;
  if (now < silentFrom) return word.status;
  if (word.status === 'working') return null;
  return lastOutputAt !== null && lastOutputAt > silentFrom ? null : word.status;
}

/** When the hook's decision could change without new output or a new word; null: never. */
export function hookDeadline(word: HookWord | null, now: number, silentMs: number): number | null {
  if (word === null) return null;
  const silentFrom = word.at + silentMs;
  return now < silentFrom ? silentFrom : null;
}
