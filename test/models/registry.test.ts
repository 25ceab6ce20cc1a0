import { describe, expect, it } from 'vitest';
import { builtinModelFacts } from '../../src/models/builtin-catalog.js';
import type { ModelFacts } from '../../src/models/model-entry.js';
import { buildRegistry, findModel, launchModel } from '../../src/models/registry.js';

const builtin = buildRegistry([{ source: 'built-in', facts: builtinModelFacts() }]);

describe('the built-in registry', () => {
  it("resolves the CLIs' short names to canonical ids, each with the backend that runs it", () => {
    const resolved = ['sonnet', 'opus', 'haiku', 'codex', 'codex-mini', 'gemini-pro', 'gemini-flash', 'gpt-5-codex'].map((n) => {
      const e = findModel(builtin, n);
      return [n, e?.id, e?.backend];
    });
    expect(resolved).toEqual([
      ['sonnet', 'claude-sonnet-5-5', 'claude'],
      ['opus', 'claude-opus-5-5', 'claude'],
      ['haiku', 'claude-haiku-5-5', 'claude'],
      ['codex', 'gpt-5.3-codex', 'codex'],
      ['codex-mini', 'gpt-5.1-codex-mini', 'codex'],
      ['gemini-pro', 'gemini-3.1-pro-preview', 'gemini'],
      ['gemini-flash', 'gemini-3-flash-preview', 'gemini'],
      ['gpt-5-codex', 'gpt-5-codex', 'codex'],
    ]);
    // case aside, as people write them
    expect(findModel(builtin, 'Sonnet')?.id).toBe('claude-sonnet-5-5');
  });

  it("carries the package's prices: models.dev's Claude Sonnet 4 with its cache prices", () => {
    const e = findModel(builtin, 'claude-sonnet-4-20250514');
    expect(e).toMatchObject({ backend: 'claude', context: 200000, source: 'built-in', priceSource: 'built-in' });
    expect(e?.prices).toEqual({ input: 3, output: 15, cache_read: 0.3, cache_write: 3.75, tiers: [] });
  });
});

describe('finding a model by name', () => {
  const registry = buildRegistry([{ source: 'built-in', facts: [
    { id: 'claude-opus-4', backend: 'claude', prices: { input: 15, output: 75 } },
    { id: 'claude-opus-4-5', backend: 'claude', aliases: ['opus'], prices: { input: 5, output: 25 } },
    { id: 'sonnet', backend: 'claude' },
    { id: 'claude-sonnet-5', backend: 'claude', aliases: ['sonnet'] },
  ] }]);

  it('a dated id finds the longest id it extends with a date, and only with a date', () => {
    expect(findModel(registry, 'claude-opus-4-5-20251101')?.id).toBe('claude-opus-4-5');
    expect(findModel(registry, 'claude-opus-4-20250514')?.id).toBe('claude-opus-4');
    expect(findModel(registry, 'claude-opus-4-2025-05-14')?.id).toBe('claude-opus-4');
    // "-6" is another model, not a date: unknown rather than priced as claude-opus-4
    expect(findModel(registry, 'claude-opus-4-6')).toBeUndefined();
  });

  it("an id wins over another model's alias of the same spelling", () => {
    expect(findModel(registry, 'sonnet')?.id).toBe('sonnet');
  });

  it("the CLI gets the canonical id of an alias of its own backend's model; a dated id, another CLI's model or an unknown name unchanged", () => {
    expect(launchModel(registry, 'opus', 'claude')).toBe('claude-opus-4-5');
    expect(launchModel(registry, 'claude-opus-4-5-20251101', 'claude')).toBe('claude-opus-4-5-20251101');
    expect(launchModel(registry, 'opus', 'codex')).toBe('opus');
    expect(launchModel(registry, 'no-such-model', 'claude')).toBe('no-such-model');
    expect(launchModel(registry, '', 'claude')).toBe('');
  });
});

describe('layers', () => {
  const builtinFacts: ModelFacts[] = [
    { id: 'm-1', backend: 'claude', aliases: ['m'], context: 200000, prices: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 } },
    { id: 'm-2', backend: 'claude', context: 200000, prices: { input: 1, output: 5 } },
  ];
  const imported: ModelFacts[] = [
    { id: 'm-1', context: 1000000, prices: { input: 2, output: 10, cache_read: 0.2, cache_write: 2.5, tiers: [{ above: 200000, input: 4, output: 20 }] } },
    { id: 'm-3', prices: { input: 9, output: 9 } },
  ];
  const fromToml: ModelFacts[] = [
    { id: 'm-1', prices: { output: 12 } },
    { id: 'm-2', aliases: ['m'], backend: 'mine' },
    { id: 'm-4', backend: 'codex' },
  ];
  const registry = buildRegistry([
    { source: 'built-in', facts: builtinFacts },
    { source: 'import', facts: imported },
    { source: 'agents.toml', facts: fromToml },
  ]);
  const entry = (id: string) => registry.entries.find((e) => e.id === id);

  it('built-in < import < agents.toml, field by field and each price on its own', () => {
    expect(entry('m-1')).toEqual({
      id: 'm-1', aliases: [], backend: 'claude', context: 1000000, source: 'agents.toml', priceSource: 'agents.toml',
      prices: { input: 2, output: 12, cache_read: 0.2, cache_write: 2.5, tiers: [{ above: 200000, input: 4, output: 20 }] },
    });
    expect(entry('m-3')).toMatchObject({ source: 'import', priceSource: 'import', prices: { input: 9, output: 9 } });
  });

  it('an alias given by a higher layer leaves the model that had it', () => {
    expect(entry('m-1')?.aliases).toEqual([]);
    expect(entry('m-2')).toMatchObject({ aliases: ['m'], backend: 'mine', source: 'agents.toml', priceSource: 'built-in' });
    expect(findModel(registry, 'm')?.id).toBe('m-2');
  });

  it('a model no layer prices is listed without prices', () => {
    expect(entry('m-4')).toEqual({ id: 'm-4', aliases: [], backend: 'codex', source: 'agents.toml' });
  });
});

describe('a catalog that lists only dated snapshots', () => {
  const registry = buildRegistry([{ source: 'built-in', facts: [
    { id: 'claude-opus-4-1-20250805', backend: 'claude', prices: { input: 15, output: 75 } },
    { id: 'model-x-20250101', prices: { input: 1, output: 1 } },
    { id: 'model-x-20260101', prices: { input: 2, output: 2 } },
  ] }]);

  it('an undated name is its newest snapshot', () => {
    expect(findModel(registry, 'claude-opus-4-1')?.id).toBe('claude-opus-4-1-20250805');
    expect(findModel(registry, 'model-x')?.id).toBe('model-x-20260101');
    expect(findModel(registry, 'claude-opus-4')).toBeUndefined();
    // the CLI still gets the name as written: the undated id is the one its vendor keeps current
    expect(launchModel(registry, 'claude-opus-4-1', 'claude')).toBe('claude-opus-4-1');
  });
});
