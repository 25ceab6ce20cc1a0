import { describe, expect, it } from 'vitest';
import { foldSessionLimit, NO_SESSION_LIMIT, sessionLimitAt } from '../../src/pilot/session-limits.js';

// Record shapes as the CLIs write them (see the comments in src/pilot/session-limits.ts).
const claudeLimit = {
  type: 'assistant',
  timestamp: '2026-08-19T13:40:00.123Z',
  isApiErrorMessage: true,
  error: 'rate_limit',
  apiErrorStatus: 429,
  message: { role: 'assistant', model: '<synthetic>', content: [{ type: 'text', text: "You've hit your session limit · resets 9:50pm (Asia/Saigon)" }] },
};
const claudeOverloaded = {
  type: 'assistant',
  isApiErrorMessage: true,
  error: 'server_error',
  apiErrorStatus: 529,
  message: { model: '<synthetic>', content: [{ type: 'text', text: 'API Error: 529 Overloaded.' }] },
};
const claudeAnswer = { type: 'assistant', message: { id: 'msg_1', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'Done.' }], stop_reason: 'end_turn' } };
const codexCount = (primary: number, secondary: number, resetsAt = 1_763_483_205) => ({
  timestamp: '2025-11-18T21:55:53.328Z',
  type: 'event_msg',
  payload: {
    type: 'token_count',
    info: null,
    rate_limits: {
      primary: { used_percent: primary, window_minutes: 300, resets_at: resetsAt },
      secondary: { used_percent: secondary, window_minutes: 10080, resets_at: 1_763_606_387 },
    },
  },
});
const NOW = 1_763_480_000_000;

describe('the usage limit a session file records', () => {
  it('Claude: a 429 API-error record is a limit, with its banner text; a real answer ends it', () => {
    const held = foldSessionLimit(NO_SESSION_LIMIT, [{ type: 'user', message: { content: 'go on' } }, claudeLimit]);
    expect(sessionLimitAt(held, NOW)).toEqual({ limited: true, resetAt: null, text: "You've hit your session limit · resets 9:50pm (Asia/Saigon)", usedPercent: null });
    expect(sessionLimitAt(foldSessionLimit(held, [claudeOverloaded]), NOW).limited).toBe(true);
    expect(sessionLimitAt(foldSessionLimit(held, [claudeAnswer]), NOW).limited).toBe(false);
  });

  it('Claude: either mark alone is enough, other API errors are not limits, subagents say nothing', () => {
    const { apiErrorStatus: _s, ...errorOnly } = claudeLimit;
    const { error: _e, ...statusOnly } = claudeLimit;
    expect(sessionLimitAt(foldSessionLimit(NO_SESSION_LIMIT, [errorOnly]), NOW).limited).toBe(true);
    expect(sessionLimitAt(foldSessionLimit(NO_SESSION_LIMIT, [statusOnly]), NOW).limited).toBe(true);
    expect(sessionLimitAt(foldSessionLimit(NO_SESSION_LIMIT, [claudeOverloaded]), NOW).limited).toBe(false);
    expect(sessionLimitAt(foldSessionLimit(NO_SESSION_LIMIT, [{ ...claudeLimit, isApiErrorMessage: false }]), NOW).limited).toBe(false);
    expect(sessionLimitAt(foldSessionLimit(NO_SESSION_LIMIT, [{ ...claudeLimit, isSidechain: true }]), NOW).limited).toBe(false);
  });

  it('Codex: a window at 100 % is a limit until exactly its resets_at; the highest percentage is reported', () => {
    const state = foldSessionLimit(NO_SESSION_LIMIT, [codexCount(100, 77)]);
    const resetAt = 1_763_483_205_000;
    expect(sessionLimitAt(state, resetAt - 1)).toEqual({ limited: true, resetAt, text: null, usedPercent: 100 });
    expect(sessionLimitAt(state, resetAt).limited).toBe(false);
    const weekly = foldSessionLimit(NO_SESSION_LIMIT, [codexCount(40, 100)]);
    expect(sessionLimitAt(weekly, NOW)).toMatchObject({ limited: true, resetAt: 1_763_606_387_000 });
  });

  it('Codex: below 100 % is no limit, the latest event wins, events without rate_limits change nothing', () => {
    const near = foldSessionLimit(NO_SESSION_LIMIT, [codexCount(100, 10), codexCount(83.5, 10)]);
    expect(sessionLimitAt(near, NOW)).toEqual({ limited: false, resetAt: null, text: null, usedPercent: 83.5 });
    const same = foldSessionLimit(near, [{ type: 'event_msg', payload: { type: 'token_count', info: { last_token_usage: {} } } }, 'not a record', null]);
    expect(same).toBe(near);
  });

  it('Codex (older rollouts): resets_in_seconds, counted from the record\'s own time, beside resets_at', () => {
    const recordAt = Date.parse('2025-09-01T10:00:00.000Z');
    const older = {
      timestamp: '2025-09-01T10:00:00.000Z',
      type: 'event_msg',
      payload: {
        type: 'token_count',
        info: null,
        rate_limits: { primary: { used_percent: 100, window_minutes: 300, resets_in_seconds: 5400 }, secondary: { used_percent: 30, window_minutes: 10080, resets_in_seconds: 400_000 } },
      },
    };
    const state = foldSessionLimit(NO_SESSION_LIMIT, [older]);
    const resetAt = recordAt + 5_400_000;
    expect(sessionLimitAt(state, resetAt - 1)).toEqual({ limited: true, resetAt, text: null, usedPercent: 100 });
    expect(sessionLimitAt(state, resetAt).limited).toBe(false);
  });
});
