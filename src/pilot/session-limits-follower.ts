/**
 * The usage limit each running agent's session file records, piloted or not: one
 * SessionFileFollower per session (a new one at each start), its records folded by
 * session-limits.ts. The watchdog asks at each look; the server wires the two together.
 */
import { homedir } from 'node:os';
import type { Disposable } from '../base/disposable.js';
import type { Fleet } from '../fleet/fleet.js';
import { sessionFilePattern } from './session-file.js';
import { SessionFileFollower } from './session-file-follower.js';
import { foldSessionLimit, NO_SESSION_LIMIT, sessionLimitAt, type SessionLimit, type SessionLimitState } from './session-limits.js';

export class SessionLimitsFollower implements Disposable {
  private readonly followed = new Map<string, { follower: SessionFileFollower; state: SessionLimitState }>();
  private readonly subscription: Disposable;

  /** `conversationId(name)`: the id the agent's session file is named by, null while unknown. */
  constructor(
    private readonly fleet: Fleet,
    private readonly conversationId: (name: string) => string | null,
  ) {
    // a new session: its own file, its own records
    this.subscription = fleet.onEvent((e) => {
      if (e.type === 'started' || e.type === 'exit') this.followed.delete(e.name);
    });
  }

  /** The limit the agent's session file records at `now`; null when its backend has no session_file. */
  read(name: string, now: number): SessionLimit | null {
    let f = this.followed.get(name);
    if (!f) {
      const agent = this.fleet.agents().find((a) => a.name === name);
      const template = agent && this.fleet.currentConfig.backends[agent.backend]?.session_file;
      if (!agent || template === undefined) return null;
      const pattern = () => sessionFilePattern(template, { id: this.conversationId(name), cwd: agent.dir, home: homedir() });
      // records carry wall-clock times: the session's records are those from now on
      f = { follower: new SessionFileFollower(pattern, Date.now()), state: NO_SESSION_LIMIT };
      this.followed.set(name, f);
    }
    f.state = foldSessionLimit(f.state, f.follower.read(now));
    return sessionLimitAt(f.state, now);
  }

  dispose(): void {
    this.subscription.dispose();
    this.followed.clear();
  }
}
