/**
 * What a turn cost: the amount the session records state, else its tokens priced
 * (price-usage.ts) for the model the records name (else the agent's model); unknown otherwise.
 * A model the records name and no entry prices has no cost, even if the agent's model is priced. Pure.
 */
import type { PriceConfig } from '../config/types.js';
import { priceUsage } from './price-usage.js';
import type { TurnRecords } from './session-records.js';

export function turnCost(turn: TurnRecords, prices: Readonly<Record<string, PriceConfig>>, agentModel: string): number | undefined {
  if (turn.costUsd !== null) return turn.costUsd;
  if (!turn.sawUsage) return undefined;
  return priceUsage(prices, turn.model ?? agentModel, turn.usage).usd ?? undefined;
}
