import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import type { Result } from '../../src/protocol/requests.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { DEMO_BACKEND } from '../helpers/demo-backend.js';

// Budgets in a real fleet: demo agents whose session files record tokens, priced by
// [price."demo-1"] at $1 a prompt token and nothing else, so a demo turn costs
// ceil(prompt / 4) + 10 dollars (src/demo/session-log.ts: SYSTEM_PROMPT_TOKENS = 10).
// Everything is awaited on events (hangar events -f), never on time.
const CONFIG = `
[defaults]
session_prefix = "bg-"
log_dir = "state"
dir = "work"

${DEMO_BACKEND}
[price."demo-1"]
input_per_million = 1000000
output_per_million = 0
cache_read_per_million = 0
cache_write_per_million = 0

# turns of $170, $11, $11, $11: 85 %, 90.5 %, 96 %, then held at 101.5 %
[[agent]]
name = "spender"
backend = "demo"
budget_usd = 200

# its kickoff ($11) and each wake ($11) spend; held from $22 on; started by the second test
[[agent]]
name = "waker"
backend = "demo"
enabled = false
prompt = "hi"
budget_usd = 20
resume = true
wake = { interval = 2, prompt_file = "wake.md" }
`;

/** A 640-character prompt: 160 tokens + 10, $170. */
const BIG_PROMPT = `tell me ${'x'.repeat(632)}`;

interface AgentJson {
  name: string;
  status: string;
  cost_usd?: number;
  budget?: { budget_usd: number; spent_usd: number };
  held?: string;
}

