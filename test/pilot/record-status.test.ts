import { describe, expect, it } from 'vitest';
import { recordStatus, recordWords } from '../../src/pilot/record-status.js';

// What a session-file record says about the status, for the record shapes Claude Code and Codex write.
describe('recordStatus', () => {
  it('Claude Code: a prompt and a tool result mean working; end_turn, turn_duration, stop_hook_summary and an interrupt mean idle', () => {
    expect(recordStatus({ type: 'user', message: { role: 'user', content: 'fix the tests' } })).toBe('working');
    expect(recordStatus({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] } })).toBe('working');
    expect(recordStatus({ type: 'assistant', message: { id: 'm', stop_reason: 'tool_use', content: [] } })).toBe('working');
    expect(recordStatus({ type: 'assistant', message: { id: 'm', stop_reason: 'end_turn', content: [] } })).toBe('idle');
    expect(recordStatus({ type: 'system', subtype: 'turn_duration', durationMs: 10 })).toBe('idle');
    expect(recordStatus({ type: 'system', subtype: 'stop_hook_summary' })).toBe('idle');
    expect(recordStatus({ type: 'user', message: { role: 'user', content: [{ type: 'text', text: '[Request interrupted by user]' }] } })).toBe('idle');
  });

  it('a refused prompt waits: an API error record or a rate-limit window at 100 %', () => {
    expect(recordStatus({ type: 'assistant', isApiErrorMessage: true, apiErrorStatus: 429, message: { stop_reason: 'stop_sequence' } })).toBe('idle');
    expect(recordStatus({ type: 'event_msg', payload: { type: 'token_count', info: null, rate_limits: { primary: { used_percent: 100, resets_at: 1 } } } })).toBe('idle');
    expect(recordStatus({ type: 'event_msg', payload: { type: 'token_count', info: null, rate_limits: { primary: { used_percent: 42, resets_at: 1 } } } })).toBeNull();
  });

  it('says nothing for a subagent, a streamed part, or an unknown record', () => {
    expect(recordStatus({ type: 'user', isSidechain: true, message: { content: 'sub task' } })).toBeNull();
    expect(recordStatus({ type: 'assistant', message: { id: 'm', stop_reason: null, content: [] } })).toBeNull();
    expect(recordStatus({ type: 'file-history-snapshot' })).toBeNull();
    expect(recordStatus('not a record')).toBeNull();
  });

  it('Codex: user_message and task_started mean working; task_complete and turn_aborted mean idle', () => {
    expect(recordStatus({ type: 'event_msg', payload: { type: 'user_message', message: 'go' } })).toBe('working');
    expect(recordStatus({ type: 'event_msg', payload: { type: 'task_started' } })).toBe('working');
    expect(recordStatus({ type: 'event_msg', payload: { type: 'task_complete', last_agent_message: 'done' } })).toBe('idle');
    expect(recordStatus({ type: 'event_msg', payload: { type: 'turn_aborted' } })).toBe('idle');
  });

  it('a batch says each change in the order written: a short turn read at once is working, then idle', () => {
    const prompt = { type: 'event_msg', payload: { type: 'user_message', message: 'go' } };
    const done = { type: 'event_msg', payload: { type: 'task_complete' } };
    const said = { type: 'event_msg', payload: { type: 'agent_message' } };
    expect(recordWords([prompt, said, { type: 'event_msg', payload: { type: 'token_count', info: null } }, done, said])).toEqual(['working', 'idle']);
    expect(recordWords([done, prompt, prompt])).toEqual(['idle', 'working']);
    expect(recordWords([{ type: 'session_meta' }])).toEqual([]);
    // the same records read again from the file's start (replaced under its name): only where it stands now
    expect(recordWords([prompt, done, prompt, done], true)).toEqual(['idle']);
    expect(recordWords([], true)).toEqual([]);
  });
});
