import { existsSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phaseIndexPath } from '../../src/config/phase-index.js';
import { Fleet } from '../../src/fleet/fleet.js';
import type { WatchdogAction } from '../../src/watchdog/actions.js';
import { PhaseController } from '../../src/watchdog/phase-controller.js';
import { isPhaseDone } from '../../src/watchdog/phase-done.js';
import { sequenceCompletePath } from '../../src/fs/fleet-files.js';
import { triggerFilePath } from '../../src/watchdog/phase-files.js';
import { PhaseProject } from './phase-project.js';

// Real demo agents in real ptys. Each loop agent's kickoff makes it append `## DONE` and its
// role prompt (a real body) to its phase's status file — a builder finishing its phase.
const KICKOFF = 'append {status} ## DONE\n';
const NOW = Date.UTC(2026, 5, 16, 22, 0, 0);

let project: PhaseProject;
let fleet: Fleet;
let recorded: WatchdogAction[];
let controller: PhaseController;

beforeEach(() => {
  project = new PhaseProject({ kickoff: KICKOFF, tail: '[loop.on_complete]\nrun = "finisher"\n' });
  fleet = new Fleet(project.config(), {
    env: { ...process.env, DEMO_THINK_MS: '50', DEMO_STATE_DIR: join(project.dir, 'demo-state') },
    stopGraceMs: 1000,
  });
  recorded = [];
  controller = new PhaseController(fleet, { record: (a) => recorded.push(a), now: () => NOW });
});
afterEach(async () => {
  await fleet.shutdown();
  project.cleanup();
});

/** Resolve once `ready()` holds, checked now and on every change in the project folder. */
function whenFiles(ready: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ready()) return resolve();
    const watcher = watch(project.dir, { recursive: true }, () => {
      if (!ready()) return;
      clearTimeout(timer);
      watcher.close();
      resolve();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
  });
}

const read = (rel: string) => (existsSync(join(project.dir, rel)) ? readFileSync(join(project.dir, rel), 'utf8') : '');
const statusDone = (id: string) => whenFiles(() => isPhaseDone(read(`STATUS-${id}.md`), '## DONE'), `STATUS-${id}.md to say DONE`);
const kickoffOf = (name: string) => readFileSync(join(project.dir, 'state', 'state', `kickoff-ph-${name}.txt`), 'utf8');
const effects = (actions: WatchdogAction[]) => actions.filter((a) => a.type !== 'note').map((a) => `${a.type} ${'name' in a ? a.name : ''}`);

