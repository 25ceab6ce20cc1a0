/**
 * The usage limit each running agent's session file records, piloted, watched or neither: the
 * records of the agent's one follower (session-feed.ts) folded by session-limits.ts, afresh for
 * each session. The usage window's percentage goes to the fleet as it is read (`status`, the
 * pane title) for every agent; the watchdog asks for the limit at each look of a watched one.
 */
import type { Disposable } from '../base/disposable.js';
import { DisposableStore } from '../base/disposable.js';
import type { Fleet } from '../fleet/fleet.js';
import type { SessionFeed } from './session-feed.js';
import { foldSessionLimit, NO_SESSION_LIMIT, sessionLimitAt, type SessionLimit, type SessionLimitState } from './session-limits.js';

export class SessionLimitsFollower implements Disposable {
  private readonly states = new Map<string, SessionLimitState>();
  private readonly store = new DisposableStore();

  constructor(
    fleet: Fleet,
    private readonly feed: SessionFeed,
  ) {
    // a new session: its own file, its own records
    this.store.add(
      fleet.onEvent((e) => {
        if (e.type !== 'started') return;
        this.states.delete(e.name);
        fleet.noteUsage(e.name, null);
      }),
    );
    this.store.add(
      feed.onRecords(({ name, records }) => {
        const before = this.states.get(name) ?? NO_SESSION_LIMIT;
        const after = foldSessionLimit(before, records);
        this.states.set(name, after);
        if (after.codex?.usedPercent !== before.codex?.usedPercent && fleet.names().includes(name)) fleet.noteUsage(name, after.codex?.usedPercent ?? null);
      }),
    );
  }

  /** The limit the agent's session file records at `now`; null when it has no session file followed. */
  read(name: string, now: number): SessionLimit | null {
    if (!this.feed.has(name)) return null;
    this.feed.read(name);
    return sessionLimitAt(this.states.get(name) ?? NO_SESSION_LIMIT, now);
  }

  dispose(): void {
    this.store.dispose();
    this.states.clear();
  }
}
