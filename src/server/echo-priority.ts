/**
 * A keystroke's echo goes before other panes' output. When input reaches a session, the
 * server stops reading the other sessions' ptys until that session's screen changes (its
 * echo is parsed) and ECHO_SHOWN_MS more have passed, or ECHO_HOLD_MS in all; their children
 * wait in the kernel meanwhile, as on a slow terminal. A flood in another pane then no longer
 * competes for the server's loop (and, blocked, for the CPU) with the one row the user is
 * waiting for — nor, for those few more milliseconds, with the cockpit drawing it and the
 * terminal showing it, which are further processes on the same cores.
 *
 * Only sessions that wrote something in the last RECENT_OUTPUT_MS are held: an idle shell or
 * an agent waiting for its turn has nothing to hold back, and holding it cost a pause and a
 * resume of its pty (two epoll calls), a timer and a wake-up on every key (issue 17: with idle
 * neighbours the server spent ~0.5 ms of CPU per key, tmux ~0.1).
 *
 * The price is the other panes' throughput while keys arrive: a person typing holds them a
 * few milliseconds per key; keys sent back to back (a benchmark) hold them most of the time
 * (the session's flow control lets holds that follow each other last 100 ms at most, then
 * reads for 15 ms: session/output-flow.ts).
 */
import { systemClock, type Clock, type TimerHandle } from '../base/clock.js';

/** The longest other sessions' output waits for one keystroke's echo. */
export const ECHO_HOLD_MS = 15;
/** How long they wait after the echo was parsed: the cockpit draws it meanwhile (measured: p99 of echo under 3 flooding panes ~12 → ~8 ms). */
export const ECHO_SHOWN_MS = 4;
/**
 * A session quiet for this long is not held. Longer than a run of holds may last (MAX_HOLD_MS,
 * session/output-flow.ts): a flooding session held back to back has read nothing for that long.
 */
export const RECENT_OUTPUT_MS = 250;

export interface EchoSession {
  holdOutput(ms: number): void;
  releaseOutput(): void;
  /** whether the child wrote anything in the last `ms` */
  outputWithin(ms: number): boolean;
  onScreen(cb: () => void): { dispose(): void };
}

export interface EchoSessions {
  /** the running sessions, by name */
  running(): Iterable<[string, EchoSession]>;
}

export class EchoPriority {
  private waiting: { dispose(): void } | null = null;
  private shown: TimerHandle | null = null;
  private held: EchoSession[] = [];

  constructor(
    private readonly sessions: EchoSessions,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Input is about to be written to session `name`. */
  input(name: string): void {
    this.release();
    const running = [...this.sessions.running()];
    const target = running.find(([other]) => other === name)?.[1];
    if (!target) return;
    for (const [other, session] of running) {
      if (other === name || !session.outputWithin(RECENT_OUTPUT_MS)) continue;
      session.holdOutput(ECHO_HOLD_MS);
      this.held.push(session);
    }
    if (this.held.length === 0) return; // nothing to let go of once the echo is shown
    this.waiting = target.onScreen(() => {
      this.waiting?.dispose();
      this.waiting = null;
      this.shown ??= this.clock.setTimeout(() => this.release(), ECHO_SHOWN_MS);
    });
  }

  /** Read every held session again. */
  release(): void {
    this.waiting?.dispose();
    this.waiting = null;
    if (this.shown !== null) this.clock.clearTimeout(this.shown);
    this.shown = null;
    for (const session of this.held.splice(0)) session.releaseOutput();
  }
}
