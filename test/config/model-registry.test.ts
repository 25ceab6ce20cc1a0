import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/diagnostics.js';
import { agentModel } from '../../src/config/kickoff.js';
import { loadConfig } from '../../src/config/load.js';
import { planAgentSession } from '../../src/fleet/session-plan.js';
import { modelCatalogPath } from '../../src/fs/fleet-files.js';
import { findModel } from '../../src/models/registry.js';
import { importCatalog } from '../../src/models/user-catalog.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/models');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-models-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function load(...lines: string[]) {
  const path = join(dir, 'agents.toml');
  writeFileSync(path, ['[defaults]', 'session_prefix = "t-"', 'log_dir = ".hangar"', '', ...lines, ''].join('\n'));
  return loadConfig({ path, env: { HOME: dir } });
}

describe('an agent\'s model through the registry', () => {
  it('model = "sonnet" on claude starts the CLI with the canonical id', () => {
    const { config, warnings } = load('[[agent]]', 'name = "a"', 'backend = "claude"', 'model = "sonnet"', 'prompt = "hi"');
    expect(warnings).toEqual([]);
    const agent = config.agents[0]!;
    expect(agent.model).toBe('sonnet');
    expect(agentModel(config, agent, 0)).toBe('claude-sonnet-5-5');
    const plan = planAgentSession({ config, env: {}, cols: 80, rows: 24 }, agent);
    expect(plan.model).toBe('claude-sonnet-5-5');
    expect(plan.options.command).toMatch(/^claude .* --model claude-sonnet-5-5 "\$\(cat /);
  });

  it('an agent with a model and no backend runs on the backend the registry names', () => {
    const { config, warnings } = load(
      '[[agent]]', 'name = "a"', 'model = "codex-mini"',
      '[[agent]]', 'name = "b"', 'model = "gemini-pro"',
      '[[agent]]', 'name = "c"', 'model = "claude-opus-4-1"',
    );
    expect(warnings).toEqual([]);
    expect(config.agents.map((a) => [a.backend, agentModel(config, a, 0)])).toEqual([
      ['codex', 'gpt-5.1-codex-mini'],
      ['gemini', 'gemini-3.1-pro-preview'],
      // a real id stays as written: the catalog only lists its dated snapshot
      ['claude', 'claude-opus-4-1'],
    ]);
  });

  it('an alias of another CLI\'s model is passed unchanged; a model the registry does not know too, with a warning naming the nearest', () => {
    const { config, warnings } = load(
      '[[agent]]', 'name = "a"', 'backend = "codex"', 'model = "sonnet"',
      '[[agent]]', 'name = "b"', 'backend = "claude"', 'model = "sonet"',
    );
    expect(agentModel(config, config.agents[0]!, 0)).toBe('sonnet');
    expect(agentModel(config, config.agents[1]!, 0)).toBe('sonet');
    expect(warnings.map((w) => [w.line, w.severity, w.message])).toEqual([
      [12, 'warning', 'model "sonet" is not in the model registry (nearest: sonnet): the CLI gets it unchanged and its tokens have no price (hangar models lists the registry; [model.NAME] or hangar models --import adds it)'],
    ]);
  });

  it('an unknown model and no backend is still "no backend"', () => {
    expect(() => load('[[agent]]', 'name = "a"', 'model = "mystery-model"')).toThrow(ConfigError);
    expect(() => load('[[agent]]', 'name = "a"', 'model = "mystery-model"')).toThrow(/\[\[agent\]\] "a": no backend/);
  });
});

describe('[model.NAME] in agents.toml', () => {
  it('changes only the keys it writes of a model the catalogs know, and adds one they do not', () => {
    const { config, warnings } = load(
      '[model."claude-sonnet-4-20250514"]', 'output_per_million = 16', 'aliases = ["s4"]',
      '[[model."claude-sonnet-4-20250514".tiers]]', 'above = 200000', 'input_per_million = 6', 'output_per_million = 22.5',
      '[model.local-coder]', 'backend = "aider"', 'context = 32768', 'input_per_million = 0', 'output_per_million = 0',
      '[[agent]]', 'name = "a"', 'model = "local-coder"',
    );
    expect(warnings).toEqual([]);
    expect(findModel(config.registry, 's4')).toEqual({
      id: 'claude-sonnet-4-20250514', aliases: ['s4'], backend: 'claude', context: 200000, source: 'agents.toml', priceSource: 'agents.toml',
      prices: { input: 3, output: 16, cache_read: 0.3, cache_write: 3.75, tiers: [{ above: 200000, input: 6, output: 22.5 }] },
    });
    expect(findModel(config.registry, 'local-coder')).toMatchObject({ backend: 'aider', context: 32768, source: 'agents.toml' });
    expect(config.agents[0]!.backend).toBe('aider');
  });

  it('moves an alias: sonnet to another model', () => {
    const { config } = load('[model."claude-sonnet-4-5"]', 'aliases = ["sonnet"]', 'backend = "claude"', '[[agent]]', 'name = "a"', 'backend = "claude"', 'model = "sonnet"');
    expect(agentModel(config, config.agents[0]!, 0)).toBe('claude-sonnet-4-5');
    expect(findModel(config.registry, 'claude-sonnet-5-5')?.aliases).toEqual(['claude-sonnet']);
  });

  it('a tier without its threshold is an error at its line', () => {
    try {
      load('[model.m]', 'input_per_million = 1', 'output_per_million = 2', '[[model.m.tiers]]', 'input_per_million = 2', 'output_per_million = 4');
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).diagnostics.map((d) => [d.line, d.message])).toEqual([[8, '[[model.NAME.tiers]] #1: missing required key "above" (e.g. above = 200000)']]);
    }
  });
});

