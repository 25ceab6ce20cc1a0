/**
 * Follows one agent's session file for as long as its session runs, piloted or not: each
 * read returns the records written since the last one. Reads are bounded (the file as it
 * stood is read from TAIL_BYTES before its end, then what was appended, MAX_READ at most per
 * call); records stamped before `since` are left out (a resumed conversation's history). A
 * file replaced or cut short under the same name is read again from its start, and the read
 * says so (`restarted`): whoever gathers records drops what it gathered from that file.
 * The pattern is matched on disk (a `*` may mean listing many folders: Codex keeps every day's
 * sessions) only while no file is found yet, while the file found holds nothing of this
 * session (the newest match at a start can be the conversation before it: a fork's new file is
 * written a moment later), or when the pattern itself changes (the id learnt late, a new
 * conversation), at most every RESCAN_MS — or at once when the caller asks (a turn's last read:
 * a file that appeared during a short turn is still read).
 */
import { statSync } from 'node:fs';
import { newestMatch, readRecords } from './session-file.js';
import { recordTime } from './session-records.js';

/** How far back from the end a file first found is read. */
export const TAIL_BYTES = 256 * 1024;
/** How often the pattern is matched again. */
const RESCAN_MS = 2000;
/** Records stamped this much before `since` still count (clock rounding). */
const RECORD_SLACK_MS = 1000;

export interface FollowedRecords {
  records: unknown[];
  /** the file was replaced, cut short or another file taken: these records are read from its start */
  restarted: boolean;
}

export class SessionFileFollower {
  private path: string | null = null;
  private offset = 0;
  private ino: number | null = null;
  private scannedAt = -Infinity;
  /** the pattern the current file was found by */
  private foundBy: string | null = null;
  /** the current file has given a record of this session (it is this session's file) */
  private sawFresh = false;

  /** `pattern()`: the expanded session_file, or null while its id is unknown; times are epoch ms. */
  constructor(
    private readonly pattern: () => string | null,
    private readonly since: number,
  ) {}

  /** The records written since the last read; `rescan`: match the pattern again now. */
  read(now: number, rescan = false): FollowedRecords {
    let restarted = false;
    if ((rescan || now - this.scannedAt >= RESCAN_MS) && (this.path === null || !this.sawFresh || this.pattern() !== this.foundBy)) restarted = this.rescan(now);
    if (!this.path) return { records: [], restarted: false };
    const st = statSync(this.path, { throwIfNoEntry: false });
    if (!st) return { records: [], restarted };
    if ((this.ino !== null && st.ino !== this.ino) || st.size < this.offset) {
      this.offset = 0;
      restarted = true;
    }
    this.ino = st.ino;
    const { records, next } = readRecords(this.path, this.offset);
    this.offset = next;
    const fresh = records.filter((r) => {
      const at = recordTime(r);
      return at === null || at >= this.since - RECORD_SLACK_MS;
    });
    if (fresh.length > 0) this.sawFresh = true;
    return { records: fresh, restarted };
  }

  /** Whether another file was taken. */
  private rescan(now: number): boolean {
    this.scannedAt = now;
    const p = this.pattern();
    const found = p ? newestMatch(p) : null;
    if (!found) return false;
    this.foundBy = p;
    if (found.path === this.path) return false;
    const first = this.path === null;
    this.path = found.path;
    this.sawFresh = false;
    this.ino = null;
    this.offset = Math.max(0, found.size - TAIL_BYTES);
    return !first;
  }
}
