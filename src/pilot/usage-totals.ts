/**
 * Usage and cost added up: per agent (`status`, the cockpit), per agent, model or day (`hangar
 * costs`). Pure. An entry's cost is the one its record stated, else its tokens priced
 * (price-usage.ts) with the prices of now, so a price added later prices what was spent before.
 * A sum is `stated` when every entry in it was stated, `priced` when every entry has a cost
 * (some priced), `unknown` as soon as one has none: its cost_usd is then null — part of a sum
 * would read as the whole.
 */
import type { ModelRegistry } from '../models/registry.js';
import type { TokenUsage } from '../protocol/pilot-view.js';
import type { CostsBy } from '../protocol/requests.js';
import { priceUsage, type CostSource } from './price-usage.js';
import type { UsageEntry } from './usage-entries.js';

export interface UsageTotal {
  usage: TokenUsage;
  /** USD; null when some entry's cost is unknown */
  costUsd: number | null;
  costSource: CostSource;
  /** how many entries (API responses) were added */
  entries: number;
}


const ZERO: UsageTotal = { usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, costUsd: 0, costSource: 'stated', entries: 0 };

/** An entry's cost: stated, else priced, else unknown. */
function entryCost(e: UsageEntry, prices: ModelRegistry): { usd: number | null; source: CostSource } {
  return e.statedUsd !== null ? { usd: e.statedUsd, source: 'stated' } : priceUsage(prices, e.model, e.usage);
}

/** The entries added up. */
export function totalOf(entries: readonly UsageEntry[], prices: ModelRegistry): UsageTotal {
  let t = ZERO;
  for (const e of entries) {
    const cost = entryCost(e, prices);
    const u = e.usage;
    t = {
      usage: { input: t.usage.input + u.input, output: t.usage.output + u.output, cacheRead: t.usage.cacheRead + u.cacheRead, cacheWrite: t.usage.cacheWrite + u.cacheWrite },
      costUsd: t.costUsd === null || cost.usd === null ? null : t.costUsd + cost.usd,
      costSource: t.costSource === 'unknown' || cost.source === 'unknown' ? 'unknown' : t.costSource === 'priced' || cost.source === 'priced' ? 'priced' : 'stated',
      entries: t.entries + 1,
    };
  }
  return t.entries === 0 ? { ...t, costUsd: null, costSource: 'unknown' } : t;
}

/**
 * What the entries cost where it is known (stated or priced), in USD: what a budget counts. An
 * entry nobody can price counts as nothing — a budget cannot wait for a price that may never come.
 */
export function knownCostOf(entries: readonly UsageEntry[], prices: ModelRegistry): number {
  let usd = 0;
  for (const e of entries) usd += entryCost(e, prices).usd ?? 0;
  return usd;
}

/** The local calendar day of an epoch-ms time, `YYYY-MM-DD`. */
function localDay(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The entries added up per agent, model (`-` when unnamed) or local day, sorted by that key. */
export function totalsBy(entries: readonly UsageEntry[], by: CostsBy, prices: ModelRegistry): Array<{ key: string } & UsageTotal> {
  const groups = new Map<string, UsageEntry[]>();
  for (const e of entries) {
    const key = by === 'agent' ? e.agent : by === 'model' ? (e.model ?? '-') : localDay(e.at);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(e);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, list]) => ({ key, ...totalOf(list, prices) }));
}
