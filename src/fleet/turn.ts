import type { SessionStatus } from '../protocol/messages.js';
import type { Session } from '../session/session.js';
import { extractTurnReply } from './turn-reply.js';
import { waitForStatus } from './wait-for-status.js';

export interface TurnOptions {
  /** wait for the turn to end and read the reply */
  wait: boolean;
  timeoutMs: number;
  /** how long a submitted message may take to show any effect on the status */
  startGraceMs?: number;
  /** aborted when whoever asked has gone: the waits end there, and a message not typed yet is not */
  signal?: AbortSignal;
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
 *
 * With `wait`, a turn already in progress is waited out first, so that its reply is not taken
 * for this one's (a busy agent would only queue the message anyway).
 */
export async function runTurn(session: Session, text: string, opts: TurnOptions): Promise<TurnResult> {
  const deadline = Date.now() + opts.timeoutMs;
  // waiting for the agent to be free first: a client gone meanwhile has its message dropped, untyped
  if (opts.wait && ((await waitForStatus(session, endsTurn, opts.timeoutMs, opts.signal)) === null || opts.signal?.aborted)) {
    return { confirmed: false, attempts: 0, status: session.status, timedOut: true };
  }
  const before = session.screenText().split('\n');
  let changed = false;
  const watch = session.onStatus(() => {
    changed = true;
  });
  try {
    const sent = await session.sendMessage(text);
    if (!sent.confirmed || !opts.wait) {
      return { confirmed: sent.confirmed, attempts: sent.attempts, status: session.status };
    }
    if (!changed && endsTurn(session.status)) {
      // No sign of the turn yet: give it a moment to show one (working, or straight to a
      // question or a limit). An agent that answers without ever changing status is read as is.
      await waitForStatus(session, () => changed, Math.min(opts.startGraceMs ?? 5000, Math.max(0, deadline - Date.now())), opts.signal);
    }
    const end = await waitForStatus(session, endsTurn, Math.max(0, deadline - Date.now()), opts.signal);
    return {
      confirmed: true,
      attempts: sent.attempts,
      status: session.status,
      reply: extractTurnReply(before, session.screenText().split('\n'), text),
      timedOut: end === null,
    };
  } finally {
    watch.dispose();
  }
}
