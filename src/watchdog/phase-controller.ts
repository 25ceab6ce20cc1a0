/**
 * The phase machine's effects over a Fleet: read the phase files, ask phases.ts, write the
 * files, perform the actions. One instance per server; the watchdog's driver calls `check`
 * (on the heavy tick and when the current status file changes), `hangar phase` calls `move`
 * and `report`. Checks and moves never overlap: a move waits for a check in progress, a
 * check while a move (or another check) runs is skipped.
 */
import type { FleetConfig } from '../config/types.js';
import type { Fleet } from '../fleet/fleet.js';
import type { WatchdogAction } from './actions.js';
import { applyResumePhase, observePhase, readPhaseState, readPhaseStatus, writePhaseState } from './phase-files.js';
import { phaseReport, type PhaseReport } from './phase-report.js';
import { decidePhaseAdvance, decidePhaseMove, phaseTargetIndex, type PhaseDecision, type PhaseTarget } from './phases.js';

/** Told about every action performed (a note, a stop, a start), e.g. to put it in the event log. */
export type ActionRecorder = (action: WatchdogAction) => void;

export interface PhaseControllerOptions {
  /** default: notes become fleet log lines (events.jsonl), `kind: message`; the fleet logs stops and starts itself */
  record?: ActionRecorder;
  now?: () => number;
}

/** An action that could not be performed, and why. */
export interface ActionFailure {
  action: WatchdogAction;
  error: string;
}

export interface PhaseMoveResult {
  report: PhaseReport;
  actions: WatchdogAction[];
  failures: ActionFailure[];
}

export class PhaseController {
  private readonly record: ActionRecorder;
  private readonly now: () => number;
  private reportedDone: string | null = null;
  private busy: Promise<unknown> | null = null;

  constructor(
    private readonly fleet: Fleet,
    opts: PhaseControllerOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.record =
      opts.record ??
      ((action) => {
        if (action.type === 'note') fleet.log(action.level, `${action.kind}: ${action.message}`, action.name);
      });
  }

  /** resume_phase, once the server owns the fleet: continue at the saved phase, or start over. */
  atServerStart(): void {
    const config = this.fleet.currentConfig;
    if (config.loop.phases.length === 0) return;
    if (applyResumePhase(config) === 'reset') {
      this.record({ type: 'note', kind: 'phase-advance', level: 'info', message: `resume_phase = false: the phase sequence starts over at ${config.loop.phases[0]!.id}` });
    }
  }

  /** The status file the current phase is judged by: a driver may watch it to check at once. */
  currentStatusPath(): string | null {
    const config = this.fleet.currentConfig;
    const phase = config.loop.phases[readPhaseState(config).index];
    return phase ? readPhaseStatus(config, phase).path : null;
  }

  report(): PhaseReport {
    return phaseReport(this.fleet.currentConfig);
  }

  /**
   * One check of the current phase: advance, complete, launch on_complete — or nothing.
   * Returns the actions performed (already recorded). Skipped ([]) while a move runs. `now`
   * stamps the sequence-complete marker (default: the clock given at construction).
   */
  async check(now = this.now()): Promise<WatchdogAction[]> {
    if (this.busy) return [];
    return this.exclusive(async () => {
      const config = this.fleet.currentConfig;
      const state = readPhaseState(config, { reportedDone: this.reportedDone });
      const decision = decidePhaseAdvance(state, observePhase(config, state), config);
      const failures = await this.apply(decision, now);
      for (const f of failures) this.record({ type: 'note', name: nameOf(f.action), kind: 'phase-advance', level: 'warn', message: f.error });
      return decision.actions;
    });
  }

  /** `hangar phase next` / `set X` (an index or a phase id). Throws PhaseMoveError on a bad target. */
  async move(target: { kind: 'next' } | { kind: 'set'; phase: string }): Promise<PhaseMoveResult> {
    while (this.busy) await this.busy.catch(() => {});
    return this.exclusive(async () => {
      const config = this.fleet.currentConfig;
      const state = readPhaseState(config, { reportedDone: this.reportedDone });
      const resolved: PhaseTarget = target.kind === 'next' ? target : { kind: 'set', index: phaseTargetIndex(config.loop.phases, target.phase) };
      const decision = decidePhaseMove(state, resolved, config);
      const failures = await this.apply(decision, this.now());
      return { report: phaseReport(config), actions: decision.actions, failures };
    });
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = fn();
    this.busy = run;
    try {
      return await run;
    } finally {
      if (this.busy === run) this.busy = null;
    }
  }

  /** Persist the decision's state (before any start: starts plan from the index), then act. */
  private async apply(decision: PhaseDecision, now: number): Promise<ActionFailure[]> {
    this.reportedDone = decision.state.reportedDone;
    if (decision.actions.length === 0 && !decision.consumeTrigger) return [];
    writePhaseState(this.fleet.currentConfig, decision.state, { consumeTrigger: decision.consumeTrigger, now });
    return performPhaseActions(this.fleet, decision.actions, this.record);
  }
}

/**
 * `hangar phase next | set` when no server runs: nothing is running to stop or start, so only
 * the files move (agents.py's cmd_phase); the next `up` starts the loop agents on that phase.
 */
export function movePhaseWithoutServer(config: FleetConfig, target: { kind: 'next' } | { kind: 'set'; phase: string }, now = Date.now()): PhaseMoveResult {
  const state = readPhaseState(config);
  const resolved: PhaseTarget = target.kind === 'next' ? target : { kind: 'set', index: phaseTargetIndex(config.loop.phases, target.phase) };
  const decision = decidePhaseMove(state, resolved, config);
  writePhaseState(config, decision.state, { consumeTrigger: false, now });
  return { report: phaseReport(config), actions: decision.actions.filter((a) => a.type === 'note'), failures: [] };
}

function nameOf(action: WatchdogAction): string | undefined {
  return 'name' in action ? action.name : undefined;
}

/**
 * Perform a phase decision's actions in order. Consecutive stops run together (each child gets
 * its grace period at the same time); a 'start' of a member that runs starts it fresh, as
 * agents.py's on_complete launch (force=True) does. A failed action does not stop the rest.
 */
export async function performPhaseActions(fleet: Fleet, actions: readonly WatchdogAction[], record: ActionRecorder): Promise<ActionFailure[]> {
  const failures: ActionFailure[] = [];
  const attempt = async (action: WatchdogAction, fn: () => Promise<unknown>) => {
    try {
      await fn();
      record(action);
    } catch (err) {
      failures.push({ action, error: `${action.type} ${nameOf(action) ?? ''}: ${err instanceof Error ? err.message : String(err)}` });
    }
  };
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!;
    switch (action.type) {
      case 'note':
        record(action);
        break;
      case 'stop': {
        const stops = [action];
        while (actions[i + 1]?.type === 'stop') stops.push(actions[++i] as typeof action);
        await Promise.all(stops.map((s) => attempt(s, () => fleet.down([s.name]))));
        break;
      }
      case 'start':
        await attempt(action, async () => {
          if (fleet.isRunning(action.name)) await fleet.down([action.name]);
          await fleet.up([action.name]);
        });
        break;
      default:
        failures.push({ action, error: `the phase controller does not perform "${action.type}" actions` });
    }
  }
  return failures;
}
