import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Emitter } from '../../src/base/emitter.js';
import { ManualClock } from '../../src/base/manual-clock.js';
import { loadConfig } from '../../src/config/load.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import type { Spending } from '../../src/watchdog/budget-keeper.js';
import { Watchdog } from '../../src/watchdog/watchdog.js';
import { ScriptedFleet } from '../helpers/scripted-fleet.js';

// Budgets in the watchdog's driver: scripted sessions, a manual clock, and spending the test
// sets (the server gives the usage ledger's sums). The same in a real fleet, priced from the
// demo agent's session file: test/integration/budget.e2e.test.ts.
const CONFIG = `
[defaults]
session_prefix = "bd-"
log_dir = "state"
dir = "work"

[backend.b]
bin = "true"
prompt_delivery = "exec"
idle_re = "^> "

[[agent]]
name = "sup"
backend = "b"
budget_usd = 5
wake = { interval = 60, prompt_file = "wake.md" }

[[agent]]
name = "other"
backend = "b"
wake = { interval = 60, prompt_file = "wake.md" }
`;

/** Spending the test sets; a change is announced as the usage ledger announces one. */
class SetSpending implements Spending {
  private readonly spent = new Map<string, number>();
  private readonly changed = new Emitter<[string]>();
  readonly onChange = this.changed.event;
  agent(name: string): number {
    return this.spent.get(name) ?? 0;
  }
  fleet(): number {
    return [...this.spent.values()].reduce((a, b) => a + b, 0);
  }
  set(name: string, usd: number): void {
    this.spent.set(name, usd);
    this.changed.fire(name);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('budgets in the watchdog driver', () => {
  let dir = '';
  const watchdogs: Watchdog[] = [];
  afterEach(() => {
    for (const w of watchdogs.splice(0)) w.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  const load = (extra = '', budget = 5) => loadConfig({ path: writeConfig(CONFIG.replace('budget_usd = 5', `budget_usd = ${budget}`) + extra) }).config;
  function writeConfig(text: string): string {
    dir ||= mkdtempSync(join(tmpdir(), 'hangar-bd-'));
    mkdirSync(join(dir, 'state', 'state'), { recursive: true }); // the server makes it as it listens
    writeFileSync(join(dir, 'wake.md'), 'time to check in\n');
    writeFileSync(join(dir, 'agents.toml'), text);
    return join(dir, 'agents.toml');
  }

  function start(fleet: ScriptedFleet, clock: ManualClock, spending: SetSpending): Watchdog {
    const w = new Watchdog({ fleet, clock, timeZone: 'UTC', spending });
    watchdogs.push(w);
    w.start();
    return w;
  }

  const budgetEvents = (fleet: ScriptedFleet) =>
    fleet.log.flatMap((e: FleetEvent) => (e.type === 'watchdog' && e.kind.startsWith('budget') ? [`${e.kind} ${e.name ?? 'fleet'}`] : []));

  it('a held agent gets no wake (deferred, saying why); a raise lifts the hold and the wake is typed at once', async () => {
    const clock = new ManualClock(0);
    const fleet = new ScriptedFleet(load(), clock);
    const spending = new SetSpending();
    const watchdog = start(fleet, clock, spending);
    await fleet.up(['sup', 'other']);
    await settle();
    spending.set('sup', 4.2);
    spending.set('sup', 4.6); // another turn past 80 %: no second event
    expect(budgetEvents(fleet)).toEqual(['budget sup']);
    spending.set('sup', 5.1);
    expect(budgetEvents(fleet)).toEqual(['budget sup', 'budget-hold sup']);
    expect(watchdog.budgets.heldBy('sup')).toBe('budget');
    expect(watchdog.budgets.heldBy('other')).toBeNull();
    clock.advance(60_000); // both wakes are due; sup is idle, but held
    expect(fleet.session('sup').typed).toEqual([]);
    expect(fleet.session('other').typed).toEqual(['time to check in']);
    const defer = fleet.log.find((e) => e.type === 'watchdog' && e.kind === 'wake-defer' && e.name === 'sup');
    expect((defer as { message: string }).message).toBe('wake for sup deferred — its budget is spent; delivered when it is raised');
    clock.advance(600_000); // ticks and looks: still nothing typed
    expect(fleet.session('sup').typed).toEqual([]);
    watchdog.budgets.raise('sup', 5);
    expect(budgetEvents(fleet)).toEqual(['budget sup', 'budget-hold sup', 'budget-lift sup']);
    expect(fleet.session('sup').typed).toEqual(['time to check in']);
    expect(watchdog.budgets.line('sup')).toEqual({ name: 'sup', budget_usd: 10, spent_usd: 5.1, held: false });
  });

  it('the hold and the 80 % event stand across a new server (a new driver over the same state dir): nothing said twice', async () => {
    const clock = new ManualClock(0);
    const spending = new SetSpending();
    const first = new ScriptedFleet(load(), clock);
    start(first, clock, spending);
    spending.set('sup', 5.5);
    expect(budgetEvents(first)).toEqual(['budget-hold sup']);
    watchdogs.pop()!.dispose();
    expect(JSON.parse(readFileSync(join(dir, 'state', 'state', 'budget.json'), 'utf8'))).toMatchObject({ agents: { sup: { mark: { heldFor: 5 } } } });
    const second = new ScriptedFleet(load(), clock);
    const again = start(second, clock, spending);
    expect(again.budgets.heldBy('sup')).toBe('budget');
    expect(budgetEvents(second)).toEqual([]);
    await second.up(['sup']);
    await settle();
    clock.advance(60_000);
    expect(second.session('sup').typed).toEqual([]);
  });

  it('a raise is kept across a new server; editing budget_usd replaces it', () => {
    const clock = new ManualClock(0);
    const spending = new SetSpending();
    const first = new ScriptedFleet(load(), clock);
    start(first, clock, spending).budgets.raise('sup', 2.5);
    watchdogs.pop()!.dispose();
    const second = new ScriptedFleet(load(), clock);
    expect(start(second, clock, spending).budgets.line('sup').budget_usd).toBe(7.5);
    watchdogs.pop()!.dispose();
    const edited = new ScriptedFleet(load('', 6), clock);
    expect(start(edited, clock, spending).budgets.line('sup').budget_usd).toBe(6);
  });

  it('a config read again with a higher budget_usd lifts the hold at once', async () => {
    const clock = new ManualClock(0);
    const fleet = new ScriptedFleet(load(), clock);
    const spending = new SetSpending();
    const watchdog = start(fleet, clock, spending);
    await fleet.up(['sup']);
    await settle();
    spending.set('sup', 6);
    clock.advance(60_000);
    expect(fleet.session('sup').typed).toEqual([]);
    fleet.reconfigure(load('', 20));
    expect(watchdog.budgets.heldBy('sup')).toBeNull();
    expect(budgetEvents(fleet)).toEqual(['budget-hold sup', 'budget-lift sup']);
    expect(fleet.session('sup').typed).toEqual(['time to check in']);
  });

  it("the fleet's budget holds every agent, and its raise (no name) lifts them all", async () => {
    const clock = new ManualClock(0);
    const fleet = new ScriptedFleet(load('\n[watchdog]\nbudget_usd = 3\n', 100), clock);
    const spending = new SetSpending();
    const watchdog = start(fleet, clock, spending);
    await fleet.up(['sup', 'other']);
    await settle();
    spending.set('other', 2.5);
    spending.set('sup', 1);
    expect(budgetEvents(fleet)).toEqual(['budget fleet', 'budget-hold fleet']);
    expect([watchdog.budgets.heldBy('sup'), watchdog.budgets.heldBy('other')]).toEqual(['fleet-budget', 'fleet-budget']);
    clock.advance(60_000);
    expect([fleet.session('sup').typed, fleet.session('other').typed]).toEqual([[], []]);
    expect(() => watchdog.budgets.raise('other', 1)).toThrow(
      "no budget to raise: set budget_usd for other ([[agent]] or [defaults]) in agents.toml (the fleet's budget holds other: hangar budget --raise USD)",
    );
    watchdog.budgets.raise(null, 10);
    expect(watchdog.budgets.lines().fleet).toEqual({ name: null, budget_usd: 13, spent_usd: 3.5, held: false });
    expect([fleet.session('sup').typed, fleet.session('other').typed]).toEqual([['time to check in'], ['time to check in']]);
  });

  it('a budget.json that cannot be read is said, and budgets start afresh', () => {
    const clock = new ManualClock(0);
    const config = load();
    writeFileSync(join(dir, 'state', 'state', 'budget.json'), '{ not json');
    const fleet = new ScriptedFleet(config, clock);
    start(fleet, clock, new SetSpending());
    expect(fleet.log.find((e) => e.type === 'watchdog' && e.kind === 'budget')).toMatchObject({ level: 'warn' });
    expect(existsSync(join(dir, 'state', 'state', 'budget.json'))).toBe(true);
  });
});
