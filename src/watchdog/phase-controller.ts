/**
 * The phase machine's effects over a Fleet: read the phase files, ask phases.ts, write the
 * files, perform the actions. One instance per server; the watchdog's driver calls `check`
 * (on the heavy tick and when the current status file changes), `hangar phase` calls `move`
 * and `report`. Checks and moves never overlap: a move waits for a check in progress, a
 * check while a move (or another check) runs is skipped.
 */
import type { FleetConfig } from '../config/types.js';
import type { Fleet } from '../fleet/fleet.js';
import type { WatchdogAction, WatchdogEventKind } from './actions.js';
import { applyResumePhase, observePhase, readPhaseState, readPhaseStatus, writePhaseState } from './phase-files.js';
import { phaseReport, type PhaseReport } from './phase-report.js';
import { decidePhaseAdvance, decidePhaseMove, phaseTargetIndex, type PhaseDecision, type PhaseTarget } from './phases.js';

/**
 * Told about every action performed (a note, a stop, a start) with the kind of the decision it
 * belongs to — the kind of the note that introduced it (a stop after 'phase-complete' is one).
 */
export type ActionRecorder = (action: WatchdogAction, kind: WatchdogEventKind) => void;

export interface PhaseControllerOptions {
  /** default: every action is a `watchdog` event (events.jsonl, cockpits, `hangar events`), as the driver records its own */
  record?: ActionRecorder;
  now?: () => number;
}

/** An action that could not be performed, and why. */
export interface ActionFailure {
  action: WatchdogAction;
  kind: WatchdogEventKind;
  error: string;
}

/** What `hangar phase next | set` asks for. */
type PhaseMoveTarget = { kind: 'next' } | { kind: 'set'; phase: string };

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
    this.record = opts.record ?? ((action, kind) => recordAsWatchdogEvent(fleet, action, kind));
  }

  /** resume_phase, once the server owns the fleet: continue at the saved phase, or start over. */
  atServerStart(): void {
    const config = this.fleet.currentConfig;
    if (config.loop.phases.length === 0) return;
    if (applyResumePhase(config) === 'reset') {
      const note = { type: 'note', kind: 'phase-advance', level: 'info', message: `resume_phase = false: the phase sequence starts over at ${config.loop.phases[0]!.id}` } as const;
      this.record(note, note.kind);
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
      for (const f of failures) this.record({ type: 'note', name: nameOf(f.action), kind: f.kind, level: 'warn', message: f.error }, f.kind);
      return decision.actions;
    });
  }

  /** `hangar phase next` / `set X` (an index or a phase id). Throws PhaseMoveError on a bad target. */
  move(target: PhaseMoveTarget): Promise<PhaseMoveResult> {
    return this.decideMove(target, async (decision, config) => {
      const failures = await this.apply(decision, this.now());
      return { report: phaseReport(config), actions: decision.actions, failures };
    });
  }

  /**
   * `hangar phase next | set` when no server was running (the CLI starts one to ask, and stops
   * it after): nothing runs to stop or start, so only the files move (agents.py's cmd_phase);
   * the next `up` starts the loop agents on that phase. The decision's notes are returned, not recorded.
   */
  moveIndex(target: PhaseMoveTarget): Promise<PhaseMoveResult> {
    return this.decideMove(target, async (decision, config) => {
      this.reportedDone = decision.state.reportedDone;
      writePhaseState(config, decision.state, { consumeTrigger: false, now: this.now() });
      return { report: phaseReport(config), actions: decision.actions.filter((a) => a.type === 'note'), failures: [] };
    });
  }

  /** A move decided on the files as they are now, then carried out by `perform`, one move at a time. */
  private async decideMove(target: PhaseMoveTarget, perform: (decision: PhaseDecision, config: FleetConfig) => Promise<PhaseMoveResult>): Promise<PhaseMoveResult> {
    while (this.busy) await this.busy.catch(() => {});
    return this.exclusive(async () => {
      const config = this.fleet.currentConfig;
      const state = readPhaseState(config, { reportedDone: this.reportedDone });
      const resolved: PhaseTarget = target.kind === 'next' ? target : { kind: 'set', index: phaseTargetIndex(config.loop.phases, target.phase) };
      return perform(decidePhaseMove(state, resolved, config), config);
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

function nameOf(action: WatchdogAction): string | undefined {
  return 'name' in action ? action.name : undefined;
}

/** The default recorder: the same `watchdog` events the driver writes for its own actions. */
function recordAsWatchdogEvent(fleet: Fleet, action: WatchdogAction, kind: WatchdogEventKind): void {
  switch (action.type) {
    case 'note':
      fleet.watchdogEvent(action.kind, action.level, action.message, action.name);
      break;
    case 'stop':
      fleet.watchdogEvent(kind, 'info', `stopped ${action.name}: ${action.reason}`, action.name);
      break;
    case 'start':
      fleet.watchdogEvent(kind, 'info', `started ${action.name}: ${action.reason}`, action.name);
      break;
    default:
      break;
  }
}

/**
 * Perform a phase decision's actions in order. Consecutive stops run together (each child gets
 * its grace period at the same time); a 'start' of a member that runs starts it fresh, as
 * agents.py's on_complete launch (force=True) does. A failed action does not stop the rest.
 */
async function performPhaseActions(fleet: Fleet, actions: readonly WatchdogAction[], record: ActionRecorder): Promise<ActionFailure[]> {
  const failures: ActionFailure[] = [];
  // the decision an action belongs to: the kind of the last note before it
  let kind: WatchdogEventKind = 'phase-advance';
  const run = async (action: WatchdogAction, fn: () => Promise<unknown>): Promise<string | null> => {
    try {
      await fn();
      return null;
    } catch (err) {
      return `${action.type} ${nameOf(action) ?? ''}: ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  // recorded in the order of the actions, whichever stop finishes first
  const settle = (action: WatchdogAction, error: string | null) => {
    if (error === null) record(action, kind);
    else failures.push({ action, kind, error });
  };
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!;
    switch (action.type) {
      case 'note':
        kind = action.kind;
        record(action, kind);
        break;
      case 'stop': {
        const stops = [action];
        while (actions[i + 1]?.type === 'stop') stops.push(actions[++i] as typeof action);
        const errors = await Promise.all(stops.map((s) => run(s, () => fleet.down([s.name]))));
        stops.forEach((s, j) => settle(s, errors[j] ?? null));
        break;
      }
      case 'start':
        settle(
          action,
          await run(action, async () => {
            if (fleet.isRunning(action.name)) await fleet.down([action.name]);
            await fleet.up([action.name]);
          }),
        );
        break;
      default:
        failures.push({ action, kind, error: `the phase controller does not perform "${action.type}" actions` });
    }
  }
  return failures;
}
