/**
 * One turn's reading of the CLI's session file: the file as it stood when the turn began is
 * the baseline, and only records written after it count. A different file that appears
 * during the turn (a new or forked conversation, the first prompt of a CLI that creates its
 * file lazily) is read from its start, keeping only records stamped after the turn began —
 * a fork copies the history it came from.
 */
import { newestMatch, readRecords } from './session-file.js';
import { recordTime, summariseTurn, type TurnRecords } from './session-records.js';

/** Records and files may be stamped a little before the turn's start as hangar saw it. */
const SLACK_MS = 2000;

export class TurnSessionFile {
  private path: string | null = null;
  private offset = 0;
  private readonly records: unknown[] = [];

  /** `pattern()`: the expanded session_file (it may change: the conversation id is learnt late). */
  constructor(
    private readonly pattern: () => string | null,
    private readonly turnStartedAt: number,
  ) {
    const p = pattern();
    const found = p ? newestMatch(p) : null;
    if (found) {
      this.path = found.path;
      this.offset = found.size;
    }
  }

  /** Read what was written since the last read: the turn's records so far, summarised. */
  read(): TurnRecords {
    const p = this.pattern();
    const found = p ? newestMatch(p) : null;
    if (found && found.path !== this.path && found.mtimeMs >= this.turnStartedAt - SLACK_MS) {
      this.path = found.path;
      this.offset = 0;
    }
    if (this.path) {
      const { records, next } = readRecords(this.path, this.offset);
      this.offset = next;
      for (const r of records) {
        const at = recordTime(r);
        if (at === null || at >= this.turnStartedAt - SLACK_MS) this.records.push(r);
      }
    }
    return summariseTurn(this.records);
  }
}
