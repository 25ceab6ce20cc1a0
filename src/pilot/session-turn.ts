/**
 * One turn's records, gathered from the agent's one session-file follower (session-feed.ts)
 * from the turn's start on, summarised by session-records.ts: the pilot's checkpoint reads its
 * tokens and cost, and the pilot and `send --wait` read whether the records say it ended.
 *
 * Records stamped from a little before the turn began count: a prompt typed into the pane is
 * recorded before the turn is seen to start. A file read again from its start (replaced, cut
 * short, a new file found) voids what was gathered: the re-read records are counted once.
 */
import type { Disposable } from '../base/disposable.js';
import type { SessionFeed } from './session-feed.js';
import { recordTime, summariseTurn, type TurnRecords } from './session-records.js';

/** Records stamped this much before the turn's start still count (clock rounding). */
const RECORD_SLACK_MS = 250;

export class SessionTurn implements Disposable {
  private readonly records: unknown[] = [];
  private readonly subscription: Disposable;

  /** `startedAt`: wall-clock epoch ms, as the records' timestamps are. */
  constructor(
    private readonly feed: SessionFeed,
    private readonly name: string,
    private readonly startedAt: number,
  ) {
    feed.read(name);
    this.take(feed.recent(name));
    this.subscription = feed.onRecords((batch) => {
      if (batch.name !== name) return;
      if (batch.restarted) this.records.length = 0;
      this.take(batch.records);
    });
  }

  /** The turn's records so far, summarised; `final`: the turn's last read, which looks for the file again at once. */
  read(final = false): TurnRecords {
    this.feed.read(this.name, final);
    return summariseTurn(this.records);
  }

  private take(records: readonly unknown[]): void {
    for (const r of records) {
      const at = recordTime(r);
      if (at === null || at >= this.startedAt - RECORD_SLACK_MS) this.records.push(r);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
