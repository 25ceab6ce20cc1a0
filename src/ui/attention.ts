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
/** A redraw's working spell longer than this after the resize was a turn after all. */
export const REDRAW_MAX_MS = 10_000;

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
 * Which status changes belong to the redraw that follows a resize, read off the sizes of the
 * screen updates and the status changes. A redraw is the working spell that begins within
 * RESIZE_SETTLE_MS of the resize, up to its end when that comes within REDRAW_MAX_MS (a loaded
 * machine can take longer than RESIZE_SETTLE_MS to go quiet; a spell longer than REDRAW_MAX_MS
 * was a turn that happened to start then), plus any other change within RESIZE_SETTLE_MS.
 * Once it ended, the next turn counts even if it starts at once.
 */
export class ResizeRedraws {
  private readonly panes = new Map<string, PaneRedraw>();

  /** A screen update of `name` at `now`: a new size (or the first update) is a resize. */
  note(name: string, cols: number, rows: number, now: number): void {
    const pane = this.pane(name);
    if (pane.size && pane.size.cols === cols && pane.size.rows === rows) return;
    pane.size = { cols, rows };
    pane.resizedAt = now;
    // the status event of the redraw's output may have overtaken the (paced) screen update
    const workingSince = pane.status === 'working' ? pane.statusSince : null;
    pane.redraw = workingSince !== null && now - workingSince < RESIZE_SETTLE_MS ? 'working' : 'pending';
  }

  /** A status change of `name` at `now` (recorded): whether it belongs to a resize's redraw. */
  statusChange(name: string, status: SessionStatus, now: number): boolean {
    const pane = this.pane(name);
    pane.status = status;
    pane.statusSince = now;
    const soon = pane.resizedAt !== null && now - pane.resizedAt < RESIZE_SETTLE_MS;
    if (pane.redraw === 'working') {
      if (status !== 'working') pane.redraw = 'none';
      return pane.resizedAt !== null && now - pane.resizedAt < REDRAW_MAX_MS;
    }
    if (pane.redraw === 'pending' && soon) {
      if (status === 'working') pane.redraw = 'working';
      return true;
    }
    pane.redraw = 'none';
    return false;
  }

  private pane(name: string): PaneRedraw {
    let pane = this.panes.get(name);
    if (!pane) this.panes.set(name, (pane = { size: null, resizedAt: null, redraw: 'none', status: null, statusSince: 0 }));
    return pane;
  }
}

interface PaneRedraw {
  size: { cols: number; rows: number } | null;
  resizedAt: number | null;
  /** pending: resized, no working yet; working: the redraw's working spell runs; none: over */
  redraw: 'pending' | 'working' | 'none';
  status: SessionStatus | null;
  statusSince: number;
}
