import { describe, expect, it } from 'vitest';
import { summariseTurn, totalTokens } from '../../src/pilot/session-records.js';

const user = (content: unknown) => ({ type: 'user', timestamp: '2026-01-01T00:00:00Z', message: { role: 'user', content } });
const assistant = (id: string, stop: string | null, usage: Record<string, number>, model = 'claude-x') => ({
  type: 'assistant',
  message: { id, model, role: 'assistant', stop_reason: stop, usage },
});
const codex = (type: string, payload: Record<string, unknown>) => ({ type, payload });
const tokenCount = (last: Record<string, number>, total: Record<string, number>) =>
  codex('event_msg', { type: 'token_count', info: { last_token_usage: last, total_token_usage: total } });

describe('session records: Claude Code', () => {
  it('sums usage by kind, once per message id (streaming repeats a message), and ends at end_turn', () => {
    const turn = summariseTurn([
      user('fix the bug'),
      assistant('m1', null, { input_tokens: 5, output_tokens: 1, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 }),
      assistant('m1', 'tool_use', { input_tokens: 5, output_tokens: 30, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 }),
      user([{ type: 'tool_result', content: 'ok' }]),
      assistant('m2', 'end_turn', { input_tokens: 7, output_tokens: 12, cache_read_input_tokens: 150, cache_creation_input_tokens: 0 }),
    ]);
    expect(turn.usage).toEqual({ input: 12, output: 42, cacheRead: 250, cacheWrite: 20 });
    expect(totalTokens(turn.usage)).toBe(324);
    expect(turn).toMatchObject({ ended: true, sawUsage: true, model: 'claude-x', costUsd: null });
  });

  it("ends only after this turn's own prompt: a late end record of the turn before ends nothing", () => {
    expect(summariseTurn([assistant('m0', 'end_turn', { output_tokens: 3 })]).ended).toBe(false);
    expect(summariseTurn([assistant('m0', 'end_turn', {}), user('next'), assistant('m1', 'end_turn', {})]).ended).toBe(true);
  });

  it('versions that leave stop_reason null: a turn_duration or stop_hook_summary system record ends the turn', () => {
    for (const subtype of ['turn_duration', 'stop_hook_summary']) {
      expect(summariseTurn([user('go'), assistant('m1', null, {}), { type: 'system', subtype }]).ended).toBe(true);
    }
    expect(summariseTurn([user('go'), assistant('m1', null, {}), { type: 'system', subtype: 'compact_boundary' }]).ended).toBe(false);
  });

  it("subagents' records count tokens but end nothing; a hook's note is no prompt but means the turn goes on", () => {
    const sub = { ...assistant('s1', 'end_turn', { output_tokens: 5 }), isSidechain: true };
    const turn = summariseTurn([user('go'), assistant('m1', 'tool_use', { output_tokens: 2 }), sub]);
    expect(turn).toMatchObject({ ended: false, usage: { output: 7 } });
    const meta = { ...user('the stop hook says: keep going'), isMeta: true };
    expect(summariseTurn([user('go'), assistant('m1', 'end_turn', {}), meta]).ended).toBe(false);
    expect(summariseTurn([meta, assistant('m1', 'end_turn', {})]).ended).toBe(false); // no prompt of its own
  });

  it('a tool call, or its result, is not the end of the turn', () => {
    expect(summariseTurn([user('go'), assistant('m1', 'tool_use', { output_tokens: 3 })]).ended).toBe(false);
    expect(summariseTurn([user('go'), assistant('m1', 'end_turn', {}), user('and now?')]).ended).toBe(false);
  });

  it('a stated costUSD is the cost, once per message; the <synthetic> model names nothing', () => {
    const turn = summariseTurn([
      { ...assistant('m1', null, { output_tokens: 1 }), costUSD: 0.25 },
      { ...assistant('m1', 'end_turn', { output_tokens: 3 }), costUSD: 0.25 }, // the same message, streamed again
      { ...assistant('m2', 'end_turn', { output_tokens: 3 }, '<synthetic>'), costUSD: 0.5 },
    ]);
    expect(turn.costUsd).toBe(0.75);
    expect(turn.model).toBe('claude-x');
  });
});

describe('session records: Codex', () => {
  it('sums last_token_usage once per new total, cached input apart, the model from turn_context; task_complete ends', () => {
    const turn = summariseTurn([
      codex('turn_context', { model: 'gpt-5-codex' }),
      codex('event_msg', { type: 'user_message', message: 'go' }),
      tokenCount({ input_tokens: 1000, cached_input_tokens: 800, output_tokens: 50 }, { total_tokens: 1050 }),
      tokenCount({ input_tokens: 1000, cached_input_tokens: 800, output_tokens: 50 }, { total_tokens: 1050 }), // repeated
      tokenCount({ input_tokens: 1200, cached_input_tokens: 1000, output_tokens: 10 }, { total_tokens: 2260 }),
    ]);
    expect(turn.usage).toEqual({ input: 400, output: 60, cacheRead: 1800, cacheWrite: 0 });
    expect(turn).toMatchObject({ model: 'gpt-5-codex', ended: false, sawUsage: true });
    const prompt = codex('event_msg', { type: 'user_message', message: 'go' });
    expect(summariseTurn([prompt, codex('event_msg', { type: 'task_complete' })]).ended).toBe(true);
    expect(summariseTurn([prompt, codex('event_msg', { type: 'turn_aborted', reason: 'interrupted' })]).ended).toBe(true);
    expect(summariseTurn([codex('event_msg', { type: 'task_complete' })]).ended).toBe(false);
  });
});

describe('session records: anything else', () => {
  it('is skipped: no usage known, not ended', () => {
    const turn = summariseTurn([null, 3, 'text', [], { type: 'summary', summary: 'x' }, { type: 'assistant' }, { type: 'assistant', message: { usage: 'lots' } }]);
    expect(turn).toEqual({ usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, costUsd: null, model: null, ended: false, sawUsage: false });
  });

  it('a negative or non-number count counts nothing; a fraction is rounded', () => {
    const turn = summariseTurn([assistant('m', 'end_turn', { input_tokens: -5, output_tokens: Number.NaN, cache_read_input_tokens: 4, cache_creation_input_tokens: 2.6 })]);
    expect(turn.usage).toEqual({ input: 0, output: 0, cacheRead: 4, cacheWrite: 3 });
  });
});
