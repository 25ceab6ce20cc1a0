/**
 * Every agent's session file, followed by ONE follower per running session (its backend's
 * `session_file`), piloted, watched or neither, from the session's start: the records are read
 * every POLL_MS (and whenever a reader asks: a turn's end, a watchdog look) and handed to every
 * listener — the usage ledger, the usage-limit fold, the status, the pilot's and `send --wait`'s
 * turns. Nobody else opens a session file to follow it.
 *
 * Records stamped before the session started are history (a resumed conversation's past):
 * only a listener that asks for them gets them (the ledger, from the time `historySince` names:
 * what an earlier server may not have read before it ended; its keys count each record once).
 */
import { homedir } from 'node:os';
import type { Clock } from '../base/clock.js';
import { DisposableStore, MutableDisposable, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import { timer } from '../base/timer.js';
import type { Fleet } from '../fleet/fleet.js';
import { sessionFilePattern } from './session-file.js';
import { SessionFileFollower } from './session-file-follower.js';
import { recordTime } from './session-records.js';

/** How often every followed file is read when nobody asks sooner. */
const FEED_POLL_MS = 1000;
/** Records stamped this much before the session's start are still the session's (clock rounding). */
const SESSION_SLACK_MS = 1000;
/** The session's last records kept for a reader that begins now (a turn whose prompt was recorded just before it was seen). */
const RECENT_RECORDS = 256;

/** One read of an agent's session file. */
export interface FeedBatch {
  name: string;
  /** the session's records, in the order written */
  records: readonly unknown[];
  /** records stamped before the session began (only for listeners that take history) */
  history: readonly unknown[];
  /** the file was read again from its start (replaced, cut short, another file): gathered records are void */
  restarted: boolean;
}

interface Followed {
  follower: SessionFileFollower;
  /** wall-clock ms the session started (records carry wall-clock times) */
  startedAt: number;
  /** the session's last records read, oldest first */
  recent: unknown[];
}

export class SessionFeed implements Disposable {
  private readonly followed = new Map<string, Followed>();
  private readonly batches = new Emitter<[FeedBatch]>();
  private readonly store = new DisposableStore();
  private readonly poll = this.store.add(new MutableDisposable());

  /** Every read that found something (or a restart); listeners run in the order they subscribed. */
  readonly onRecords = this.batches.event;

  /**
   * `conversationId(name)`: the id the agent's session file is named by, null while unknown;
   * `historySince(name)`: from when records before the session's start are still wanted (the
   * ledger's last record of the agent); null: none are.
   */
  constructor(
    private readonly fleet: Fleet,
    private readonly clock: Clock,
    private readonly conversationId: (name: string) => string | null,
    private readonly historySince: (name: string) => number | null = () => null,
  ) {
    this.store.add(
      fleet.onEvent((e) => {
        if (e.type === 'started') this.follow(e.name);
        // what the CLI wrote as it ended is still its session's
        else if (e.type === 'exit') {
          this.read(e.name, true);
          this.followed.delete(e.name);
        }
      }),
    );
    for (const name of fleet.names()) if (fleet.isRunning(name)) this.follow(name);
    this.store.add(this.batches);
  }

  /** Whether the agent's session file is followed (its backend has one and it runs). */
  has(name: string): boolean {
    return this.followed.has(name);
  }

  /** Read the agent's file now and hand what it holds to the listeners; `rescan`: look for its file again at once. */
  read(name: string, rescan = false): void {
    const f = this.followed.get(name);
    if (!f) return;
    const { records, restarted } = f.follower.read(this.clock.now(), rescan);
    if (records.length === 0 && !restarted) return;
    const session: unknown[] = [];
    const history: unknown[] = [];
    for (const r of records) {
      const at = recordTime(r);
      (at === null || at >= f.startedAt - SESSION_SLACK_MS ? session : history).push(r);
    }
    if (restarted) f.recent = [];
    f.recent.push(...session);
    if (f.recent.length > RECENT_RECORDS) f.recent.splice(0, f.recent.length - RECENT_RECORDS);
    this.batches.fire({ name, records: session, history, restarted });
  }

  /** The session's last records read (up to RECENT_RECORDS), oldest first. */
  recent(name: string): readonly unknown[] {
    return this.followed.get(name)?.recent ?? [];
  }

  private follow(name: string): void {
    this.followed.delete(name);
    const agent = this.fleet.agents().find((a) => a.name === name);
    const template = agent && this.fleet.currentConfig.backends[this.fleet.runningConfig(name)?.backend ?? agent.backend]?.session_file;
    if (!agent || template === undefined) return;
    const pattern = () => sessionFilePattern(template, { id: this.conversationId(name), cwd: agent.dir, home: homedir() });
    const startedAt = Date.now();
    const since = Math.min(startedAt, this.historySince(name) ?? startedAt);
    this.followed.set(name, { follower: new SessionFileFollower(pattern, since), startedAt, recent: [] });
    this.arm();
  }

  private arm(): void {
    if (this.poll.value || this.followed.size === 0 || this.store.isDisposed) return;
    this.poll.value = timer(this.clock, FEED_POLL_MS, () => {
      this.poll.value = undefined;
      for (const name of [...this.followed.keys()]) this.read(name);
      this.arm();
    });
  }

  dispose(): void {
    this.store.dispose();
    this.followed.clear();
  }
}
