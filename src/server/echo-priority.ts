/**
 * A keystroke's echo goes before other panes' output. When input reaches a session, the
 * server stops reading the other sessions' ptys until that session's screen changes (its
 * echo is parsed) or ECHO_HOLD_MS pass; their children wait in the kernel meanwhile, as on a
 * slow terminal. A flood in another pane then no longer competes for the server's loop (and,
 * blocked, for the CPU) with the one row the user is waiting for.
 *
 * The price is the other panes' throughput while keys arrive: a person typing holds them a
 * few milliseconds per key; keys sent back to back (a benchmark) hold them most of the time.
 */

/** The longest other sessions' output waits for one keystroke's echo. */
export const ECHO_HOLD_MS = 15;

export interface EchoSession {
  holdOutput(ms: number): void;
  releaseOutput(): void;
  onScreen(cb: () => void): { dispose(): void };
}

export interface EchoSessions {
  /** the running sessions, by name */
  running(): Iterable<[string, EchoSession]>;
}

export class EchoPriority {
  private waiting: { dispose(): void } | null = null;
  private held: EchoSession[] = [];

  constructor(private readonly sessions: EchoSessions) {}

  /** Input is about to be written to session `name`. */
  input(name: string): void {
    this.release();
    const running = [...this.sessions.running()];
    const target = running.find(([other]) => other === name)?.[1];
    if (!target) return;
    for (const [other, session] of running) {
      if (other === name) continue;
      session.holdOutput(ECHO_HOLD_MS);
      this.held.push(session);
    }
    this.waiting = target.onScreen(() => this.release());
  }

  /** Read every held session again. */
  release(): void {
    this.waiting?.dispose();
    this.waiting = null;
    for (const session of this.held.splice(0)) session.releaseOutput();
  }
}
