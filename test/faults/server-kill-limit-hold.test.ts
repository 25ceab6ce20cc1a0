import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { parseHold } from '../../src/watchdog/limit-hold.js';
import { killServer } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { printFigures, serverFigures, serverPid } from './figures.js';

// kill -9 of the server while an agent is held on a usage limit — at the moment the hold has
// just typed a resume probe and waits to see whether it took — then `up -d`: the hold stands
// with the same reset time, its probes go on in the new process, and it ends only at a probe.
const CONFIG = `
[defaults]
session_prefix = "lh-"
log_dir = "state"
dir = "work"
backend = "demo"
watch = "heal"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
limit_re = "hit your usage limit"

[[agent]]
name = "held"
prompt = "good morning"

[watchdog]
limit_reset_slack = 0
limit_probe_fallback = 3
`;

interface AgentJson {
  name: string;
  status: string;
  until?: string;
}

describe('kill -9 of the server during a limit hold', () => {
  const fleet = new TestFleet('lh', CONFIG, { DEMO_THINK_MS: '100' });
  const logDir = () => join(fleet.dir, 'state');
  const holdFile = () => join(logDir(), 'state', 'limited-lh-held.json');
  const held = async () => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents.find((a) => a.name === 'held')!;
  const watchdog = (kind: string, after: number) => (e: FleetEvent) => e.type === 'watchdog' && e.kind === kind && e.name === 'held' && e.at >= after;

  afterAll(() => fleet.stop());

  it('the hold stands across the kill with its reset time, and its probe resumes the agent in the new server', async () => {
    await fleet.up(['held']);
    const sent = Date.now();
    // seven hours: past the six trusted, so probed every limit_probe_fallback (3 s), none of them lifting it
    await fleet.hangar('send', 'held', '/limit 25200');
    await fleet.event(watchdog('limit-hold', sent));
    const before = await held();
    expect(before.status).toBe('limited');
    expect(before.until).toBeDefined();

    await fleet.event(watchdog('limit-probe', sent));
    printFigures('limit hold, server before its kill -9', serverFigures(serverPid(logDir())));
    await killServer(logDir());
    const killedAt = Date.now();
    // the hold as the killed server left it: whole, probed at least once
    const saved = parseHold(readFileSync(holdFile(), 'utf8'));
    expect(saved).not.toBeNull();
    expect(saved!.probes).toBeGreaterThanOrEqual(1);

    expect((await fleet.run('up', '-d')).code).toBe(0);
    const upAt = Date.now();
    // limited as before, until the same reset, though the new process answers its kickoff
    expect(await held()).toMatchObject({ status: 'limited', until: before.until });
    const restored = parseHold(readFileSync(holdFile(), 'utf8'));
    expect(restored?.resetAt).toBe(saved!.resetAt);

    // the new process has no limit: the next probe finds it working and lifts the hold
    const probe = await fleet.event(watchdog('limit-probe', killedAt), 30_000);
    const clear = await fleet.event(watchdog('limit-clear', killedAt), 30_000);
    expect((clear as { at: number }).at).toBeGreaterThanOrEqual((probe as { at: number }).at);
    expect(fleet.events.filter(watchdog('restart', killedAt))).toEqual([]);
    // the screen's own status follows the lifted hold once it has held for the debounce
    await fleet.event((e) => e.type === 'status' && e.name === 'held' && e.prev === 'limited' && e.at >= killedAt, 30_000);
    expect((await held()).status).not.toBe('limited');

    printFigures('limit hold', {
      // a hold saved while its probe is confirmed is saved as due again (limit-hold.ts)
      'killed after the probe was typed': `${killedAt - (saved!.sentAt ?? killedAt)} ms (confirmed after 3000 ms)`,
      'kill -9 to up answered': `${upAt - killedAt} ms`,
      'kill -9 to the hold lifted by a probe': `${(clear as { at: number }).at - killedAt} ms`,
      ...serverFigures(serverPid(logDir())),
    });
  }, 90_000);
});
