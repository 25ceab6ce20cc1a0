import { afterEach, describe, expect, it } from 'vitest';
import type { FleetConfig } from '../../src/config/types.js';
import type { WatchdogAction } from '../../src/watchdog/actions.js';
import {
  decidePhaseAdvance,
  decidePhaseMove,
  loopAgentNames,
  phaseTargetIndex,
  PhaseMoveError,
  type PhaseObservation,
  type PhaseState,
} from '../../src/watchdog/phases.js';
import { DONE, PhaseProject, TEMPLATE } from './phase-project.js';

const projects: PhaseProject[] = [];
function configOf(opts: ConstructorParameters<typeof PhaseProject>[0] = {}): FleetConfig {
  const p = new PhaseProject(opts);
  projects.push(p);
  return p.config();
}
afterEach(() => {
  for (const p of projects.splice(0)) p.cleanup();
});

const ON_COMPLETE = '[loop.on_complete]\nrun = "finisher"\n';
const START: PhaseState = { index: 0, complete: false, reportedDone: null };
const seen = (statusText: string | null, triggerPresent = false): PhaseObservation => ({ statusText, statusPath: 'STATUS.md', triggerPresent });
/** The actions without their notes: what the fleet is asked to do. */
const effects = (actions: WatchdogAction[]) => actions.filter((a) => a.type !== 'note').map((a) => `${a.type} ${'name' in a ? a.name : ''}`);
const notes = (actions: WatchdogAction[]) => actions.flatMap((a) => (a.type === 'note' ? [`${a.kind}: ${a.message}`] : []));

describe('decidePhaseAdvance', () => {
  it('advances three phases and then runs on_complete', () => {
    const config = configOf({ tail: ON_COMPLETE });
    expect(loopAgentNames(config)).toEqual(['builder', 'adversary']); // idle-loop is disabled

    // p1 in progress: nothing
    let d = decidePhaseAdvance(START, seen(TEMPLATE), config);
    expect(d).toEqual({ state: START, actions: [], consumeTrigger: false });

    // p1 DONE: stop the loops, index → 1, start them (they plan from the new index)
    d = decidePhaseAdvance(START, seen(DONE()), config);
    expect(d.state).toEqual({ index: 1, complete: false, reportedDone: null });
    expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);
    expect(notes(d.actions)).toEqual([
      'phase-done: phase p1 [1/3] is DONE (STATUS.md:3: "Shipped it; every gate is green.")',
      'phase-advance: phase p1 → p2 [2/3]: restarting builder, adversary',
    ]);
    expect(d.consumeTrigger).toBe(false);

    // p2 DONE → p3
    d = decidePhaseAdvance(d.state, seen(DONE('p2 shipped')), config);
    expect(d.state.index).toBe(2);
    expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);

    // p3 (the last) DONE, trigger armed: complete, loops stopped, on_complete launched, trigger used up
    d = decidePhaseAdvance(d.state, seen(DONE('p3 shipped'), true), config);
    expect(d.state).toEqual({ index: 2, complete: true, reportedDone: null });
    expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary', 'start finisher']);
    expect(notes(d.actions)).toEqual([
      'phase-done: phase p3 [3/3] is DONE (STATUS.md:3: "p3 shipped")',
      'phase-complete: phase sequence complete (last phase p3 DONE): stopping builder, adversary',
      'on-complete: on_complete: launching task agent finisher',
    ]);
    expect(d.actions.find((a) => a.type === 'start')).toEqual({ type: 'start', name: 'finisher', reason: 'on_complete' });
    expect(d.consumeTrigger).toBe(true);

    // checked again: already handled, nothing (no re-log, no re-stop)
    const again = decidePhaseAdvance(d.state, seen(DONE('p3 shipped')), config);
    expect(again).toEqual({ state: d.state, actions: [], consumeTrigger: false });
  });

  it('does not take a placeholder for DONE', () => {
    const config = configOf();
    for (const body of ['Not yet.', 'TBD', 'n/a', '<what shipped>', 'Written here only when all gates pass.']) {
      expect(decidePhaseAdvance(START, seen(DONE(body)), config).actions).toEqual([]);
    }
  });

  it('does nothing while the status file does not exist', () => {
    expect(decidePhaseAdvance(START, seen(null), configOf()).actions).toEqual([]);
  });

  it('resumes when a phase is appended after the sequence completed', () => {
    const done: PhaseState = { index: 2, complete: true, reportedDone: null };
    expect(decidePhaseAdvance(done, seen(DONE()), configOf({ tail: ON_COMPLETE })).actions).toEqual([]);

    const appended = configOf({ phases: ['p1', 'p2', 'p3', 'p4'], tail: ON_COMPLETE });
    const d = decidePhaseAdvance(done, seen(DONE()), appended);
    expect(d.state).toEqual({ index: 3, complete: false, reportedDone: null });
    expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);
    expect(notes(d.actions)[1]).toBe('phase-advance: phase p3 → p4 [4/4]: restarting builder, adversary (a phase was appended after the sequence completed)');
  });

  describe('on_complete and its trigger file', () => {
    const last: PhaseState = { index: 2, complete: false, reportedDone: null };

    it('launches nothing while the trigger file is absent', () => {
      const d = decidePhaseAdvance(last, seen(DONE(), false), configOf({ tail: ON_COMPLETE }));
      expect(d.state.complete).toBe(true);
      expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary']);
      expect(d.consumeTrigger).toBe(false);
    });

    it('launches on_complete when the trigger file appears after completion, once', () => {
      const config = configOf({ tail: ON_COMPLETE });
      const complete = decidePhaseAdvance(last, seen(DONE(), false), config).state;
      const late = decidePhaseAdvance(complete, seen(DONE(), true), config);
      expect(effects(late.actions)).toEqual(['start finisher']);
      expect(late.consumeTrigger).toBe(true);
      expect(late.state).toEqual(complete);
      // the trigger was removed: the next check sees none and does nothing
      expect(decidePhaseAdvance(late.state, seen(DONE(), false), config).actions).toEqual([]);
    });

    it('warns when run names no agent, and still uses the trigger up', () => {
      const d = decidePhaseAdvance(last, seen(DONE(), true), configOf({ tail: '[loop.on_complete]\nrun = "nobody"\n' }));
      expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary']);
      expect(d.actions).toContainEqual({ type: 'note', kind: 'on-complete', level: 'warn', message: 'on_complete: no agent named "nobody"; nothing started' });
      expect(d.consumeTrigger).toBe(true);
    });

    it('without [loop.on_complete] the trigger file means nothing', () => {
      const d = decidePhaseAdvance(last, seen(DONE(), true), configOf());
      expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary']);
      expect(d.consumeTrigger).toBe(false);
    });
  });

  it('with auto_advance off, reports DONE once and moves nothing', () => {
    const config = configOf({ loop: 'auto_advance = false' });
    const d = decidePhaseAdvance(START, seen(DONE()), config);
    expect(effects(d.actions)).toEqual([]);
    expect(notes(d.actions)).toEqual(['phase-done: phase p1 [1/3] is DONE (STATUS.md:3: "Shipped it; every gate is green."); auto_advance is off — move on with: hangar phase next']);
    expect(d.state).toEqual({ index: 0, complete: false, reportedDone: 'p1' });
    expect(decidePhaseAdvance(d.state, seen(DONE()), config).actions).toEqual([]);
    // no longer done (the file was edited): reported again when it is done again
    const undone = decidePhaseAdvance(d.state, seen(TEMPLATE), config);
    expect(undone.state.reportedDone).toBeNull();
    expect(decidePhaseAdvance(undone.state, seen(DONE()), config).actions).toHaveLength(1);
  });

  it('leaves phases alone when no loop agent is enabled', () => {
    const config = configOf();
    const noLoops: FleetConfig = { ...config, agents: config.agents.filter((a) => a.kind !== 'loop') };
    expect(decidePhaseAdvance(START, seen(DONE()), noLoops).actions).toEqual([]);
  });

  it('leaves a config without phases alone', () => {
    const config = configOf();
    expect(decidePhaseAdvance(START, seen(DONE()), { ...config, loop: { ...config.loop, phases: [] } }).actions).toEqual([]);
  });

  it('clamps an index past the phases to the last one', () => {
    const d = decidePhaseAdvance({ index: 9, complete: false, reportedDone: null }, seen(DONE()), configOf());
    expect(d.state).toMatchObject({ index: 2, complete: true });
  });
});

