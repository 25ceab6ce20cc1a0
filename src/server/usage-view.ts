/**
 * The fleet's usage as clients read it: the ledger's totals (pilot/usage-totals.ts) in the
 * names `status --json` and `hangar costs --json` use.
 */
import type { BudgetHold, SessionInfo } from '../protocol/messages.js';
import type { FleetConfig } from '../config/types.js';
import type { TurnRecords } from '../pilot/session-records.js';
import { turnCost } from '../pilot/turn-cost.js';
import type { BudgetLine, CostsTotal, TurnSpend } from '../protocol/requests.js';
import type { UsageTotal } from '../pilot/usage-totals.js';

/** A total as the wire names it; none: nothing spent, its cost unknown. */
export function costsTotal(t: UsageTotal | null): CostsTotal {
  if (!t) return { usage: { input: 0, output: 0, cache_read: 0, cache_write: 0 }, cost_usd: null, cost_source: 'unknown', entries: 0 };
  const u = t.usage;
  return { usage: { input: u.input, output: u.output, cache_read: u.cacheRead, cache_write: u.cacheWrite }, cost_usd: t.costUsd, cost_source: t.costSource, entries: t.entries };
}

/** An agent's status with its usage and cost (`usage` only once it spent something, `cost_usd` only when known). */
export function withUsage(info: SessionInfo, total: UsageTotal | null): SessionInfo {
  const t = costsTotal(total);
  return { ...info, ...(total ? { usage: t.usage } : {}), ...(t.cost_usd !== null ? { cost_usd: t.cost_usd } : {}), cost_source: t.cost_source };
}

/** An agent's status with its budget (when it has one) and the budget hold on it (its own or the fleet's). */
export function withBudget(info: SessionInfo, line: BudgetLine | null, held: BudgetHold | null): SessionInfo {
  return {
    ...info,
    ...(line && line.budget_usd !== null ? { budget: { budget_usd: line.budget_usd, spent_usd: line.spent_usd } } : {}),
    ...(held ? { held } : {}),
  };
}

/** One turn's tokens and cost, from its session-file records (the turn's own, not the agent's totals); nothing when none told. */
export function turnSpend(records: TurnRecords | undefined, registry: FleetConfig['registry'], agentModel: string): TurnSpend {
  if (!records) return {};
  const cost = turnCost(records, registry, agentModel);
  const u = records.usage;
  return {
    ...(records.sawUsage ? { usage: { input: u.input, output: u.output, cache_read: u.cacheRead, cache_write: u.cacheWrite } } : {}),
    ...(cost !== undefined ? { cost_usd: cost } : {}),
  };
}
