import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/diagnostics.js';
import { loadConfig } from '../../src/config/load.js';
import { overridesConcerning, parseSetValue } from '../../src/config/overrides.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/configs');
const fleet = join(fixtures, 'fleet/agents.toml');
const env = { HOME: '/home/tester' };

function loadError(opts: Parameters<typeof loadConfig>[0]): ConfigError {
  try {
    loadConfig(opts);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('overrides', () => {
  it('AGENT_MODEL_<name> and AGENT_BACKEND_<name> override one agent', () => {
    const { config } = loadConfig({
      path: fleet, env: { ...env, AGENT_MODEL_supervisor: 'opus', AGENT_BACKEND_supervisor: 'demo', AGENT_MODEL_builder: '' },
    });
    const sup = config.agents.find((a) => a.name === 'supervisor');
    expect(sup).toMatchObject({ model: 'opus', backend: 'demo' });
    // an empty variable overrides nothing (agents.py: `if env_model:`)
    expect(config.agents.find((a) => a.name === 'builder')?.model).toBe('claude-sonnet-4-6');
    expect(config.raw['agent']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'supervisor', model: 'opus' })]));
  });

  it('an env backend that does not exist is reported against the variable', () => {
    const err = loadError({ path: fleet, env: { ...env, AGENT_BACKEND_builder: 'clod' } });
    expect(err.message.split('\n')[0]).toBe(
      'env AGENT_BACKEND_builder: [[agent]] "builder": backend "clod" is not defined (known: aider, claude, codex, demo, gemini, opencode)',
    );
  });

  it('--set reaches defaults, backends, sections and agents/services by name, with TOML values', () => {
    const { config } = loadConfig({
      path: fleet,
      env,
      sets: [
        'defaults.model=claude-haiku',
        'backend.demo.stall_idle=30',
        'watchdog.max_restarts=3',
        'agent.finisher.enabled=true',
        'agent.supervisor.prompt="hello world"',
        'service.web.command=npm run dev -- --port 3000',
        'loop.phases.p2.plan=plans/p2-revised.md',
        'loop.handoff.inboxes=["a.md","b.md"]',
        'ui.notify=bell',
      ],
    });
    expect(config.agents.find((a) => a.name === 'builder')?.model).toBe('claude-haiku');
    expect(config.backends['demo']?.stall_idle).toBe(30);
    expect(config.watchdog.max_restarts).toBe(3);
    expect(config.agents.find((a) => a.name === 'finisher')?.enabled).toBe(true);
    expect(config.agents.find((a) => a.name === 'supervisor')?.prompt).toBe('hello world');
    expect(config.services[0]?.command).toBe('npm run dev -- --port 3000');
    expect(config.loop.phases[1]?.plan).toBe('plans/p2-revised.md');
    expect(config.loop.handoff?.inboxes).toEqual(['a.md', 'b.md']);
    expect(config.ui.notify).toBe('bell');
  });

  it('--set wins over the environment', () => {
    const { config } = loadConfig({ path: fleet, env: { ...env, AGENT_MODEL_builder: 'from-env' }, sets: ['agent.builder.model=from-set'] });
    expect(config.agents.find((a) => a.name === 'builder')?.model).toBe('from-set');
  });

  it('parses values as TOML when they parse, else as plain strings', () => {
    expect(parseSetValue('30')).toBe(30);
    expect(parseSetValue('true')).toBe(true);
    expect(parseSetValue('"quoted"')).toBe('quoted');
    expect(parseSetValue('["a","b"]')).toEqual(['a', 'b']);
    expect(parseSetValue('claude-opus-4')).toBe('claude-opus-4');
    expect(parseSetValue('1\nx = 2')).toBe('1\nx = 2');
    expect(parseSetValue('')).toBe('');
  });

  it('a bad --set is a ConfigError naming the argument', () => {
    const err = loadError({ path: fleet, env, sets: ['watchdog.max_restarts', 'agent.ghost.model=x', 'backend.demo.stall_idle=soon'] });
    expect(err.message.split('\n')).toEqual([
      '--set watchdog.max_restarts: expected KEY=VALUE, e.g. --set defaults.model=opus',
      '--set agent.ghost.model=x: no agent named "ghost" (known: builder, adversary, supervisor, finisher)',
      '--set backend.demo.stall_idle=soon: [backend.demo]: key "stall_idle" must be an integer >= 1, got string "soon"',
      // the warnings come with the errors, for context
      `${fleet}:7: warning: model "claude-sonnet-4-6" is not in the model registry (nearest: claude-sonnet-5-5, claude-sonnet): the CLI gets it unchanged and its tokens have no price (hangar models lists the registry; [model.NAME] or hangar models --import adds it)`,
    ]);
    expect(err.diagnostics.filter((d) => d.file.startsWith('--set')).every((d) => d.severity === 'error')).toBe(true);
  });
});

describe('unknown keys', () => {
  it('warn with the nearest known key and stay in raw', () => {
    const path = join(fixtures, 'unknown-key/agents.toml');
    const { config, warnings } = loadConfig({ path, env });
    expect(warnings.map((w) => `${w.file}:${w.line}: ${w.message}`)).toEqual([
      `${path}:4: unknown key "log_dri" in [defaults] — did you mean "log_dir"?`,
      `${path}:12: unknown key "modle" in [[agent]] "builder" — did you mean "model"?`,
      `${path}:13: unknown key "wake.intervall" in [[agent]] "builder" — did you mean "wake.interval"?`,
      `${path}:14: unknown key "colour" in [[agent]] "builder"`,
      `${path}:16: unknown key "agents" at the top level — did you mean "agent"?`,
    ]);
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true);
    const builder = (config.raw['agent'] as Record<string, unknown>[])[0];
    expect(builder?.['modle']).toBe('opus');
    expect(config.agents[0]?.model).toBe('');
  });
});

describe('overridesConcerning', () => {
  const beta = { name: 'beta', index: 1, backend: 'demo' };

  it("names an agent's own variables (non-empty) and the --set keys of its entry, [defaults] and its backend", () => {
    const sets = ['agent.beta.model=x', 'agent.1.flags=-v', 'agent.alpha.model=y', 'defaults.model=z', 'backend.demo.flags=-q', 'backend.other.flags=-q', 'watchdog.max_restarts=3'];
    const env = { AGENT_BACKEND_beta: 'shell', AGENT_MODEL_beta: '', AGENT_MODEL_alpha: 'opus' };
    expect(overridesConcerning(beta, sets, env)).toEqual({
      env: ['AGENT_BACKEND_beta=shell'],
      sets: ['agent.beta.model=x', 'agent.1.flags=-v', 'defaults.model=z', 'backend.demo.flags=-q'],
    });
  });

  it('nothing when none concerns it', () => {
    expect(overridesConcerning(beta, ['agent.alpha.model=y', 'not a set'], { AGENT_MODEL_alpha: 'opus' })).toEqual({ env: [], sets: [] });
  });
});
