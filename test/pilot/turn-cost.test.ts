import { describe, expect, it } from 'vitest';
import { fleetRegistry } from '../../src/config/model-layers.js';
import type { PriceConfig } from '../../src/config/types.js';
import type { TurnRecords } from '../../src/pilot/session-records.js';
import { turnCost } from '../../src/pilot/turn-cost.js';

const records = (over: Partial<TurnRecords>): TurnRecords => ({
  usage: { input: 1_000_000, output: 100_000, cacheRead: 2_000_000, cacheWrite: 500_000 },
  costUsd: null,
  model: null,
  ended: true,
  sawUsage: true,
  ...over,
});
// [price.NAME] tables, the registry's agents.toml layer over the built-in catalog
const priceTables: Record<string, PriceConfig> = {
  big: { input_per_million: 3, output_per_million: 15, cache_read_per_million: 0.3, cache_write_per_million: 3.75 },
  plain: { input_per_million: 1, output_per_million: 10 },
};
const prices = fleetRegistry({}, priceTables, []);

describe('the cost of a turn', () => {
  it('prices each kind of token by the model the records name', () => {
    // 1M × 3 + 0.1M × 15 + 2M × 0.3 + 0.5M × 3.75
    expect(turnCost(records({ model: 'big' }), prices, 'plain')).toBeCloseTo(3 + 1.5 + 0.6 + 1.875, 10);
  });

  it("cache prices default to the input price; the agent's model when the records name none", () => {
    expect(turnCost(records({}), prices, 'plain')).toBeCloseTo(1 + 1 + 2 + 0.5, 10);
  });

  it('a dated name is priced by the longest entry it extends with a date; a named model no entry prices has no cost', () => {
    const dated = fleetRegistry({}, { ...priceTables, 'big-4': { input_per_million: 100, output_per_million: 100 } }, []);
    expect(turnCost(records({ model: 'big-4-20250929' }), dated, 'plain')).toBeCloseTo(360, 10);
    expect(turnCost(records({ model: 'big-20250929' }), dated, 'plain')).toBeCloseTo(6.975, 10);
    expect(turnCost(records({ model: 'unpriced' }), prices, 'plain')).toBeUndefined();
  });

  it('a cost the records state wins over any price', () => {
    expect(turnCost(records({ model: 'big', costUsd: 0.42 }), prices, 'plain')).toBe(0.42);
  });

  it('unknown without a price, or without any usage', () => {
    expect(turnCost(records({ model: 'x' }), prices, 'y')).toBeUndefined();
    expect(turnCost(records({ sawUsage: false, model: 'big' }), prices, 'big')).toBeUndefined();
  });
});
