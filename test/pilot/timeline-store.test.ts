import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotate, getCheckpoint, moveCurrent } from '../../src/pilot/timeline.js';
import {
  clearRunningTurn,
  loadRunningTurn,
  loadTimeline,
  saveRunningTurn,
  pilotDir,
  readTranscript,
  saveTimeline,
  saveTranscript,
  serializeTimeline,
  TimelineFileError,
  timelinePath,
  transcriptFile,
} from '../../src/pilot/timeline-store.js';
import { newTimeline, present, turns } from './timeline-fixtures.js';

const base = mkdtempSync(join(tmpdir(), 'hangar-timeline-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const stateDir = () => join(base, `state-${++n}`);

/** A timeline with a branch, a present checkpoint and every optional field. */
function rich() {
  let tl = turns(newTimeline(), 'one', 'two\nwith a second line', 'three');
  tl = present(moveCurrent(tl, 'T2')).timeline;
  tl = turns(moveCurrent(tl, 'T1'), 'other "quoted" ünïcødé 🚀');
  return annotate(tl, 'T5', { tokens: 1234, usage: { input: 34, output: 200, cacheRead: 900, cacheWrite: 100 }, cost: 0.5, reply: 'done' });
}

/** Write `mutate(json of a good timeline)` as builder's file and return the load error's message. */
function loadError(mutate: (v: any) => void): string {
  const dir = stateDir();
  const value = JSON.parse(serializeTimeline(rich()));
  mutate(value);
  mkdirSync(pilotDir(dir, 'builder'), { recursive: true });
  writeFileSync(timelinePath(dir, 'builder'), JSON.stringify(value));
  try {
    loadTimeline(dir, 'builder');
  } catch (err) {
    expect(err).toBeInstanceOf(TimelineFileError);
    return (err as Error).message;
  }
  throw new Error('loaded without an error');
}

describe('timeline store', () => {
  it('round-trips a timeline through <state_dir>/pilot/<agent>/timeline.json', () => {
    const dir = stateDir();
    const tl = rich();
    saveTimeline(dir, tl);
    expect(timelinePath(dir, 'builder')).toBe(join(dir, 'pilot', 'builder', 'timeline.json'));
    expect(loadTimeline(dir, 'builder')).toEqual(tl);
    expect(JSON.parse(readFileSync(timelinePath(dir, 'builder'), 'utf8')).version).toBe(1);
    // no temp files left beside it
    expect(readdirSync(pilotDir(dir, 'builder'))).toEqual(['timeline.json']);
  });

  it('keeps the directory a timeline was made in, and which turn was interrupted', () => {
    const dir = stateDir();
    const base = rich();
    const tl = { ...base, dir: '/work/project', checkpoints: { ...base.checkpoints, T3: { ...base.checkpoints['T3']!, interrupted: true as const } } };
    saveTimeline(dir, tl);
    expect(loadTimeline(dir, 'builder')).toEqual(tl);
  });

  it("the running turn's file: a later turn's is not taken for an earlier one's", () => {
    const dir = stateDir();
    expect(loadRunningTurn(dir, 'builder')).toBeNull();
    saveRunningTurn(dir, 'builder', { prompt: 'one', startedAt: 1000, conversationId: 'c1' });
    // the next turn began before the first one's checkpoint was taken
    saveRunningTurn(dir, 'builder', { prompt: 'two', startedAt: 2000, conversationId: null });
    clearRunningTurn(dir, 'builder', 1000);
    expect(loadRunningTurn(dir, 'builder')).toEqual({ prompt: 'two', startedAt: 2000, conversationId: null });
    clearRunningTurn(dir, 'builder', 2000);
    expect(loadRunningTurn(dir, 'builder')).toBeNull();
    saveRunningTurn(dir, 'builder', { prompt: 'three', startedAt: 3000, conversationId: null });
    clearRunningTurn(dir, 'builder'); // abandoned, whichever it is
    expect(loadRunningTurn(dir, 'builder')).toBeNull();
    writeFileSync(join(pilotDir(dir, 'builder'), 'turn.json'), '{"prompt": 3}');
    expect(loadRunningTurn(dir, 'builder')).toBeNull(); // not one: nothing to record
  });

  it('has no timeline for an agent that never had one', () => {
    expect(loadTimeline(stateDir(), 'builder')).toBeNull();
  });

  it('saves transcripts beside the timeline as <label>.txt', () => {
    const dir = stateDir();
    const rel = saveTranscript(dir, 'builder', 'T3', 'the screen\n');
    expect(rel).toBe('T3.txt');
    const tl = turns(newTimeline(), 'one', 'two', 'three');
    const t3 = { ...getCheckpoint(tl, 'T3'), transcriptPath: rel };
    expect(transcriptFile(dir, 'builder', t3)).toBe(join(dir, 'pilot', 'builder', 'T3.txt'));
    expect(readTranscript(dir, 'builder', t3)).toBe('the screen\n');
    expect(readTranscript(dir, 'builder', getCheckpoint(tl, 'root'))).toBeNull(); // root has none
    expect(readTranscript(dir, 'builder', { ...t3, transcriptPath: 'T9.txt' })).toBeNull();
    expect(() => saveTranscript(dir, 'builder', '../x', '')).toThrow(/not root or T<n>/);
  });

  it('refuses an agent name that is not one folder', () => {
    for (const bad of ['', '..', 'a/b', 'a\\b']) expect(() => pilotDir('/s', bad)).toThrow(TimelineFileError);
  });

  it('never writes through a symlink planted as pilot/ or pilot/<agent>', () => {
    for (const planted of [['pilot'], ['pilot', 'builder']]) {
      const dir = stateDir();
      const elsewhere = join(base, `elsewhere-${n}`);
      mkdirSync(elsewhere);
      mkdirSync(join(dir, ...planted.slice(0, -1)), { recursive: true });
      symlinkSync(elsewhere, join(dir, ...planted));
      expect(() => saveTimeline(dir, newTimeline())).toThrow(`${join(dir, ...planted)} is a symlink; refusing to write through it`);
      expect(() => saveTranscript(dir, 'builder', 'T1', 'screen')).toThrow(/is a symlink/);
      expect(() => saveRunningTurn(dir, 'builder', { prompt: 'p', startedAt: 1, conversationId: null })).toThrow(/is a symlink/);
      expect(readdirSync(elsewhere)).toEqual([]);
    }
  });

  it('a file that is not JSON is an error naming the file, and is left as it is', () => {
    const dir = stateDir();
    saveTimeline(dir, rich());
    const file = timelinePath(dir, 'builder');
    writeFileSync(file, '{"version":1,"agent":"buil');
    expect(() => loadTimeline(dir, 'builder')).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"agent":"buil');
  });

  it('a file that is not a timeline is an error naming the field', () => {
    expect(loadError((v) => (v.version = 2))).toMatch(/timeline\.json: version: 2 is from a newer hangar \(this one reads 1\)$/);
    expect(loadError((v) => delete v.version)).toMatch(/version: expected 1, got nothing$/);
    expect(loadError((v) => (v.agent = 'other'))).toMatch(/agent: expected "builder", got "other"$/);
    expect(loadError((v) => (v.current = 'T9'))).toMatch(/current: expected the label of a checkpoint, got "T9"$/);
    expect(loadError((v) => (v.nextNumber = 3))).toMatch(/checkpoints\.T3: T3 is not below nextNumber 3 \(labels are never reused\)$/);
    expect(loadError((v) => (v.checkpoints.T2.parent = 'T8'))).toMatch(/checkpoints\.T2\.parent: expected the label of a checkpoint, got "T8"$/);
    expect(loadError((v) => (v.checkpoints.T2.startedAt = '12:00'))).toMatch(/checkpoints\.T2\.startedAt: expected a number ≥ 0, got "12:00"$/);
    expect(loadError((v) => (v.checkpoints.T1.files.insertions = -1))).toMatch(/checkpoints\.T1\.files\.insertions: expected an integer ≥ 0, got -1$/);
    expect(loadError((v) => (v.checkpoints.T1.kind = 'step'))).toMatch(/checkpoints\.T1\.kind: expected one of root, turn, present, got "step"$/);
    expect(loadError((v) => (v.checkpoints.T1.snapshot = ''))).toMatch(/checkpoints\.T1\.snapshot: expected a non-empty string, got ""$/);
    expect(loadError((v) => (v.checkpoints.T3.depth = 7))).toMatch(/checkpoints\.T3\.depth: expected 3 \(parent T2 has 2\), got 7$/);
    expect(loadError((v) => (v.checkpoints.T1.label = 'T2'))).toMatch(/checkpoints\.T1\.label: expected "T1", got "T2"$/);
    expect(loadError((v) => (v.checkpoints.x = {}))).toMatch(/checkpoints\.x: a label must be root or T<n>$/);
    expect(loadError((v) => delete v.checkpoints.root)).toMatch(/timeline\.json: checkpoints: no root checkpoint$/);
    expect(loadError((v) => (v.checkpoints.T5.tokens = 'many'))).toMatch(/checkpoints\.T5\.tokens: expected a number ≥ 0, got "many"$/);
    expect(loadError((v) => (v.checkpoints.T5.usage.output = 1.5))).toMatch(/checkpoints\.T5\.usage\.output: expected an integer ≥ 0, got 1\.5$/);
    expect(loadError((v) => (v.checkpoints = []))).toMatch(/checkpoints: expected an object, got \[\]$/);
    expect(loadError((v) => (v.checkpoints.root.kind = 'turn'))).toMatch(/checkpoints\.root\.kind: root must have kind "root"$/);
  });

  it('present checkpoints whose parents form a cycle are an error, not a hang', () => {
    // T4 is a present (depth 2, parent T2); make T2 a present too and point it at T4.
    const message = loadError((v) => {
      v.checkpoints.T2.kind = 'present';
      v.checkpoints.T2.depth = 2;
      v.checkpoints.T2.parent = 'T4';
    });
    expect(message).toMatch(/checkpoints\.T\d\.parent: the parents form a cycle and never reach root$/);
  });
});
