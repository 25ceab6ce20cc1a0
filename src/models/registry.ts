/**
 * The model registry: the layers merged, lowest first — built-in (the package and hangar's
 * aliases) < import (the user catalog under the state dir) < agents.toml ([model.NAME], then
 * [price.NAME]). A higher layer's fact about a model wins field by field (each price on its
 * own, tiers as a whole); an alias a higher layer gives a model leaves every other model. Pure.
 *
 * A name finds a model by its id, else by an alias (case aside), else — since CLIs record dated
 * names and catalogs list dated snapshots — by a date added or taken away
 * ("claude-sonnet-4-5-20250929" is claude-sonnet-4-5; "claude-opus-4-5" is not claude-opus-4).
 */

import type { ModelEntry, ModelFacts, ModelPrices, ModelSource } from './model-entry.js';

export interface ModelRegistry {
  /** by backend (models without one last), then id */
  entries: readonly ModelEntry[];
  /** lower-cased ids and aliases */
  byName: ReadonlyMap<string, ModelEntry>;
}

export interface ModelLayer {
  source: ModelSource;
  facts: readonly ModelFacts[];
}

interface Draft {
  id: string;
  aliases: string[];
  backend?: string;
  context?: number;
  prices: Partial<ModelPrices>;
  source: ModelSource;
  priceSource?: ModelSource;
}

export function buildRegistry(layers: readonly ModelLayer[]): ModelRegistry {
  const drafts = new Map<string, Draft>();
  /** alias (lower-cased) → the draft that has it */
  const aliasOwner = new Map<string, Draft>();
  for (const { source, facts } of layers) {
    for (const f of facts) {
      const key = f.id.toLowerCase();
      let d = drafts.get(key);
      if (!d) {
        d = { id: f.id, aliases: [], prices: {}, source };
        drafts.set(key, d);
      }
      d.source = source;
      if (f.backend !== undefined) d.backend = f.backend;
      if (f.context !== undefined) d.context = f.context;
      if (f.prices) {
        let priced = false;
        for (const [k, v] of Object.entries(f.prices)) {
          if (v === undefined) continue;
          (d.prices as Record<string, unknown>)[k] = v;
          priced = true;
        }
        if (priced) d.priceSource = source;
      }
      for (const alias of f.aliases ?? []) {
        const lower = alias.toLowerCase();
        const owner = aliasOwner.get(lower);
        if (owner) owner.aliases = owner.aliases.filter((a) => a.toLowerCase() !== lower);
        d.aliases.push(alias);
        aliasOwner.set(lower, d);
      }
    }
  }
  const entries = [...drafts.values()].map(finish).sort(byBackendThenId);
  const byName = new Map<string, ModelEntry>();
  for (const e of entries) for (const alias of e.aliases) byName.set(alias.toLowerCase(), e);
  // an id wins over another model's alias of the same spelling
  for (const e of entries) byName.set(e.id.toLowerCase(), e);
  return { entries, byName };
}

function finish(d: Draft): ModelEntry {
  const entry: ModelEntry = { id: d.id, aliases: d.aliases, source: d.source };
  if (d.backend !== undefined) entry.backend = d.backend;
  if (d.context !== undefined) entry.context = d.context;
  const { input, output, cache_read, cache_write, tiers } = d.prices;
  if (input !== undefined && output !== undefined) {
    const prices: ModelPrices = { input, output, tiers: tiers ? [...tiers].sort((a, b) => a.above - b.above) : [] };
    if (cache_read !== undefined) prices.cache_read = cache_read;
    if (cache_write !== undefined) prices.cache_write = cache_write;
    entry.prices = prices;
    if (d.priceSource) entry.priceSource = d.priceSource;
  }
  return entry;
}

/** Plain code-unit order: ids are ASCII, and a locale-aware compare costs ~10× over thousands of models. */
function byBackendThenId(a: ModelEntry, b: ModelEntry): number {
  if ((a.backend === undefined) !== (b.backend === undefined)) return a.backend === undefined ? 1 : -1;
  const [x, y] = [a.backend ?? '', b.backend ?? ''];
  if (x !== y) return x < y ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A date a CLI appends to a model's id: -20250929, -2025-09-29, @20250929 (and anything after it). */
const DATED = /^[-@](\d{8}|\d{4}-\d{2}-\d{2})(?:[-@:].*)?$/;

/**
 * The model a name stands for: by id or alias; else a dated name as the longest id it extends
 * with a date; else an undated name as the newest dated id that extends it ("claude-opus-4-1"
 * is claude-opus-4-1-20250805 where the catalog lists only the snapshot). Undefined when none.
 */
export function findModel(registry: ModelRegistry, name: string): ModelEntry | undefined {
  const lower = name.toLowerCase();
  const named = registry.byName.get(lower);
  if (named) return named;
  let extended: ModelEntry | undefined;
  let snapshot: ModelEntry | undefined;
  for (const e of registry.entries) {
    const id = e.id.toLowerCase();
    if (lower.startsWith(id) && DATED.test(lower.slice(id.length)) && id.length > (extended?.id.length ?? 0)) extended = e;
    if (id.startsWith(lower) && DATED.test(id.slice(lower.length)) && (!snapshot || id > snapshot.id.toLowerCase())) snapshot = e;
  }
  return extended ?? snapshot;
}

/**
 * The model id an agent's CLI is started with: the canonical id of an id or alias the registry
 * knows, when the model runs on this backend (or names none); the name unchanged otherwise — a
 * dated id (it already says which model), a model for another CLI, an unknown one
 * (config/cross-check.ts warns), or none.
 */
export function launchModel(registry: ModelRegistry, name: string, backend: string): string {
  const entry = registry.byName.get(name.toLowerCase());
  return entry && (entry.backend === undefined || entry.backend === backend) ? entry.id : name;
}

/** Every id and alias, for suggestions. */
export function modelNames(registry: ModelRegistry): string[] {
  return registry.entries.flatMap((e) => [e.id, ...e.aliases]);
}
