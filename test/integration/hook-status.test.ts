import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHangar } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// Status from hooks, end to end: the fake claude (first on PATH) runs the hooks hangar passed
// it with --settings, each a real `hangar hook` reaching the real server over HANGAR_SOCKET
// with Claude Code's payloads; the fake codex runs its notify. `status --json` says where
// each status came from.
const CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));

interface AgentJson { name: string; status: string; status_source?: string }

function fleetOf(name: string, extra = '') {
  const fleet = new TestFleet(name, `
[defaults]
session_prefix = "${name}-"
log_dir = ".hangar"
watch = "none"
${extra}
[[agent]]
name = "cc"
backend = "claude"

[[agent]]
name = "cx"
backend = "codex"
`, {});
  const hookLog = () => join(fleet.dir, 'hooks.jsonl');
  const status = async (agent: string) => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents.find((a) => a.name === agent)!;
  const hooks = () => readFileSync(hookLog(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; stdin: string; argv: string[]; status: number; stdout: string });
  const start = async () => {
    Object.assign(fleet.env, { PATH: `${CLIS}:${process.env.PATH ?? ''}`, HOME: fleet.dir, FAKE_CLI_HOOK_LOG: hookLog() });
    await fleet.up(['cc', 'cx']);
  };
  return { fleet, status, hooks, start };
}

describe('status from hooks', () => {
  const { fleet, status, hooks, start } = fleetOf('hooks');
  beforeAll(start);
  afterAll(() => fleet.stop());

  it('claude: working and needs-input come from its hooks (source hook), and each hook exits 0 with nothing on stdout', async () => {
    await fleet.hangar('send', 'cc', 'work');
    await fleet.hangar('wait', 'cc', '--for', 'working', '--timeout', '30');
    expect(await status('cc')).toMatchObject({ status: 'working', status_source: 'hook' });
    await fleet.hangar('send', 'cc', 'ask');
    await fleet.hangar('wait', 'cc', '--for', 'needs-input', '--timeout', '30');
    expect(await status('cc')).toMatchObject({ status: 'needs-input', status_source: 'hook' });
    await fleet.hangar('send', 'cc', 'yes');
    await fleet.hangar('wait', 'cc', '--for', 'idle', '--timeout', '30');
    const ran = hooks().filter((h) => h.command === 'hangar hook' && h.stdin !== '');
    const events = ran.map((h) => (JSON.parse(h.stdin) as { hook_event_name: string }).hook_event_name);
    expect(events).toEqual(expect.arrayContaining(['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'Notification', 'PostToolUse', 'Stop']));
    for (const h of ran) expect([h.status, h.stdout]).toEqual([0, '']);
  });

  it("codex: its notify at a turn's end reaches hangar (idle, source hook); the screen tells the rest", async () => {
    await fleet.hangar('send', 'cx', 'hello');
    await fleet.hangar('wait', 'cx', '--for', 'idle', '--timeout', '30');
    const notify = hooks().find((h) => h.argv.length === 1 && h.argv[0]!.includes('agent-turn-complete'));
    expect(notify).toMatchObject({ status: 0, stdout: '' });
    expect(await status('cx')).toMatchObject({ status: 'idle', status_source: 'hook' });
    await fleet.hangar('send', 'cx', 'work'); // no hook at a turn's start: the screen says working
    await fleet.hangar('wait', 'cx', '--for', 'working', '--timeout', '30');
    expect(await status('cx')).toMatchObject({ status: 'working', status_source: 'screen' });
  });
});

describe('a silent hook', () => {
  // a [backend.claude] block merges over the built-in one: a short silence for the test
  const { fleet, status, start } = fleetOf('hooksilent', '\n[backend.claude]\nhook_silence = 3\n');
  beforeAll(start);
  afterAll(() => fleet.stop());

  it('falls back to the screen: an interrupted turn (no Stop hook) goes idle by the screen rules', async () => {
    await fleet.hangar('send', 'cc', 'work');
    await fleet.hangar('wait', 'cc', '--for', 'working', '--timeout', '30');
    await fleet.hangar('keys', 'cc', 'Escape'); // Claude Code runs no Stop hook on an interrupt
    await fleet.hangar('wait', 'cc', '--for', 'idle', '--timeout', '30');
    expect(await status('cc')).toMatchObject({ status: 'idle', status_source: 'screen' });
  });
});

describe('hangar hook outside a fleet', () => {
  const cwd = fileURLToPath(new URL('.', import.meta.url));
  const env = { HANGAR_AGENT: 'nobody', HANGAR_SOCKET: '/nonexistent/hangar.sock' };

  it.each([
    ['no server at HANGAR_SOCKET', env, JSON.stringify({ hook_event_name: 'Stop', session_id: 's' })],
    ['garbage on stdin', env, 'not json at all {'],
    ['an empty stdin', env, ''],
    ['not started by hangar', { HANGAR_AGENT: '', HANGAR_SOCKET: '' }, JSON.stringify({ hook_event_name: 'Stop' })],
  ])('%s: exits 0, nothing on stdout, one line on stderr', async (_what, vars, input) => {
    const r = await runHangar(['hook'], { cwd, env: vars, input });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
