/**
 * LiteLLM's `model_prices_and_context_window.json` as registry facts. Pure. The shape, as
 * LiteLLM publishes it (prices per token, not per million):
 *
 *   { "sample_spec": { … },
 *     "<model key>": { "litellm_provider", "mode", "max_input_tokens", "max_tokens",
 *       "input_cost_per_token", "output_cost_per_token",
 *       "cache_read_input_token_cost", "cache_creation_input_token_cost",
 *       "input_cost_per_token_above_200k_tokens", "output_cost_per_token_above_200k_tokens",
 *       "cache_read_input_token_cost_above_200k_tokens", "cache_creation_input_token_cost_above_200k_tokens" } }
 *
 * Only text models (mode chat, responses or completion) with an input and an output price are
 * taken. A key "<provider>/<id>" of a provider a backend speaks to (gemini/…) is taken as <id>;
 * one id under several providers is kept once, the provider whose backend runs it first.
 */

import type { ModelFacts, PriceTier } from './model-entry.js';
import { backendOfProvider } from './provider-backend.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const TEXT_MODES = new Set(['chat', 'responses', 'completion']);
const TIER_KEY = /^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_(\d+)k_tokens$/;
const TIER_FIELD = {
  input_cost_per_token: 'input',
  output_cost_per_token: 'output',
  cache_read_input_token_cost: 'cache_read',
  cache_creation_input_token_cost: 'cache_write',
} as const;

/** Per token → per million, without float dust (3e-6 × 1e6 = 2.9999999999999996). */
function perMillion(v: unknown): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return undefined;
  return Math.round(v * 1e6 * 1e9) / 1e9;
}

/** A LiteLLM price file: an object whose entries carry per-token prices. */
export function isLiteLlmCatalog(doc: unknown): doc is Rec {
  return isRec(doc) && Object.values(doc).some((m) => isRec(m) && ('input_cost_per_token' in m || 'litellm_provider' in m));
}

export function liteLlmFacts(doc: Rec): ModelFacts[] {
  const byId = new Map<string, ModelFacts>();
  for (const [key, model] of Object.entries(doc)) {
    if (!isRec(model) || key === 'sample_spec') continue;
    if (typeof model['mode'] === 'string' && !TEXT_MODES.has(model['mode'])) continue;
    const provider = typeof model['litellm_provider'] === 'string' ? model['litellm_provider'] : '';
    const backend = backendOfProvider(provider);
    const id = backend && key.startsWith(`${provider}/`) ? key.slice(provider.length + 1) : key;
    const input = perMillion(model['input_cost_per_token']);
    const output = perMillion(model['output_cost_per_token']);
    if (input === undefined || output === undefined) continue;
    const seen = byId.get(id);
    if (seen && (seen.backend !== undefined || backend === undefined)) continue;
    const read = perMillion(model['cache_read_input_token_cost']);
    const write = perMillion(model['cache_creation_input_token_cost']);
    const window = model['max_input_tokens'] ?? model['max_tokens'];
    const context = typeof window === 'number' && Number.isInteger(window) && window > 0 ? window : undefined;
    byId.set(id, {
      id,
      ...(backend ? { backend } : {}),
      ...(context ? { context } : {}),
      prices: { input, output, ...(read !== undefined ? { cache_read: read } : {}), ...(write !== undefined ? { cache_write: write } : {}), tiers: tiers(model) },
    });
  }
  return [...byId.values()];
}

/** The `…_above_Nk_tokens` prices, one tier per N that has an input and an output price. */
function tiers(model: Rec): PriceTier[] {
  const byAbove = new Map<number, Partial<PriceTier>>();
  for (const [key, value] of Object.entries(model)) {
    const m = TIER_KEY.exec(key);
    const rate = perMillion(value);
    if (!m || rate === undefined) continue;
    const above = Number(m[2]) * 1000;
    byAbove.set(above, { ...byAbove.get(above), [TIER_FIELD[m[1] as keyof typeof TIER_FIELD]]: rate });
  }
  return [...byAbove]
    .flatMap(([above, t]) => (t.input !== undefined && t.output !== undefined ? [{ ...t, above, input: t.input, output: t.output }] : []))
    .sort((a, b) => a.above - b.above);
}
