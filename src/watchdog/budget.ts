/**
 * Budgets, as pure decisions: what an agent (or the whole fleet) spent against what it may
 * spend → a `budget` event from BUDGET_SHOWN_AT (80 %) on, a hold at 100 %, the hold lifted once the
 * budget is above what was spent again (`hangar budget --raise`, a higher budget_usd).
 *
 * A hold is not a status: the agent goes on with the turn it is in and shows its real status;
 * what the hold stops is hangar typing into it (wakes, limit nudges, handoff pings wait, as
 * under a usage limit). Nothing here reads a clock: budgets are about money, not time.
 *
 * The mark remembers the budget it warned and held for, so a look that changes nothing says
 * nothing (one event per crossing, not one per turn), a raise that leaves it past 80 % warns
 * again for the new budget, and a saved mark (budget-file.ts) keeps a new server quiet about
 * what the last one already said.
 */
import { BUDGET_SHOWN_AT, budgetPercent } from '../protocol/messages.js';
import type { WatchdogAction } from './actions.js';

export interface BudgetMark {
  /** the budget (USD) the 80 % event was given for; null: none given */
  readonly warnedFor: number | null;
  /** the budget (USD) it is held for; null: not held */
  readonly heldFor: number | null;
}

export const NO_MARK: BudgetMark = { warnedFor: null, heldFor: null };

export interface BudgetReading {
  /** an agent's name; null for the fleet's budget */
  who: string | null;
  /** USD spent */
  spent: number;
  /** USD it may spend (budget_usd plus raises); null: it has no budget */
  budget: number | null;
}

export interface BudgetDecision {
  mark: BudgetMark;
  actions: WatchdogAction[];
}

export const isBudgetHeld = (mark: BudgetMark): boolean => mark.heldFor !== null;

const usd = (n: number) => `$${n.toFixed(2)}`;
const whose = (who: string | null) => (who === null ? 'the fleet' : who);
const its = (who: string | null) => (who === null ? "the fleet's" : 'its');
/** how a hold is lifted, for the event that starts it */
const raiseHint = (who: string | null) => `hangar budget ${who === null ? '' : `${who} `}--raise USD`;

function note(who: string | null, level: 'info' | 'warn', kind: 'budget' | 'budget-hold' | 'budget-lift', message: string): WatchdogAction {
  return { type: 'note', ...(who !== null ? { name: who } : {}), kind, level, message };
}

/** The mark for what was spent against the budget now, and what to say about the change. */
export function decideBudget(mark: BudgetMark, r: BudgetReading): BudgetDecision {
  const { who, spent, budget } = r;
  if (budget === null) {
    if (!isBudgetHeld(mark)) return { mark: NO_MARK, actions: [] };
    return { mark: NO_MARK, actions: [note(who, 'info', 'budget-lift', `budget hold on ${whose(who)} lifted: it has no budget_usd any more`)] };
  }
  // in whole percent, as the badge says it: the event and the badge agree at the edges
  const percent = budgetPercent(spent, budget);
  const actions: WatchdogAction[] = [];
  let next = mark;
  if (percent >= 100) {
    if (mark.heldFor !== budget) {
      actions.push(note(who, 'warn', 'budget-hold', `${whose(who)} spent ${usd(spent)} of ${its(who)} ${usd(budget)} budget: held — nothing is typed into ${who === null ? 'its agents' : 'it'} until \`${raiseHint(who)}\` or a higher budget_usd`));
    }
    // past 100 % says all that 80 % would: no warning for this budget after the hold
    return { mark: { warnedFor: budget, heldFor: budget }, actions };
  }
  if (isBudgetHeld(mark)) {
    actions.push(note(who, 'info', 'budget-lift', `budget hold on ${whose(who)} lifted: ${usd(spent)} spent of ${its(who)} ${usd(budget)} budget`));
    next = { ...next, heldFor: null };
  }
  if (percent >= BUDGET_SHOWN_AT && next.warnedFor !== budget) {
    actions.push(note(who, 'info', 'budget', `${whose(who)} spent ${percent} % of ${its(who)} budget (${usd(spent)} of ${usd(budget)})`));
    next = { ...next, warnedFor: budget };
  }
  return { mark: next, actions };
}

/**
 * A raise (`hangar budget --raise`) counts while the budget_usd it was made over stays as it
 * was: editing budget_usd in agents.toml replaces the raises (the file is authoritative).
 */
export interface BudgetRaise {
  /** budget_usd in agents.toml when the raise was made */
  readonly over: number;
  /** USD added to it, all raises together */
  readonly usd: number;
}

/** The budget in effect: budget_usd plus a raise made over that very value; null: no budget. */
export function budgetInEffect(configured: number | undefined, raise: BudgetRaise | undefined): number | null {
  if (configured === undefined) return null;
  return raise && raise.over === configured ? configured + raise.usd : configured;
}

/** A raise of `usd` on top of the raise in effect (one made over another budget_usd is dropped). */
export function addRaise(configured: number, raise: BudgetRaise | undefined, usd: number): BudgetRaise {
  return { over: configured, usd: (raise && raise.over === configured ? raise.usd : 0) + usd };
}
