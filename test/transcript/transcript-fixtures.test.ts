import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTranscript } from '../../src/transcript/transcript-file.js';
import { transcriptLines } from '../../src/transcript/transcript-text.js';
import type { TranscriptEntry } from '../../src/transcript/transcript-entry.js';

// Session files of each CLI built from their documented record shapes (test/fixtures/transcripts/,
// each with a streamed duplicate, a subagent, a compaction, an error, an unknown record where
// its CLI has them), rendered and compared with golden text; the figures checked by hand.
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/transcripts/${name}`, import.meta.url));
const golden = (name: string) => readFileSync(fixture(name), 'utf8');
const ends = (entries: TranscriptEntry[]) => entries.filter((e): e is Extract<TranscriptEntry, { type: 'turn_end' }> => e.type === 'turn_end');

describe('a transcript rendered from each CLI', () => {
  for (const [file, text] of [
    ['claude.jsonl', 'claude.txt'],
    ['codex.jsonl', 'codex.txt'],
    ['gemini.jsonl', 'gemini.txt'],
    ['gemini-session.json', 'gemini-session.txt'],
  ] as const) {
    it(`${file} reads as its golden text`, () => {
      expect(transcriptLines(readTranscript(fixture(file))).join('\n') + '\n').toBe(golden(text));
    });
  }
});

describe('Claude Code records', () => {
  const entries = readTranscript(fixture('claude.jsonl'));

  it('counts a message streamed over several records (and one written twice) once, by message id + request id', () => {
    // msg_01A is written three times (+ an exact copy), the last with the final output count;
    // the turn's other messages: msg_01B and msg_01C
    const t1 = ends(entries)[0]!;
    expect(t1.usage).toEqual({ input: 3 + 5 + 4, output: 120 + 80 + 15, cache_read: 12000 + 12800 + 13200, cache_write: 800 + 400 + 90 });
    expect(t1.cost_usd).toBeCloseTo(0.0123, 10);
    expect(entries.filter((e) => e.type === 'tool_call' && e.id === 'toolu_01')).toHaveLength(1);
    expect(entries.filter((e) => e.type === 'text' && e.text.startsWith("I'll run"))).toHaveLength(1);
  });

  it("marks a subagent's records, which start no turn and count their tokens in the turn that ran it", () => {
    const side = entries.filter((e) => e.sidechain);
    expect(side.map((e) => e.type)).toEqual(['prompt', 'tool_call', 'tool_result', 'text']);
    expect(side.every((e) => e.turn === 2)).toBe(true);
    expect(ends(entries)[1]!.usage).toEqual({ input: 6 + 900 + 950, output: 40 + 30 + 12, cache_read: 13300, cache_write: 200 });
  });

  it('shows a 429 (the retried request and the error reply), a compaction, and an unknown record type', () => {
    expect(entries.filter((e) => e.type === 'error').map((e) => (e as { text: string }).text)).toEqual([
      'API error 429 rate_limit_error: Number of request tokens has exceeded your per-minute rate limit (retry 1/10)',
      expect.stringMatching(/^API Error: 429 /),
    ]);
    expect(entries).toContainEqual({ turn: 2, at: '2025-11-03T10:05:00.000Z', type: 'compaction', trigger: 'auto', tokens_before: 155214 });
    expect(entries).toContainEqual({ turn: 2, at: '2025-11-03T10:01:05.600Z', type: 'unknown', record_type: 'mystery-record' });
  });

  it("leaves out what is no person's prompt: the compaction summary, a slash command the CLI answered, bookkeeping", () => {
    expect(entries.filter((e) => e.type === 'prompt' && !e.sidechain).map((e) => (e as { text: string }).text)).toEqual([
      'Run the tests and fix what fails',
      'Find where sum is used',
      'Now read the README\nand summarise it',
    ]);
  });

  it('cuts a result to a few lines and says how many it had; a last line cut short is passed over', () => {
    expect(entries).toContainEqual(expect.objectContaining({ type: 'tool_result', id: 'toolu_04', tool: 'Read', lines: 40, is_error: false }));
    expect(entries.at(-2)).toMatchObject({ type: 'skipped', reason: 'not_json' });
    expect(entries.at(-1)).toMatchObject({ type: 'turn_end', turn: 3, in_progress: true });
  });
});

describe('Codex records', () => {
  const entries = readTranscript(fixture('codex.jsonl'));

  it('counts each token_count once by its cumulative total, from its last usage, cached input apart', () => {
    const [t1, t2] = ends(entries);
    // requests: (5200 in, 4096 cached, 180 out) — repeated, counted once — and (5800, 5120, 240)
    expect(t1!.usage).toEqual({ input: 5200 - 4096 + (5800 - 5120), output: 180 + 240, cache_read: 4096 + 5120, cache_write: 0 });
    expect(t1!.model).toBe('gpt-5-codex');
    expect(t2!.usage).toEqual({ input: 3000 - 2048, output: 50, cache_read: 2048, cache_write: 0 });
  });

  it('shows the prompt once (not the environment Codex sends as a user message), the reply once (not its agent_message event)', () => {
    expect(entries.filter((e) => e.type === 'prompt')).toHaveLength(2);
    expect(entries.filter((e) => e.type === 'text')).toHaveLength(1);
  });

  it('reads an exit code from each output shape, and one compaction marked twice shows once', () => {
    const results = entries.filter((e) => e.type === 'tool_result') as Array<{ id: string; is_error: boolean }>;
    expect(results.map((r) => [r.id, r.is_error])).toEqual([
      ['call_A1', false],
      ['call_A2', false],
      ['call_A3', true],
      ['call_B1', false],
    ]);
    expect(entries.filter((e) => e.type === 'compaction')).toHaveLength(1);
  });
});

describe('Gemini CLI records', () => {
  it('shows a record appended again as it changed once, its result when it came, its tokens once', () => {
    const entries = readTranscript(fixture('gemini.jsonl'));
    expect(entries.filter((e) => e.type === 'tool_call')).toHaveLength(2);
    expect(entries.filter((e) => e.type === 'tool_result').map((e) => (e as { is_error: boolean }).is_error)).toEqual([false, true]);
    // m2 (4000 in, 1000 cached, 20 out + 30 thoughts) and m3 (4100, 4000, 8)
    expect(ends(entries)[0]!.usage).toEqual({ input: 3000 + 100, output: 50 + 8, cache_read: 5000, cache_write: 0 });
  });

  it('reads the whole-document .json sessions of versions before the JSONL recording the same way', () => {
    const jsonl = readTranscript(fixture('gemini.jsonl')).filter((e) => e.turn === 1 && e.type !== 'turn_end');
    const doc = readTranscript(fixture('gemini-session.json')).filter((e) => e.turn === 1 && e.type !== 'turn_end');
    expect(doc).toEqual(jsonl);
  });
});
