/**
 * One turn's reading of the CLI's session file. Only records stamped from the turn's start on
 * count (`turnStartedAt` is wall-clock epoch ms, as the records' timestamps are): the file as
 * it stood is read from a little before its end, since a prompt typed into the pane is
 * recorded before the turn is seen to start. The newest matching file is followed until one
 * yields a record of this turn; from then on that file alone is read (a `*` pattern also
 * matches the files of subagents and of other sessions). A file that appears during the turn
 * (a fork, a CLI that creates its file at the first prompt) is read from its start — a fork
 * copies the history it came from, which the timestamps leave out. A file replaced or cut
 * short under the same name is read again from its start, the turn's records with it.
 */
import { statSync } from 'node:fs';
import { newestMatch, readRecords } from './session-file.js';
import { recordTime, summariseTurn, type TurnRecords } from './session-records.js';

/** How far back from the end the file is read when the turn begins. */
const TAIL_BYTES = 256 * 1024;
/** Records stamped this much before the turn's start still count (clock rounding). */
const RECORD_SLACK_MS = 250;
/** A file written this long before the turn began is not this turn's. */
const FILE_SLACK_MS = 2000;
/** How often a pattern is matched again while no file holds this turn's records. */
const RESCAN_MS = 2000;

export class TurnSessionFile {
  private path: string | null = null;
  private offset = 0;
  /** the inode read, to notice the file replaced under its name */
  private ino: number | null = null;
  private locked = false;
  private scannedAt = -Infinity;
  private readonly records: unknown[] = [];

  /**
   * `pattern()`: the expanded session_file (it may change: the conversation id is learnt
   * late); `now()`: wall-clock ms, for how often the pattern is matched again.
   */
  constructor(
    private readonly pattern: () => string | null,
    private readonly turnStartedAt: number,
    private readonly now: () => number = Date.now,
  ) {
    this.rescan(true);
  }

  /**
   * Read what was written since the last read: the turn's records so far, summarised. The last
   * read of a turn (`final`) looks for its file again however recently it looked: a turn shorter
   * than the rescan interval in a file that appeared during it (a fork, a CLI that creates its
   * file at the first prompt) still gets its records.
   */
  read(final = false): TurnRecords {
    if (!this.locked && (final || this.now() - this.scannedAt >= RESCAN_MS)) this.rescan(false);
    if (this.path) {
      const st = statSync(this.path, { throwIfNoEntry: false });
      if (st && ((this.ino !== null && st.ino !== this.ino) || st.size < this.offset)) {
        this.offset = 0;
        this.records.length = 0; // read again: counted once
      }
      this.ino = st?.ino ?? null;
      const { records, next } = readRecords(this.path, this.offset);
      this.offset = next;
      for (const r of records) {
        const at = recordTime(r);
        if (at !== null && at < this.turnStartedAt - RECORD_SLACK_MS) continue;
        this.records.push(r);
        if (at !== null) this.locked = true;
      }
    }
    return summariseTurn(this.records);
  }

  private rescan(first: boolean): void {
    this.scannedAt = this.now();
    const p = this.pattern();
    const found = p ? newestMatch(p) : null;
    if (!found || found.path === this.path) return;
    this.ino = null;
    if (first) {
      this.path = found.path;
      this.offset = Math.max(0, found.size - TAIL_BYTES);
    } else if (found.mtimeMs >= this.turnStartedAt - FILE_SLACK_MS) {
      this.path = found.path;
      this.offset = 0;
    }
  }
}
