import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { parseRestarts } from '../../src/watchdog/restart-budget-file.js';
import { killServer } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { printFigures, serverFigures, serverPid } from './figures.js';

// An agent whose program dies at once, over and over (exit 3, so not a missing program): the
// watchdog restarts it within its budget and then gives up, the server and the other agents
// carry on, and a kill -9 of the server in the middle of the loop keeps the budget spent so far.
// Then an agent killed with -9 each time it has started.
const MAX_RESTARTS = 4;
const CONFIG = `
[defaults]
session_prefix = "cl-"
log_dir = "state"
dir = "work"
backend = "demo"
watch = "heal"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"

[backend.dies]
bin = "sh -c 'echo dying at once; exit 3'"

[[agent]]
name = "dies"
backend = "dies"

[[agent]]
name = "steady"
prompt = "hello"

[[agent]]
name = "victim"

[watchdog]
max_restarts = ${MAX_RESTARTS}
restart_window = 600
`;

interface AgentJson {
  name: string;
  status: string;
  pid: number | null;
  restarts: number;
  detail?: string;
}

describe('kill -9 of agents in a crash loop', () => {
  const fleet = new TestFleet('cl', CONFIG, { DEMO_THINK_MS: '100' });
  const logDir = () => join(fleet.dir, 'state');
  const agent = async (name: string) => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents.find((a) => a.name === name)!;
  const restartNotes = (from: number) => fleet.events.filter((e) => e.type === 'watchdog' && e.kind === 'restart' && e.name === 'dies' && e.at >= from);
  const isStart = (e: FleetEvent) => e.type === 'started' && e.name === 'dies';

  afterAll(() => fleet.stop());

  it('restarts within its budget, survives a kill -9 of the server mid-loop with the budget spent so far, then gives up with the reason', async () => {
    const t0 = Date.now();
    await fleet.up();
    // kill the first server while a restart waits out its backoff (the third, if the kill is quick)
    await fleet.event((e) => e.type === 'watchdog' && e.kind === 'restart' && e.name === 'dies' && /restarting in 2 s \(backoff\)/.test(e.message));
    const firstServer = serverPid(logDir());
    printFigures('crash loop, first server before its kill -9', serverFigures(firstServer));
    await killServer(logDir());
    // the budget as the killed server left it: the restarts it spent, none pending
    const saved = parseRestarts(readFileSync(join(logDir(), 'state', 'restarts-cl-dies.json'), 'utf8'));
    expect(saved).toMatchObject({ spent: false });
    const spentSoFar = saved!.recent.length;
    expect(spentSoFar).toBeGreaterThanOrEqual(2);
    expect(spentSoFar).toBeLessThan(MAX_RESTARTS);
    expect(saved!.count).toBe(spentSoFar);

    const killedAt = Date.now();
    const gaveUp = fleet.nextEvent((e) => e.type === 'watchdog' && e.kind === 'give-up' && e.name === 'dies');
    expect((await fleet.run('up', '-d')).code).toBeLessThanOrEqual(1); // 1 when `dies` is already down again as up answers
    const recovered = Date.now() - killedAt;
    const given = (await gaveUp()) as Extract<FleetEvent, { type: 'watchdog' }>;
    // the budget is the one the first server began: only the restarts it had left
    expect(given.message).toMatch(new RegExp(`dies: process exited \\(code 3\\); restarted ${MAX_RESTARTS} times in 10 min — restart budget spent`));
    const secondServerRestarts = fleet.events.filter((e) => isStart(e) && (e as { at: number }).at >= killedAt).length - 1; // less the start by `up`
    expect(secondServerRestarts).toBe(MAX_RESTARTS - spentSoFar);

    // the server is up, says why, and the other agent never noticed the loop
    const dies = await agent('dies');
    expect(dies).toMatchObject({ status: 'crashed', pid: null });
    expect(dies.detail).toMatch(/process exited \(code 3\); restarted 4 times in 10 min — restart budget spent \(hangar restart dies to try again\)/);
    expect(await fleet.hangar('status')).toMatch(/dies: process exited \(code 3\); restarted 4 times/);
    await fleet.idle('steady');
    const spent = parseRestarts(readFileSync(join(logDir(), 'state', 'restarts-cl-dies.json'), 'utf8'));
    expect(spent).toMatchObject({ spent: true });

    printFigures('crash loop', {
      'restarts spent when killed': spentSoFar,
      'starts of the dying agent': fleet.events.filter((e) => isStart(e) && (e as { at: number }).at >= t0).length,
      'restart events': restartNotes(t0).length,
      'kill -9 to up answered': `${recovered} ms`,
      'loop to give-up': `${given.at - t0} ms`,
      ...serverFigures(serverPid(logDir())),
    });
  }, 90_000);

  it('an agent killed with -9 each time it has started is restarted within its budget, then crashed with the signal named', async () => {
    await fleet.idle('victim');
    const from = Date.now();
    const victimStarts = () => fleet.events.filter((e) => e.type === 'started' && e.name === 'victim' && e.at >= from);
    let pid = (await agent('victim')).pid!;
    for (let kill = 1; kill <= MAX_RESTARTS + 1; kill++) {
      // the process, not its group: `started` can arrive before the child's setsid() made the group
      process.kill(pid, 'SIGKILL');
      if (kill > MAX_RESTARTS) break;
      const started = await fleet.event((e) => e.type === 'started' && e.name === 'victim' && victimStarts().indexOf(e) === kill - 1);
      pid = (started as Extract<FleetEvent, { type: 'started' }>).pid;
    }
    const given = (await fleet.event((e) => e.type === 'watchdog' && e.kind === 'give-up' && e.name === 'victim' && e.at >= from)) as Extract<FleetEvent, { type: 'watchdog' }>;
    expect(given.message).toMatch(new RegExp(`victim: process killed by signal 9; restarted ${MAX_RESTARTS} times in 10 min — restart budget spent`));
    expect(victimStarts()).toHaveLength(MAX_RESTARTS);
    expect(await agent('victim')).toMatchObject({ status: 'crashed', pid: null });
    await fleet.idle('steady');
    printFigures('agent killed with -9 at each start', { 'kills to give-up': `${given.at - from} ms`, ...serverFigures(serverPid(logDir())) });
  }, 90_000);
});
