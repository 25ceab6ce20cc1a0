import type { SessionStatus } from '../protocol/messages.js';
import type { Session } from '../session/session.js';
import { systemClock, type Clock } from '../base/clock.js';
import { DisposableStore, MutableDisposable, type Disposable } from '../base/disposable.js';
import { timer } from '../base/timer.js';
import { extractTurnReply } from './turn-reply.js';
import { endsTurn, TURN_SETTINGS, TurnTracker, type TurnEvent, type TurnSettings } from './turn-tracker.js';
import { waitForStatus } from './wait-for-status.js';

export interface TurnOptions<R extends TurnReading = TurnReading> {
  /** wait for the turn to end and read the reply */
  wait: boolean;
  timeoutMs: number;
  /** when a turn ends (turn-tracker.ts): the pilot's settings unless said otherwise */
  turn?: TurnSettings;
  /** the clock the turn's quiet period and the timeout run on (tests drive it by hand) */
  clock?: Clock;
  /**
   * the backend's word on the turn (its session file's records, read from `startedAt` on):
   * read every BACKEND_POLL_MS while the turn runs; a turn it says ended ends without the quiet period
   */
  backend?: (startedAt: number) => TurnBackend<R> | null;
  /**
   * the CLI's hooks saying its turn ended (Claude's Stop, Codex's notify): each call of the
   * listener is one; the turn ends at once, as the pilot's does
   */
  hookTurnEnds?: (listener: () => void) => Disposable;
  /** aborted when whoever asked has gone: the waits end there, and a message not typed yet is not */
  signal?: AbortSignal;
}

export interface TurnResult<R extends TurnReading = TurnReading> {
  confirmed: boolean;
  attempts: number;
  status: SessionStatus;
  /** set with `wait`: the reply as read off the screen */
  reply?: string;
  timedOut?: boolean;
  /** set with `wait` when the backend was followed: its last word on the turn (tokens, cost: the pilot's SessionTurn) */
  backendSaid?: R;
}

/** What the backend says about a turn: at least whether it ended. */
export interface TurnReading {
  ended: boolean;
}

/** One turn's reading of what the backend says about it (the pilot's SessionTurn is one). */
export interface TurnBackend<R extends TurnReading = TurnReading> {
  /** `final`: the turn is over, this is the last read (look for the file again at once) */
  read(final?: boolean): R;
  /** released when the turn is no longer followed */
  dispose?(): void;
}

/** How often the backend's word is read while a turn runs (as the pilot reads it). */
export const BACKEND_POLL_MS = 250;

/** What a turn needs of a session: its status, and a message typed into it. */
export type TurnSession = Pick<Session, 'status' | 'onStatus' | 'sendMessage' | 'screenText'>;

/**
 * Send one message and, with `wait`, follow the turn it starts until it ends as the pilot
 * sees turns end (turn-tracker.ts): the agent idle, asking or limited for the quiet period (a
 * pause between tool calls is not the end), or gone; a prompt it never reacts to ends after
 * the start grace. Returns the reply read off the screen.
 *
 * With `wait`, a turn already in progress is waited out first, so that its reply is not taken
 * for this one's (a busy agent would only queue the message anyway).
 */
export async function runTurn<R extends TurnReading>(session: TurnSession, text: string, opts: TurnOptions<R>): Promise<TurnResult<R>> {
  const clock = opts.clock ?? systemClock;
  const deadline = clock.now() + opts.timeoutMs;
  // waiting for the agent to be free first: a client gone meanwhile has its message dropped, untyped
  if (opts.wait && ((await waitForStatus(session, endsTurn, opts.timeoutMs, opts.signal)) === null || opts.signal?.aborted)) {
    return { confirmed: false, attempts: 0, status: session.status, timedOut: true };
  }
  if (!opts.wait) {
    const sent = await session.sendMessage(text);
    return { confirmed: sent.confirmed, attempts: sent.attempts, status: session.status };
  }
  return followSentTurn(session, text, { ...opts, clock }, deadline, () => session.sendMessage(text));
}

