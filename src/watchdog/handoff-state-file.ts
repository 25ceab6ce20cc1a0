/**
 * The handoff watch's memory on disk, `<state_dir>/handoff.json`: the last origin/main seen
 * and the fingerprints of the inboxes already pinged. agents.py kept these in memory only, so
 * a restarted watchdog skipped whatever was pushed while it was down; kept here, a restarted
 * server pings those commits once and re-pings nothing.
 */

import { readFileSync } from 'node:fs';
import type { FleetConfig } from '../config/types.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { emptyHandoffState, type HandoffState } from './handoff.js';
import { handoffStatePath as fleetHandoffStatePath } from '../fs/fleet-files.js';

export function handoffStatePath(config: FleetConfig): string {
  return fleetHandoffStatePath(config);
}

/** The saved state; a fresh one (and a problem to log) when the file is unreadable or malformed. */
export function readHandoffState(path: string): { state: HandoffState; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyHandoffState() };
    return { state: emptyHandoffState(), problem: `handoff: cannot read ${path}: ${(err as Error).message}; starting afresh` };
  }
  const state = parseHandoffState(text);
  return state ? { state } : { state: emptyHandoffState(), problem: `handoff: ${path} is not a handoff state file; starting afresh` };
}

function parseHandoffState(text: string): HandoffState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { sha, inboxes } = value as Record<string, unknown>;
  if (typeof sha !== 'string' || typeof inboxes !== 'object' || inboxes === null || Array.isArray(inboxes)) return null;
  const prints = Object.entries(inboxes);
  if (!prints.every(([, v]) => typeof v === 'string')) return null;
  return { sha, inboxes: Object.fromEntries(prints) as Record<string, string> };
}

/** Throws when the file cannot be written; readers never see half a file. */
export function writeHandoffState(path: string, state: HandoffState): void {
  writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}
