/**
 * An agent's restarts, kept between servers: `<state_dir>/restarts-<session>.json` — how many
 * times it has been restarted (status's RESTARTS) and when the watchdog restarted it within
 * restart_window (its budget, heal.ts). Saved on every start and when the budget is spent,
 * atomically; read when a server starts. A file that does not parse is no saved budget.
 */
import { readFileSync } from 'node:fs';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseJsonObject } from '../fs/json-object.js';
import { restartBudgetPath } from '../fs/fleet-files.js';

export interface SavedRestarts {
  /** restarts in all, by anyone (the watchdog, a person, the pilot) */
  count: number;
  /** when the watchdog restarted it, oldest first */
  recent: number[];
  /** the budget was spent: it stayed crashed */
  spent: boolean;
}

const FILE_VERSION = 1;

export function restartsPath(config: FleetConfig, agent: AgentConfig): string {
  return restartBudgetPath(config, agent.session);
}

export function serializeRestarts(saved: SavedRestarts): string {
  return `${JSON.stringify({ version: FILE_VERSION, count: saved.count, recent: saved.recent, spent: saved.spent })}\n`;
}

/** The saved restarts, or null when the text is not them (never throws). */
export function parseRestarts(text: string): SavedRestarts | null {
  const v = parseJsonObject(text);
  if (!v) return null;
  const count = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  const time = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  if (v.version !== FILE_VERSION || !count(v.count) || typeof v.spent !== 'boolean') return null;
  if (!Array.isArray(v.recent) || !v.recent.every(time)) return null;
  return { count: v.count, recent: v.recent, spent: v.spent };
}

/** The saved restarts, or null (none, unreadable). */
export function readRestarts(path: string): SavedRestarts | null {
  try {
    return parseRestarts(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Throws what the file system throws. */
export function saveRestarts(path: string, saved: SavedRestarts): void {
  writeFileAtomic(path, serializeRestarts(saved));
}
