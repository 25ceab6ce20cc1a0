/**
 * One model as the registry knows it: its canonical id (what the CLI's model flag gets), the
 * short names that stand for it, the backend that runs it, its context window and its prices in
 * US dollars per million tokens. Each layer of the registry (config/…, registry.ts) gives entries
 * of this shape, any field left out; merged, they say where each came from.
 */

/** Where an entry (or its prices) came from, lowest layer first: the package, `hangar models --import`, agents.toml. */
export type ModelSource = 'built-in' | 'import' | 'agents.toml';

/** A long-context price: a request whose prompt is over `above` tokens is priced at these rates, every token of it. */
export interface PriceTier {
  above: number;
  input: number;
  output: number;
  /** unset: the base cache_read */
  cache_read?: number;
  /** unset: the base cache_write */
  cache_write?: number;
}

/** USD per million tokens. Cache prices unset: the input price (a guess on the high side rather than none). */
export interface ModelPrices {
  input: number;
  output: number;
  cache_read?: number;
  cache_write?: number;
  /** ascending by `above` */
  tiers: PriceTier[];
}

/** What one layer says of a model: anything but the id may be left out. */
export interface ModelFacts {
  id: string;
  aliases?: string[];
  /** the backend (built-in or [backend.NAME]) that runs it */
  backend?: string;
  /** context window, tokens */
  context?: number;
  /** prices in part: a layer may change one price and keep the others */
  prices?: Partial<ModelPrices>;
}

/** A model in the merged registry. */
export interface ModelEntry {
  id: string;
  aliases: string[];
  backend?: string;
  context?: number;
  /** absent when no layer gives both an input and an output price */
  prices?: ModelPrices;
  /** the highest layer that said anything of it */
  source: ModelSource;
  /** the highest layer that set a price */
  priceSource?: ModelSource;
}
