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
import type { PhaseReport, PhaseReportEntry } from '../protocol/phase-view.js';

export type { PhaseReport, PhaseReportEntry } from '../protocol/phase-view.js';

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
