import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHangar } from '../helpers/run-hangar.js';
import { fakeCliFleet } from '../helpers/fake-cli-fleet.js';

// Status from hooks, end to end: the fake claude (first on PATH) runs the hooks hangar passed
// it with --settings, each a real `hangar hook` reaching the real server over HANGAR_SOCKET
// with Claude Code's payloads; the fake codex runs its notify; the fake gemini runs the hooks
// of the settings files Gemini CLI reads, hangar's among them by GEMINI_CLI_SYSTEM_DEFAULTS_PATH.
// `status --json` says where each status came from.
function fleetOf(name: string, extra = '') {
  const { fleet, status, start: startWith } = fakeCliFleet(name, ['cc', 'cx', 'gm'], extra);
  const hookLog = () => join(fleet.dir, 'hooks.jsonl');
  const hooks = () => readFileSync(hookLog(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; stdin: string; argv: string[]; status: number; stdout: string });
  // the machine's own Gemini system folder (GEMINI_CLI_SYSTEM_SETTINGS_PATH moves it, as Gemini CLI's settings.ts reads it),
  // its system-defaults.json holding a hook of the user's
  const geminiSystem = () => join(fleet.dir, 'etc-gemini-cli');
  const start = async () => {
    mkdirSync(geminiSystem(), { recursive: true });
    const theirs = { ui: { theme: 'GitHub' }, hooks: { AfterAgent: [{ hooks: [{ type: 'command', command: 'echo theirs' }] }] } };
    writeFileSync(join(geminiSystem(), 'system-defaults.json'), JSON.stringify(theirs));
    await startWith({ FAKE_CLI_HOOK_LOG: hookLog(), GEMINI_CLI_SYSTEM_SETTINGS_PATH: join(geminiSystem(), 'settings.json') });
  };
  return { fleet, status, hooks, start, geminiSystem };
}

describe('status from hooks', () => {
  const { fleet, status, hooks, start, geminiSystem } = fleetOf('hooks');
  beforeAll(start, 120_000); // a safety net: three CLIs started on a loaded machine
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

  it("codex: its notify at a turn's end reaches hangar (idle, source hook); its rollout and the screen tell the rest", async () => {
    await fleet.hangar('send', 'cx', 'hello');
    await fleet.hangar('wait', 'cx', '--for', 'idle', '--timeout', '30');
    const notify = hooks().find((h) => h.argv.length === 1 && h.argv[0]!.includes('agent-turn-complete'));
    expect(notify).toMatchObject({ command: 'hangar hook', status: 0, stdout: '' });
    // Codex's notify payload, field for field (codex-rs/hooks/src/legacy_notify.rs)
    const payload = JSON.parse(notify!.argv[0]!) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(['type', 'thread-id', 'turn-id', 'cwd', 'client', 'input-messages', 'last-assistant-message']);
    expect(payload).toMatchObject({ type: 'agent-turn-complete', client: 'codex-tui', 'input-messages': ['hello'], 'last-assistant-message': 'ok: hello' });
    expect(await status('cx')).toMatchObject({ status: 'idle', status_source: 'hook' });
    // no hook at a turn's start: its rollout's user_message says working (below a hook, above the screen)
    await fleet.hangar('send', 'cx', 'work');
    await fleet.hangar('wait', 'cx', '--for', 'working', '--timeout', '30');
    expect((await status('cx')).status_source).toMatch(/^(screen|session-file)$/); // the screen may tell before the rollout is read
  });

  // three steps of one gemini turn, each with room for a loaded machine: every hook is a node process
  it('gemini: working from its BeforeAgent/BeforeTool hooks (source hook)', async () => {
    await fleet.hangar('send', 'gm', 'work');
    await fleet.hangar('wait', 'gm', '--for', 'working', '--timeout', '60');
    expect(await status('gm')).toMatchObject({ status: 'working', status_source: 'hook' });
    await fleet.hangar('keys', 'gm', 'Escape');
  }, 60_000);

  it('gemini: needs-input from its Notification (ToolPermission) hook (source hook)', async () => {
    await fleet.hangar('send', 'gm', 'ask');
    await fleet.hangar('wait', 'gm', '--for', 'needs-input', '--timeout', '60');
    expect(await status('gm')).toMatchObject({ status: 'needs-input', status_source: 'hook' });
  }, 60_000);

  it("gemini: idle from its AfterAgent hook at the turn's end (source hook); each hook exits 0 with nothing on stdout", async () => {
    await fleet.hangar('send', 'gm', 'yes');
    await fleet.hangar('wait', 'gm', '--for', 'idle', '--timeout', '60');
    expect(await status('gm')).toMatchObject({ status: 'idle', status_source: 'hook' });
    // Codex's notify runs `hangar hook` too, its payload an argument and no stdin
    const ran = hooks().filter((h) => h.command === 'hangar hook' && h.stdin !== '' && (JSON.parse(h.stdin) as { transcript_path?: string }).transcript_path?.includes('/.gemini/'));
    const events = ran.map((h) => (JSON.parse(h.stdin) as { hook_event_name: string }).hook_event_name);
    expect(events).toEqual(expect.arrayContaining(['SessionStart', 'BeforeAgent', 'BeforeTool', 'Notification', 'AfterTool', 'AfterAgent']));
    for (const h of ran) expect([h.status, h.stdout]).toEqual([0, '']);
  }, 60_000);

  it("touches none of the user's settings files, and the machine's own Gemini defaults (keys and hooks) still apply beside hangar's", async () => {
    expect(existsSync(join(fleet.dir, '.gemini', 'settings.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(geminiSystem(), 'system-defaults.json'), 'utf8'))).toMatchObject({ ui: { theme: 'GitHub' } });
    // the user's AfterAgent hook ran at the turn's end too (hangar's file carried it over)
    const theirs = hooks().filter((h) => h.command === 'echo theirs');
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((h) => (JSON.parse(h.stdin) as { hook_event_name: string }).hook_event_name === 'AfterAgent')).toBe(true);
  });
});

describe('a silent hook', () => {
  // a [backend.claude] block merges over the built-in one: a short silence for the test
  const { fleet, status, start } = fleetOf('hooksilent', '\n[backend.claude]\nhook_silence = 3\n');
  beforeAll(start, 120_000); // a safety net: three CLIs started on a loaded machine
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
