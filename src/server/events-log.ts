import { appendFileSync, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parseEventLines } from '../protocol/event-lines.js';
import type { FleetEvent } from '../protocol/messages.js';

/** How much of the log's end is read for its recent events: the newest few hundred. */
const TAIL_BYTES = 256 * 1024;

/**
 * `<log_dir>/events.jsonl`: the fleet's history, append-only, one JSON object a line.
 * Screen updates are not history and are left out.
 */
export class EventsLog {
  constructor(private readonly path: string) {}

  append(event: FleetEvent): void {
    if (event.type === 'screen') return;
    try {
      appendFileSync(this.path, `${JSON.stringify(event)}\n`);
    } catch {
      // the log is a record, not a dependency: a full disk must not stop the fleet
    }
  }

  /** The last `count` events (of those `keep` accepts), oldest first; a torn or foreign line is skipped. */
  recent(count: number, keep: (e: FleetEvent) => boolean = () => true): FleetEvent[] {
    let text: string;
    try {
      const fd = openSync(this.path, 'r');
      try {
        const size = fstatSync(fd).size;
        const from = Math.max(0, size - TAIL_BYTES);
        const buf = Buffer.alloc(size - from);
        const got = readSync(fd, buf, 0, buf.length, from);
        text = buf.subarray(0, got).toString('utf8');
        // a read that began mid-line drops that line
        if (from > 0) text = text.slice(text.indexOf('\n') + 1);
      } finally {
        closeSync(fd);
      }
    } catch {
      return []; // no log yet
    }
    const events = parseEventLines(text.split('\n')).filter(keep);
    return count > 0 ? events.slice(-count) : [];
  }
}
