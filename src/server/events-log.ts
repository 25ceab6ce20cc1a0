import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { RotatingFile, type LogCap } from '../fs/rotating-file.js';
import { parseEventLines } from '../protocol/event-lines.js';
import type { FleetEvent } from '../protocol/messages.js';

/** How much of the log's end is read for its recent events: the newest few hundred. */
const TAIL_BYTES = 256 * 1024;

/**
 * `<log_dir>/events.jsonl`: the fleet's history, append-only, one JSON object a line, capped
 * and rotated like a session log (events.jsonl.1 …; a line is never split between files).
 * Screen updates and usage changes (the ledger keeps those) are not history and are left out.
 */
export class EventsLog {
  private readonly file: RotatingFile;

  constructor(
    private readonly path: string,
    cap: LogCap,
  ) {
    this.file = new RotatingFile(path, cap);
  }

  /** Why the log is not being written (a full disk, a refused file); null while it is. */
  get error(): Error | null {
    return this.file.error;
  }

  append(event: FleetEvent): void {
    if (event.type === 'screen' || event.type === 'usage') return;
    // the log is a record, not a dependency: a full disk must not stop the fleet (the file keeps the error)
    this.file.write(`${JSON.stringify(event)}\n`);
  }

  close(): void {
    this.file.close();
  }

  /** The last `count` events (of those `keep` accepts), oldest first: `recentEvents` of this log. */
  recent(count: number, keep: (e: FleetEvent) => boolean = () => true): FleetEvent[] {
    return recentEvents(this.path, count, keep);
  }
}

/**
 * The last `count` events of the log at `path` (of those `keep` accepts), oldest first; a torn
 * or foreign line is skipped. Just after a rotation the live file is short: the end of
 * events.jsonl.1 comes before it. The two files are opened by name one after the other: only
 * the server that writes the log reads it this way (on its one thread, so no rotation falls
 * between the two), or a server starting after the last one has gone (previous-server.ts).
 */
export function recentEvents(path: string, count: number, keep: (e: FleetEvent) => boolean = () => true): FleetEvent[] {
  const live = readTail(path, TAIL_BYTES);
  const older = live.whole ? readTail(`${path}.1`, TAIL_BYTES - live.bytes.length) : { bytes: Buffer.alloc(0), whole: true };
  let text = Buffer.concat([older.bytes, live.bytes]).toString('utf8');
  // a read that began mid-line drops that line
  if (!live.whole || !older.whole) text = text.slice(text.indexOf('\n') + 1);
  const events = parseEventLines(text.split('\n')).filter(keep);
  return count > 0 ? events.slice(-count) : [];
}

/** The last `bytes` bytes of a file (nothing when there is no such file), and whether that is all of it. */
function readTail(path: string, bytes: number): { bytes: Buffer; whole: boolean } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { bytes: Buffer.alloc(0), whole: true };
  }
  try {
    const size = fstatSync(fd).size;
    const from = Math.max(0, size - bytes);
    const buf = Buffer.alloc(size - from);
    const got = readSync(fd, buf, 0, buf.length, from);
    return { bytes: buf.subarray(0, got), whole: from === 0 };
  } finally {
    closeSync(fd);
  }
}
