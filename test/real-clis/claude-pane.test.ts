import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';
import { PaneWatch, requireCli, signInClaudeOffline, tempHome } from './real-cli.js';

// The real Claude Code in a real fleet, its agents saying only `backend = "claude"`.
// Signed out and offline, it draws its welcome, fails its connection check ("Unable to connect
// to Anthropic services") and exits 1 at once: hangar must say so (exited, the reason in the pane
// and its log; with watch = "heal", restarts until the budget is spent, then crashed), never
// leave it "starting". Signed in offline (a made-up key from an apiKeyHelper), it opens its REPL
// and runs the hooks hangar passed with --settings, beside the user's own.

interface AgentJson { name: string; status: string; status_source?: string; pid: number | null; restarts: number; detail?: string }

const status = async (fleet: TestFleet, name: string) =>
  (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents.find((a) => a.name === name)!;

describe('claude, the real CLI, signed out and offline', () => {
  const fleet = new TestFleet('real-claude', `
[defaults]
session_prefix = "rc-"
log_dir = ".hangar"

[[agent]]
name = "claude-1"
backend = "claude"

[[agent]]
name = "claude-heal"
backend = "claude"
watch = "heal"

[watchdog]
max_restarts = 2
`);

  beforeAll(async () => {
    requireCli('claude');
    Object.assign(fleet.env, tempHome(fleet.dir));
    await fleet.up();
  });
  afterAll(() => fleet.stop());

  it('exits at its connection check, and hangar says exited with the reason in the pane and its log', async () => {
    const exit = await fleet.event((e) => e.type === 'exit' && e.name === 'claude-1', 60_000);
    expect(exit).toMatchObject({ code: 1 });
    expect(await status(fleet, 'claude-1')).toMatchObject({ status: 'exited', pid: null, restarts: 0 });
    const screen = await fleet.hangar('screen', 'claude-1');
    expect(screen).toMatch(/Welcome to Claude Code v\d+\.\d+\.\d+/);
    expect(screen).toContain('Unable to connect to Anthropic services');
    expect(readFileSync(join(fleet.dir, '.hangar', 'rc-claude-1.log'), 'utf8')).toMatch(/Unable.*to.*connect.*to.*Anthropic.*services/s);
  });

  it('with watch = "heal": restarted until the restart budget is spent, then crashed with the reason', async () => {
    const gaveUp = await fleet.event((e) => e.type === 'watchdog' && e.kind === 'give-up' && e.name === 'claude-heal', 110_000);
    expect(gaveUp.type === 'watchdog' && gaveUp.message).toMatch(/claude-heal: process exited \(code 1\)/);
    expect(fleet.events.filter((e) => e.type === 'started' && e.name === 'claude-heal')).toHaveLength(3);
    const agent = await status(fleet, 'claude-heal');
    expect(agent).toMatchObject({ status: 'crashed', restarts: 2, pid: null });
    expect(agent.detail).toMatch(/exited \(code 1\); restarted 2 times in 10 min — restart budget spent/);
    expect(await fleet.hangar('screen', 'claude-heal')).toContain('Unable to connect to Anthropic services');
  });
});

describe('claude, the real CLI, signed in offline', () => {
  const fleet = new TestFleet('real-claude-in', `
[defaults]
session_prefix = "ri-"
log_dir = ".hangar"

[[agent]]
name = "claude-in"
backend = "claude"
prompt = "say hello"
`);
  let pane: PaneWatch;
  let userHooks: string;
  const heard = (): { hook_event_name: string; session_id: string; transcript_path: string; prompt?: string }[] =>
    existsSync(userHooks) ? readFileSync(userHooks, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];

  beforeAll(async () => {
    requireCli('claude');
    const home = tempHome(fleet.dir);
    Object.assign(fleet.env, home);
    signInClaudeOffline(home.HOME, fleet.dir);
    // a hook of the user's own (in ~/.claude/settings.json): it runs beside hangar's --settings hooks
    userHooks = join(fleet.dir, 'user-hooks.jsonl');
    const settings = JSON.parse(readFileSync(join(home.HOME, '.claude', 'settings.json'), 'utf8')) as Record<string, unknown>;
    const logHook = [{ hooks: [{ type: 'command', command: `cat >> '${userHooks}'; echo >> '${userHooks}'` }] }];
    writeFileSync(join(home.HOME, '.claude', 'settings.json'), JSON.stringify({ ...settings, hooks: { SessionStart: logHook, UserPromptSubmit: logHook } }));
    await fleet.up();
    pane = await PaneWatch.open(join(fleet.dir, '.hangar', 'hangar.sock'), 'claude-in');
  });
  afterAll(async () => {
    pane?.close();
    await fleet.stop();
  });

  it('runs the hooks hangar passed (status from hook) beside the user\'s own, under the conversation id hangar chose', async () => {
    // the kickoff is submitted, and the request to the API fails and is retried (working)
    await pane.until((t) => /retrying in/i.test(t), 'a retried request');
    const { pid } = await status(fleet, 'claude-in');
    const args = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    const chosen = /--session-id ([0-9a-f-]{36})/.exec(args)?.[1];
    expect(chosen, args).toBeDefined();
    // the user's hooks ran (its settings file still applies with hangar's --settings), with Claude Code's payloads
    const events = heard();
    expect(events.map((e) => e.hook_event_name)).toEqual(expect.arrayContaining(['SessionStart', 'UserPromptSubmit']));
    for (const e of events) expect(e.session_id).toBe(chosen);
    expect(events.find((e) => e.hook_event_name === 'UserPromptSubmit')?.prompt).toBe('say hello');
    expect(events[0]!.transcript_path).toMatch(new RegExp(`/\\.claude/projects/[^/]+/${chosen}\\.jsonl$`));
    // hangar's own hooks reached the server: UserPromptSubmit said working, and the hook is the source
    let agent = await status(fleet, 'claude-in');
    for (const deadline = Date.now() + 60_000; agent.status_source !== 'hook' && Date.now() < deadline; ) agent = await status(fleet, 'claude-in');
    expect(agent).toMatchObject({ status: 'working', status_source: 'hook' });
    console.log(`claude hooks heard: ${JSON.stringify(events)}`);
  });

  it('Esc reaches it: the request is dropped and the prompt is back in the input; with no Stop hook, the screen says idle once the hook goes silent', async () => {
    await fleet.hangar('keys', 'claude-in', 'Escape');
    const text = await pane.until((t) => !/retrying in/i.test(t) && /^❯\s+say hello$/m.test(t), 'the prompt back in the input after Esc');
    // the input box: the prompt between two rules (Claude Code writes a no-break space after ❯)
    expect(text).toMatch(/^─+\n❯\s+say hello\n─+$/m);
    // an interrupted turn runs no Stop hook: the hook's "working" gives way after hook_silence, to the screen's idle —
    // or to the transcript's, where Claude Code recorded the interrupt ("[Request interrupted by user]")
    expect((await fleet.run('wait', 'claude-in', '--for', 'idle', '--timeout', '100')).code).toBe(0);
    expect(await status(fleet, 'claude-in')).toMatchObject({ status: 'idle', status_source: expect.stringMatching(/^(screen|session-file)$/) });
  });
});