describe('budgets on demo agents priced from their session files', () => {
  const fleet = new TestFleet('budget', CONFIG, { DEMO_THINK_MS: '50' });
  const watchdog = (kind: string, name: string) => (e: FleetEvent) => e.type === 'watchdog' && e.kind === kind && e.name === name;
  const after = (first: FleetEvent, match: (e: FleetEvent) => boolean) => (e: FleetEvent) => match(e) && fleet.events.indexOf(e) > fleet.events.indexOf(first);
  const agent = async (name: string) => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents.find((a) => a.name === name)!;
  const budget = async (...args: string[]) => JSON.parse(await fleet.hangar('budget', '--json', ...args)) as Result<'budget'>;

  beforeAll(async () => {
    writeFileSync(join(fleet.dir, 'wake.md'), 'go\n');
    await fleet.up(['spender']);
  });
  afterAll(() => fleet.stop());

  it('80 % is said once (not on each turn after it), 100 % holds the agent: status, badge and `hangar budget` say so', async () => {
    await fleet.hangar('send', 'spender', BIG_PROMPT, '--wait');
    const warned = await fleet.event(watchdog('budget', 'spender'));
    expect(warned.type === 'watchdog' && warned.message).toBe('spender spent 85 % of its budget ($170.00 of $200.00)');
    await fleet.hangar('send', 'spender', 'hi', '--wait');
    await fleet.hangar('send', 'spender', 'hi', '--wait');
    await fleet.hangar('send', 'spender', 'hi', '--wait');
    const held = await fleet.event(watchdog('budget-hold', 'spender'));
    expect(held.type === 'watchdog' && held.message).toMatch(/^spender spent \$203\.00 of its \$200\.00 budget: held — nothing is typed into it until `hangar budget spender --raise USD`/);
    // the turns at 90.5 % and 96 % said nothing more
    expect(fleet.events.filter(watchdog('budget', 'spender'))).toHaveLength(1);
    // held is not a status: it shows its own (idle, or still working as its file has said the turn ended)
    const spender = await agent('spender');
    expect(spender).toMatchObject({ cost_usd: 203, budget: { budget_usd: 200, spent_usd: 203 }, held: 'budget' });
    expect(['idle', 'working']).toContain(spender.status);
    const text = await fleet.hangar('status');
    expect(text).toMatch(/COST +BUDGET/);
    expect(text).toMatch(/spender .* \$203\.00 +\$ 101% held/);
    expect(text).toContain('spender: held — its budget is spent; hangar types nothing into it until `hangar budget spender --raise USD`');
    expect((await budget('spender')).agents).toEqual([{ name: 'spender', budget_usd: 200, spent_usd: 203, held: true }]);
    const table = await fleet.hangar('budget');
    expect(table).toMatch(/AGENT +SPENT +BUDGET +USED +HOLD/);
    expect(table).toMatch(/spender +\$203\.00 +\$200\.00 +101% +held/);
    expect(table).toMatch(/fleet +\$203\.00 +- +-/);
    // a raise with nothing to raise, or for no agent, changes nothing and says why
    const none = await fleet.run('budget', '--raise', '5');
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('no budget to raise: set [watchdog] budget_usd in agents.toml')]);
    const nobody = await fleet.run('budget', 'nobody', '--raise', '5');
    expect([nobody.code, nobody.stderr]).toEqual([1, expect.stringContaining('no agent or service named "nobody"')]);
    expect((await fleet.run('budget', 'spender', '--raise', '0')).code).toBe(2);
  });

  it('a held agent gets no scheduled wake; `hangar budget NAME --raise` lifts the hold and the wake is typed', async () => {
    await fleet.hangar('up', '-d', 'waker');
    const held = await fleet.event(watchdog('budget-hold', 'waker'));
    // its wake comes due while it is held: deferred, saying why, and not typed
    const deferred = await fleet.event(after(held, watchdog('wake-defer', 'waker')));
    expect(deferred.type === 'watchdog' && deferred.message).toBe('wake for waker deferred — its budget is spent; delivered when it is raised');
    const spent = (await budget('waker')).agents[0]!.spent_usd;
    expect(spent).toBeGreaterThanOrEqual(22);
    // $15 more: the lift, then the deferred wake ($11), and a hold again past $35
    const lift = fleet.nextEvent(watchdog('budget-lift', 'waker'));
    await fleet.hangar('budget', 'waker', '--raise', '15');
    const lifted = await lift();
    expect(fleet.events.slice(fleet.events.indexOf(held), fleet.events.indexOf(lifted)).filter(watchdog('wake', 'waker'))).toEqual([]);
    const woken = await fleet.event(after(lifted, watchdog('wake', 'waker')));
    expect(woken.type === 'watchdog' && woken.message).toMatch(/^deferred wake \(every 2 s\) → waker: go$/);
    const heldAgain = await fleet.event(after(woken, watchdog('budget-hold', 'waker')));
    expect(heldAgain.type === 'watchdog' && heldAgain.message).toMatch(/^waker spent \$\d+\.00 of its \$35\.00 budget: held/);
  });

  it('holds and raises stand across a server restart: nothing said twice, the wake still deferred, the totals unchanged', async () => {
    const before = await budget();
    await fleet.hangar('down');
    await fleet.hangar('up', '-d', 'spender', 'waker');
    const restarted = await fleet.event(after(fleet.events.findLast(watchdog('budget-hold', 'waker'))!, (e) => e.type === 'watchdog' && e.kind === 'start'));
    const deferred = await fleet.event(after(restarted, watchdog('wake-defer', 'waker')));
    expect(deferred.type === 'watchdog' && deferred.message).toMatch(/its budget is spent/);
    const since = fleet.events.slice(fleet.events.indexOf(restarted));
    expect(since.filter((e) => e.type === 'watchdog' && e.kind.startsWith('budget'))).toEqual([]);
    expect(since.filter(watchdog('wake', 'waker'))).toEqual([]);
    expect(await agent('spender')).toMatchObject({ held: 'budget', budget: { budget_usd: 200, spent_usd: 203 } });
    // the raise was kept; the spender (no kickoff) spent nothing since, and its total is the ledger's, read once
    const now = await budget();
    expect(now.agents.find((a) => a.name === 'waker')).toMatchObject({ budget_usd: 35, held: true });
    expect(now.agents.find((a) => a.name === 'spender')).toEqual(before.agents.find((a) => a.name === 'spender'));
  });

  it('agents.toml read again with a higher budget_usd (`hangar up` re-reads it) lifts the hold at once', async () => {
    const toml = join(fleet.dir, 'agents.toml');
    writeFileSync(toml, readFileSync(toml, 'utf8').replace('budget_usd = 200', 'budget_usd = 300'));
    const lift = fleet.nextEvent(watchdog('budget-lift', 'spender'));
    await fleet.hangar('up', '-d');
    const lifted = await lift();
    expect(lifted.type === 'watchdog' && lifted.message).toBe('budget hold on spender lifted: $203.00 spent of its $300.00 budget');
    expect(await agent('spender')).toMatchObject({ budget: { budget_usd: 300, spent_usd: 203 } });
    expect((await agent('spender')).held).toBeUndefined();
  });
});