describe('decidePhaseMove (hangar phase next | set)', () => {
  it('next stops the loops, moves on and starts them', () => {
    const d = decidePhaseMove(START, { kind: 'next' }, configOf());
    expect(d.state).toEqual({ index: 1, complete: false, reportedDone: null });
    expect(effects(d.actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);
    expect(notes(d.actions)).toEqual(['phase-advance: phase moved by hand: p1 → p2 [2/3]: restarting builder, adversary']);
  });

  it('next at the last phase is refused, naming it', () => {
    const config = configOf();
    expect(() => decidePhaseMove({ ...START, index: 2 }, { kind: 'next' }, config)).toThrow(
      'already at the last phase, p3 [3/3]; nothing follows it (append a [[loop.phases]] or use: hangar phase set N)',
    );
    try {
      decidePhaseMove({ ...START, index: 2 }, { kind: 'next' }, config);
    } catch (err) {
      expect(err).toBeInstanceOf(PhaseMoveError);
      expect((err as PhaseMoveError).code).toBe('conflict');
    }
  });

  it('set moves anywhere, restarts the loops even in place, and clears completion', () => {
    const config = configOf();
    const back = decidePhaseMove({ index: 2, complete: true, reportedDone: null }, { kind: 'set', index: 0 }, config);
    expect(back.state).toEqual({ index: 0, complete: false, reportedDone: null });
    const same = decidePhaseMove({ ...START, index: 1 }, { kind: 'set', index: 1 }, config);
    expect(effects(same.actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);
  });

  it('set out of range names the valid range', () => {
    expect(() => decidePhaseMove(START, { kind: 'set', index: 3 }, configOf())).toThrow('phase 3 is out of range; valid: 0..2');
  });

  it('is refused without phases', () => {
    const config = configOf();
    expect(() => decidePhaseMove(START, { kind: 'next' }, { ...config, loop: { ...config.loop, phases: [] } })).toThrow('no [loop] phases are configured');
  });
});

describe('phaseTargetIndex', () => {
  it('takes a 0-based index or a phase id, and names the valid range otherwise', () => {
    const { phases } = configOf().loop;
    expect(phaseTargetIndex(phases, '0')).toBe(0);
    expect(phaseTargetIndex(phases, '2')).toBe(2);
    expect(phaseTargetIndex(phases, 'p2')).toBe(1);
    expect(() => phaseTargetIndex(phases, '3')).toThrow('phase 3 is out of range; valid: 0..2 (0=p1, 1=p2, 2=p3)');
    expect(() => phaseTargetIndex(phases, '-1')).toThrow('phase -1 is out of range; valid: 0..2 (0=p1, 1=p2, 2=p3)');
    expect(() => phaseTargetIndex(phases, 'p9')).toThrow('no phase "p9"; valid: 0..2 (0=p1, 1=p2, 2=p3)');
  });
});
