import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Turn } from '../../src/demo/conversation-store.js';
import {
  sessionLogPath,
  sessionLogStart,
  sessionLogText,
  sessionLogWriter,
  SYSTEM_PROMPT_TOKENS,
  turnRecords,
  turnUsage,
  type AssistantRecord,
  type TurnUsage,
} from '../../src/demo/session-log.js';
import { readTranscript } from '../../src/transcript/transcript-file.js';
import { transcriptLines } from '../../src/transcript/transcript-text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const first: Turn = { prompt: 'hello there', reply: 'You said: "hello there"', at: '2025-01-01T00:00:01.000Z' };
const second: Turn = { prompt: 'abcd', reply: '', at: '2025-01-01T00:00:02.000Z' };
const conversation: Conversation = { id: 'c1', model: 'demo-7', cwd: '/w', turns: [first, second] };

function recordsIn(path: string): Array<Record<string, any>> {
  const text = readFileSync(path, 'utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}

describe('turnUsage', () => {
  it('counts about 4 characters a token plus the system prompt, and re-reads the earlier turns from cache', () => {
    // "hello there" is 11 characters, its reply 23: 3 + 10 in, 6 out.
    expect(turnUsage(conversation, 0)).toEqual({
      input_tokens: 3 + SYSTEM_PROMPT_TOKENS,
      output_tokens: 6,
      cache_creation_input_tokens: 19,
      cache_read_input_tokens: 0,
    });
    // "abcd" is one token; an empty reply still costs one.
    expect(turnUsage(conversation, 1)).toEqual({
      input_tokens: 1 + SYSTEM_PROMPT_TOKENS,
      output_tokens: 1,
      cache_creation_input_tokens: 12,
      cache_read_input_tokens: 19,
    });
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji: Conversation = { ...conversation, turns: [{ ...first, prompt: '😀😀😀😀😀' }] };
    expect(turnUsage(emoji, 0).input_tokens).toBe(2 + SYSTEM_PROMPT_TOKENS);
  });

  it('refuses a turn the conversation does not have', () => {
    expect(() => turnUsage(conversation, 2)).toThrow('conversation c1 has no turn 2');
    expect(() => turnRecords(conversation, -1)).toThrow('conversation c1 has no turn -1');
  });
});

describe('turnRecords', () => {
  it('gives a user record and an assistant record that ends the turn, in Claude Code\'s shape', () => {
    const [user, assistant] = turnRecords(conversation, 1);
    const [, previous] = turnRecords(conversation, 0);
    expect(user).toEqual({
      type: 'user',
      sessionId: 'c1',
      cwd: '/w',
      isSidechain: false,
      userType: 'external',
      timestamp: second.at,
      uuid: expect.stringMatching(UUID),
      parentUuid: previous.uuid,
      message: { role: 'user', content: 'abcd' },
    });
    expect(assistant).toEqual({
      type: 'assistant',
      sessionId: 'c1',
      cwd: '/w',
      isSidechain: false,
      userType: 'external',
      timestamp: second.at,
      uuid: expect.stringMatching(UUID),
      parentUuid: user.uuid,
      requestId: expect.stringMatching(/^req_[0-9a-f]{24}$/),
      message: {
        id: expect.stringMatching(/^msg_[0-9a-f]{24}$/),
        type: 'message',
        role: 'assistant',
        model: 'demo-7',
        content: [{ type: 'text', text: '' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: turnUsage(conversation, 1),
      },
    });
  });

  it('starts the chain with a null parent', () => {
    expect(turnRecords(conversation, 0)[0].parentUuid).toBeNull();
  });

  it('derives every id from the conversation id and the turn index alone', () => {
    const ids = (c: Conversation, index: number) => {
      const [user, assistant] = turnRecords(c, index);
      return [user.uuid, assistant.uuid, assistant.requestId, assistant.message.id];
    };
    // Same id and index, other text and time: the same ids.
    const edited: Conversation = { ...conversation, turns: [{ prompt: 'x', reply: 'y', at: '2030-01-01T00:00:00.000Z' }, second] };
    expect(ids(edited, 0)).toEqual(ids(conversation, 0));
    const all = [...ids(conversation, 0), ...ids(conversation, 1), ...ids({ ...conversation, id: 'c2' }, 0)];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('a turn that ran a file command', () => {
  const tools: Conversation = {
    id: 'c3',
    model: 'demo-7',
    cwd: '/w',
    turns: [
      { prompt: 'write notes.txt hello world', reply: 'Wrote notes.txt (12 bytes)', at: '2025-01-01T00:00:01.000Z', tool: { kind: 'write', path: 'notes.txt', text: 'hello world' } },
      { prompt: "append notes.txt it's me", reply: 'Appended to notes.txt (8 bytes, now 20)', at: '2025-01-01T00:00:02.000Z', tool: { kind: 'append', path: 'notes.txt', text: "it's me" } },
      { prompt: 'rm gone.txt', reply: 'Error: cannot rm gone.txt: ENOENT', at: '2025-01-01T00:00:03.000Z', tool: { kind: 'rm', path: 'gone.txt' } },
    ],
  };

  it("records the call and its result as Claude Code records a tool's, between the prompt and the reply", () => {
    const records = turnRecords(tools, 0);
    expect(records.map((r) => [r.type, r.type === 'assistant' ? r.message.stop_reason : null])).toEqual([
      ['user', null],
      ['assistant', 'tool_use'],
      ['user', null],
      ['assistant', 'end_turn'],
    ]);
    const [, call, result] = records as unknown as [unknown, { message: { content: Array<Record<string, unknown>> } }, { message: { content: Array<Record<string, unknown>> } }];
    const use = call.message.content[0]!;
    expect(use).toEqual({ type: 'tool_use', id: expect.stringMatching(/^toolu_[0-9a-f]{24}$/), name: 'Write', input: { file_path: '/w/notes.txt', content: 'hello world\n' } });
    expect(result.message.content).toEqual([{ type: 'tool_result', tool_use_id: use['id'], content: 'Wrote notes.txt (12 bytes)', is_error: false }]);
    // the next turn follows this one's last record
    expect(turnRecords(tools, 1)[0].parentUuid).toBe(records[3]!.uuid);
  });

  it("spreads the turn's usage over its two requests, adding up to turnUsage", () => {
    const [, call, , closing] = turnRecords(tools, 1) as unknown as [unknown, { message: { usage: Record<string, number> } }, unknown, { message: { usage: Record<string, number> } }];
    const sum = Object.fromEntries(Object.keys(turnUsage(tools, 1)).map((k) => [k, call.message.usage[k]! + closing.message.usage[k]!]));
    expect(sum).toEqual(turnUsage(tools, 1));
  });

  it('reads as one tool line each in a transcript, a failed command marked', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hangar-demo-tools-')), 'c3.jsonl');
    writeFileSync(path, sessionLogText(tools));
    try {
      expect(transcriptLines(readTranscript(path)).filter((l) => /⏺|⎿/.test(l))).toEqual([
        '  ⏺ Write /w/notes.txt',
        '    ⎿ Wrote notes.txt (12 bytes)',
        "  ⏺ Bash printf '%s\\n' 'it'\\''s me' >> notes.txt",
        '    ⎿ Appended to notes.txt (8 bytes, now 20)',
        '  ⏺ Bash rm gone.txt',
        '    ⎿ ✗ Error: cannot rm gone.txt: ENOENT',
      ]);
    } finally {
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});

describe('a scripted turn (several steps)', () => {
  const scripted: Conversation = {
    id: 'c4',
    model: 'demo-1',
    cwd: '/w',
    turns: [
      {
        prompt: 'Plan.\nwrite PLAN.md a plan\n/tool delegate {"name": "w1"}\n/tool peek {"name": "x"}',
        reply: 'You said: "Plan."\nRan 3 steps (1 failed).',
        at: '2025-01-01T00:00:01.000Z',
        steps: [
          { tool: { kind: 'write', path: 'PLAN.md', text: 'a plan' }, result: 'Wrote PLAN.md (7 bytes)' },
          { tool: { kind: 'mcp', server: 'hangar', name: 'delegate', input: { name: 'w1' }, isError: false }, result: '{"name": "w1"}' },
          { tool: { kind: 'mcp', server: 'hangar', name: 'peek', input: { name: 'x' }, isError: true }, result: 'no agent x' },
        ],
      },
      { prompt: 'next', reply: 'You said: "next"', at: '2025-01-01T00:00:02.000Z' },
    ],
  };

  it('chains each call and its result, in order, between the prompt and the closing reply; the usage adds up to turnUsage', () => {
    const records = turnRecords(scripted, 0);
    expect(records.map((r) => r.type)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
    records.slice(1).forEach((r, i) => expect(r.parentUuid).toBe(records[i]!.uuid));
    const blocks = records.flatMap((r) => (Array.isArray(r.message.content) ? (r.message.content as Array<Record<string, unknown>>) : []));
    const uses = blocks.filter((b) => b['type'] === 'tool_use');
    expect(uses.map((b) => b['name'])).toEqual(['Write', 'mcp__hangar__delegate', 'mcp__hangar__peek']);
    const results = blocks.filter((b) => b['type'] === 'tool_result');
    expect(results.map((b) => [b['tool_use_id'], b['content'], b['is_error']])).toEqual([
      [uses[0]!['id'], 'Wrote PLAN.md (7 bytes)', false],
      [uses[1]!['id'], '{"name": "w1"}', false],
      [uses[2]!['id'], 'no agent x', true],
    ]);
    expect(new Set(records.map((r) => r.uuid)).size).toBe(records.length);
    const assistants = records.filter((r): r is AssistantRecord => r.type === 'assistant');
    const sum = Object.fromEntries(Object.keys(turnUsage(scripted, 0)).map((k) => [k, assistants.reduce((n, r) => n + r.message.usage[k as keyof TurnUsage], 0)]));
    expect(sum).toEqual(turnUsage(scripted, 0));
    expect(turnRecords(scripted, 1)[0].parentUuid).toBe(records.at(-1)!.uuid);
  });
});

describe('sessionLogText', () => {
  it('is one JSON line per record, from the given turn on', () => {
    const lines = sessionLogText(conversation).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual([...turnRecords(conversation, 0), ...turnRecords(conversation, 1)]);
    expect(sessionLogText(conversation, 1)).toBe(turnRecords(conversation, 1).map((r) => JSON.stringify(r) + '\n').join(''));
    expect(sessionLogText(conversation, 2)).toBe('');
  });
});

describe('sessionLogStart', () => {
  it('continues the file on a plain resume only', () => {
    expect(sessionLogStart({ resumeId: undefined, fork: false })).toBe('fresh');
    expect(sessionLogStart({ resumeId: 'a', fork: false })).toBe('continue');
    expect(sessionLogStart({ resumeId: 'a', fork: true })).toBe('fresh');
  });
});

describe('sessionLogWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-demo-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const upTo = (count: number, c: Conversation = conversation): Conversation => ({ ...c, turns: c.turns.slice(0, count) });

  it('lives beside the conversation file', () => {
    expect(sessionLogPath('/s', 'c1')).toBe(join('/s', 'c1.jsonl'));
  });

  it('makes an empty file for a new conversation, then appends each turn\'s two records', () => {
    const write = sessionLogWriter(join(dir, 'state'), 'fresh');
    const path = sessionLogPath(join(dir, 'state'), 'c1');
    write(upTo(0));
    expect(readFileSync(path, 'utf8')).toBe('');
    write(upTo(1));
    const afterOne = readFileSync(path, 'utf8');
    expect(recordsIn(path)).toEqual(turnRecords(conversation, 0));
    write(upTo(1)); // a save with no new turn adds nothing
    expect(readFileSync(path, 'utf8')).toBe(afterOne);
    write(upTo(2));
    expect(readFileSync(path, 'utf8').startsWith(afterOne)).toBe(true);
    expect(recordsIn(path)).toEqual([...turnRecords(conversation, 0), ...turnRecords(conversation, 1)]);
    expect(readdirSync(join(dir, 'state'))).toEqual(['c1.jsonl']);
  });

  it('starts a fork\'s file with the history it kept, replacing any file of that id', () => {
    const fork: Conversation = { ...upTo(1), id: 'f1', forkedFrom: { id: 'c1', turn: 1 } };
    const path = sessionLogPath(dir, 'f1');
    writeFileSync(path, 'stale\n');
    const write = sessionLogWriter(dir, 'fresh');
    write(fork);
    expect(recordsIn(path)).toEqual(turnRecords(fork, 0));
    const withNew: Conversation = { ...fork, turns: [...fork.turns, second] };
    write(withNew);
    expect(recordsIn(path)).toEqual([...turnRecords(withNew, 0), ...turnRecords(withNew, 1)]);
    expect(recordsIn(path).map((r) => r['sessionId'])).toEqual(['f1', 'f1', 'f1', 'f1']);
  });

  it('on a resume leaves the file as it is and appends the new turns to it', () => {
    const path = sessionLogPath(dir, 'c1');
    sessionLogWriter(dir, 'fresh')(upTo(1));
    const before = readFileSync(path, 'utf8');
    // The resumed run uses another model: the turns already logged keep the one they had.
    const resumed: Conversation = { ...upTo(1), model: 'demo-8' };
    const write = sessionLogWriter(dir, 'continue');
    write(resumed);
    expect(readFileSync(path, 'utf8')).toBe(before);
    write({ ...resumed, turns: [...resumed.turns, second] });
    const after = readFileSync(path, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(recordsIn(path).map((r) => r['message'].model)).toEqual([undefined, 'demo-7', undefined, 'demo-8']);
  });

  it('on a resume without a file writes every turn the conversation has', () => {
    sessionLogWriter(dir, 'continue')(conversation);
    expect(recordsIn(sessionLogPath(dir, 'c1'))).toEqual([...turnRecords(conversation, 0), ...turnRecords(conversation, 1)]);
  });

  it('throws when it cannot write, and writes the missed turns on the next call', () => {
    const path = sessionLogPath(dir, 'c1');
    mkdirSync(path); // a directory where the file should be
    const write = sessionLogWriter(dir, 'fresh');
    expect(() => write(upTo(1))).toThrow();
    rmSync(path, { recursive: true });
    write(upTo(1));
    expect(recordsIn(path)).toEqual(turnRecords(conversation, 0));

    rmSync(path);
    mkdirSync(path);
    expect(() => write(upTo(2))).toThrow();
    rmSync(path, { recursive: true });
    write(upTo(2));
    expect(recordsIn(path)).toEqual(turnRecords(conversation, 1));
  });
});

describe('a turn that called an MCP tool (/tool)', () => {
  const calls: Conversation = {
    id: 'c4',
    model: 'demo-7',
    cwd: '/w',
    turns: [
      { prompt: '/tool delegate {"name":"w1","prompt":"go"}', reply: '{"name": "w1"}', at: '2025-01-01T00:00:01.000Z', tool: { kind: 'mcp', server: 'hangar', name: 'delegate', input: { name: 'w1', prompt: 'go' }, isError: false } },
      { prompt: '/tool peek {"name":"nosuch"}', reply: 'no agent named nosuch', at: '2025-01-01T00:00:02.000Z', tool: { kind: 'mcp', server: 'hangar', name: 'peek', input: { name: 'nosuch' }, isError: true } },
    ],
  };

  it("records tool_use mcp__SERVER__TOOL with the arguments, and its tool_result, as Claude Code records an MCP tool's", () => {
    const [, call, result] = turnRecords(calls, 0) as unknown as [unknown, { message: { content: Array<Record<string, unknown>> } }, { message: { content: Array<Record<string, unknown>> } }];
    const use = call.message.content[0]!;
    expect(use).toEqual({ type: 'tool_use', id: expect.stringMatching(/^toolu_[0-9a-f]{24}$/), name: 'mcp__hangar__delegate', input: { name: 'w1', prompt: 'go' } });
    expect(result.message.content).toEqual([{ type: 'tool_result', tool_use_id: use['id'], content: '{"name": "w1"}', is_error: false }]);
    const failed = turnRecords(calls, 1)[2] as unknown as { message: { content: Array<Record<string, unknown>> } };
    expect(failed.message.content[0]).toMatchObject({ is_error: true, content: 'no agent named nosuch' });
  });
});
