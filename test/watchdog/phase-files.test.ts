import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildKickoff } from '../../src/config/kickoff.js';
import { currentPhaseIndex, phaseIndexPath } from '../../src/config/phase-index.js';
import type { FleetConfig } from '../../src/config/types.js';
import {
  applyResumePhase,
  observePhase,
  readPhaseState,
  resolveStateFile,
  triggerFilePath,
  writePhaseState,
} from '../../src/watchdog/phase-files.js';
import { sequenceCompletePath } from '../../src/fs/fleet-files.js';
import { phaseReport } from '../../src/watchdog/phase-report.js';
import { DONE, PhaseProject, TEMPLATE } from './phase-project.js';

let project: PhaseProject;
let config: FleetConfig;
beforeEach(() => {
  project = new PhaseProject({ tail: '[loop.on_complete]\nrun = "finisher"\n' });
  config = project.config();
});
afterEach(() => project.cleanup());

const put = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const NOW = Date.UTC(2026, 5, 16, 22, 0, 0);

describe('where the phase files are', () => {
  it('keeps the index in <state_dir>/<state_file>, the marker and the trigger in log_dir', () => {
    expect(phaseIndexPath(config)).toBe(join(project.dir, 'state', 'state', 'phase-idx'));
    expect(sequenceCompletePath(config)).toBe(join(project.dir, 'state', 'SEQUENCE-COMPLETE'));
    expect(triggerFilePath(config)).toBe(join(project.dir, 'state', '.run-on-complete'));
  });

  it('resolves a status file in the handoff repo: state_subdir first, else the repo root', () => {
    expect(resolveStateFile(config, 'STATUS-p1.md')).toBe(join(project.dir, 'STATUS-p1.md'));
    project.write('machine-docs/STATUS-p1.md', TEMPLATE);
    expect(resolveStateFile(config, 'STATUS-p1.md')).toBe(join(project.dir, 'machine-docs', 'STATUS-p1.md'));

    const elsewhere = new PhaseProject({ tail: '[loop.handoff]\nrepo = "repo"\nstate_subdir = "docs/state"\n' });
    try {
      const c = elsewhere.config();
      expect(resolveStateFile(c, 'STATUS-p1.md')).toBe(join(elsewhere.dir, 'repo', 'STATUS-p1.md'));
      elsewhere.write('repo/docs/state/STATUS-p1.md', DONE());
      expect(resolveStateFile(c, 'STATUS-p1.md')).toBe(join(elsewhere.dir, 'repo', 'docs', 'state', 'STATUS-p1.md'));
    } finally {
      elsewhere.cleanup();
    }
  });
});

