import { appendFileSync } from 'node:fs';
import type { FleetEvent } from '../protocol/messages.js';

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
}
