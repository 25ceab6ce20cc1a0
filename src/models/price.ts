/**
 * What tokens cost: the registry's prices for a model, applied to a usage. Pure.
 *
 * `usage` is priced as one API request when `prompt` is given — the tokens that request sent
 * (input + cache read + cache write, `promptTokens`), which picks a long-context tier: over a
 * tier's `above`, every token of the request is priced at the tier's rates. A sum over many
 * requests (a turn, a day) has no one prompt size: without `prompt` it is priced at base rates.
 * A tier without a cache price keeps the base one; a model with no cache price at all prices
 * cache tokens as input (a guess on the high side rather than none).
 */

import type { TokenUsage } from '../protocol/pilot-view.js';
import type { ModelPrices, ModelSource, PriceTier } from './model-entry.js';
import { findModel, type ModelRegistry } from './registry.js';

export interface Priced {
  usd: number;
  /** the registry layer the prices came from */
  source: ModelSource;
  /** the model whose prices were used (a dated name or an alias finds it) */
  model: string;
  /** the tier's threshold when a long-context tier applied */
  tier?: number;
}

export function promptTokens(usage: TokenUsage): number {
  return usage.input + usage.cacheRead + usage.cacheWrite;
}

/** The cost of `usage` on `model`; undefined when the registry has no price for it. */
export function priceFor(registry: ModelRegistry, model: string, usage: TokenUsage, prompt?: number): Priced | undefined {
  const entry = findModel(registry, model);
  if (!entry?.prices) return undefined;
  const tier = prompt === undefined ? undefined : tierFor(entry.prices, prompt);
  const rates = tier ? { ...entry.prices, ...tier } : entry.prices;
  const perToken = (perMillion: number) => perMillion / 1_000_000;
  const usd =
    usage.input * perToken(rates.input) +
    usage.output * perToken(rates.output) +
    usage.cacheRead * perToken(rates.cache_read ?? rates.input) +
    usage.cacheWrite * perToken(rates.cache_write ?? rates.input);
  return { usd, source: entry.priceSource ?? entry.source, model: entry.id, ...(tier ? { tier: tier.above } : {}) };
}

/** The highest tier the prompt is over. */
function tierFor(prices: ModelPrices, prompt: number): PriceTier | undefined {
  return prices.tiers.filter((t) => prompt > t.above).at(-1);
}
