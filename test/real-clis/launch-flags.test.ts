import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { buildLaunchPlan } from '../../src/fleet/launch-command.js';
import { hangarMcpCommand } from '../../src/fleet/mcp-server-command.js';
import { PtyScreen } from '../helpers/pty-screen.js';
import { whenDir } from '../helpers/watch-dir.js';
import { requireCli, signInClaudeOffline, tempHome } from './real-cli.js';

// Every command line hangar builds for the built-in claude and codex (fleet/launch-command.ts:
// a new conversation, a resumed one, with a model), run through sh in a pty as hangar runs it,
// against the installed CLI. Offline and signed out, a CLI that accepted its arguments goes on
// to the point it stops at anyway (Claude Code: its connection check; Codex: its sign-in menu);
// one that refuses them says so first. Each check is shown to tell the two apart with a
// command line the CLI refuses.

/** The command lines of one CLI: a worker's new and resumed start, and an orchestrator's (hangar's MCP server given). */
interface Plans {
  newCommand: string;
  resumeCommand: string;
  orchestratorCommand: string;
  id: string;
}

interface Case {
  name: string;
  command: (plan: Plans) => string;
  /** the screen says how it ended: accepted, or refused with this text */
  refused?: RegExp;
}

function checker(cli: 'claude' | 'codex', accepted: RegExp) {
  let dir: string;
  let env: Record<string, string>;
  let plans: Plans;

  beforeAll(() => {
    requireCli(cli);
    dir = mkdtempSync(join(tmpdir(), `hangar-real-flags-${cli}-`));
    writeFileSync(join(dir, 'agents.toml'), `[defaults]\nsession_prefix = "rf-"\nlog_dir = ".hangar"\nresume = true\n\n[[agent]]\nname = "a"\nbackend = "${cli}"\nmodel = "${cli === 'claude' ? 'sonnet' : 'o3'}"\nprompt = "hello"\n`);
    env = { ...tempHome(dir) };
    const { config } = loadConfig({ path: join(dir, 'agents.toml'), sets: [], env: { ...process.env, ...env } });
    const agent = config.agents[0]!;
    const backend = config.backends[cli]!;
    const kickoffPath = join(dir, 'kickoff.md');
    writeFileSync(kickoffPath, 'hello');
    const id = randomUUID();
    const base = { agent, backend, model: agent.model, kickoffPath, newId: randomUUID() };
    const orchestrator = { ...agent, name: 'lead', kind: 'orchestrator' as const };
    const orchestratorCommand = buildLaunchPlan({ ...base, agent: orchestrator, mcp: hangarMcpCommand(join(dir, 'agents.toml'), 'lead') }).command;
    plans = { newCommand: buildLaunchPlan(base).command, resumeCommand: buildLaunchPlan({ ...base, resumeId: id }).command, orchestratorCommand, id };
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return async (c: Case) => {
    const command = c.command(plans);
    const term = new PtyScreen({ file: '/bin/sh', args: ['-c', command], cwd: dir, env, cols: 120, rows: 40 });
    try {
      // how it ends: where an accepted start stops, or a refusal (the expected one, or any error)
      const refusal = c.refused ?? /error/i;
      const screen = await term.waitForScreen((s) => accepted.test(s) || refusal.test(s), 60_000);
      expect(screen, `\`${command}\``).toMatch(c.refused ?? accepted);
      expect(screen).not.toMatch(c.refused ? accepted : /error/i);
      return command;
    } finally {
      await term.dispose();
    }
  };
}

describe('claude: the flags hangar passes, against the installed Claude Code', () => {
  // signed out and offline, Claude Code checks its arguments, then its connection, and exits
  const run = checker('claude', /Unable to connect to Anthropic services/);

  it('a new conversation: --session-id NEW --settings HOOKS --model M "KICKOFF"', async () => {
    const command = await run({ name: 'new', command: (p) => p.newCommand });
    expect(command).toMatch(/^claude --session-id [0-9a-f-]{36} --settings '\{"hooks":\{.*\}\}' --model sonnet "\$\(cat /);
  });

  it('a resumed one: --resume ID --settings HOOKS --model M "KICKOFF"', async () => {
    const command = await run({ name: 'resume', command: (p) => p.resumeCommand });
    expect(command).toMatch(/^claude --resume [0-9a-f-]{36} --settings '/);
  });

  it('a fork under an id hangar chose: --resume ID --fork-session --session-id NEW (without --fork-session it is refused)', async () => {
    await run({ name: 'fork', command: (p) => `${p.resumeCommand.replace('--resume', `--session-id ${randomUUID()} --fork-session --resume`)}` });
    await run({ name: 'no fork', command: (p) => `${p.resumeCommand.replace('--resume', `--session-id ${randomUUID()} --resume`)}`, refused: /--session-id can only be used with --continue or --resume if --fork-session is also specified/ });
  });

  it('an orchestrator: --mcp-config=JSON naming hangar mcp of this fleet (kind = "orchestrator")', async () => {
    const command = await run({ name: 'orchestrator', command: (p) => p.orchestratorCommand });
    expect(command).toMatch(/ --mcp-config='\{"mcpServers":\{"hangar":\{"type":"stdio","command":/);
  });

  it('the check tells: an option Claude Code does not have, and a --settings that is not JSON, are refused', async () => {
    await run({ name: 'unknown', command: (p) => p.newCommand.replace('--model', '--no-such-option --model'), refused: /error: unknown option '--no-such-option'/ });
    await run({ name: 'bad settings', command: (p) => p.newCommand.replace(/--settings '[^']*'/, `--settings '{"hooks":'`), refused: /Invalid JSON provided to --settings|Settings file not found/ });
  });
});

describe('claude: two --settings', () => {
  let dir: string;
  beforeAll(() => {
    requireCli('claude');
    dir = mkdtempSync(join(tmpdir(), 'hangar-real-settings-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // why a --settings in a claude backend's flags is a config error (config/hook-flags.ts)
  it("only the last one applies: of two --settings with a SessionStart hook each, only the second's runs", async () => {
    const home = tempHome(dir);
    signInClaudeOffline(home.HOME, dir);
    const marks = join(dir, 'session-start-hooks.txt');
    const settings = (mark: string) => `'${JSON.stringify({ hooks: { SessionStart: [{ hooks: [{ type: 'command', command: `echo ${mark} >> ${marks}` }] }] } })}'`;
    const term = new PtyScreen({ file: '/bin/sh', args: ['-c', `claude --settings ${settings('first')} --settings ${settings('second')}`], cwd: dir, env: home, cols: 120, rows: 40 });
    try {
      await whenDir(dir, () => (existsSync(marks) ? true : undefined), 60_000, () => term.screen());
      // the REPL is up (its input box drawn), well after SessionStart's hooks ran
      await term.waitForScreen((s) => /^❯/m.test(s), 60_000);
      expect(readFileSync(marks, 'utf8')).toBe('second\n');
    } finally {
      await term.dispose();
    }
  });
});

describe('codex: the flags hangar passes, against the installed Codex', () => {
  // signed out and offline, Codex checks its arguments and config overrides, then opens its sign-in menu
  const run = checker('codex', /Sign in with ChatGPT/);

  it('a new conversation: -c notify=["hangar","hook"] --model M "KICKOFF"', async () => {
    const command = await run({ name: 'new', command: (p) => p.newCommand });
    expect(command).toMatch(/^codex -c 'notify=\["hangar","hook"\]' --model o3 "\$\(cat /);
  });

  it('a resumed one: resume ID -c notify=… --model M "KICKOFF"', async () => {
    const command = await run({ name: 'resume', command: (p) => p.resumeCommand });
    expect(command).toMatch(/^codex resume [0-9a-f-]{36} -c 'notify=/);
  });

  it('an orchestrator: -c mcp_servers.hangar.command / args / env (kind = "orchestrator")', async () => {
    const command = await run({ name: 'orchestrator', command: (p) => p.orchestratorCommand });
    expect(command).toMatch(/ -c mcp_servers\.hangar\.command='"[^']+"' -c mcp_servers\.hangar\.args='\[[^']+\]'/);
    expect(command).toMatch(/ -c mcp_servers\.hangar\.env='\{"HANGAR_AGENT" = "lead"\}'/);
  });

  it('the check tells: an option Codex does not have, and a notify that is not a list, are refused', async () => {
    await run({ name: 'unknown', command: (p) => p.newCommand.replace('--model', '--no-such-option --model'), refused: /unexpected argument '--no-such-option'/ });
    await run({ name: 'bad notify', command: (p) => p.newCommand.replace(`'notify=["hangar","hook"]'`, `'notify="hangar hook"'`), refused: /expected a sequence/ });
  });
});
