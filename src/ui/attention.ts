import type { SessionStatus } from '../protocol/messages.js';

/** Why an agent wants a person: it finished a turn, or it asks a question. */
export type AttentionReason = 'idle' | 'needs-input';

/**
 * A pty that changes size makes its child redraw, and output makes a quiet agent 'working'
 * until it is quiet again (~1 s, longer on a loaded machine): that is no finished turn. A
 * status change this soon after a pane's size changed (or after the cockpit first saw the
 * pane: attaching resizes every pty), or one that ends a status begun this soon after it,
 * calls nobody.
 */
export const RESIZE_SETTLE_MS = 1500;

export interface StatusChange {
  /** the member's kind: 'service' has no turns */
  kind: string;
  prev: SessionStatus;
  status: SessionStatus;
  /** whether the change belongs to the redraw that follows a resize (see ResizeRedraws) */
  resizeRedraw: boolean;
}

/**
 * Whether a status change calls for a person — the attention marker, and `[ui] notify` — and
 * why: an agent that finishes a turn (working → idle) or starts asking (→ needs-input).
 * Whether the agent is focused is the caller's business (the marker and the bell skip it).
 */
export function attentionReason(change: StatusChange): AttentionReason | null {
  if (change.kind === 'service') return null;
  if (change.resizeRedraw) return null;
  if (change.prev === 'working' && change.status === 'idle') return 'idle';
  if (change.status === 'needs-input' && change.prev !== 'needs-input') return 'needs-input';
  return null;
}

/**
 * Which status changes belong to a resize's redraw, read off the sizes of the screen updates
 * and the times of the status changes. Timing the whole working spell, not only its end, keeps
 * a slow redraw (idle more than RESIZE_SETTLE_MS after the resize) from passing for a turn.
 */
export class ResizeRedraws {
  private readonly sizes = new Map<string, { cols: number; rows: number; at: number }>();
  /** when each pane's present status began, as this cockpit saw it */
  private readonly statusSince = new Map<string, number>();

  /** A screen update of `name` at `now`: a new size (or the first update) is a resize. */
  note(name: string, cols: number, rows: number, now: number): void {
    const last = this.sizes.get(name);
    if (last && last.cols === cols && last.rows === rows) return;
    this.sizes.set(name, { cols, rows, at: now });
  }

  /**
   * A status change of `name` at `now` (recorded): whether it comes within RESIZE_SETTLE_MS of
   * the pane's last resize, or ends a status that began within RESIZE_SETTLE_MS of it.
   */
  statusChange(name: string, now: number): boolean {
    const resizedAt = this.sizes.get(name)?.at;
    const began = this.statusSince.get(name);
    this.statusSince.set(name, now);
    if (resizedAt === undefined) return false;
    // either side: the status event of the redraw's output may overtake the paced screen update
    const near = (t: number) => Math.abs(t - resizedAt) < RESIZE_SETTLE_MS;
    return near(now) || (began !== undefined && near(began));
  }
}