describe('reading and writing the phase state', () => {
  it('starts at phase 0, not complete, with no files', () => {
    expect(readPhaseState(config)).toEqual({ index: 0, complete: false, reportedDone: null });
    expect(observePhase(config, readPhaseState(config))).toEqual({
      statusText: null,
      statusPath: join(project.dir, 'STATUS-p1.md'),
      triggerPresent: false,
    });
  });

  it('observes the current phase\'s status file and the trigger', () => {
    project.write('STATUS-p2.md', DONE('p2 shipped'));
    put(triggerFilePath(config)!, '');
    expect(observePhase(config, { index: 1, complete: false, reportedDone: null })).toEqual({
      statusText: DONE('p2 shipped'),
      statusPath: join(project.dir, 'STATUS-p2.md'),
      triggerPresent: true,
    });
  });

  it('writes the index where the kickoff reads it: one place decides', () => {
    writePhaseState(config, { index: 1, complete: false, reportedDone: null }, { consumeTrigger: false, now: NOW });
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('1');
    expect(currentPhaseIndex(config)).toBe(1);
    const builder = config.agents.find((a) => a.name === 'builder')!;
    expect(buildKickoff(config, builder, currentPhaseIndex(config))).toContain('Phase p2: follow plans/p2.md');
    // atomically: no temp file left beside it
    expect(readdirSync(dirname(phaseIndexPath(config)))).toEqual(['phase-idx']);
  });

  it('rewrites nothing the files already say', () => {
    put(phaseIndexPath(config), '1\n');
    put(sequenceCompletePath(config), 'phase sequence complete earlier\n');
    writePhaseState(config, { index: 1, complete: true, reportedDone: null }, { consumeTrigger: false, now: NOW });
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('1\n');
    expect(readFileSync(sequenceCompletePath(config), 'utf8')).toBe('phase sequence complete earlier\n');
  });

  it('rewrites an index file that reads as another index than it says', () => {
    put(phaseIndexPath(config), '7');
    const state = readPhaseState(config);
    expect(state.index).toBe(2);
    writePhaseState(config, state, { consumeTrigger: false, now: NOW });
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('2');
  });

  it('writes the sequence-complete marker with its time, removes it when the sequence runs again, and uses the trigger up', () => {
    put(triggerFilePath(config)!, '');
    writePhaseState(config, { index: 2, complete: true, reportedDone: null }, { consumeTrigger: true, now: NOW });
    expect(readFileSync(sequenceCompletePath(config), 'utf8')).toBe('phase sequence complete 2026-06-16T22:00:00.000Z. Loops stopped; build finished.\n');
    expect(existsSync(triggerFilePath(config)!)).toBe(false);
    expect(readPhaseState(config)).toEqual({ index: 2, complete: true, reportedDone: null });

    writePhaseState(config, { index: 3, complete: false, reportedDone: null }, { consumeTrigger: false, now: NOW });
    expect(existsSync(sequenceCompletePath(config))).toBe(false);
  });

  it('keeps the trigger file unless it is used up', () => {
    put(triggerFilePath(config)!, '');
    writePhaseState(config, { index: 2, complete: true, reportedDone: null }, { consumeTrigger: false, now: NOW });
    expect(existsSync(triggerFilePath(config)!)).toBe(true);
  });
});

describe('resume_phase at server start', () => {
  it('true (the default) keeps the saved phase and completion', () => {
    put(phaseIndexPath(config), '2');
    put(sequenceCompletePath(config), 'done');
    expect(applyResumePhase(config)).toBe('resumed');
    expect(readPhaseState(config)).toMatchObject({ index: 2, complete: true });
  });

  it('false starts the sequence over', () => {
    const fresh = new PhaseProject({ loop: 'resume_phase = false' });
    try {
      const c = fresh.config();
      put(phaseIndexPath(c), '2');
      put(sequenceCompletePath(c), 'done');
      expect(applyResumePhase(c)).toBe('reset');
      expect(readPhaseState(c)).toEqual({ index: 0, complete: false, reportedDone: null });
      expect(readFileSync(phaseIndexPath(c), 'utf8')).toBe('0');
    } finally {
      fresh.cleanup();
    }
  });
});

describe('phaseReport', () => {
  it('lists every phase with its DONE verdict and the current one', () => {
    project.write('STATUS-p1.md', DONE('p1 shipped'));
    project.write('machine-docs/STATUS-p2.md', TEMPLATE);
    put(phaseIndexPath(config), '1');
    const report = phaseReport(config);
    expect(report).toMatchObject({
      current: 1,
      complete: false,
      autoAdvance: true,
      doneMarker: '## DONE',
      loopAgents: ['builder', 'adversary'],
      indexFile: phaseIndexPath(config),
      onComplete: { run: 'finisher', triggerFile: triggerFilePath(config), armed: false },
    });
    expect(report.phases.map((p) => [p.index, p.id, p.current, p.done, p.statusExists, p.detail])).toEqual([
      [0, 'p1', false, true, true, 'line 3: p1 shipped'],
      [1, 'p2', true, false, true, '"## DONE" at line 3 holds only a placeholder: "Not yet."'],
      [2, 'p3', false, false, false, 'no status file yet'],
    ]);
    expect(report.phases[1]!.statusPath).toBe(join(project.dir, 'machine-docs', 'STATUS-p2.md'));
    expect(report.phases[1]!.models).toEqual({ builder: 'model-p2' });
  });
});
