import type { FleetEvent } from './messages.js';

/**
 * The events of JSON Lines text (`<log_dir>/events.jsonl`, one FleetEvent a line): a torn or
 * foreign line is skipped, never fatal.
 */
export function parseEventLines(lines: readonly string[]): FleetEvent[] {
  return lines.flatMap((line) => {
    if (!line) return [];
    try {
      const e = JSON.parse(line) as FleetEvent;
      return e && typeof e === 'object' && typeof e.type === 'string' ? [e] : [];
    } catch {
      return [];
    }
  });
}
