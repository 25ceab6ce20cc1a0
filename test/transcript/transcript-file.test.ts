import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/transcript/transcript-entry.js';
import { readTranscript, readTranscriptInSteps, TranscriptFile } from '../../src/transcript/transcript-file.js';
import { Transcriber } from '../../src/transcript/transcriber.js';
import { chooseTurns, parseTurnLabel } from '../../src/transcript/transcript-text.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-transcript-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (r: unknown) => JSON.stringify(r) + '\n';
const prompt = (text: string) => ({ type: 'user', timestamp: '2025-01-01T00:00:00.000Z', message: { role: 'user', content: text } });
const reply = (id: string, text: string) => ({
  type: 'assistant',
  timestamp: '2025-01-01T00:00:01.000Z',
  requestId: `req_${id}`,
  message: { id, role: 'assistant', model: 'm', content: [{ type: 'text', text }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 2 } },
});

describe('a session file read as a transcript', () => {
  it('passes over a line longer than 8 MiB with a marker, and reads the records around it', () => {
    const path = join(dir, 's.jsonl');
    const huge = JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'x'.repeat(MAX_LINE_BYTES + 10) }] } });
    writeFileSync(path, line(prompt('one')) + huge + '\n' + line(reply('m1', 'done')));
    const entries = readTranscript(path);
    expect(entries.map((e) => e.type)).toEqual(['prompt', 'skipped', 'text', 'turn_end']);
    expect(entries[1]).toMatchObject({ reason: 'line_too_long', bytes: Buffer.byteLength(huge) });
  });

  it('reads on from where it stopped, a line written in pieces once it is whole, the same as one read of it all', () => {
    const fixture = readFileSync(fileURLToPath(new URL('../fixtures/transcripts/claude.jsonl', import.meta.url)));
    const path = join(dir, 'grown.jsonl');
    writeFileSync(path, '');
    const follower = new TranscriptFile(path);
    const got = [];
    // appended in odd-sized pieces that split lines (and UTF-8 characters) anywhere
    for (let at = 0; at < fixture.length; at += 997) {
      appendFileSync(path, fixture.subarray(at, Math.min(fixture.length, at + 997)));
      got.push(...follower.read());
    }
    got.push(...follower.read(true));
    expect(got).toEqual(readTranscript(fileURLToPath(new URL('../fixtures/transcripts/claude.jsonl', import.meta.url))));
  });

  it('read in steps of a few MiB (the cockpit, so it keeps drawing), gives the same entries as one read', async () => {
    const path = join(dir, 'big.jsonl');
    // ~6 MiB: steps end inside lines; the last line has no newline yet
    const result = (i: number) => line({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: `${i}\n`.repeat(20000) }] } });
    writeFileSync(path, Array.from({ length: 60 }, (_, i) => line(prompt(`p${i}`)) + result(i) + line(reply(`m${i}`, `r${i}`))).join('') + JSON.stringify(prompt('last')));
    const stepped = await readTranscriptInSteps(path);
    expect(stepped).toEqual(readTranscript(path));
    expect(stepped.filter((e) => e.type === 'prompt')).toHaveLength(61);
  });

  it('reads a file replaced under its name, or cut short, again from its start after a marker', () => {
    const path = join(dir, 's.jsonl');
    writeFileSync(path, line(prompt('first')) + line(reply('m1', 'a')));
    const follower = new TranscriptFile(path);
    expect(follower.read().filter((e) => e.type === 'prompt')).toHaveLength(1);
    writeFileSync(join(dir, 'new'), line(prompt('again')));
    renameSync(join(dir, 'new'), path);
    expect(follower.read().map((e) => e.type)).toEqual(['file_reset', 'prompt']);
    expect(follower.read()).toEqual([]);
    appendFileSync(path, line(reply('m2', 'b')));
    truncateSync(path, 5);
    expect(follower.read()).toEqual([{ turn: 0, at: null, type: 'file_reset', reason: 'cut_short' }]);
  });

  it('follows a Gemini .json document rewritten whole, showing only what is new', () => {
    const path = join(dir, 'session-x.json');
    const msg = (id: string, type: string, content: string) => ({ id, timestamp: '2025-01-01T00:00:00.000Z', type, content });
    writeFileSync(path, JSON.stringify({ sessionId: 's', projectHash: 'h', messages: [msg('1', 'user', 'hi')] }, null, 2));
    const follower = new TranscriptFile(path);
    expect(follower.read().map((e) => e.type)).toEqual(['prompt']);
    writeFileSync(path, JSON.stringify({ sessionId: 's', projectHash: 'h', messages: [msg('1', 'user', 'hi'), msg('2', 'gemini', 'hello')] }, null, 2));
    expect(follower.read().map((e) => e.type)).toEqual(['text']);
    writeFileSync(path, '{"sessionId": "s", "messa'); // caught mid-rewrite: nothing now, read again later
    expect(follower.read()).toEqual([]);
  });

  it('shows anything it does not understand as such and never throws', () => {
    const t = new Transcriber();
    const odd: unknown[] = [
      null, 5, 'text', [], {}, { type: 42 }, { type: 'assistant', message: 'x' }, { type: 'user', message: { content: 5 } },
      { type: 'assistant', message: { content: [{ type: 'tool_use' }, null, 7], usage: { input_tokens: -4, output_tokens: 'many' } } },
      { type: 'user', message: { content: [{ type: 'tool_result', content: { nested: true } }] } },
      { type: 'event_msg', payload: { type: 'token_count', info: 'x' } }, { type: 'response_item', payload: { type: 'function_call', arguments: '{bad json' } },
      { type: 'response_item', payload: { type: 'function_call_output', output: 17 } }, { type: 'gemini', id: 'g', toolCalls: [null, { args: 3 }], tokens: { input: 'x' } },
      { type: 'system', subtype: 'api_error', error: null }, { type: 'system', subtype: 'compact_boundary', compactMetadata: 'x' },
    ];
    const entries = odd.flatMap((r) => t.record(r));
    expect(entries.filter((e) => e.type === 'unknown').map((e) => (e as { record_type: string }).record_type)).toEqual(['null', 'number', 'string', 'array', '(no type)', '(no type)', 'assistant']);
    expect(() => t.finish()).not.toThrow();
  });
});

describe('choosing turns', () => {
  const t = new Transcriber();
  const entries = [prompt('a'), reply('1', 'x'), prompt('b'), reply('2', 'y'), prompt('c'), reply('3', 'z')].flatMap((r) => t.record(r));

  it('--turn Tn keeps one turn, --last N the newest N', () => {
    expect(parseTurnLabel('T2')).toBe(2);
    expect(parseTurnLabel('3')).toBe(3);
    expect(parseTurnLabel('two')).toBeNull();
    expect(new Set(chooseTurns(entries, { kind: 'turn', turn: 2 }).map((e) => e.turn))).toEqual(new Set([2]));
    expect(new Set(chooseTurns(entries, { kind: 'last', count: 2 }).map((e) => e.turn))).toEqual(new Set([2, 3]));
    expect(chooseTurns(entries, { kind: 'all' })).toHaveLength(entries.length);
  });
});
