import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { orchestratorPreamble } from '../../src/config/kickoff.js';
import { loadConfig } from '../../src/config/load.js';
import { packagePath } from '../../src/fs/package-root.js';
import { planAgentSession } from '../../src/fleet/session-plan.js';

// kind = "orchestrator": the launch command gives the CLI hangar's MCP server for this fleet by
// the backend's built-in mcp_flags (no file of the user's touched), and its kickoff starts with
// prompts/orchestrator.md. The command line is run by a real shell, with the CLI's program
// replaced by a function that prints the words it gets.
describe("an orchestrator's start", () => {
  const root = mkdtempSync(join(tmpdir(), 'hangar-orch-plan-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const configPath = join(root, 'agents.toml');
  writeFileSync(configPath, `
[defaults]
session_prefix = "op-"
log_dir = "state"

[backend.demo]
bin = "demo_agent"
mcp_flags = "--mcp-config={mcp_config}"

[[agent]]
name = "cc"
kind = "orchestrator"
backend = "claude"
model = "sonnet"
prompt = "Build the thing."

[[agent]]
name = "cx"
kind = "orchestrator"
backend = "codex"
prompt = "Build it with codex."

[[agent]]
name = "dm"
kind = "orchestrator"
backend = "demo"
prompt = "/tool list {}"

[[agent]]
name = "worker"
backend = "claude"
prompt = "just work"
`);
  const { config, warnings } = loadConfig({ path: configPath, env: { HOME: root } });
  const plan = (name: string) => {
    mkdirSync(config.state_dir, { recursive: true });
    return planAgentSession({ config, env: { PATH: process.env.PATH, HOME: root }, cols: 80, rows: 24 }, config.agents.find((a) => a.name === name)!);
  };
  /** The words each program of the command line receives, one per line. */
  const wordsOf = (command: string): string[] => {
    const fake = (bin: string) => `${bin}() { printf '%s\\0' "$@"; }`;
    const out = execFileSync('/bin/sh', ['-c', `${fake('claude')}; ${fake('codex')}; ${fake('demo_agent')}; ${command}`], { encoding: 'utf8' });
    return out.split('\0').slice(0, -1);
  };
  const server = (agent: string) => ({
    command: process.execPath,
    args: [packagePath('bin', 'hangar'), 'mcp', '--config', configPath],
    env: { HANGAR_AGENT: agent },
  });

  it('loads with no finding about them', () => {
    expect(warnings).toEqual([]);
  });

  it("Claude Code: --mcp-config=JSON naming `hangar mcp` of this fleet, with HANGAR_AGENT; the kickoff still the last word", () => {
    const words = wordsOf(plan('cc').options.command!);
    const given = words.filter((w) => w.startsWith('--mcp-config='));
    expect(given).toHaveLength(1);
    expect(JSON.parse(given[0]!.slice('--mcp-config='.length))).toEqual({ mcpServers: { hangar: { type: 'stdio', ...server('cc') } } });
    // the flag takes several values: only its `=` form keeps the kickoff out of it
    expect(words).not.toContain('--mcp-config');
    expect(words.at(-1)).toBe(`${orchestratorPreamble()}Build the thing.`);
    expect(words).toContain('--settings'); // hangar's hooks as for any claude agent
  });

  it('Codex: -c mcp_servers.hangar.command / args / env, each a TOML value', () => {
    const words = wordsOf(plan('cx').options.command!);
    const overrides = words.filter((w, i) => words[i - 1] === '-c' && w.startsWith('mcp_servers.'));
    expect(overrides).toHaveLength(3);
    const merged = parse(overrides.join('\n')) as { mcp_servers: { hangar: unknown } };
    expect(merged.mcp_servers.hangar).toEqual(server('cx'));
    expect(words.at(-1)).toBe(`${orchestratorPreamble()}Build it with codex.`);
  });

  it('a backend of the config file: its own mcp_flags template', () => {
    const words = wordsOf(plan('dm').options.command!);
    const config = JSON.parse(words.find((w) => w.startsWith('--mcp-config='))!.slice('--mcp-config='.length)) as unknown;
    expect(config).toEqual({ mcpServers: { hangar: { type: 'stdio', ...server('dm') } } });
  });

  it('a second copy of the fleet (--instance) names itself, so its orchestrator reaches that copy', () => {
    const copy = { ...config, instance: 'review' };
    const plan = planAgentSession({ config: copy, env: { PATH: process.env.PATH, HOME: root }, cols: 80, rows: 24 }, copy.agents.find((a) => a.name === 'cc')!);
    const given = wordsOf(plan.options.command!).find((w) => w.startsWith('--mcp-config='))!;
    const args = (JSON.parse(given.slice('--mcp-config='.length)) as { mcpServers: { hangar: { args: string[] } } }).mcpServers.hangar.args;
    expect(args.slice(1)).toEqual(['mcp', '--config', configPath, '--instance', 'review']);
  });

  it('any other agent: no MCP server, no preamble', () => {
    const words = wordsOf(plan('worker').options.command!);
    expect(words.some((w) => w.includes('mcp'))).toBe(false);
    expect(words.at(-1)).toBe('just work');
  });

  it('the orchestrator prompt: generic, shipped in the package', () => {
    const text = orchestratorPreamble();
    for (const word of ['delegate', 'check', 'transcript', 'end', 'completed', 'failed']) expect(text).toContain(word);
    expect(text).toMatch(/do not write code/i);
  });
});

describe('kind = "orchestrator" where the backend takes no MCP servers', () => {
  const root = mkdtempSync(join(tmpdir(), 'hangar-orch-warn-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  it('is a warning that says it gets the prompt but not the tools', () => {
    writeFileSync(join(root, 'agents.toml'), `
[defaults]
session_prefix = "ow-"
log_dir = "state"

[backend.sh]
bin = "sh"

[[agent]]
name = "boss"
kind = "orchestrator"
backend = "sh"
`);
    const { warnings } = loadConfig({ path: join(root, 'agents.toml'), env: { HOME: root } });
    expect(warnings.map((f) => `${f.severity}: ${f.message}`)).toEqual([
      expect.stringMatching(/^warning: .*"boss": kind = "orchestrator" on backend "sh", which has no mcp_flags: it gets the orchestrator prompt but not hangar's MCP tools/),
    ]);
  });

  it('an mcp_flags with a field it does not know is an error', () => {
    writeFileSync(join(root, 'agents.toml'), `
[defaults]
session_prefix = "ow-"
log_dir = "state"

[backend.bad]
bin = "x"
mcp_flags = "--mcp {mcp_json}"
`);
    expect(() => loadConfig({ path: join(root, 'agents.toml'), env: { HOME: root } })).toThrow(/\[backend\.bad\] mcp_flags: unknown field \{mcp_json\}/);
  });
});
