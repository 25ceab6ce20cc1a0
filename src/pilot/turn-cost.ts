/**
 * What a turn cost: the amount the session records state, else its tokens priced by
 * `[price.NAME]`; unknown otherwise — a guess would be worse than nothing. Pure.
 *
 * The price is the one for the model the records name (else the agent's model): the entry
 * named exactly so, or else the longest entry the name begins with, since CLIs record dated
 * names ("claude-sonnet-4-5-20250929" is priced by [price."claude-sonnet-4-5"]). A model the
 * records name and no entry prices has no cost, even if the agent's model is priced.
 */
import type { PriceConfig } from '../config/types.js';
import type { TurnRecords } from './session-records.js';

export function turnCost(turn: TurnRecords, prices: Readonly<Record<string, PriceConfig>>, agentModel: string): number | undefined {
  if (turn.costUsd !== null) return turn.costUsd;
  if (!turn.sawUsage) return undefined;
  const price = priceOf(prices, turn.model ?? agentModel);
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

/** The entry for `model`: exact, else the longest name it begins with. */
function priceOf(prices: Readonly<Record<string, PriceConfig>>, model: string): PriceConfig | undefined {
  if (Object.hasOwn(prices, model)) return prices[model];
  const prefix = Object.keys(prices)
    .filter((name) => name !== '' && model.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : prices[prefix];
}
