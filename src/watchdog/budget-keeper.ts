/**
 * The budgets' driver: it reads what each agent and the fleet spent (a `Spending` port — the
 * server gives it the usage ledger's sums), asks budget.ts what that means, records the events,
 * keeps the marks and raises in budget.json, and tells the watchdog which agents a lift frees
 * (their deferred wakes and pings go in then). Looked at when spending grows, when agents.toml
 * is read again, on a raise, and when the watchdog starts (the ledger a new server read back).
 */
import type { Disposable } from '../base/disposable.js';
import { DisposableStore } from '../base/disposable.js';
import { budgetStatePath } from '../fs/fleet-files.js';
import { FleetError } from '../fleet/fleet-error.js';
import type { BudgetHold } from '../protocol/messages.js';
import type { BudgetLine } from '../protocol/requests.js';
import { addRaise, budgetInEffect, decideBudget, isBudgetHeld, NO_MARK } from './budget.js';
import { NO_SAVED_BUDGETS, readBudgets, saveBudgets, serializeBudgets, type SavedBudget, type SavedBudgets } from './budget-file.js';
import type { FleetPort } from './fleet-port.js';

/** What was spent, in USD: the server answers from the usage ledger. */
export interface Spending {
  agent(name: string): number;
  fleet(): number;
  /** an agent's spending grew */
  onChange(listener: (name: string) => void): Disposable;
}

export const NO_SPENDING: Spending = { agent: () => 0, fleet: () => 0, onChange: () => ({ dispose: () => {} }) };

export class BudgetKeeper implements Disposable {
  private saved: SavedBudgets = NO_SAVED_BUDGETS;
  private readonly store = new DisposableStore();
  private started = false;

  /** `lifted(names)`: agents nothing held any more, to be looked at now. */
  constructor(
    private readonly fleet: FleetPort,
    private readonly spending: Spending,
    private readonly lifted: (names: string[]) => void,
  ) {}

  private get path(): string {
    return budgetStatePath(this.fleet.currentConfig);
  }

  /** Take over what the last server saved, judge every budget, and follow spending and reloads. */
  start(): void {
    const saved = readBudgets(this.path);
    if (saved === null) this.fleet.watchdogEvent('budget', 'warn', `${this.path} could not be read: budget raises start afresh`);
    this.saved = saved ?? NO_SAVED_BUDGETS;
    this.started = true;
    this.store.add(this.spending.onChange((name) => this.look([name])));
    this.store.add(this.fleet.onReconfigure(() => this.look(null)));
    this.look(null);
  }

  /** Why hangar types nothing into the agent now; null: nothing holds it. */
  heldBy(name: string): BudgetHold | null {
    if (isBudgetHeld(this.savedOf(name).mark)) return 'budget';
    return isBudgetHeld(this.saved.fleet.mark) ? 'fleet-budget' : null;
  }

  /** Every agent's budget and the fleet's, as `hangar budget` shows them. */
  lines(): { agents: BudgetLine[]; fleet: BudgetLine } {
    return {
      agents: this.fleet.agents().map((a) => this.line(a.name)),
      fleet: { name: null, budget_usd: this.fleetBudget(), spent_usd: this.spending.fleet(), held: isBudgetHeld(this.saved.fleet.mark) },
    };
  }

  line(name: string): BudgetLine {
    return { name, budget_usd: this.agentBudget(name), spent_usd: this.spending.agent(name), held: isBudgetHeld(this.savedOf(name).mark) };
  }

  /** The agent's budget in effect (budget_usd plus raises); null: it has none. */
  agentBudget(name: string): number | null {
    return budgetInEffect(this.agentConfigured(name), this.savedOf(name).raise);
  }

  /**
   * Add `usd` to the agent's budget (the fleet's when name is null) and judge it again: a hold
   * the raise ends is lifted at once. Kept in budget.json until budget_usd is edited.
   */
  raise(name: string | null, usd: number): void {
    const configured = name === null ? this.fleet.currentConfig.watchdog.budget_usd : this.agentConfigured(name);
    if (configured === undefined) {
      const where = name === null ? '[watchdog] budget_usd' : `budget_usd for ${name} ([[agent]] or [defaults])`;
      const fleetHolds = name !== null && this.heldBy(name) === 'fleet-budget' ? ` (the fleet's budget holds ${name}: hangar budget --raise USD)` : '';
      throw new FleetError('conflict', `no budget to raise: set ${where} in agents.toml${fleetHolds}`);
    }
    const before = this.saved;
    const raised = (b: SavedBudget): SavedBudget => ({ ...b, raise: addRaise(configured, b.raise, usd) });
    const next: SavedBudgets = name === null ? { ...before, fleet: raised(before.fleet) } : { ...before, agents: { ...before.agents, [name]: raised(this.savedOf(name)) } };
    // the raise is kept before anything is lifted: a raise that was not saved did not happen
    saveBudgets(this.path, next);
    this.saved = next;
    this.look(name === null ? null : [name]);
  }

  private savedOf(name: string): SavedBudget {
    return this.saved.agents[name] ?? { mark: NO_MARK };
  }

  private agentConfigured(name: string): number | undefined {
    return this.fleet.agents().find((a) => a.name === name)?.budget_usd;
  }

  private fleetBudget(): number | null {
    return budgetInEffect(this.fleet.currentConfig.watchdog.budget_usd, this.saved.fleet.raise);
  }

  /** Judge the fleet's budget and these agents' (all when null); record, save, and free what a lift freed. */
  private look(names: string[] | null): void {
    if (!this.started) return;
    const agents = this.fleet.agents().map((a) => a.name);
    const heldBefore = new Map(agents.map((n) => [n, this.heldBy(n)]));
    // what was spent is added up only where there is a budget: the fleet's sum prices the whole ledger
    const judge = (b: SavedBudget, who: string | null, budget: number | null, spent: () => number): SavedBudget => {
      const d = decideBudget(b.mark, { who, budget, spent: budget === null ? 0 : spent() });
      for (const a of d.actions) if (a.type === 'note') this.fleet.watchdogEvent(a.kind, a.level, a.message, a.name);
      return d.mark === b.mark ? b : { ...b, mark: d.mark };
    };
    const fleet = judge(this.saved.fleet, null, this.fleetBudget(), () => this.spending.fleet());
    const mine = { ...this.saved.agents };
    for (const name of names ?? agents) {
      const b = judge(this.savedOf(name), name, this.agentBudget(name), () => this.spending.agent(name));
      if (b.mark !== NO_MARK || b.raise || mine[name]) mine[name] = b;
    }
    const next: SavedBudgets = { fleet, agents: mine };
    if (serializeBudgets(next) !== serializeBudgets(this.saved)) this.save(next);
    this.saved = next;
    const freed = agents.filter((n) => heldBefore.get(n) !== null && this.heldBy(n) === null);
    if (freed.length > 0) this.lifted(freed);
  }

  private save(next: SavedBudgets): void {
    try {
      saveBudgets(this.path, next);
    } catch (err) {
      this.fleet.watchdogEvent('budget', 'warn', `could not save the budgets: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    this.store.dispose();
  }
}
