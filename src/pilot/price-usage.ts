/**
 * What tokens cost: THE one place a model's tokens are priced (the pilot's turn cost, `status`,
 * `hangar costs`). Today the prices are `[price.NAME]` from agents.toml; a model registry can
 * back this function without its callers changing. Pure.
 *
 * The price is the entry named exactly as the model, or else the longest entry the name begins
 * with, since CLIs record dated names ("claude-sonnet-4-5-20250929" is priced by
 * [price."claude-sonnet-4-5"]). No entry: the cost is unknown — a guess would be worse than nothing.
 */
import type { PriceConfig } from '../config/types.js';
import type { TokenUsage } from '../protocol/pilot-view.js';

import type { CostSource } from '../protocol/messages.js';

export type { CostSource };

export type PricedUsage = { usd: number; source: 'priced' } | { usd: null; source: 'unknown' };

export function priceUsage(prices: Readonly<Record<string, PriceConfig>>, model: string | null, usage: TokenUsage): PricedUsage {
  const price = model === null ? undefined : priceOf(prices, model);
  if (!price) return { usd: null, source: 'unknown' };
  const perToken = (perMillion: number) => perMillion / 1_000_000;
  const usd =
    usage.input * perToken(price.input_per_million) +
    usage.output * perToken(price.output_per_million) +
    usage.cacheRead * perToken(price.cache_read_per_million ?? price.input_per_million) +
    usage.cacheWrite * perToken(price.cache_write_per_million ?? price.input_per_million);
  return { usd, source: 'priced' };
}

/** The entry for `model`: exact, else the longest name it begins with. */
function priceOf(prices: Readonly<Record<string, PriceConfig>>, model: string): PriceConfig | undefined {
  if (Object.hasOwn(prices, model)) return prices[model];
  const prefix = Object.keys(prices)
    .filter((name) => name !== '' && model.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : prices[prefix];
}
