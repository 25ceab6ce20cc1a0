/**
 * agents.toml's part of the model registry: [model.NAME] tables and [price.NAME] tables as the
 * registry's top layer (models/registry.ts), over the built-in catalog and the user's imported
 * one; and the backend an agent without one gets from its model. Pure.
 */

import { builtinModelFacts } from '../models/builtin-catalog.js';
import type { ModelFacts, ModelPrices } from '../models/model-entry.js';
import { buildRegistry, findModel, type ModelRegistry } from '../models/registry.js';
import type { ModelConfig, PriceConfig } from './types.js';

export function fleetRegistry(models: Readonly<Record<string, ModelConfig>>, prices: Readonly<Record<string, PriceConfig>>, imported: readonly ModelFacts[]): ModelRegistry {
  return buildRegistry([
    { source: 'built-in', facts: builtinModelFacts() },
    { source: 'import', facts: imported },
    { source: 'agents.toml', facts: [...Object.entries(models).map(([id, m]) => modelFacts(id, m)), ...Object.entries(prices).map(([id, p]) => priceFacts(id, p))] },
  ]);
}

function modelFacts(id: string, m: ModelConfig): ModelFacts {
  const prices: Partial<ModelPrices> = {
    ...(m.input_per_million !== undefined ? { input: m.input_per_million } : {}),
    ...(m.output_per_million !== undefined ? { output: m.output_per_million } : {}),
    ...(m.cache_read_per_million !== undefined ? { cache_read: m.cache_read_per_million } : {}),
    ...(m.cache_write_per_million !== undefined ? { cache_write: m.cache_write_per_million } : {}),
    ...(m.tiers !== undefined
      ? {
          tiers: m.tiers.map((t) => ({
            above: t.above, input: t.input_per_million, output: t.output_per_million,
            ...(t.cache_read_per_million !== undefined ? { cache_read: t.cache_read_per_million } : {}),
            ...(t.cache_write_per_million !== undefined ? { cache_write: t.cache_write_per_million } : {}),
          })),
        }
      : {}),
  };
  return {
    id,
    ...(m.aliases !== undefined ? { aliases: m.aliases } : {}),
    ...(m.backend !== undefined ? { backend: m.backend } : {}),
    ...(m.context !== undefined ? { context: m.context } : {}),
    ...(Object.keys(prices).length > 0 ? { prices } : {}),
  };
}

/** [price.NAME]: the cache prices it leaves out are its input price, as they always were. */
function priceFacts(id: string, p: PriceConfig): ModelFacts {
  return {
    id,
    prices: {
      input: p.input_per_million,
      output: p.output_per_million,
      cache_read: p.cache_read_per_million ?? p.input_per_million,
      cache_write: p.cache_write_per_million ?? p.input_per_million,
    },
  };
}

/** The backend the registry names for a model ('' when it names none or does not know the model). */
export function backendOfModel(registry: ModelRegistry, model: string): string {
  return model === '' ? '' : (findModel(registry, model)?.backend ?? '');
}
