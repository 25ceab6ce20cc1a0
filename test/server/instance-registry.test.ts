import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { instanceRecordPath, instanceRegistryDir, verdictsPath } from '../../src/fs/fleet-files.js';
import type { InstanceRecord } from '../../src/protocol/instance-record.js';
import { FleetServer } from '../../src/server/fleet-server.js';
import { listInstances, writeInstance } from '../../src/server/instance-registry.js';

// The instance registry with real files and an in-process server listening on a real socket
// (no agents): the record a run leaves as it starts and as it ends, and a dead one's.

/** The pid of a process that has come and gone. */
function deadPid(): number {
  return Number(spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim());
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratch(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'hgi-')); // short: the socket path has a limit
  dirs.push(dir);
  return { dir, env: { ...process.env, XDG_STATE_HOME: join(dir, 'xdg') } };
}

const record = (id: string, pid: number, started: string): InstanceRecord => ({
  id,
  name: 'proj',
  instance: 'default',
  config: '/p/agents.toml',
  log_dir: '/p/state',
  pid,
  socket: '/p/state/hangar.sock',
  started,
  ended: null,
  status: 'running',
  agents: ['a'],
  totals: { turns: 1, input: 10, output: 5, cache_read: 0, cache_write: 0, cost_usd: 0.01 },
});

describe('the instance registry', () => {
  it('closes a running record whose server is gone as crashed, once, when it is read', () => {
    const { env } = scratch();
    writeInstance(env, record('dead', deadPid(), '2026-12-05T10:00:00.000Z'));
    writeInstance(env, record('live', process.pid, '2026-12-05T11:00:00.000Z'));
    const first = listInstances(env, '2026-12-05T12:00:00.000Z');
    expect(first.map((r) => [r.id, r.status, r.ended])).toEqual([
      ['dead', 'crashed', '2026-12-05T12:00:00.000Z'],
      ['live', 'running', null],
    ]);
    // written so: a later reader sees when it was noticed, not its own now
    expect(listInstances(env, '2026-12-05T13:00:00.000Z')[0]).toMatchObject({ id: 'dead', status: 'crashed', ended: '2026-12-05T12:00:00.000Z', totals: { turns: 1 } });
  });

  it('passes over files that are no record, and is empty when nothing ran', () => {
    const { env } = scratch();
    expect(listInstances(env, 'now')).toEqual([]);
    mkdirSync(instanceRegistryDir(env), { recursive: true });
    writeFileSync(join(instanceRegistryDir(env), 'torn.json'), '{"id": "x", "na');
    writeFileSync(join(instanceRegistryDir(env), 'other.json'), '{"id": "x"}');
    expect(listInstances(env, 'now')).toEqual([]);
  });
});

describe('the record of a run', () => {
  async function run(env: NodeJS.ProcessEnv, dir: string, instance: string, verdicts: object[] | null, runName?: string, how: 'down' | 'crashed' = 'down'): Promise<InstanceRecord> {
    writeFileSync(join(dir, 'agents.toml'), '[defaults]\nsession_prefix = "p-"\nlog_dir = "state"\n');
    const { config } = loadConfig({ path: join(dir, 'agents.toml'), instance });
    const server = new FleetServer(config, { env, ...(runName ? { runName } : {}) });
    await server.listen();
    const [running] = listInstances(env, new Date().toISOString()).filter((r) => r.status === 'running');
    expect(running).toMatchObject({ instance, config: config.path, log_dir: config.log_dir, pid: process.pid, socket: join(config.log_dir, 'hangar.sock'), ended: null });
    if (verdicts) {
      mkdirSync(config.state_dir, { recursive: true });
      // written during the run (as `end` writes them), unless a line says when
      writeFileSync(verdictsPath(config), verdicts.map((v) => `${JSON.stringify({ at: Date.now(), reason: '', deleted: false, ...v })}\n`).join(''));
    }
    await server.stop(how);
    return listInstances(env, new Date().toISOString()).find((r) => r.id === running!.id)!;
  }

  it('is running while the server listens, stopped after it stops; named after the config\'s folder', async () => {
    const { dir, env } = scratch();
    const r = await run(env, dir, 'default', null);
    expect(r).toMatchObject({ status: 'stopped', name: dir.split('/').at(-1), instance: 'default', agents: [] });
    expect(Date.parse(r.ended!)).toBeGreaterThanOrEqual(Date.parse(r.started));
    expect(r.totals).toEqual({ turns: 0, input: 0, output: 0, cache_read: 0, cache_write: 0, cost_usd: 0 });
    expect(readdirSync(instanceRegistryDir(env))).toEqual([`${r.id}.json`]);
    expect(instanceRecordPath(env, r.id)).toBe(join(instanceRegistryDir(env), `${r.id}.json`));
  });

  it('is completed when every worker of the run was ended completed, failed when one failed', async () => {
    const { dir, env } = scratch();
    expect((await run(env, dir, 'ok', [{ name: 'w1', verdict: 'completed' }, { name: 'w2', verdict: 'completed' }])).status).toBe('completed');
    expect((await run(env, dir, 'bad', [{ name: 'w1', verdict: 'completed' }, { name: 'w2', verdict: 'failed' }])).status).toBe('failed');
  });

  it("is stopped when the only verdicts are an earlier run's; takes up --name, else the copy's name", async () => {
    const { dir, env } = scratch();
    const r = await run(env, dir, 'again', [{ at: Date.parse('2020-01-01T00:00:00.000Z'), name: 'w1', verdict: 'failed' }], 'second look');
    expect(r).toMatchObject({ status: 'stopped', name: 'second look' });
    expect((await run(env, dir, 'review', null)).name).toBe('review');
  });

  it('is crashed when the server stops on an uncaught failure, whatever the verdicts', async () => {
    const { dir, env } = scratch();
    expect((await run(env, dir, 'default', [{ name: 'w1', verdict: 'completed' }], undefined, 'crashed')).status).toBe('crashed');
  });

  it('is not written by a server that never listened (it lost the race for the socket)', async () => {
    const { dir, env } = scratch();
    writeFileSync(join(dir, 'agents.toml'), '[defaults]\nsession_prefix = "p-"\nlog_dir = "state"\n');
    const server = new FleetServer(loadConfig({ path: join(dir, 'agents.toml') }).config, { env });
    await server.stop();
    expect(listInstances(env, 'now')).toEqual([]);
  });
});
