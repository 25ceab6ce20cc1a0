/**
 * The cockpit's event log: which fleet events it shows (statuses are the panes' badges, not
 * log lines), as what text, and the history it begins with — the fleet's recent events from
 * the server, so a cockpit attached later sees what happened before it came.
 */
import { clockTime, eventText } from '../text/event-text.js';
import type { FleetClient } from '../client/fleet-client.js';
import type { FleetEvent } from '../protocol/messages.js';

const LOGGED: readonly string[] = ['started', 'exit', 'log', 'watchdog', 'pilot', 'orchestration'];

export function isLogged(e: FleetEvent): boolean {
  return LOGGED.includes(e.type);
}

/** An event as a line of the event log; null for one it does not show. */
export function eventLine(e: FleetEvent): string | null {
  if (!isLogged(e)) return null;
  const text = eventText(e);
  return text === null || !('at' in e) ? null : `${clockTime(e.at)} ${text}`;
}

/**
 * The log lines of the fleet's last `count` shown events, oldest first, leaving out those in
 * `live` (already received since subscribing, as JSON). An older server without the request:
 * none, and the log starts empty as it used to.
 */
export async function earlierEventLines(client: Pick<FleetClient, 'request'>, live: ReadonlySet<string>, count: number): Promise<string[]> {
  try {
    const { events } = await client.request('events', { lines: count, types: [...LOGGED] });
    return events.filter((e) => !live.has(JSON.stringify(e))).map(eventLine).filter((l): l is string => l !== null);
  } catch {
    return [];
  }
}
