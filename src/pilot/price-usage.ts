/**
 * What tokens cost, for a cost that adds up many records (`status`, `hangar costs`): the model
 * registry's price (models/price.ts: built-in catalog < imported catalog < [model.NAME] and
 * [price.NAME]) for the model the record names, found by id, alias or dated id. No price: the
 * cost is unknown — a guess would be worse than nothing. The sum of many requests gets base
 * rates, never a long-context tier. Pure.
 */
import type { ModelRegistry } from '../models/registry.js';
import { priceFor } from '../models/price.js';
import type { TokenUsage } from '../protocol/pilot-view.js';

import type { CostSource } from '../protocol/messages.js';

export type { CostSource };

export type PricedUsage = { usd: number; source: 'priced' } | { usd: null; source: 'unknown' };

export function priceUsage(registry: ModelRegistry, model: string | null, usage: TokenUsage): PricedUsage {
  const priced = model === null ? undefined : priceFor(registry, model, usage);
  return priced ? { usd: priced.usd, source: 'priced' } : { usd: null, source: 'unknown' };
}
