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
  for (const { source, facts } of layers) {
    for (const f of facts) {
      const key = f.id.toLowerCase();
      const d: Draft = drafts.get(key) ?? { id: f.id, aliases: [], prices: {}, source };
      d.source = source;
      if (f.backend !== undefined) d.backend = f.backend;
      if (f.context !== undefined) d.context = f.context;
      if (f.prices && Object.keys(f.prices).length > 0) {
        d.prices = { ...d.prices, ...f.prices };
        d.priceSource = source;
      }
      for (const alias of f.aliases ?? []) {
        for (const other of drafts.values()) other.aliases = other.aliases.filter((a) => a.toLowerCase() !== alias.toLowerCase());
        d.aliases.push(alias);
      }
      drafts.set(key, d);
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
  const { input, output, cache_read, cache_write, tiers } = d.prices;
  const prices: ModelPrices | undefined = input !== undefined && output !== undefined
    ? { input, output, ...(cache_read !== undefined ? { cache_read } : {}), ...(cache_write !== undefined ? { cache_write } : {}), tiers: [...(tiers ?? [])].sort((a, b) => a.above - b.above) }
    : undefined;
  return {
    id: d.id,
    aliases: d.aliases,
    ...(d.backend !== undefined ? { backend: d.backend } : {}),
    ...(d.context !== undefined ? { context: d.context } : {}),
    ...(prices ? { prices, ...(d.priceSource ? { priceSource: d.priceSource } : {}) } : {}),
    source: d.source,
  };
}

function byBackendThenId(a: ModelEntry, b: ModelEntry): number {
  if ((a.backend === undefined) !== (b.backend === undefined)) return a.backend === undefined ? 1 : -1;
  return (a.backend ?? '').localeCompare(b.backend ?? '') || a.id.localeCompare(b.id);
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
