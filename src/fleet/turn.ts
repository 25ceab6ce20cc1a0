import type { SessionStatus } from '../protocol/messages.js';
import type { Session } from '../session/session.js';
import { extractTurnReply } from './turn-reply.js';
import { waitForStatus } from './wait-for-status.js';

export interface TurnOptions {
  /** wait for the turn to end and read the reply */
  wait: boolean;
  timeoutMs: number;
  /** how long a submitted message may take to make the agent start working */
  startGraceMs?: number;
}

export interface TurnResult {
  confirmed: boolean;
  attempts: number;
  status: SessionStatus;
  /** set with `wait`: the reply as read off the screen */
  reply?: string;
  timedOut?: boolean;
}

/** Statuses that end a turn: the agent is waiting for someone, or gone. */
export function endsTurn(status: SessionStatus): boolean {
  return status === 'idle' || status === 'needs-input' || status === 'limited' || status === 'exited' || status === 'stopped' || status === 'crashed';
}

/**
 * Send one message and, with `wait`, follow the turn it starts until the agent is idle again
 * (or asks, or is limited, or exits), returning the reply.
 */
export async function runTurn(session: Session, text: string, opts: TurnOptions): Promise<TurnResult> {
  const before = session.screenText().split('\n');
  let sawWork = false;
  const watch = session.onStatus((status) => {
    if (!endsTurn(status)) sawWork = true;
  });
  try {
    const sent = await session.sendMessage(text);
    if (!sent.confirmed || !opts.wait) {
      return { confirmed: sent.confirmed, attempts: sent.attempts, status: session.status };
    }
    const deadline = Date.now() + opts.timeoutMs;
    if (!sawWork && endsTurn(session.status)) {
      // A submitted message that does not show the agent working within the grace period
      // was answered at once (or ignored): the screen as it is now is the reply.
      await waitForStatus(session, (s) => !endsTurn(s), Math.min(opts.startGraceMs ?? 5000, opts.timeoutMs));
    }
    const end = await waitForStatus(session, endsTurn, Math.max(0, deadline - Date.now()));
    const after = session.screenText().split('\n');
    return {
      confirmed: true,
      attempts: sent.attempts,
      status: session.status,
      reply: extractTurnReply(before, after, text),
      timedOut: end === null,
    };
  } finally {
    watch.dispose();
  }
}
