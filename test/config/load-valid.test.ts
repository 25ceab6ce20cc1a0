import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { compilePattern } from '../../src/config/pattern.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/configs');
const env = { HOME: '/home/tester' };

describe('loadConfig on agents.py configs', () => {
  it("takes a prefix made from a folder name: characters outside the name rule become _, as tmux does", () => {
    const { config, warnings } = loadConfig({ path: join(fixtures, 'prefix-with-space/agents.toml'), env });
    expect(warnings).toEqual([]);
    expect(config.agents.map((a) => a.session)).toEqual(['my_project_2-a']);
  });

  it('loads agents.py INIT_TOML unchanged with its defaults', () => {
    const path = join(fixtures, 'init/agents.toml');
    const { config, warnings } = loadConfig({ path, env });
    // a model newer than the built-in catalog loads, with one warning at the line that names it
    expect(warnings.map((w) => [w.line, w.message])).toEqual([[6, 'model "claude-sonnet-4-6" is not in the model registry (nearest: claude-sonnet-5-5, claude-sonnet): the CLI gets it unchanged and its tokens have no price (hangar models lists the registry; [model.NAME] or hangar models --import adds it)']]);
    const dir = join(fixtures, 'init');
    expect(config.project_dir).toBe(dir);
    expect(config.log_dir).toBe(join(dir, '.ao-state'));
    expect(config.state_dir).toBe(join(dir, '.ao-state/state'));
    expect(config.session_prefix).toBe('proj-');
    expect(config.agents).toEqual([
      {
        name: 'worker', kind: 'persistent', backend: 'claude', model: 'claude-sonnet-4-6',
        prompt: 'You are a worker agent. Wait for instructions.', dir, session: 'proj-worker',
        enabled: true, watch: 'heal', resume: false, worktree: false, scrollback: 10000, log_max: 50 * 1024 * 1024, log_keep: 2,
      },
    ]);
    const claude = config.backends['claude'];
    // [backend.claude] merges over the built-in claude: the keys it writes win, the built-in fills the rest
    expect(claude).toMatchObject({
      name: 'claude', bin: 'claude', flags: '--dangerously-skip-permissions', prompt_delivery: 'arg',
      submit_key: 'Enter', stall_idle: 300, log_grace: 180, connect_delay: 12, hook_silence: 30, footer_ui: false, footer_rows: 10,
      resume_flag: '--resume {id}', remote_control_flag: "--remote-control '{session}'",
      model_flag: '--model {model}', attach: '{bin}', supports_resume: true, model_env: false,
    });
    // the TOML "\\u00b7 \\d+" reaches the pattern as \u00b7 \d+, which JS understands as Python did
    expect(compilePattern(claude!.active_re!).test('thinking · 12s')).toBe(true);
    expect(config.watchdog).toEqual({
      signal_interval: 30, heavy_interval: 300, stall_grace: 180, limit_probe_fallback: 300,
      limit_reset_slack: 45, max_restarts: 5, restart_window: 600,
    });
    expect(config.loop).toMatchObject({
      phases: [], roles_dir: join(dir, 'prompts'), done_marker: '## DONE', auto_advance: true,
      resume_phase: true, state_file: 'phase-idx',
    });
    expect(config.loop.handoff).toBeUndefined();
    expect(config.ui).toEqual({ prefix: 'C-b', mouse: true, notify: 'none', clipboard: 'off', keys: {} });
    expect([config.log_max, config.log_keep]).toEqual([50 * 1024 * 1024, 2]);
  });

  it('merges defaults into agents, names sessions and resolves paths like agents.py', () => {
    const path = join(fixtures, 'fleet/agents.toml');
    const { config, warnings } = loadConfig({ path, env });
    // [defaults] model names a model newer than the built-in catalog: once, though four agents take it
    // (the phase's claude-opus-4-1 is the catalog's claude-opus-4-1-20250805)
    expect(warnings.map((w) => [w.line, w.message])).toEqual([[7, 'model "claude-sonnet-4-6" is not in the model registry (nearest: claude-sonnet-5-5, claude-sonnet): the CLI gets it unchanged and its tokens have no price (hangar models lists the registry; [model.NAME] or hangar models --import adds it)']]);
    const dir = join(fixtures, 'fleet');
    const byName = Object.fromEntries(config.agents.map((a) => [a.name, a]));
    expect(byName['builder']).toMatchObject({
      kind: 'loop', role: 'builder', backend: 'claude', model: 'claude-sonnet-4-6', watch: 'heal+stall',
      resume: true, session: 'demo-builder', dir,
    });
    expect(byName['adversary']).toMatchObject({ backend: 'demo', model: '', watch: 'heal' });
    expect(byName['supervisor']).toMatchObject({
      kind: 'persistent', session: 'sup', dir: join(dir, 'work'), prompt_file: join(dir, 'prompts/supervisor.md'),
      wake: { interval: 1800, prompt_file: join(dir, 'prompts/wake.md') },
    });
    expect(byName['finisher']).toMatchObject({ kind: 'task', enabled: false, prompt: 'Write the release notes.' });
    expect(config.services).toEqual([
      { name: 'web', command: 'python3 -m http.server 8000', dir: join(dir, 'site'), session: 'demo-web', enabled: true, scrollback: 10000, log_max: 50 * 1024 * 1024, log_keep: 2 },
    ]);
    expect(config.backends['demo']).toMatchObject({ prompt_delivery: 'exec', stall_idle: 60, footer_ui: true, submit_key: 'Enter' });
    expect(config.watchdog.signal_interval).toBe(15);
    expect(config.watchdog.heavy_interval).toBe(300);
    expect(config.loop.kickoff_template).toBe(join(dir, 'prompts/kickoff.md'));
    expect(config.loop.phases).toEqual([
      { id: 'p1', plan: 'plans/p1.md', status: 'STATUS-p1.md', models: { builder: 'claude-opus-4-1' } },
      { id: 'p2', plan: 'plans/p2.md', status: 'STATUS-p2.md', models: {} },
    ]);
    expect(config.loop.handoff).toEqual({
      repo: dir, state_subdir: 'machine-docs', claim_pattern: '^claim', review_pattern: '^review',
      claim_pings: 'adversary', review_pings: 'builder', inboxes: ['adv-inbox.md', 'builder-inbox.md'],
    });
    expect(config.loop.on_complete).toEqual({ run: 'finisher', trigger_file: join(dir, '.ao-state/.run-on-complete') });
    // a Python-style (?i) prefix is accepted
    expect(compilePattern(config.backends['claude']!.active_re!).test('Esc To Interrupt')).toBe(true);
  });

  it('resolves project_dir against the config folder and expands ~', () => {
    const path = join(fixtures, 'init/agents.toml');
    const { config } = loadConfig({
      path, env, sets: ['defaults.project_dir=~/proj', 'defaults.log_dir=/var/tmp/logs', 'agent.worker.dir=sub'],
    });
    expect(config.project_dir).toBe('/home/tester/proj');
    expect(config.log_dir).toBe('/var/tmp/logs');
    expect(config.agents[0]?.dir).toBe('/home/tester/proj/sub');
  });

  it('caps logs from [defaults], per agent and per service; [defaults] caps the server\'s own logs', () => {
    const path = join(fixtures, 'fleet/agents.toml');
    const { config } = loadConfig({ path, env, sets: ['defaults.log_max=100000', 'defaults.log_keep=0', 'agent.builder.log_keep=4', 'service.web.log_max=200000'] });
    const byName = Object.fromEntries(config.agents.map((a) => [a.name, a]));
    expect(byName['builder']).toMatchObject({ log_max: 100_000, log_keep: 4 });
    expect(byName['adversary']).toMatchObject({ log_max: 100_000, log_keep: 0 });
    expect(config.services[0]).toMatchObject({ log_max: 200_000, log_keep: 0 });
    expect([config.log_max, config.log_keep]).toEqual([100_000, 0]);
    // a plain number of bytes: "50MB" is no number, and a tiny cap is refused
    expect(() => loadConfig({ path, env, sets: ['defaults.log_max="50MB"'] })).toThrow(/log_max/);
    expect(() => loadConfig({ path, env, sets: ['defaults.log_max=1000'] })).toThrow(/log_max/);
  });

  it('takes budget_usd from [defaults] and per agent, and the fleet\'s from [watchdog]; unset, there is none', () => {
    const path = join(fixtures, 'fleet/agents.toml');
    const none = loadConfig({ path, env }).config;
    expect([none.agents.every((a) => a.budget_usd === undefined), none.watchdog.budget_usd]).toEqual([true, undefined]);
    const { config } = loadConfig({ path, env, sets: ['defaults.budget_usd=2.5', 'agent.builder.budget_usd=10', 'watchdog.budget_usd=40'] });
    const byName = Object.fromEntries(config.agents.map((a) => [a.name, a.budget_usd]));
    expect(byName).toMatchObject({ builder: 10, adversary: 2.5 });
    expect(config.watchdog.budget_usd).toBe(40);
  });

  it('keeps the path as given for messages', () => {
    const { config } = loadConfig({ path: 'test/fixtures/configs/init/agents.toml', env });
    expect(config.displayPath).toBe('test/fixtures/configs/init/agents.toml');
    expect(config.path).toBe(resolve('test/fixtures/configs/init/agents.toml'));
  });

  it('loads agents.example.toml with no warnings, its demo backend rewinding by resume at a turn', () => {
    const { config, warnings } = loadConfig({ path: resolve(fixtures, '../../../agents.example.toml'), env });
    expect(warnings).toEqual([]);
    expect(config.backends['demo']).toMatchObject({ rewind: 'resume', rewind_resume: '--resume {id} --at-turn {turn}' });
    // a backend that says nothing keeps the safe default: files only
    expect(config.backends['shell']?.rewind).toBe('none');
    expect(config.backends['shell']?.rewind_resume).toBeUndefined();
  });

  it("reads agents.example.toml's session file and prices: floats and integers, cache prices optional", () => {
    const { config } = loadConfig({ path: resolve(fixtures, '../../../agents.example.toml'), env });
    expect(config.backends['demo']?.session_file).toBe('../demo-state/{id}.jsonl');
    expect(config.backends['shell']?.session_file).toBeUndefined();
    expect(config.prices).toEqual({
      'demo-1': { input_per_million: 3, output_per_million: 15, cache_read_per_million: 0.3 },
      'demo-2': { input_per_million: 15, output_per_million: 75 },
    });
  });
});
