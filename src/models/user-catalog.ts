/**
 * The user's catalog, `<state_dir>/models.json`: the registry's import layer. `hangar models
 * --import FILE` merges a models.dev `api.json` or a LiteLLM `model_prices_and_context_window.json`
 * into it (a model the file names replaces the one the catalog had; the others stay) and writes it
 * whole (atomic): a bad file changes nothing. The config loader reads it. The file:
 *
 *   { "hangar_models": 1, "models": [{ "id", "backend"?, "context"?, "prices"?: { "input", "output",
 *     "cache_read"?, "cache_write"?, "tiers": [{ "above", "input", "output", … }] } }] }
 */

import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { isLiteLlmCatalog, liteLlmFacts } from './litellm-prices.js';
import type { ModelFacts, ModelPrices, PriceTier } from './model-entry.js';
import { isModelsDevCatalog, modelsDevFacts } from './models-dev.js';

const VERSION = 1;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const rate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A file that cannot be used as it is, with what is wrong. */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** The catalog's models; none when there is no file. Throws CatalogError on a file hangar did not write. */
export function readUserCatalog(path: string): ModelFacts[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CatalogError(`${path}: cannot read: ${(err as Error).message}`);
  }
  const doc = parseJson(text, path);
  if (!isRec(doc) || doc['hangar_models'] !== VERSION || !Array.isArray(doc['models'])) {
    throw new CatalogError(`${path}: not a model catalog written by hangar (expected {"hangar_models": ${VERSION}, "models": […]})`);
  }
  return doc['models'].flatMap((m) => {
    const facts = catalogFacts(m);
    return facts ? [facts] : [];
  });
}

export type CatalogFormat = 'models.dev' | 'LiteLLM';

export interface ImportResult {
  format: CatalogFormat;
  /** models the file gave (with an id; those without prices too, for their context and backend) */
  read: number;
  added: number;
  replaced: number;
  /** models in the catalog now */
  total: number;
}

/** Merge `file` into the catalog at `catalogPath`. Throws CatalogError and writes nothing when either file is unusable. */
export function importCatalog(file: string, catalogPath: string): ImportResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CatalogError(`${file}: cannot read: ${(err as Error).message}`);
  }
  const { format, facts } = catalogOf(parseJson(text, file), file);
  const kept = readUserCatalog(catalogPath);
  const merged = new Map(kept.map((f) => [f.id, f]));
  let added = 0;
  for (const f of facts) {
    if (!merged.has(f.id)) added++;
    merged.set(f.id, f);
  }
  const models = [...merged.values()];
  writeFileAtomic(catalogPath, `${JSON.stringify({ hangar_models: VERSION, models })}\n`);
  return { format, read: facts.length, added, replaced: facts.length - added, total: models.length };
}

/** Which of the two formats a document is, and its models. */
function catalogOf(doc: unknown, file: string): { format: CatalogFormat; facts: ModelFacts[] } {
  const [format, facts] = isModelsDevCatalog(doc)
    ? (['models.dev', modelsDevFacts(doc)] as const)
    : isLiteLlmCatalog(doc)
      ? (['LiteLLM', liteLlmFacts(doc)] as const)
      : [undefined, []];
  if (!format) {
    throw new CatalogError(`${file}: neither a models.dev api.json ({"<provider>": {"models": {…}}}) nor a LiteLLM model_prices_and_context_window.json ({"<model>": {"input_cost_per_token": …}})`);
  }
  if (!facts.some((f) => f.prices)) throw new CatalogError(`${file}: a ${format} file, but no model in it has an input and an output price`);
  return { format, facts };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CatalogError(`${file}: not JSON: ${(err as Error).message}`);
  }
}

/** One model of the catalog file, checked; undefined when it is not one. */
function catalogFacts(m: unknown): ModelFacts | undefined {
  if (!isRec(m) || typeof m['id'] !== 'string' || m['id'] === '') return undefined;
  const prices = isRec(m['prices']) ? catalogPrices(m['prices']) : undefined;
  return {
    id: m['id'],
    ...(typeof m['backend'] === 'string' ? { backend: m['backend'] } : {}),
    ...(typeof m['context'] === 'number' && Number.isInteger(m['context']) && m['context'] > 0 ? { context: m['context'] } : {}),
    ...(prices ? { prices } : {}),
  };
}

function catalogPrices(p: Rec): ModelPrices | undefined {
  if (!rate(p['input']) || !rate(p['output'])) return undefined;
  const tiers = Array.isArray(p['tiers']) ? p['tiers'].flatMap((t): PriceTier[] => (isRec(t) && rate(t['above']) && rate(t['input']) && rate(t['output']) ? [{ above: t['above'], input: t['input'], output: t['output'], ...cache(t) }] : [])) : [];
  return { input: p['input'], output: p['output'], ...cache(p), tiers };
}

function cache(p: Rec): { cache_read?: number; cache_write?: number } {
  return { ...(rate(p['cache_read']) ? { cache_read: p['cache_read'] } : {}), ...(rate(p['cache_write']) ? { cache_write: p['cache_write'] } : {}) };
}