describe('PhaseController over a real fleet', () => {
  it('walks three phases to on_complete as the demo builders write DONE, then resumes on an appended phase', async () => {
    await fleet.up();
    expect(fleet.info('builder').model).toBe('model-base');
    expect(kickoffOf('builder')).toBe('append STATUS-p1.md ## DONE\nYou build.\n');

    // nothing is done yet: a check changes nothing
    expect(await controller.check()).toEqual([]);

    await statusDone('p1');
    const p1Pid = fleet.info('builder').pid;
    let actions = await controller.check();
    expect(effects(actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);
    expect(readFileSync(phaseIndexPath(fleet.currentConfig), 'utf8')).toBe('1');
    expect(fleet.isRunning('builder') && fleet.isRunning('adversary')).toBe(true);
    expect(fleet.info('builder').pid).not.toBe(p1Pid);
    // the next phase's kickoff and its per-role model
    expect(kickoffOf('builder')).toBe('append STATUS-p2.md ## DONE\nYou build.\n');
    expect(kickoffOf('adversary')).toBe('append STATUS-p2.md ## DONE\nYou attack.\n');
    expect(fleet.info('builder').model).toBe('model-p2');

    await statusDone('p2');
    actions = await controller.check();
    expect(effects(actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);
    expect(fleet.info('builder').model).toBe('model-base');

    // the last phase: on_complete is armed by its trigger file
    await statusDone('p3');
    writeFileSync(triggerFilePath(fleet.currentConfig)!, '');
    actions = await controller.check();
    expect(effects(actions)).toEqual(['stop builder', 'stop adversary', 'start finisher']);
    expect(fleet.isRunning('builder') || fleet.isRunning('adversary')).toBe(false);
    expect(fleet.info('builder').status).toBe('stopped');
    expect(readFileSync(sequenceCompletePath(fleet.currentConfig), 'utf8')).toBe('phase sequence complete 2026-06-16T22:00:00.000Z. Loops stopped; build finished.\n');
    expect(existsSync(triggerFilePath(fleet.currentConfig)!)).toBe(false);
    await whenFiles(() => read('FINISHED.md') === 'release notes\n', 'the finisher to write FINISHED.md');
    expect(recorded.filter((a) => a.type === 'note').map((a) => (a as { kind: string }).kind)).toEqual([
      'phase-done', 'phase-advance', 'phase-done', 'phase-advance', 'phase-done', 'phase-complete', 'on-complete',
    ]);

    // idempotent once complete
    expect(await controller.check()).toEqual([]);

    // a phase appended to the config after completion: the loops resume on it
    project.writeConfig(['p1', 'p2', 'p3', 'p4']);
    fleet.reconfigure(project.config());
    actions = await controller.check();
    expect(effects(actions)).toEqual(['stop builder', 'stop adversary', 'start builder', 'start adversary']);
    expect(existsSync(sequenceCompletePath(fleet.currentConfig))).toBe(false);
    expect(kickoffOf('builder')).toBe('append STATUS-p4.md ## DONE\nYou build.\n');
    await statusDone('p4');
  });

  it('moves by hand, and skips a check that comes while a move runs', async () => {
    await fleet.up();
    const moving = controller.move({ kind: 'set', phase: 'p3' });
    expect(await controller.check()).toEqual([]);
    const result = await moving;
    expect(result.failures).toEqual([]);
    expect(result.report.current).toBe(2);
    expect(kickoffOf('builder')).toBe('append STATUS-p3.md ## DONE\nYou build.\n');
    await expect(controller.move({ kind: 'next' })).rejects.toThrow('already at the last phase, p3 [3/3]');
    await expect(controller.move({ kind: 'set', phase: '5' })).rejects.toThrow('phase 5 is out of range; valid: 0..2 (0=p1, 1=p2, 2=p3)');
  });

  it('records every action as a watchdog event by default, under the kind of its decision', async () => {
    const events: string[] = [];
    fleet.onEvent((e) => {
      if (e.type === 'watchdog') events.push(`${e.kind} ${e.level} ${e.name ?? '-'}: ${e.message}`);
    });
    await fleet.up();
    await new PhaseController(fleet).move({ kind: 'next' });
    expect(events).toEqual([
      'phase-advance info -: phase moved by hand: p1 → p2 [2/3]: restarting builder, adversary',
      'phase-advance info builder: stopped builder: phase moved by hand: p1 → p2',
      'phase-advance info adversary: stopped adversary: phase moved by hand: p1 → p2',
      'phase-advance info builder: started builder: phase moved by hand: p1 → p2',
      'phase-advance info adversary: started adversary: phase moved by hand: p1 → p2',
    ]);
  });

  it('reports a start that fails, and goes on with the others', async () => {
    await fleet.up();
    // the adversary's role prompt is gone: its start fails, the builder's does not
    rmSync(join(project.dir, 'prompts', 'adversary.md'));
    const result = await controller.move({ kind: 'next' });
    expect(result.failures).toEqual([{ action: expect.objectContaining({ type: 'start', name: 'adversary' }), kind: 'phase-advance', error: expect.stringMatching(/^start adversary: .*adversary\.md/) }]);
    expect(fleet.isRunning('builder')).toBe(true);
    expect(fleet.isRunning('adversary')).toBe(false);
  });
});
