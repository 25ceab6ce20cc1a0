import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { geminiDefaultsFilePath } from '../../src/fs/fleet-files.js';
import { planAgentSession } from '../../src/fleet/session-plan.js';

// How a gemini agent gets hangar's hooks: the fleet's own Gemini system defaults file, named in
// the agent's environment by GEMINI_CLI_SYSTEM_DEFAULTS_PATH, never a settings file of the user's.
describe("a gemini agent's start", () => {
  const root = mkdtempSync(join(tmpdir(), 'hangar-gemini-plan-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const system = join(root, 'etc-gemini-cli');
  mkdirSync(system);
  writeFileSync(join(root, 'agents.toml'), `
[defaults]
session_prefix = "gp-"
log_dir = "state"

[[agent]]
name = "here"
backend = "gemini"

[[agent]]
name = "far"
backend = "gemini"
host = "ssh://me@box"

[[agent]]
name = "cc"
backend = "claude"
`);
  const { config } = loadConfig({ path: join(root, 'agents.toml'), env: { HOME: root } });
  const env = { PATH: process.env.PATH, HOME: root, GEMINI_CLI_SYSTEM_SETTINGS_PATH: join(system, 'settings.json') };
  const plan = (name: string) => {
    mkdirSync(config.state_dir, { recursive: true });
    return planAgentSession({ config, env, cols: 80, rows: 24 }, config.agents.find((a) => a.name === name)!);
  };

  it("names the fleet's defaults file, hangar's hooks in it, and writes nothing under HOME", () => {
    const p = plan('here');
    expect(p.hookProblem).toBeUndefined();
    expect(p.options.env!.GEMINI_CLI_SYSTEM_DEFAULTS_PATH).toBe(geminiDefaultsFilePath(config));
    const settings = JSON.parse(readFileSync(geminiDefaultsFilePath(config), 'utf8')) as { hooks: Record<string, { hooks: { command: string }[] }[]> };
    expect(settings.hooks.AfterAgent!.map((g) => g.hooks[0]!.command)).toEqual(['hangar hook']);
    expect(() => readFileSync(join(root, '.gemini', 'settings.json'))).toThrow(/ENOENT/);
  });

  it("carries the machine's defaults file over, and gives no hooks (saying why) when it cannot", () => {
    writeFileSync(join(system, 'system-defaults.json'), JSON.stringify({ general: { vimMode: true } }));
    expect(JSON.parse(readFileSync(plan('here').options.env!.GEMINI_CLI_SYSTEM_DEFAULTS_PATH!, 'utf8'))).toMatchObject({ general: { vimMode: true } });
    writeFileSync(join(system, 'system-defaults.json'), '{ "general": { /* a comment */ } }');
    const p = plan('here');
    expect(p.options.env!.GEMINI_CLI_SYSTEM_DEFAULTS_PATH).toBeUndefined();
    expect(p.hookProblem).toMatch(/system-defaults\.json is not plain JSON/);
    rmSync(join(system, 'system-defaults.json'));
  });

  it('gives no such variable to a gemini agent on another machine (the file is on this disk), nor to other CLIs', () => {
    expect(plan('far').options.command).not.toContain('GEMINI_CLI_SYSTEM_DEFAULTS_PATH');
    expect(plan('far').options.env!.GEMINI_CLI_SYSTEM_DEFAULTS_PATH).toBeUndefined();
    expect(plan('cc').options.env!.GEMINI_CLI_SYSTEM_DEFAULTS_PATH).toBeUndefined();
  });
});
