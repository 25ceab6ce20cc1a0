import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InstanceRecord } from '../../src/protocol/instance-record.js';
import { killServer, pidGone } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { whenDir } from '../helpers/watch-dir.js';
import { DEMO_BACKEND, DEMO_PRICE } from '../helpers/demo-backend.js';

// Two copies of one config run side by side (real servers, real sockets, demo agents in real
// ptys), each with its own log_dir; every run is an instance in the registry that
// `hangar instances` lists — running, then stopped, completed by verdicts, or crashed.
const CONFIG = `
[defaults]
session_prefix = "in-"
log_dir = "state"
dir = "work"

${DEMO_BACKEND}
${DEMO_PRICE}
[[agent]]
name = "builder"
backend = "demo"
watch = "none"
`;

const TEST_MS = 120_000;

describe('instances: copies of one config side by side, and the record of every run', () => {
  const fleet = new TestFleet('instances', CONFIG);
  afterAll(async () => {
    for (const instance of ['b', 'v']) await fleet.run('down', '--instance', instance);
    await fleet.stop();
  });
  const logDir = (instance: string) => (instance === 'default' ? join(fleet.dir, 'state') : join(fleet.dir, 'state', 'instances', instance));
  const serverOf = (instance: string) => JSON.parse(readFileSync(join(logDir(instance), 'server.pid'), 'utf8')) as { pid: number; socket: string };
  const instances = async (...flags: string[]) => (JSON.parse(await fleet.hangar('instances', '--json', ...flags)) as { instances: InstanceRecord[] }).instances;
  const registry = () => join(fleet.dir, 'xdg', 'hangar', 'instances');
  const byInstance = async (...flags: string[]) => Object.fromEntries((await instances(...flags)).map((r) => [r.instance, r]));

  it('runs a second copy with its own socket, logs and state; each is a running instance', async () => {
    await fleet.up(['builder']);
    expect(await instances()).toEqual([expect.objectContaining({ instance: 'default', status: 'running', name: basename(fleet.dir), agents: ['builder'], ended: null })]);

    await fleet.hangar('up', '-d', '--instance', 'b', '--name', 'second look');
    await fleet.hangar('wait', 'builder', '--for', 'idle', '--timeout', '30', '--instance', 'b');
    const [first, second] = [serverOf('default'), serverOf('b')];
    expect(second.pid).not.toBe(first.pid);
    expect([first.socket, second.socket]).toEqual([join(logDir('default'), 'hangar.sock'), join(logDir('b'), 'hangar.sock')]);
    // each copy's agent writes its own log, and its own state
    expect(existsSync(join(logDir('b'), 'in-builder.log'))).toBe(true);
    expect(existsSync(join(logDir('b'), 'state'))).toBe(true);
    // and knows its copy: the hangar verbs it runs reach that one
    const agentPid = (JSON.parse(await fleet.hangar('status', '--json', '--instance', 'b')) as { agents: Array<{ pid: number }> }).agents[0]!.pid;
    const environ = readFileSync(`/proc/${agentPid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('HANGAR_INSTANCE=b');
    expect(environ).toContain(`HANGAR_SOCKET=${second.socket}`);

    const running = await byInstance();
    expect(Object.keys(running).sort()).toEqual(['b', 'default']);
    expect(running.b).toMatchObject({ name: 'second look', status: 'running', pid: second.pid, socket: second.socket, log_dir: logDir('b'), config: join(fleet.dir, 'agents.toml') });
    expect(running.default).toMatchObject({ pid: first.pid, log_dir: logDir('default') });
    const table = await fleet.hangar('instances');
    expect(table).toMatch(/^\s+ID\s+NAME\s+INSTANCE\s+STATUS\s+STARTED\s+ENDED\s+AGENTS\s+TURNS\s+TOKENS\s+COST\s+CONFIG/);
    expect(table).toMatch(/second look\s+b\s+running/);
  }, TEST_MS);

  it('refuses a verb that does not say which copy while two run, naming them', async () => {
    const r = await fleet.run('send', 'builder', 'which one?');
    expect(r.code).toBe(1);
    const since = '[-0-9]+T[:.0-9]+Z';
    expect(r.stderr).toMatch(
      new RegExp(
        `^hangar: 2 instances of agents.toml are running; name one with --instance NAME:\n` +
          `  b \\(server pid ${serverOf('b').pid}, since ${since}\\)\n` +
          `  default \\(server pid ${serverOf('default').pid}, since ${since}\\)\n$`,
      ),
    );
  }, TEST_MS);

  it("counts a copy's turns, tokens and cost from its own usage ledger, not the other's", async () => {
    await fleet.hangar('send', 'builder', 'only to b', '--wait', '--instance', 'b');
    // once the demo's session file has been read into b's ledger, b's record says so
    const record = (): InstanceRecord | undefined => {
      const r = (JSON.parse(readFileSync(join(registry(), `${running.b!.id}.json`), 'utf8')) as InstanceRecord);
      return r.totals.input > 0 && r.totals.turns > 0 ? r : undefined;
    };
    const running = await byInstance();
    const { totals } = await whenDir(registry(), record, 30_000, () => readFileSync(join(registry(), `${running.b!.id}.json`), 'utf8'));
    expect(totals.turns).toBeGreaterThanOrEqual(1);
    expect(totals.input + totals.output).toBeGreaterThan(0);
    expect(totals.cost_usd).toBeGreaterThan(0);
    expect((await byInstance()).default!.totals).toMatchObject({ turns: 0, input: 0, output: 0, cost_usd: 0 });
  }, TEST_MS);

  it('attach --instance opens the cockpit on that copy', async () => {
    const term = fleet.cockpit(160, 40, '--instance', 'b');
    await term.waitForText('You said: "only to b"', 20_000);
    await fleet.closeCockpits();
  }, TEST_MS);

  it('down closes a copy as stopped: listed with --all only, and the other copy is reached without --instance', async () => {
    await fleet.hangar('down', '--instance', 'b');
    expect(Object.keys(await byInstance())).toEqual(['default']);
    const all = await byInstance('--all');
    expect(all.b).toMatchObject({ status: 'stopped', ended: expect.any(String) });
    expect(Date.parse(all.b!.ended!)).toBeGreaterThanOrEqual(Date.parse(all.b!.started));
    expect(await fleet.run('status')).toMatchObject({ code: 0 });
  }, TEST_MS);

  it("closes a copy completed when every worker's verdict is completed", async () => {
    await fleet.hangar('up', '-d', '--instance', 'v');
    // the verdict as the MCP tool `end` records it
    await fleet.hangar('end', 'builder', 'completed', 'done', '--instance', 'v');
    await fleet.hangar('down', '--instance', 'v');
    expect((await byInstance('--all')).v).toMatchObject({ status: 'completed', name: 'v' });
  }, TEST_MS);

  it('shows a copy whose server was killed -9 as crashed once noticed, never running', async () => {
    const agentPid = (JSON.parse(await fleet.hangar('status', '--json')) as { agents: Array<{ pid: number }> }).agents[0]!.pid;
    const pid = await killServer(logDir('default'));
    await pidGone(agentPid, 30_000);
    expect(await instances()).toEqual([]);
    const all = await byInstance('--all');
    expect(all.default).toMatchObject({ status: 'crashed', pid, ended: expect.any(String) });
    expect(Object.values(all).map((r) => r.status).sort()).toEqual(['completed', 'crashed', 'stopped']);
    const text = await fleet.hangar('instances', '--all');
    expect(text).toMatch(/\bdefault\s+crashed\b/);
    expect(await fleet.hangar('instances')).toBe('no instance is running (hangar instances --all shows the finished ones)\n');
  }, TEST_MS);
});
