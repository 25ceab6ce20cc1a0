/**
 * Whether an agent waits on someone (`check`'s and the MCP `list`'s `needs_attention`, zwarm's flag for a session
 * that completed or failed): its turn is over (idle), it asks something (needs-input), or it
 * stalled, exited or crashed. Not while it starts or works, nor while a usage limit holds it
 * (it goes on by itself), nor once it is stopped (ended). Pure.
 */
import type { SessionStatus } from './messages.js';

const WAITS_ON_SOMEONE: ReadonlySet<SessionStatus> = new Set(['idle', 'needs-input', 'stalled', 'exited', 'crashed']);

export function needsAttention(status: SessionStatus): boolean {
  return WAITS_ON_SOMEONE.has(status);
}
