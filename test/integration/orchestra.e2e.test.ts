import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { TestFleet } from '../helpers/test-fleet.js';

// Issue 15's "Done when", offline: the demo orchestra (agents.orchestra.toml, `npm run
// demo:orchestra`) run as it ships — its text copied into a fresh folder — from `hangar up -d` to
// `hangar down`. The orchestrator `lead`, a scripted demo agent, writes a plan itself, its
// delegation_reminder watcher nudges it, and the rest of its script (run as its answer to the
// nudge) delegates two workers through the real `hangar mcp`, waits for them, checks and
// converses, and ends both completed. Waits are on events and files only.
const CONFIG_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../agents.orchestra.toml');

interface AgentJson {
  name: string;
  parent?: string;
  kind: string;
}

describe('the demo orchestra (agents.orchestra.toml)', () => {
  const fleet = new TestFleet('orchestra', readFileSync(CONFIG_PATH, 'utf8'));
  afterAll(() => fleet.stop());
  const isEvent = (type: string, kind: string, name: string, text: string) => (e: FleetEvent) =>
    e.type === type && 'kind' in e && e.kind === kind && 'name' in e && e.name === name && 'message' in e && e.message.includes(text);

  it('loads with no warnings: lead an orchestrator on the demo backend with its MCP flags and a watcher', () => {
    const { config, warnings } = loadConfig({ path: CONFIG_PATH, env: { HOME: '/home/tester' } });
    expect(warnings).toEqual([]);
    expect(config.agents.map((a) => [a.name, a.kind])).toEqual([['lead', 'orchestrator']]);
    expect(config.backends['demo']?.mcp_flags).toBe('--mcp-config={mcp_config}');
  });

  it('runs to the end: the nudge, two workers of lead shown as its panes, both verdicts completed, the run closed completed', async () => {
    const term = fleet.cockpit(200, 50);
    await fleet.up();
    const nudged = await fleet.event(isEvent('watchdog', 'watcher-nudge', 'lead', 'delegation_reminder → nudge lead (user)'), 120_000);
    expect(JSON.stringify(nudged)).toContain('2 tool calls in a row without delegating');
    // the workers appear as panes titled as lead's
    await term.waitForText('alpha ↳ lead', 60_000);
    await term.waitForText('beta ↳ lead', 60_000);
    const workers = (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents.filter((a) => a.parent !== undefined);
    expect(workers.map((a) => [a.name, a.parent])).toEqual([['alpha', 'lead'], ['beta', 'lead']]);

    await fleet.event(isEvent('orchestration', 'verdict', 'alpha', 'alpha ended: completed'), 120_000);
    await fleet.event(isEvent('orchestration', 'verdict', 'beta', 'beta ended: completed'), 120_000);
    const logDir = join(fleet.dir, '.hangar', 'orchestra');
    const verdicts = readFileSync(join(logDir, 'state', 'verdicts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; verdict: string });
    expect(verdicts.map((v) => [v.name, v.verdict])).toEqual([['alpha', 'completed'], ['beta', 'completed']]);
    // the workers did their tasks, and beta the follow-up lead sent it
    expect(readFileSync(join(logDir, 'work', 'alpha.txt'), 'utf8')).toBe('hello from alpha\n');
    expect(readFileSync(join(logDir, 'work', 'beta.txt'), 'utf8')).toBe('hello from beta\nchecked by lead\n');

    // lead's turn (its answer to the nudge) ends: every step ran, none failed
    await fleet.idle('lead');
    expect(await fleet.hangar('screen', 'lead')).toMatch(/Ran 9 steps\.\s*$/m);
    await fleet.closeCockpits();
    await fleet.hangar('down');
    const runs = (JSON.parse(await fleet.hangar('instances', '--all', '--json')) as { instances: Array<{ status: string; config: string }> }).instances;
    expect(runs).toEqual([expect.objectContaining({ status: 'completed', config: join(fleet.dir, 'agents.toml') })]);
  }, 300_000); // two scripted turns at the config's own 3 s a step, on a loaded machine (no timing is asserted)
});