describe('the imported catalog, under the state dir', () => {
  it('is a layer over the built-in one and under agents.toml', () => {
    const stateDir = join(dir, '.hangar', 'state');
    importCatalog(join(fixtures, 'models-dev-api.json'), modelCatalogPath({ state_dir: stateDir }));
    const { config, warnings } = load('[price."claude-opus-5-5"]', 'input_per_million = 5', 'output_per_million = 25');
    expect(warnings).toEqual([]);
    // hangar's alias over the imported prices
    expect(findModel(config.registry, 'sonnet')).toMatchObject({ id: 'claude-sonnet-5-5', source: 'built-in' });
    expect(findModel(config.registry, 'claude-sonnet-4-5')).toMatchObject({ source: 'import', priceSource: 'import', context: 1000000 });
    expect(findModel(config.registry, 'codex')).toMatchObject({ id: 'gpt-5.3-codex', source: 'import', prices: { input: 1.75, output: 14 } });
    // [price.NAME] over the import; its unset cache prices are its input price, as before
    expect(findModel(config.registry, 'opus')).toMatchObject({ id: 'claude-opus-5-5', source: 'agents.toml', prices: { input: 5, output: 25, cache_read: 5, cache_write: 5 } });
  });

  it('one hangar cannot read is a warning; the config loads on the built-in catalog', () => {
    const catalog = modelCatalogPath({ state_dir: join(dir, '.hangar', 'state') });
    mkdirSync(dirname(catalog), { recursive: true });
    writeFileSync(catalog, 'not json');
    const { config, warnings } = load('[[agent]]', 'name = "a"', 'backend = "claude"', 'model = "opus"');
    expect(warnings.map((w) => [w.file, w.severity])).toEqual([[catalog, 'warning']]);
    expect(warnings[0]!.message).toMatch(/models\.json: not JSON: .*; the imported models are not used/);
    expect(agentModel(config, config.agents[0]!, 0)).toBe('claude-opus-5-5');
  });
});

describe('the unknown-model warning', () => {
  it('is only for a backend the registry names models for', () => {
    const { warnings } = load(
      '[backend.mine]', 'bin = "my-agent"',
      '[[agent]]', 'name = "a"', 'backend = "mine"', 'model = "my-own-model"',
      '[[agent]]', 'name = "b"', 'backend = "opencode"', 'model = "anthropic/claude-sonnet-4-5"',
      '[[agent]]', 'name = "c"', 'backend = "gemini"', 'model = "gemini-9-ultra"',
    );
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^model "gemini-9-ultra" is not in the model registry/)]);
  });
});
