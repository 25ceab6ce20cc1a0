/**
 * What a turn cost: the amount the session records state, else its tokens priced by the
 * `[price.MODEL]` table (the model the records name, else the agent's); unknown otherwise —
 * a guess would be worse than nothing. Pure.
 */
import type { PriceConfig } from '../config/types.js';
import type { TurnRecords } from './session-records.js';

export function turnCost(turn: TurnRecords, prices: Readonly<Record<string, PriceConfig>>, agentModel: string): number | undefined {
  if (turn.costUsd !== null) return turn.costUsd;
  if (!turn.sawUsage) return undefined;
  const price = prices[turn.model ?? agentModel] ?? prices[agentModel];
  if (!price) return undefined;
  const u = turn.usage;
  const perToken = (perMillion: number) => perMillion / 1_000_000;
  return (
    u.input * perToken(price.input_per_million) +
    u.output * perToken(price.output_per_million) +
    u.cacheRead * perToken(price.cache_read_per_million ?? price.input_per_million) +
    u.cacheWrite * perToken(price.cache_write_per_million ?? price.input_per_million)
  );
}
