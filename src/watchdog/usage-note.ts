/**
 * The usage window's percentage, as the session file reports it (Codex's rate_limits): shown
 * once it passes USAGE_SHOWN_AT, and noted as an event each time its whole percentage changes
 * there — a fleet that will soon be limited says so before it is. Pure.
 */
import { USAGE_SHOWN_AT } from '../protocol/messages.js';
import type { WatchdogAction } from './actions.js';

/** The note for a new reading, or null when nothing worth saying changed. */
export function usageNote(name: string, prev: number | null, next: number | null): WatchdogAction | null {
  if (next === null || next <= USAGE_SHOWN_AT) return null;
  if (prev !== null && Math.floor(prev) === Math.floor(next)) return null;
  const level = next >= 95 ? 'warn' : 'info';
  return { type: 'note', name, kind: 'usage', level, message: `${name}: ${Math.floor(next)} % of its usage window used` };
}
