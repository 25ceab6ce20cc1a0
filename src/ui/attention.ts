import type { SessionStatus } from '../protocol/messages.js';

/** Why an agent wants a person: it finished a turn, or it asks a question. */
export type AttentionReason = 'idle' | 'needs-input';

/**
 * A pty that changes size makes its child redraw, and output makes a quiet agent 'working'
 * until it is quiet again (~1 s): that is no finished turn. Status changes this soon after a
 * pane's size changed (or after the cockpit first saw the pane: attaching resizes every pty)
 * call nobody.
 */
export const RESIZE_SETTLE_MS = 1500;

export interface StatusChange {
  /** the member's kind: 'service' has no turns */
  kind: string;
  prev: SessionStatus;
  status: SessionStatus;
  /** ms since the pane's pty last changed size, as this cockpit saw it; null when never seen */
  msSinceResize: number | null;
}

/**
 * Whether a status change calls for a person — the attention marker, and `[ui] notify` — and
 * why: an agent that finishes a turn (working → idle) or starts asking (→ needs-input).
 * Whether the agent is focused is the caller's business (the marker and the bell skip it).
 */
export function attentionReason(change: StatusChange): AttentionReason | null {
  if (change.kind === 'service') return null;
  if (change.msSinceResize !== null && change.msSinceResize < RESIZE_SETTLE_MS) return null;
  if (change.prev === 'working' && change.status === 'idle') return 'idle';
  if (change.status === 'needs-input' && change.prev !== 'needs-input') return 'needs-input';
  return null;
}

/** When each pane's pty last changed size, read off the sizes of its screen updates. */
export class PaneResizes {
  private readonly seen = new Map<string, { cols: number; rows: number; at: number }>();

  /** A screen update of `name` at `now`: a new size (or the first update) restarts its settle time. */
  note(name: string, cols: number, rows: number, now: number): void {
    const last = this.seen.get(name);
    if (last && last.cols === cols && last.rows === rows) return;
    this.seen.set(name, { cols, rows, at: now });
  }

  msSince(name: string, now: number): number | null {
    const last = this.seen.get(name);
    return last ? now - last.at : null;
  }
}
