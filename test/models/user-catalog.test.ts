import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogError, importCatalog, readUserCatalog } from '../../src/models/user-catalog.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/models');
const MODELS_DEV = join(fixtures, 'models-dev-api.json');
const LITELLM = join(fixtures, 'litellm-prices.json');

let dir: string;
let catalog: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-catalog-'));
  catalog = join(dir, 'state', 'models.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const byId = () => Object.fromEntries(readUserCatalog(catalog).map((m) => [m.id, m]));

describe('hangar models --import', () => {
  it("takes a models.dev api.json: costs, cache prices, both kinds of tier, context; a first-party provider's model over a gateway's", () => {
    expect(importCatalog(MODELS_DEV, catalog)).toEqual({ format: 'models.dev', read: 5, added: 5, replaced: 0, total: 5 });
    const models = byId();
    expect(models['claude-sonnet-4-5']).toEqual({
      id: 'claude-sonnet-4-5', backend: 'claude', context: 1000000,
      prices: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75, tiers: [{ above: 200000, input: 6, output: 22.5, cache_read: 0.6, cache_write: 7.5 }] },
    });
    // listed first under openrouter, kept from openai, whose CLI runs it
    expect(models['gpt-5.3-codex']).toEqual({
      id: 'gpt-5.3-codex', backend: 'codex', context: 400000,
      prices: { input: 1.75, output: 14, cache_read: 0.175, tiers: [{ above: 272000, input: 3.5, output: 21, cache_read: 0.35 }] },
    });
    expect(models['anthropic/claude-sonnet-4.5']).toEqual({ id: 'anthropic/claude-sonnet-4.5', context: 1000000, prices: { input: 3, output: 15, tiers: [] } });
    expect(models['gemini-no-price']).toEqual({ id: 'gemini-no-price', backend: 'gemini', context: 1048576 });
  });

  it('takes a LiteLLM price file (per token → per million), merged over what the catalog had', () => {
    importCatalog(MODELS_DEV, catalog);
    // claude-sonnet-4-5 is replaced, gemini-3-pro-preview added; the embedding and image models are not text models
    expect(importCatalog(LITELLM, catalog)).toEqual({ format: 'LiteLLM', read: 2, added: 1, replaced: 1, total: 6 });
    const models = byId();
    expect(models['claude-sonnet-4-5']).toEqual({
      id: 'claude-sonnet-4-5', backend: 'claude', context: 200000,
      prices: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75, tiers: [{ above: 200000, input: 6, output: 22.5, cache_read: 0.6, cache_write: 7.5 }] },
    });
    // "gemini/…" of Google AI Studio over Vertex's entry of the same id
    expect(models['gemini-3-pro-preview']).toEqual({
      id: 'gemini-3-pro-preview', backend: 'gemini', context: 1048576,
      prices: { input: 2, output: 12, cache_read: 0.2, tiers: [{ above: 200000, input: 4, output: 18 }] },
    });
    expect(models['gpt-5.3-codex']?.backend).toBe('codex');
  });

  it('a bad file is a clear error and the catalog stays as it was', () => {
    importCatalog(MODELS_DEV, catalog);
    const before = readFileSync(catalog, 'utf8');
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const cases: Array<[string, RegExp]> = [
      [write('cut.json', '{"anthropic": {"models": {'), /cut\.json: not JSON: /],
      [write('other.json', '{"data": [1, 2]}'), /other\.json: neither a models\.dev api\.json .* nor a LiteLLM model_prices_and_context_window\.json/],
      [write('free.json', '{"x": {"models": {"m": {"id": "m"}}}}'), /free\.json: a models\.dev file, but no model in it has an input and an output price/],
      [join(dir, 'missing.json'), /missing\.json: cannot read: /],
    ];
    for (const [file, message] of cases) {
      expect(() => importCatalog(file, catalog)).toThrow(CatalogError);
      expect(() => importCatalog(file, catalog)).toThrow(message);
    }
    expect(readFileSync(catalog, 'utf8')).toBe(before);
  });

  it('a catalog file hangar did not write is refused, not overwritten', () => {
    importCatalog(MODELS_DEV, catalog);
    writeFileSync(catalog, '{"hand": "written"}');
    expect(() => importCatalog(LITELLM, catalog)).toThrow(/models\.json: not a model catalog written by hangar/);
    expect(readFileSync(catalog, 'utf8')).toBe('{"hand": "written"}');
  });
});
