// A crash in the middle of saving a timeline: the write is made to fail half-way (node:fs
// mocked for this file only), and the timeline on disk must be the old one, whole.
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

const crash = vi.hoisted(() => ({ during: null as null | 'write' | 'rename', written: [] as string[] }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  // the temp file is opened to be created (O_CREAT), then written through its fd
  const openSync = (path: any, flags?: any, mode?: any) => {
    if (typeof flags === 'number' && (flags & fs.constants.O_CREAT) !== 0) crash.written.push(String(path));
    return fs.openSync(path, flags, mode);
  };
  const writeSync = (fd: any, data: any, ...rest: any[]) => {
    if (crash.during !== 'write') return (fs.writeSync as any)(fd, data, ...rest);
    fs.writeSync(fd, data.subarray(0, Math.floor(data.length / 2))); // half of it reached the disk
    throw new Error('simulated crash while writing');
  };
  const renameSync = (from: any, to: any) => {
    if (crash.during === 'rename') throw new Error('simulated crash before the rename');
    return fs.renameSync(from, to);
  };
  const mocked = { openSync, writeSync, renameSync };
  return { ...fs, default: { ...fs, ...mocked }, ...mocked };
});

const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs');
const { loadTimeline, saveTimeline, timelinePath, serializeTimeline } = await import('../../src/pilot/timeline-store.js');
const { newTimeline, turns } = await import('./timeline-fixtures.js');

const stateDir = mkdtempSync(join(tmpdir(), 'hangar-timeline-crash-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));
afterEach(() => {
  crash.during = null;
  crash.written = [];
});

describe('saving a timeline through a crash', () => {
  const before = turns(newTimeline(), 'one', 'two');
  const after = turns(before, 'three');
  const file = timelinePath(stateDir, 'builder');

  it.each(['write', 'rename'] as const)('a crash during the %s leaves the old timeline whole', (during) => {
    saveTimeline(stateDir, before);
    crash.written = [];
    crash.during = during;
    expect(() => saveTimeline(stateDir, after)).toThrow(/simulated crash/);
    crash.during = null;

    // the bytes went to a temp file beside the timeline (same folder: the rename is atomic), never to it
    expect(crash.written).toHaveLength(1);
    expect(crash.written[0]).not.toBe(file);
    expect(dirname(crash.written[0]!)).toBe(dirname(file));
    expect(readFileSync(file, 'utf8')).toBe(serializeTimeline(before));
    expect(loadTimeline(stateDir, 'builder')).toEqual(before);
    expect(readdirSync(dirname(file))).toEqual(['timeline.json']); // the temp file is cleaned up

    saveTimeline(stateDir, after);
    expect(loadTimeline(stateDir, 'builder')).toEqual(after);
  });
});
