/**
 * The loop's phase machine — agents.py's phase_advance_check and cmd_phase. When the current
 * phase's status file says DONE (phase-done.ts) and auto_advance is on: stop the loop agents,
 * move the phase index, start them again (the Fleet plans every start from the index, so they
 * come back with the next phase's kickoff and per-role models). After the last phase: write
 * the sequence-complete marker, stop the loops, and launch on_complete's task agent when its
 * trigger file is there. A phase appended after completion resumes the loops on it.
 *
 * Pure: the state is what the phase files hold (phase-files.ts reads and writes them). The
 * performer must persist `state` — and remove the trigger file when `consumeTrigger` — before
 * it performs `actions`: the 'start' actions read the new index.
 */
import type { FleetConfig, PhaseConfig } from '../config/types.js';
import type { ErrorCode } from '../protocol/messages.js';
import type { Decision, WatchdogAction } from './actions.js';
import { judgeDone } from './phase-done.js';

export interface PhaseState {
  /** the current phase: the phase index file, clamped to the phases */
  index: number;
  /** the sequence-complete marker exists */
  complete: boolean;
  /**
   * the phase whose DONE was already reported while nothing could follow it (auto_advance
   * off): reported once, not on every check. Kept in memory only.
   */
  reportedDone: string | null;
}

export interface PhaseObservation {
  /** the current phase's status file, or null when it does not exist */
  statusText: string | null;
  /** where that file was looked for, for messages */
  statusPath: string;
  /** on_complete's trigger file exists */
  triggerPresent: boolean;
}

export interface PhaseDecision extends Decision<PhaseState> {
  /** the trigger file was used: remove it (on_complete runs once per arming) */
  consumeTrigger: boolean;
}

/** agents.py's loop_agents: the enabled agents of kind loop, in config order. */
export function loopAgentNames(config: FleetConfig): string[] {
  return config.agents.filter((a) => a.kind === 'loop' && a.enabled).map((a) => a.name);
}

function label(phases: readonly PhaseConfig[], index: number): string {
  return `${phases[index]!.id} [${index + 1}/${phases.length}]`;
}

function stopLoops(names: string[], reason: string): WatchdogAction[] {
  return names.map((name) => ({ type: 'stop', name, reason }));
}

function startLoops(names: string[], reason: string): WatchdogAction[] {
  return names.map((name) => ({ type: 'start', name, reason }));
}

function unchanged(state: PhaseState): PhaseDecision {
  return { state, actions: [], consumeTrigger: false };
}

/**
 * on_complete's task agent: started (fresh, as agents.py's force=True) when `run` names an
 * agent and the trigger file is there; the trigger is used up.
 */
function onComplete(config: FleetConfig, triggerPresent: boolean): { actions: WatchdogAction[]; consumeTrigger: boolean } {
  const oc = config.loop.on_complete;
  if (!oc || !triggerPresent) return { actions: [], consumeTrigger: false };
  const run = oc.run;
  if (run === undefined) return { actions: [], consumeTrigger: true };
  if (!config.agents.some((a) => a.name === run)) {
    return {
      actions: [{ type: 'note', kind: 'on-complete', level: 'warn', message: `on_complete: no agent named "${run}"; nothing started` }],
      consumeTrigger: true,
    };
  }
  return {
    actions: [
      { type: 'note', name: run, kind: 'on-complete', level: 'info', message: `on_complete: launching task agent ${run}` },
      { type: 'start', name: run, reason: 'on_complete' },
    ],
    consumeTrigger: true,
  };
}

/**
 * One check of the current phase (on the heavy tick, or when its status file changes).
 * Idempotent: once the sequence is complete, checking again does nothing — except launching
 * on_complete when its trigger file appears later.
 */
