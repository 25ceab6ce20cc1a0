import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectInProcess } from '../../src/client/in-process-client.js';
import { phaseIndexPath } from '../../src/config/phase-index.js';
import type { FleetConfig } from '../../src/config/types.js';
import { FleetServer } from '../../src/server/fleet-server.js';
import { ServerAlreadyRunning } from '../../src/server/protocol-server.js';
import { sequenceCompletePath } from '../../src/fs/fleet-files.js';
import { PhaseProject } from '../watchdog/phase-project.js';

const projects: PhaseProject[] = [];
const servers: FleetServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const p of projects.splice(0)) p.cleanup();
});

function setUp(loop = ''): { project: PhaseProject; config: FleetConfig; server: (stopAfter?: boolean) => FleetServer } {
  const project = new PhaseProject({ loop });
  projects.push(project);
  const config = project.config();
  const env = { ...process.env, XDG_STATE_HOME: join(project.dir, 'xdg') };
  return {
    project,
    config,
    server: (stopAfter = true) => {
      const s = new FleetServer(config, { env, stopGraceMs: 500 });
      if (stopAfter) servers.push(s);
      return s;
    },
  };
}
const put = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

describe('resume_phase when the server starts', () => {
  it('false: the sequence starts over once the server listens — not before, and not for a server that lost the race', async () => {
    const { config, server } = setUp('resume_phase = false');
    put(phaseIndexPath(config), '2');
    put(sequenceCompletePath(config), 'done\n');
    const first = server();
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('2');
    await first.listen();
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('0');

    put(phaseIndexPath(config), '1');
    // (the loser is not stopped: its stop would remove the winner's lockfile, as it never listened)
    await expect(server(false).listen()).rejects.toBeInstanceOf(ServerAlreadyRunning);
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('1');
  });

  it('true (the default): the saved phase and completion stay', async () => {
    const { config, server } = setUp();
    put(phaseIndexPath(config), '2');
    put(sequenceCompletePath(config), 'done\n');
    await server().listen();
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('2');
    expect(readFileSync(sequenceCompletePath(config), 'utf8')).toBe('done\n');
  });
});

describe("the server's phase request", () => {
  it('refuses a wrong action or target with bad_args, next at the last phase with conflict', async () => {
    const { config, server } = setUp();
    const client = await connectInProcess(server().protocol, 'test');
    try {
      await expect(client.call('phase', { action: 'jump' })).rejects.toMatchObject({ code: 'bad_args', message: '"action" must be one of: show, next, set' });
      await expect(client.request('phase', { action: 'set' })).rejects.toMatchObject({ code: 'bad_args', message: '"phase" must be a non-empty string' });
      await expect(client.request('phase', { action: 'set', phase: '3' })).rejects.toMatchObject({
        code: 'bad_args',
        message: 'phase 3 is out of range; valid: 0..2 (0=p1, 1=p2, 2=p3)',
      });
      put(phaseIndexPath(config), '2');
      await expect(client.request('phase', { action: 'next' })).rejects.toMatchObject({ code: 'conflict' });
      const shown = await client.request('phase', {});
      expect(shown.report.current).toBe(2);
    } finally {
      client.close();
    }
  });
});

describe("the server's phase-index request (`hangar phase next | set` when no server was running)", () => {
  it('moves the index only: no loop agent is started, the notes come back, a bad target is bad_args', async () => {
    const { config, server } = setUp();
    const s = server();
    const client = await connectInProcess(s.protocol, 'test');
    try {
      put(phaseIndexPath(config), '0');
      const moved = await client.request('phase-index', { action: 'set', phase: 'p3' });
      expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('2');
      expect(moved.report.current).toBe(2);
      expect(moved.failures).toEqual([]);
      expect(moved.actions.map((a) => a.type)).toEqual(['note']);
      expect(moved.actions[0]!.message).toContain('phase moved by hand: p1 → p3');
      const { agents } = await client.request('status', {});
      expect(agents.filter((a) => a.pid !== null)).toEqual([]);

      put(phaseIndexPath(config), '0');
      expect((await client.request('phase-index', { action: 'next' })).report.current).toBe(1);
      expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('1');
      await expect(client.call('phase-index', { action: 'show' })).rejects.toMatchObject({ code: 'bad_args', message: '"action" must be one of: next, set' });
      await expect(client.request('phase-index', { action: 'set', phase: '3' })).rejects.toMatchObject({ code: 'bad_args', message: 'phase 3 is out of range; valid: 0..2 (0=p1, 1=p2, 2=p3)' });
      expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('1');
    } finally {
      client.close();
    }
  });
});
