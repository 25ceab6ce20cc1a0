import { isAbsolute, resolve } from 'node:path';
import type { FleetConfig } from './types.js';
import { pathUnder } from '../fs/path-under.js';

/** `~` and `~/x` expand to home; a relative path resolves against base (agents.py `_resolve`). */
export function resolveConfigPath(base: string, p: string, home: string): string {
  const expanded = p === '~' ? home : p.startsWith('~/') ? home + p.slice(1) : p;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(base, expanded);
}

/** The fleet's history, append-only: `<log_dir>/events.jsonl`. */
export function eventsLogPath(config: Pick<FleetConfig, 'log_dir'>): string {
  return pathUnder(config.log_dir, 'events.jsonl');
}

/** The fleet server's own output (capped and rotated like the other logs): `<log_dir>/server.log`. */
export function serverLogPath(config: Pick<FleetConfig, 'log_dir'>): string {
  return pathUnder(config.log_dir, 'server.log');
}

/** The running server's identity (`{pid, socket, version, startedAt, config}`): `<log_dir>/server.pid`. */
export function lockfilePath(config: Pick<FleetConfig, 'log_dir'>): string {
  return pathUnder(config.log_dir, 'server.pid');
}

/** Where a session's raw output goes: `<log_dir>/<session>.log`, as agents.py keeps it. */
export function sessionLogPath(config: Pick<FleetConfig, 'log_dir'>, session: string): string {
  return pathUnder(config.log_dir, `${session}.log`);
}
