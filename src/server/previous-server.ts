/**
 * A fleet server that ended without `hangar down` — killed (-9), crashed, or gone with the
 * machine. A clean stop removes `server.pid`; a server that died left it behind, with a pid
 * that no longer runs (and its registry entry and socket). Nobody saw it die, so all that can
 * be said of when is: it started at startedAt (server.pid), and it was alive at its last
 * event (events.jsonl); it died some time after that.
 */
import type { FleetConfig } from '../config/types.js';
import { eventsLogPath, lockfilePath } from '../fs/fleet-files.js';
import { recentEvents } from './events-log.js';
import { readLockfile } from './lockfile.js';
import { processRuns } from '../session/process-group.js';

export interface DeadServer {
  pid: number;
  /** ISO time, from its server.pid */
  startedAt: string;
  /** its last event in events.jsonl; null when the log has none */
  lastEventAt: number | null;
}

/** The server this fleet's server.pid names, when its process is gone; else null. */
export function findDeadServer(config: FleetConfig): DeadServer | null {
  let identity;
  try {
    identity = readLockfile(lockfilePath(config));
  } catch {
    return null; // not a lockfile: nothing can be said of it
  }
  if (!identity || identity.pid === process.pid || processRuns(identity.pid)) return null;
  const last = recentEvents(eventsLogPath(config), 1)[0];
  return { pid: identity.pid, startedAt: identity.startedAt, lastEventAt: last && 'at' in last ? last.at : null };
}

/** `(pid 42, started 2026-06-14 10:00:03) ended without `hangar down`, some time after …` */
export function describeDeadServer(dead: DeadServer): string {
  const started = Date.parse(dead.startedAt);
  const head = `(pid ${dead.pid}, started ${Number.isNaN(started) ? dead.startedAt : localTime(started)}) ended without \`hangar down\``;
  return dead.lastEventAt === null ? `${head}; its event log does not say when` : `${head}, some time after its last event at ${localTime(dead.lastEventAt)}`;
}

/** `2026-06-14 10:05:10`, this machine's time. */
function localTime(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
