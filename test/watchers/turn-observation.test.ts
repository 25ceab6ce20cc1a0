import { describe, expect, it } from 'vitest';
import { Transcriber } from '../../src/transcript/transcriber.js';
import type { TranscriptEntry } from '../../src/transcript/transcript-entry.js';
import { observeTurn } from '../../src/watchers/turn-observation.js';

const base = { sessionId: 's1', cwd: '/work/app', isSidechain: false, userType: 'external', timestamp: '2026-12-05T10:00:00.000Z' };
const assistant = (id: string, content: unknown[], stop: string | null) => ({
  ...base,
  type: 'assistant',
  uuid: `u-${id}`,
  message: { id, role: 'assistant', model: 'claude-sonnet-4-5', content, stop_reason: stop, usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
});

describe('observeTurn', () => {
  it("folds a Claude Code turn's records into what watchers see", () => {
    const t = new Transcriber();
    const records = [
      { ...base, type: 'user', uuid: 'p', message: { role: 'user', content: 'fix the parser' } },
      assistant('m1', [{ type: 'tool_use', id: 't1', name: 'Write', input: { file_path: '/work/app/parser.ts', content: 'x' } }, { type: 'tool_use', id: 't2', name: 'mcp__hangar__delegate', input: { name: 'w1', task: 'tests' } }], 'tool_use'),
      { ...base, type: 'user', uuid: 'r', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'EACCES', is_error: true }, { type: 'tool_result', tool_use_id: 't2', content: 'ok', is_error: false }] } },
      assistant('m2', [{ type: 'text', text: 'Parser fixed.' }], 'end_turn'),
    ];
    const entries: TranscriptEntry[] = records.flatMap((r) => t.record(r));
    expect(entries.at(-1)?.type).toBe('turn_end');
    const obs = observeTurn(entries, { totalCostUsd: 0.25, screen: ['> '] });
    expect(obs).toMatchObject({
      turn: 1,
      prompt: 'fix the parser',
      reply: 'Parser fixed.',
      toolCalls: [{ tool: 'Write', arg: '/work/app/parser.ts' }, { tool: 'mcp__hangar__delegate', arg: expect.any(String) }],
      errors: ['EACCES'],
      filesChanged: ['/work/app/parser.ts'],
      mcpCalls: ['delegate'],
      tokens: 30,
      totalCostUsd: 0.25,
      screen: ['> '],
    });
  });
});
