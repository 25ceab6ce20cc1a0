import { describe, expect, it } from 'vitest';
import { addRaise, budgetInEffect, decideBudget, isBudgetHeld, NO_MARK, type BudgetMark } from '../../src/watchdog/budget.js';
import { NO_SAVED_BUDGETS, parseBudgets, serializeBudgets } from '../../src/watchdog/budget-file.js';

// Budgets as pure decisions: (mark, spent, budget) → events, hold, lift.
const kinds = (d: ReturnType<typeof decideBudget>) => d.actions.map((a) => (a.type === 'note' ? a.kind : a.type));

/** Spends in order against one budget, the mark carried along; the kinds of what each said. */
function run(budget: number | null, spends: number[], who: string | null = 'builder'): { mark: BudgetMark; said: string[][] } {
  let mark = NO_MARK;
  const said: string[][] = [];
  for (const spent of spends) {
    const d = decideBudget(mark, { who, spent, budget });
    mark = d.mark;
    said.push(kinds(d));
  }
  return { mark, said };
}

describe('decideBudget', () => {
  it('says nothing below 80 %, once at 80 % (not on every turn after), and holds at 100 % once', () => {
    const { mark, said } = run(5, [1, 3.99, 4, 4.2, 4.5, 4.99, 5, 5.3, 6]);
    expect(said).toEqual([[], [], ['budget'], [], [], [], ['budget-hold'], [], []]);
    expect(isBudgetHeld(mark)).toBe(true);
  });

  it('the 80 % event names the share and the dollars; the hold names the raise that lifts it', () => {
    const warn = decideBudget(NO_MARK, { who: 'builder', spent: 4.1, budget: 5 });
    expect(warn.actions).toEqual([{ type: 'note', name: 'builder', kind: 'budget', level: 'info', message: 'builder spent 82 % of its budget ($4.10 of $5.00)' }]);
    const hold = decideBudget(warn.mark, { who: 'builder', spent: 5.02, budget: 5 });
    expect(hold.actions[0]).toMatchObject({ kind: 'budget-hold', level: 'warn', name: 'builder' });
    expect((hold.actions[0] as { message: string }).message).toBe(
      'builder spent $5.02 of its $5.00 budget: held — nothing is typed into it until `hangar budget builder --raise USD` or a higher budget_usd',
    );
  });

  it('a jump straight past 100 % holds without an 80 % event first', () => {
    expect(run(5, [0, 7]).said).toEqual([[], ['budget-hold']]);
  });

  it('a raise lifts the hold; past 80 % of the new budget it warns again, and holds again at it', () => {
    const held = run(5, [5.5]).mark;
    const lifted = decideBudget(held, { who: 'builder', spent: 5.5, budget: 10 });
    expect(kinds(lifted)).toEqual(['budget-lift']);
    expect(isBudgetHeld(lifted.mark)).toBe(false);
    const again = decideBudget(lifted.mark, { who: 'builder', spent: 8, budget: 10 });
    expect(kinds(again)).toEqual(['budget']);
    expect(kinds(decideBudget(again.mark, { who: 'builder', spent: 10, budget: 10 }))).toEqual(['budget-hold']);
  });

  it('a raise that leaves it past 80 % of the new budget lifts and warns in one look', () => {
    const held = run(5, [5]).mark;
    expect(kinds(decideBudget(held, { who: 'builder', spent: 5, budget: 6 }))).toEqual(['budget-lift', 'budget']);
  });

  it('a budget taken away lifts its hold; none never holds', () => {
    const held = run(5, [6]).mark;
    const d = decideBudget(held, { who: 'builder', spent: 6, budget: null });
    expect(kinds(d)).toEqual(['budget-lift']);
    expect(d.mark).toEqual(NO_MARK);
    expect(run(null, [1_000]).said).toEqual([[]]);
  });

  it('a budget of 0 holds at once', () => {
    expect(run(0, [0]).said).toEqual([['budget-hold']]);
  });

  it("the fleet's budget speaks of the fleet and its agents, with no agent name", () => {
    const d = decideBudget(NO_MARK, { who: null, spent: 20, budget: 20 });
    expect(d.actions[0]).not.toHaveProperty('name');
    expect((d.actions[0] as { message: string }).message).toMatch(/^the fleet spent \$20\.00 of the fleet's \$20\.00 budget: held — nothing is typed into its agents until `hangar budget --raise USD`/);
  });

  it('the same reading twice says nothing the second time (the mark is unchanged)', () => {
    const first = decideBudget(NO_MARK, { who: 'a', spent: 4.5, budget: 5 });
    const second = decideBudget(first.mark, { who: 'a', spent: 4.5, budget: 5 });
    expect(second.actions).toEqual([]);
    expect(second.mark).toBe(first.mark);
  });
});

describe('raises', () => {
  it('add to budget_usd while it stays what it was when they were made; an edited budget_usd drops them', () => {
    const r = addRaise(5, undefined, 2);
    expect(budgetInEffect(5, r)).toBe(7);
    expect(budgetInEffect(5, addRaise(5, r, 3))).toBe(10);
    expect(budgetInEffect(8, r)).toBe(8);
    expect(addRaise(8, r, 1)).toEqual({ over: 8, usd: 1 });
    expect(budgetInEffect(undefined, r)).toBeNull();
  });
});

describe('budget.json', () => {
  it('round-trips, and a file that is not one is no saved budget', () => {
    const saved = { fleet: { mark: { warnedFor: 20, heldFor: null }, raise: { over: 20, usd: 5 } }, agents: { builder: { mark: { warnedFor: 5, heldFor: 5 } } } };
    expect(parseBudgets(serializeBudgets(saved))).toEqual(saved);
    expect(parseBudgets(serializeBudgets(NO_SAVED_BUDGETS))).toEqual(NO_SAVED_BUDGETS);
    for (const bad of ['', '[]', '{"version":1}', '{"version":2,"fleet":{"mark":{"warnedFor":null,"heldFor":null}},"agents":{}}', '{"version":1,"fleet":{"mark":{"warnedFor":-1,"heldFor":null}},"agents":{}}']) {
      expect(parseBudgets(bad)).toBeNull();
    }
  });
});
