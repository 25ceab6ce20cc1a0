import { describe, expect, it } from 'vitest';
import { priceFor, promptTokens } from '../../src/models/price.js';
import { buildRegistry } from '../../src/models/registry.js';

// Sonnet 4.5's published rates, with Anthropic's long-context price over 200k prompt tokens
const registry = buildRegistry([
  { source: 'import', facts: [
    { id: 'claude-sonnet-4-5', aliases: ['sonnet'], prices: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75, tiers: [{ above: 200_000, input: 6, output: 22.5, cache_read: 0.6, cache_write: 7.5 }] } },
    { id: 'plain', prices: { input: 2, output: 8, tiers: [{ above: 100_000, input: 4, output: 16 }] } },
  ] },
]);

describe('priceFor', () => {
  const usage = { input: 1_000, output: 2_000, cacheRead: 300_000, cacheWrite: 10_000 };

  it('prices each kind of token at its rate (a sum of requests: base rates)', () => {
    // 1,000 × $3 + 2,000 × $15 + 300,000 × $0.30 + 10,000 × $3.75, per million
    const usd = (1_000 * 3 + 2_000 * 15 + 300_000 * 0.3 + 10_000 * 3.75) / 1e6;
    expect(usd).toBeCloseTo(0.1605, 12);
    expect(priceFor(registry, 'claude-sonnet-4-5', usage)).toEqual({ usd: expect.closeTo(usd, 12), source: 'import', model: 'claude-sonnet-4-5' });
  });

  it('one request whose prompt is over a tier is priced at the tier, every token of it', () => {
    expect(promptTokens(usage)).toBe(311_000);
    // 1,000 × $6 + 2,000 × $22.50 + 300,000 × $0.60 + 10,000 × $7.50, per million
    const usd = (1_000 * 6 + 2_000 * 22.5 + 300_000 * 0.6 + 10_000 * 7.5) / 1e6;
    expect(usd).toBeCloseTo(0.306, 12);
    expect(priceFor(registry, 'sonnet', usage, promptTokens(usage))).toEqual({ usd: expect.closeTo(usd, 12), source: 'import', model: 'claude-sonnet-4-5', tier: 200_000 });
    // at the threshold exactly: not over it
    expect(priceFor(registry, 'claude-sonnet-4-5', usage, 200_000)?.tier).toBeUndefined();
  });

  it('cache tokens of a model with no cache price are priced as input; a dated name finds its model', () => {
    // 1,000 × $4 + 2,000 × $16 + (300,000 + 10,000) × $4, per million: the tier's input price
    expect(priceFor(registry, 'plain-20260101', usage, promptTokens(usage))?.usd).toBeCloseTo((4_000 + 32_000 + 310_000 * 4) / 1e6, 12);
    expect(priceFor(registry, 'plain', usage)?.usd).toBeCloseTo((2_000 + 16_000 + 310_000 * 2) / 1e6, 12);
  });

  it('unknown for a model without prices', () => {
    expect(priceFor(registry, 'nothing', usage)).toBeUndefined();
  });
});