export function decidePhaseAdvance(state: PhaseState, obs: PhaseObservation, config: FleetConfig): PhaseDecision {
  const { phases, auto_advance, done_marker } = config.loop;
  const loops = loopAgentNames(config);
  if (phases.length === 0 || loops.length === 0) return unchanged(state);
  const index = Math.min(Math.max(0, state.index), phases.length - 1);
  const phase = phases[index]!;
  const verdict = obs.statusText === null ? null : judgeDone(obs.statusText, done_marker);
  const done = verdict?.done === true;
  const last = index === phases.length - 1;

  if (state.complete && last && done) {
    // already handled: no re-log, no re-stop; a late trigger still launches on_complete
    const late = onComplete(config, obs.triggerPresent);
    return { state, actions: late.actions, consumeTrigger: late.consumeTrigger };
  }
  if (!verdict?.done) {
    return unchanged(state.reportedDone === null ? state : { ...state, reportedDone: null });
  }
  const where = `${obs.statusPath}:${verdict.line}: ${JSON.stringify(verdict.body)}`;
  if (!auto_advance) {
    if (state.reportedDone === phase.id) return unchanged(state);
    return {
      state: { ...state, reportedDone: phase.id },
      actions: [{ type: 'note', kind: 'phase-done', level: 'info', message: `phase ${label(phases, index)} is DONE (${where}); auto_advance is off — move on with: hangar phase next` }],
      consumeTrigger: false,
    };
  }
  const doneNote: WatchdogAction = { type: 'note', kind: 'phase-done', level: 'info', message: `phase ${label(phases, index)} is DONE (${where})` };

  if (!last) {
    const next = index + 1;
    const reason = `phase ${phase.id} done: on to ${phases[next]!.id}`;
    return {
      state: { index: next, complete: false, reportedDone: null },
      actions: [
        doneNote,
        { type: 'note', kind: 'phase-advance', level: 'info', message: `phase ${phase.id} → ${label(phases, next)}: restarting ${loops.join(', ')}${state.complete ? ' (a phase was appended after the sequence completed)' : ''}` },
        ...stopLoops(loops, reason),
        ...startLoops(loops, reason),
      ],
      consumeTrigger: false,
    };
  }
  const oc = onComplete(config, obs.triggerPresent);
  return {
    state: { index, complete: true, reportedDone: null },
    actions: [
      doneNote,
      { type: 'note', kind: 'phase-complete', level: 'info', message: `phase sequence complete (last phase ${phase.id} DONE): stopping ${loops.join(', ')}` },
      ...stopLoops(loops, 'phase sequence complete'),
      ...oc.actions,
    ],
    consumeTrigger: oc.consumeTrigger,
  };
}

export type PhaseTarget = { kind: 'next' } | { kind: 'set'; index: number };

/** A phase move that cannot be made; `code` is the protocol's (bad_args: a wrong target). */
export class PhaseMoveError extends Error {
  constructor(
    message: string,
    readonly code: Extract<ErrorCode, 'bad_args' | 'conflict'> = 'bad_args',
  ) {
    super(message);
    this.name = 'PhaseMoveError';
  }
}

/** Resolve `hangar phase set X`: a 0-based index (as agents.py's) or a phase id. */
export function phaseTargetIndex(phases: readonly PhaseConfig[], word: string): number {
  if (phases.length === 0) throw new PhaseMoveError('no [loop] phases are configured', 'conflict');
  const range = `valid: 0..${phases.length - 1} (${phases.map((p, i) => `${i}=${p.id}`).join(', ')})`;
  if (/^-?\d+$/.test(word.trim())) {
    const n = Number(word.trim());
    if (n < 0 || n >= phases.length) throw new PhaseMoveError(`phase ${n} is out of range; ${range}`);
    return n;
  }
  const byId = phases.findIndex((p) => p.id === word);
  if (byId < 0) throw new PhaseMoveError(`no phase "${word}"; ${range}`);
  return byId;
}

/**
 * `hangar phase next | set N`: a person moves the loop. The loop agents are stopped and
 * started again on the new phase even when the index does not change (a fresh kickoff), and
 * the sequence is running again, so the complete marker goes.
 */
export function decidePhaseMove(state: PhaseState, target: PhaseTarget, config: FleetConfig): PhaseDecision {
  const { phases } = config.loop;
  if (phases.length === 0) throw new PhaseMoveError('no [loop] phases are configured', 'conflict');
  const from = Math.min(Math.max(0, state.index), phases.length - 1);
  let to: number;
  if (target.kind === 'next') {
    if (from === phases.length - 1) {
      throw new PhaseMoveError(`already at the last phase, ${label(phases, from)}; nothing follows it (append a [[loop.phases]] or use: hangar phase set N)`, 'conflict');
    }
    to = from + 1;
  } else {
    if (!Number.isInteger(target.index) || target.index < 0 || target.index >= phases.length) {
      throw new PhaseMoveError(`phase ${target.index} is out of range; valid: 0..${phases.length - 1}`);
    }
    to = target.index;
  }
  const loops = loopAgentNames(config);
  const reason = `phase moved by hand: ${phases[from]!.id} → ${phases[to]!.id}`;
  return {
    state: { index: to, complete: false, reportedDone: null },
    actions: [
      { type: 'note', kind: 'phase-advance', level: 'info', message: `phase moved by hand: ${phases[from]!.id} → ${label(phases, to)}${loops.length ? `: restarting ${loops.join(', ')}` : ''}` },
      ...stopLoops(loops, reason),
      ...startLoops(loops, reason),
    ],
    consumeTrigger: false,
  };
}
