/**
 * The files the phase machine lives in, where agents.py keeps them:
 * - the phase index: `<state_dir>/<loop.state_file>` (config/phase-index.ts decides where);
 * - the sequence-complete marker: `<log_dir>/SEQUENCE-COMPLETE`;
 * - on_complete's trigger file: `loop.on_complete.trigger_file` (relative to log_dir);
 * - each phase's status file: `<handoff repo>/<state_subdir>/<status>` when that exists, else
 *   `<handoff repo>/<status>` (the repo defaults to project_dir, state_subdir to machine-docs).
 * Writes are atomic; nothing here decides anything.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultOf } from '../config/schema.js';
import { currentPhaseIndex, formatPhaseIndex, phaseIndexPath } from '../config/phase-index.js';
import type { FleetConfig, PhaseConfig } from '../config/types.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { handoffRepo } from './handoff.js';
import type { PhaseObservation, PhaseState } from './phases.js';
import { sequenceCompletePath } from '../fs/fleet-files.js';

export function isSequenceComplete(config: FleetConfig): boolean {
  return existsSync(sequenceCompletePath(config));
}

/** The trigger file, when on_complete is configured. */
export function triggerFilePath(config: FleetConfig): string | undefined {
  return config.loop.on_complete?.trigger_file;
}

/**
 * agents.py's resolve_state_file: the repo's state_subdir copy wins when it exists (the
 * handoff's inboxes are looked for in the same two places, handoff.ts).
 */
export function resolveStateFile(config: FleetConfig, basename: string): string {
  const repo = handoffRepo(config);
  const subdir = config.loop.handoff?.state_subdir ?? defaultOf<string>('loop.handoff', 'state_subdir');
  const inSubdir = join(repo, subdir, basename);
  return existsSync(inSubdir) ? inSubdir : join(repo, basename);
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw err;
  }
}

/** A phase's status file: where it is (or would be) and its text, null when missing. */
export function readPhaseStatus(config: FleetConfig, phase: PhaseConfig): { path: string; text: string | null } {
  const path = resolveStateFile(config, phase.status);
  return { path, text: readText(path) };
}

/** The phase state as the files hold it; `reportedDone` is memory, carried over from `memory`. */
export function readPhaseState(config: FleetConfig, memory: Pick<PhaseState, 'reportedDone'> = { reportedDone: null }): PhaseState {
  return { index: currentPhaseIndex(config), complete: isSequenceComplete(config), reportedDone: memory.reportedDone };
}

/** What the phase machine sees of the current phase (the state says which phase that is). */
export function observePhase(config: FleetConfig, state: PhaseState): PhaseObservation {
  const phase = config.loop.phases[state.index];
  const trigger = triggerFilePath(config);
  const status = phase ? readPhaseStatus(config, phase) : { path: '', text: null };
  return { statusText: status.text, statusPath: status.path, triggerPresent: trigger !== undefined && existsSync(trigger) };
}

/**
 * Make the files say `state` — writing only what differs — and use up the trigger file.
 * Call before performing the decision's actions: 'start' plans from the index file.
 */
export function writePhaseState(config: FleetConfig, state: PhaseState, opts: { consumeTrigger: boolean; now: number }): void {
  const indexText = readText(phaseIndexPath(config));
  if (indexText === null || indexText.trim() !== formatPhaseIndex(state.index)) {
    writeFileAtomic(phaseIndexPath(config), formatPhaseIndex(state.index));
  }
  const marker = sequenceCompletePath(config);
  if (state.complete && !existsSync(marker)) {
    writeFileAtomic(marker, `phase sequence complete ${new Date(opts.now).toISOString()}. Loops stopped; build finished.\n`);
  } else if (!state.complete) {
    rmSync(marker, { force: true });
  }
  const trigger = triggerFilePath(config);
  if (opts.consumeTrigger && trigger !== undefined) rmSync(trigger, { force: true });
}

/**
 * resume_phase at server start: true (the default) continues at the phase the index file
 * names; false starts the sequence over — index 0, no complete marker.
 */
export function applyResumePhase(config: FleetConfig): 'resumed' | 'reset' {
  if (config.loop.resume_phase) return 'resumed';
  writeFileAtomic(phaseIndexPath(config), formatPhaseIndex(0));
  rmSync(sequenceCompletePath(config), { force: true });
  return 'reset';
}
