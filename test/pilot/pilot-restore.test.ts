import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { Pilot } from '../../src/pilot/pilot.js';
import { createTimeline } from '../../src/pilot/timeline.js';
import { saveTimeline, timelinePath } from '../../src/pilot/timeline-store.js';
import { systemClock } from '../../src/base/clock.js';

// A timeline belongs to the directory its snapshots were taken of: a server that finds one made
// in another directory (the agent's dir changed in agents.toml) neither follows nor restores it,
// and says why and how to go on.
describe('a timeline found by a new server', () => {
  let dir: string;
  let fleet: Fleet;
  let pilot: Pilot;
  const events: FleetEvent[] = [];
  const root = { startedAt: 0, endedAt: 0, snapshot: 'abc123', ref: 'refs/hangar/a/root', transcriptPath: null, logOffset: 0, conversationId: null, files: { added: 0, removed: 0, changed: 0, insertions: 0, deletions: 0 } };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-restore-'));
    writeFileSync(join(dir, 'agents.toml'), `[defaults]\nsession_prefix = "rs-"\nlog_dir = "state"\ndir = "work"\n\n[backend.demo]\nbin = "hangar-demo"\n\n[[agent]]\nname = "a"\nbackend = "demo"\n`);
    const { config } = loadConfig({ path: join(dir, 'agents.toml'), env: {} });
    fleet = new Fleet(config);
    fleet.onEvent((e) => events.push(e));
    pilot = new Pilot({ fleet, clock: systemClock });
  });
  afterEach(() => {
    pilot.dispose();
    events.length = 0;
    rmSync(dir, { recursive: true, force: true });
  });

  it('made in another directory: refused with both directories and the way out, and said at server start', async () => {
    saveTimeline(fleet.currentConfig.state_dir, createTimeline('a', root, '/somewhere/else'));
    expect(() => pilot.get('a')).toThrow(/a's timeline was made in \/somewhere\/else, but a now works in .*\/work .*move .*pilot\/a away to begin a new timeline/);
    await expect(pilot.enable('a')).rejects.toThrow(/was made in \/somewhere\/else/);
    pilot.resumeAll();
    expect(events).toContainEqual(expect.objectContaining({ type: 'pilot', name: 'a', level: 'warn', message: expect.stringContaining('was made in /somewhere/else') }));
  });

  it('written before hangar kept the directory: taken for the one the agent works in now', () => {
    const stateDir = fleet.currentConfig.state_dir;
    saveTimeline(stateDir, createTimeline('a', root));
    expect(pilot.get('a').timeline.dir).toBe(join(dir, 'work'));
    expect(JSON.parse(readFileSync(timelinePath(stateDir, 'a'), 'utf8')).dir).toBe(join(dir, 'work'));
  });
});
