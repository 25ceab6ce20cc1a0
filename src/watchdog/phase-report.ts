/**
 * What `hangar phase show` tells: every phase with its status file and DONE verdict, the
 * current one, whether the sequence is complete, on_complete's trigger. Reads the phase
 * files; changes nothing. The server and the CLI (when no server runs) build the same report.
 */
import { existsSync } from 'node:fs';
import { phaseIndexPath } from '../config/phase-index.js';
import type { FleetConfig } from '../config/types.js';
import { judgeDone } from './phase-done.js';
import { readPhaseState, readPhaseStatus, triggerFilePath } from './phase-files.js';
import { loopAgentNames } from './phases.js';

export interface PhaseReportEntry {
  /** 0-based, as `hangar phase set N` takes it */
  index: number;
  id: string;
  plan: string;
  /** the status file as configured, and where it was looked for */
  status: string;
  statusPath: string;
  statusExists: boolean;
  done: boolean;
  /** the DONE line and its body, or why the phase is not done */
  detail: string;
  current: boolean;
  models: Record<string, string>;
}

export interface PhaseReport {
  phases: PhaseReportEntry[];
  /** null when no phases are configured */
  current: number | null;
  complete: boolean;
  autoAdvance: boolean;
  doneMarker: string;
  loopAgents: string[];
  indexFile: string;
  onComplete: { run: string | null; triggerFile: string; armed: boolean } | null;
}

export function phaseReport(config: FleetConfig): PhaseReport {
  const { loop } = config;
  const state = readPhaseState(config);
  const phases = loop.phases.map((phase, index): PhaseReportEntry => {
    const { path, text } = readPhaseStatus(config, phase);
    const verdict = text === null ? null : judgeDone(text, loop.done_marker);
    return {
      index,
      id: phase.id,
      plan: phase.plan,
      status: phase.status,
      statusPath: path,
      statusExists: text !== null,
      done: verdict?.done === true,
      detail: verdict === null ? 'no status file yet' : verdict.done ? `line ${verdict.line}: ${verdict.body}` : verdict.reason,
      current: index === state.index,
      models: phase.models,
    };
  });
  const trigger = triggerFilePath(config);
  return {
    phases,
    current: phases.length ? state.index : null,
    complete: state.complete,
    autoAdvance: loop.auto_advance,
    doneMarker: loop.done_marker,
    loopAgents: loopAgentNames(config),
    indexFile: phaseIndexPath(config),
    onComplete: loop.on_complete && trigger !== undefined ? { run: loop.on_complete.run ?? null, triggerFile: trigger, armed: existsSync(trigger) } : null,
  };
}
