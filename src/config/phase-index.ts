/**
 * Where the loop's current phase is kept — `<state_dir>/<loop.state_file>`, agents.py's
 * phase_idx_file — and how its text reads. The one place that decides both: kickoffs and
 * models (config/kickoff.ts, fleet/) read through it, the watchdog writes through it.
 */

import { readFileSync } from 'node:fs';
import type { FleetConfig } from './types.js';
import { phaseIndexPath as fleetPhaseIndexPath } from '../fs/fleet-files.js';

export function phaseIndexPath(config: FleetConfig): string {
  return fleetPhaseIndexPath(config, config.loop.state_file);
}

/**
 * The index a phase index file's text names: a whole number, clamped to the phases (a phase
 * removed from the config must not leave the loop pointing at nothing); 0 for anything else.
 */
function parsePhaseIndex(text: string, phaseCount: number): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return 0;
  const last = Math.max(0, phaseCount - 1);
  return Math.min(Math.max(0, Number(trimmed)), last);
}

/** The text of a phase index file for `index`, as agents.py writes it. */
export function formatPhaseIndex(index: number): string {
  return String(index);
}

/** The loop's current phase: 0 when the file is missing or not a number, clamped to the phases. */
export function currentPhaseIndex(config: FleetConfig): number {
  let text: string;
  try {
    text = readFileSync(phaseIndexPath(config), 'utf8');
  } catch {
    return 0;
  }
  return parsePhaseIndex(text, config.loop.phases.length);
}