/**
 * The first turn of an agent just started with `kickoff` as its first prompt (its CLI was
 * given it at launch, or hangar types it once the CLI is ready): followed as runTurn follows a
 * turn it sent, from the session's start, and its reply read off the screen.
 */
export function followKickoffTurn<R extends TurnReading>(session: TurnSession, kickoff: string, opts: Omit<TurnOptions<R>, 'wait'>): Promise<TurnResult<R>> {
  const clock = opts.clock ?? systemClock;
  return followSentTurn(session, kickoff, { ...opts, wait: true, clock }, clock.now() + opts.timeoutMs, async () => ({ confirmed: true, attempts: 0 }));
}

/** `send` puts the prompt in (or it is in already); the turn it starts is followed until it ends or `deadline`. */
async function followSentTurn<R extends TurnReading>(
  session: TurnSession,
  text: string,
  opts: TurnOptions<R> & { clock: Clock },
  deadline: number,
  send: () => Promise<{ confirmed: boolean; attempts: number }>,
): Promise<TurnResult<R>> {
  const { clock } = opts;
  const before = session.screenText().split('\n');
  const store = new DisposableStore();
  try {
    const followed = followTurn(session, text, { clock, settings: opts.turn ?? TURN_SETTINGS, backend: opts.backend, hookTurnEnds: opts.hookTurnEnds }, store);
    const sent = await send();
    if (!sent.confirmed) return { confirmed: false, attempts: sent.attempts, status: session.status };
    const outcome = await new Promise<'ended' | 'timeout' | 'aborted'>((resolve) => {
      void followed.ended.then(() => resolve('ended'));
      store.add(timer(clock, deadline - clock.now(), () => resolve('timeout')));
      if (opts.signal?.aborted) return resolve('aborted');
      const abort = () => resolve('aborted');
      opts.signal?.addEventListener('abort', abort, { once: true });
      store.add({ dispose: () => opts.signal?.removeEventListener('abort', abort) });
    });
    // the backend's last word, read before it is released: the turn's tokens and cost
    const said = followed.backend?.read(true);
    return {
      confirmed: true,
      attempts: sent.attempts,
      status: session.status,
      reply: extractTurnReply(before, session.screenText().split('\n'), text),
      timedOut: outcome !== 'ended',
      ...(said ? { backendSaid: said } : {}),
    };
  } finally {
    store.dispose();
  }
}

/**
 * A turn tracker fed with the session's statuses and the prompt, its deadline on `clock`:
 * resolves at the turn's end. What it holds goes into `store`.
 */
function followTurn<R extends TurnReading>(
  session: TurnSession,
  text: string,
  how: { clock: Clock; settings: TurnSettings; backend: TurnOptions<R>['backend']; hookTurnEnds: TurnOptions['hookTurnEnds'] },
  store: DisposableStore,
): { ended: Promise<void>; backend: TurnBackend<R> | null } {
  const { clock } = how;
  const tracker = new TurnTracker(how.settings, session.status);
  const tick = store.add(new MutableDisposable());
  const poll = store.add(new MutableDisposable());
  let backend: TurnBackend<R> | null = null;
  const ended = new Promise<void>((resolve) => {
    let over = false;
    const feed = (events: TurnEvent[]) => {
      if (over) return;
      if (events.some((e) => e.type === 'turn-end')) {
        over = true;
        return resolve();
      }
      const due = tracker.deadline;
      tick.value = due === null ? undefined : timer(clock, due - clock.now(), () => feed(tracker.tick(clock.now())));
    };
    store.add(session.onStatus((status) => feed(tracker.status(status, clock.now()))));
    const startedAt = clock.now();
    feed(tracker.promptSent(text, startedAt));
    if (how.hookTurnEnds) store.add(how.hookTurnEnds(() => feed(tracker.backend(true, clock.now()))));
    const said = (backend = how.backend?.(startedAt) ?? null);
    if (said) {
      if (said.dispose) store.add({ dispose: () => said.dispose!() });
      const read = () => {
        feed(tracker.backend(said.read().ended, clock.now()));
        if (!over) poll.value = timer(clock, BACKEND_POLL_MS, read);
      };
      poll.value = timer(clock, BACKEND_POLL_MS, read);
    }
  });
  return { ended, backend };
}
