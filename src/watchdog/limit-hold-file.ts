/**
 * Where a usage-limit hold is kept between servers: `<state_dir>/limited-<session>.json`, as
 * agents.py kept its limit state. Written atomically; a file that does not parse is ignored.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseHold, serializeHold, type LimitHold } from './limit-hold.js';
import { limitHoldPath as holdPathOf } from '../fs/fleet-files.js';

/** A hold whose probe was due this long ago is yesterday's news, not a limit. */
const STALE_HOLD_MS = 6 * 3_600_000;

export function limitHoldPath(config: FleetConfig, agent: AgentConfig): string {
  return holdPathOf(config, agent.session);
}

/** The saved hold, or null (none, unreadable, or stale at `now`). */
export function readLimitHold(path: string, now: number): LimitHold | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const hold = parseHold(text);
  return hold && now - hold.nextAt < STALE_HOLD_MS ? hold : null;
}

/** Save a hold, or remove the file when there is none. Throws what the file system throws. */
export function saveLimitHold(path: string, hold: LimitHold | null): void {
  if (hold === null) rmSync(path, { force: true });
  else writeFileAtomic(path, serializeHold(hold));
}
