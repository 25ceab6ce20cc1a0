import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as files from '../../src/fs/fleet-files.js';
import { PathEscapeError } from '../../src/fs/path-under.js';

// DESIGN's "Files on disk", pinned: a client and the server find each file at the same place.
describe('the files of a fleet on disk', () => {
  const fleet = { log_dir: '/fleet/logs', state_dir: files.stateDirOf('/fleet/logs') };

  it('lie under log_dir and its state folder where DESIGN puts them', () => {
    expect(fleet.state_dir).toBe('/fleet/logs/state');
    expect(files.socketPath(fleet)).toBe('/fleet/logs/hangar.sock');
    expect(files.lockfilePath(fleet)).toBe('/fleet/logs/server.pid');
    expect(files.serverLogPath(fleet)).toBe('/fleet/logs/server.log');
    expect(files.eventsLogPath(fleet)).toBe('/fleet/logs/events.jsonl');
    expect(files.sessionLogPath(fleet, 'fleet-a')).toBe('/fleet/logs/fleet-a.log');
    expect(files.sequenceCompletePath(fleet)).toBe('/fleet/logs/SEQUENCE-COMPLETE');
    expect(files.resumeIdPath(fleet, 'a')).toBe('/fleet/logs/state/a.id');
    expect(files.kickoffPath(fleet, 'fleet-a')).toBe('/fleet/logs/state/kickoff-fleet-a.txt');
    expect(files.restartBudgetPath(fleet, 'fleet-a')).toBe('/fleet/logs/state/restarts-fleet-a.json');
    expect(files.limitHoldPath(fleet, 'fleet-a')).toBe('/fleet/logs/state/limited-fleet-a.json');
    expect(files.handoffStatePath(fleet)).toBe('/fleet/logs/state/handoff.json');
    expect(files.keptViewPath(fleet)).toBe('/fleet/logs/state/view.json');
    expect(files.phaseIndexPath(fleet, 'phase-idx')).toBe('/fleet/logs/state/phase-idx');
    expect(files.pilotRoot(fleet)).toBe('/fleet/logs/state/pilot');
    expect(files.timelinePath(fleet, 'a')).toBe('/fleet/logs/state/pilot/a/timeline.json');
    expect(files.runningTurnPath(fleet, 'a')).toBe('/fleet/logs/state/pilot/a/turn.json');
    expect(files.snapshotRepoPath(fleet, 'a')).toBe('/fleet/logs/state/pilot/a/repo.git');
  });

  it('registers servers under XDG_STATE_HOME, else ~/.local/state', () => {
    expect(files.registryEntryPath({ XDG_STATE_HOME: '/x' }, 42)).toBe('/x/hangar/servers/42.json');
    expect(files.registryDir({ HOME: '/home/u' })).toBe(join('/home/u', '.local', 'state', 'hangar', 'servers'));
  });

  it('refuse a name that would lead outside its folder', () => {
    expect(() => files.sessionLogPath(fleet, '../../etc/x')).toThrow(PathEscapeError);
    expect(() => files.resumeIdPath(fleet, '../a')).toThrow(PathEscapeError);
    expect(() => files.pilotDir(fleet, '../../a')).toThrow(PathEscapeError);
  });
});
