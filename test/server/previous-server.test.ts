import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { FleetConfig } from '../../src/config/types.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { FleetServer } from '../../src/server/fleet-server.js';
import { writeLockfile } from '../../src/server/lockfile.js';
import { describeDeadServer, findDeadServer } from '../../src/server/previous-server.js';
import { registerServer } from '../../src/server/server-registry.js';
import { registryDir } from '../../src/fs/fleet-files.js';

/** The pid of a process that has come and gone. */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

const dirs: string[] = [];
const servers: FleetServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fleetDir(): { dir: string; config: FleetConfig; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'hgp-')); // short: the socket path has a limit
  dirs.push(dir);
  writeFileSync(join(dir, 'agents.toml'), '[defaults]\nsession_prefix = "p-"\nlog_dir = "state"\n');
  const { config } = loadConfig({ path: join(dir, 'agents.toml') });
  mkdirSync(config.log_dir, { recursive: true });
  return { dir, config, env: { ...process.env, XDG_STATE_HOME: join(dir, 'xdg') } };
}

/** What a server killed with -9 leaves: its server.pid, its registry entry, its events. */
function leaveDeadServer(config: FleetConfig, env: NodeJS.ProcessEnv, pid: number, lastEventAt: number | null): void {
  const identity = { pid, socket: join(config.log_dir, 'hangar.sock'), version: '0.1.0', startedAt: '2026-06-14T10:00:00.000Z', config: config.path };
  writeLockfile(join(config.log_dir, 'server.pid'), identity);
  registerServer(env, { ...identity, instance: config.instance });
  if (lastEventAt !== null) {
    const events: FleetEvent[] = [
      { type: 'log', level: 'info', message: 'earlier', at: lastEventAt - 5000 },
      { type: 'status', name: 'a', status: 'idle', prev: 'working', at: lastEventAt },
    ];
    writeFileSync(join(config.log_dir, 'events.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }
}

describe('a server that ended without down', () => {
  it('is found by its server.pid whose process is gone, with its start and its last event', () => {
    const { config, env } = fleetDir();
    const pid = deadPid();
    const last = Date.parse('2026-06-14T10:05:10.000Z');
    leaveDeadServer(config, env, pid, last);
    expect(findDeadServer(config)).toEqual({ pid, startedAt: '2026-06-14T10:00:00.000Z', lastEventAt: last });
  });

  it('is not found when server.pid is missing, unreadable, or its process lives', () => {
    const { config, env } = fleetDir();
    expect(findDeadServer(config)).toBeNull();
    writeFileSync(join(config.log_dir, 'server.pid'), 'garbage');
    expect(findDeadServer(config)).toBeNull();
    leaveDeadServer(config, env, process.pid, null);
    expect(findDeadServer(config)).toBeNull();
  });

  it('is described with what is known: when it started and when it was last heard of', () => {
    const startedAt = new Date(2026, 5, 14, 10, 0, 3).toISOString();
    const lastEventAt = new Date(2026, 5, 14, 10, 5, 10).getTime();
    expect(describeDeadServer({ pid: 42, startedAt, lastEventAt })).toBe(
      '(pid 42, started 2026-06-14 10:00:03) ended without `hangar down`, some time after its last event at 2026-06-14 10:05:10',
    );
    expect(describeDeadServer({ pid: 42, startedAt, lastEventAt: null })).toBe(
      '(pid 42, started 2026-06-14 10:00:03) ended without `hangar down`; its event log does not say when',
    );
  });

  it('the next server records that it ended without down, and removes its registry entry', async () => {
    const { config, env } = fleetDir();
    const pid = deadPid();
    leaveDeadServer(config, env, pid, Date.now() - 60_000);
    const entry = join(registryDir(env), `${pid}.json`);
    expect(existsSync(entry)).toBe(true);
    const server = new FleetServer(config, { env, stopGraceMs: 500 });
    servers.push(server);
    await server.listen();
    const events = readFileSync(join(config.log_dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as FleetEvent);
    const unclean = events.filter((e) => e.type === 'watchdog' && e.kind === 'unclean-exit');
    expect(unclean).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringMatching(new RegExp(`^the previous server \\(pid ${pid}, started .*\\) ended without \`hangar down\`, some time after its last event at .*; carrying on from its saved state$`)) }),
    ]);
    expect(existsSync(entry)).toBe(false);
    expect(JSON.parse(readFileSync(join(config.log_dir, 'server.pid'), 'utf8')).pid).toBe(process.pid);
  });

  it('a server after a clean down records nothing of the kind', async () => {
    const { config, env } = fleetDir();
    const first = new FleetServer(config, { env, stopGraceMs: 500 });
    await first.listen();
    await first.stop();
    const second = new FleetServer(config, { env, stopGraceMs: 500 });
    servers.push(second);
    await second.listen();
    const events = readFileSync(join(config.log_dir, 'events.jsonl'), 'utf8');
    expect(events).toContain('listening on');
    expect(events).not.toContain('unclean-exit');
  });
});
