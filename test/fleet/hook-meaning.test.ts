import { describe, expect, it } from 'vitest';
import type { BackendConfig } from '../../src/config/types.js';
import { hookFlags } from '../../src/config/hook-flags.js';
import { hookMeaning } from '../../src/fleet/hook-meaning.js';
import { HOOK_FIELD_MAX, hookReportFrom } from '../../src/protocol/hook-report.js';

// What hangar takes from the CLIs' hook payloads (shapes from Claude Code's hooks reference and
// Codex's notify docs), what each means, and the flags that ask the CLIs to run `hangar hook`.
const base = { session_id: 'abc-123', transcript_path: '/home/me/.claude/projects/-w/abc-123.jsonl', cwd: '/w', permission_mode: 'default' };
const claude = (event: string, fields: Record<string, unknown> = {}) => hookReportFrom({ ...base, hook_event_name: event, ...fields })!;

describe('hook reports and their meaning', () => {
  it('Claude Code: SessionStart names the conversation and its transcript, and says nothing of the status', () => {
    const report = claude('SessionStart', { source: 'startup' });
    expect(report).toEqual({ event: 'SessionStart', detail: 'startup', conversationId: 'abc-123', transcriptPath: base.transcript_path });
    expect(hookMeaning(report)).toEqual({ status: null, turnEnded: false });
  });

  it('Claude Code: prompt and tools → working, Stop → idle and the turn ended, permission/elicitation → needs-input', () => {
    expect(hookMeaning(claude('UserPromptSubmit', { prompt: 'go' })).status).toBe('working');
    expect(hookMeaning(claude('PreToolUse', { tool_name: 'Bash', tool_input: { command: 'ls' } })).status).toBe('working');
    expect(hookMeaning(claude('PostToolUse', { tool_name: 'Bash' })).status).toBe('working');
    expect(hookMeaning(claude('Stop', { stop_hook_active: false }))).toEqual({ status: 'idle', turnEnded: true });
    expect(hookMeaning(claude('Notification', { notification_type: 'permission_prompt', message: 'Claude needs your permission to use Bash' })).status).toBe('needs-input');
    expect(hookMeaning(claude('Notification', { notification_type: 'elicitation_dialog' })).status).toBe('needs-input');
    expect(hookMeaning(claude('Notification', { notification_type: 'idle_prompt' })).status).toBeNull();
    expect(hookMeaning(claude('SessionEnd', { reason: 'prompt_input_exit' })).status).toBeNull(); // the exit itself says exited
  });

  it("Codex notify: agent-turn-complete → idle, the turn ended, the thread's id", () => {
    const report = hookReportFrom({ type: 'agent-turn-complete', 'thread-id': 't-1', 'turn-id': 'u-1', cwd: '/w', 'input-messages': ['go'], 'last-assistant-message': 'done' })!;
    expect(report).toEqual({ event: 'agent-turn-complete', conversationId: 't-1' });
    expect(hookMeaning(report)).toEqual({ status: 'idle', turnEnded: true });
  });

  it('Gemini CLI: SessionStart names the session and its transcript; BeforeAgent and tools → working, AfterAgent → idle and the turn ended, ToolPermission → needs-input', () => {
    // the base fields of every Gemini hook payload (docs/hooks/reference.md, "Base input schema")
    const gemini = (event: string, fields: Record<string, unknown> = {}) => hookReportFrom({
      session_id: 'c0ffee00-0000-4000-8000-000000000001', transcript_path: '/home/me/.gemini/tmp/ab12/chats/session-2026-01-01T10-00-c0ffee00.jsonl',
      cwd: '/w', hook_event_name: event, timestamp: '2026-01-01T10:00:00.000Z', ...fields,
    })!;
    expect(gemini('SessionStart', { source: 'startup' })).toEqual({
      event: 'SessionStart', detail: 'startup', conversationId: 'c0ffee00-0000-4000-8000-000000000001',
      transcriptPath: '/home/me/.gemini/tmp/ab12/chats/session-2026-01-01T10-00-c0ffee00.jsonl',
    });
    expect(hookMeaning(gemini('SessionStart', { source: 'startup' }))).toEqual({ status: null, turnEnded: false });
    expect(hookMeaning(gemini('BeforeAgent', { prompt: 'go' }))).toEqual({ status: 'working', turnEnded: false });
    expect(hookMeaning(gemini('BeforeTool', { tool_name: 'run_shell_command', tool_input: { command: 'ls' } })).status).toBe('working');
    expect(hookMeaning(gemini('AfterTool', { tool_name: 'run_shell_command', tool_input: {}, tool_response: { llmContent: '' } })).status).toBe('working');
    expect(hookMeaning(gemini('Notification', { notification_type: 'ToolPermission', message: 'Allow execution of: rm?', details: {} })).status).toBe('needs-input');
    expect(hookMeaning(gemini('AfterAgent', { prompt: 'go', prompt_response: 'done', stop_hook_active: false }))).toEqual({ status: 'idle', turnEnded: true });
    expect(hookMeaning(gemini('SessionEnd', { reason: 'exit' })).status).toBeNull();
  });

  it('keeps the report small whatever the payload holds, and refuses what is no hook payload', () => {
    const report = claude('PreToolUse', { tool_input: { content: 'x'.repeat(1_000_000) }, session_id: 'y'.repeat(10_000) });
    expect(JSON.stringify(report).length).toBeLessThan(4 * HOOK_FIELD_MAX);
    for (const junk of [null, 42, 'Stop', [], {}, { hook_event_name: 7 }]) expect(hookReportFrom(junk)).toBeNull();
    expect(hookMeaning({ event: 'SomethingNew' })).toEqual({ status: null, turnEnded: false });
  });
});

describe('hookFlags', () => {
  const backend = (bin: string) => ({ bin }) as BackendConfig;

  it('claude: --settings with a hook for each event hangar reads, each running `hangar hook`', () => {
    const flags = hookFlags(backend('claude'));
    expect(flags.startsWith("--settings '")).toBe(true);
    const settings = JSON.parse(flags.slice("--settings '".length, -1)) as { hooks: Record<string, { matcher?: string; hooks: { type: string; command: string }[] }[]> };
    expect(Object.keys(settings.hooks).sort()).toEqual(['Notification', 'PostToolUse', 'PreToolUse', 'SessionEnd', 'SessionStart', 'Stop', 'UserPromptSubmit']);
    expect(settings.hooks.Notification![0]!.matcher).toBe('permission_prompt|elicitation_dialog');
    for (const groups of Object.values(settings.hooks)) expect(groups[0]!.hooks[0]).toMatchObject({ type: 'command', command: 'hangar hook' });
  });

  it('codex: -c notify=["hangar","hook"]; by program name, so a path or a wrapper block gets them too; others none yet', () => {
    expect(hookFlags(backend('codex'))).toBe(`-c 'notify=["hangar","hook"]'`);
    expect(hookFlags(backend('/opt/bin/claude --verbose'))).toMatch(/^--settings /);
    expect(hookFlags(backend('gemini'))).toBe(''); // its hooks come by its environment (gemini-hooks.ts)
    expect(hookFlags(backend('hangar-demo'))).toBe('');
  });
});
