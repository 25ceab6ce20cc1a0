import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConversation } from '../../src/demo/conversation-store.js';
import { turnRecords, turnUsage } from '../../src/demo/session-log.js';
import { quit, say, useDemoSandbox } from './demo-pty.js';

// The session file (<state dir>/<id>.jsonl) the built demo writes as Claude Code would, in a real pty.

const sandbox = useDemoSandbox();

interface LoggedRecord {
  type: string;
  sessionId: string;
  message: { content: unknown; stop_reason?: string; usage?: unknown };
}

function logText(id: string): string {
  return readFileSync(join(sandbox.stateDir, `${id}.jsonl`), 'utf8');
}

function logged(id: string): LoggedRecord[] {
  const text = logText(id);
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as LoggedRecord);
}

/** Each record's text: the prompt of a user record, the reply of an assistant record. */
function texts(id: string): unknown[] {
  return logged(id).map((r) => (r.type === 'user' ? r.message.content : (r.message.content as Array<{ text: string }>)[0]?.text));
}

describe('hangar-demo session file in a pty', () => {
  it('holds a user and an assistant record per turn by the time the reply is on screen', async () => {
    const demo = sandbox.spawn({ args: ['--session-id', 'log-1', '--model', 'demo-x'] });
    await demo.waitForText('demo · model demo-x');
    expect(logText('log-1')).toBe('');

    await say(demo, 'hello there');
    // Read at once: the records are written before the reply is drawn.
    expect(texts('log-1')).toEqual(['hello there', 'You said: "hello there"']);
    await say(demo, 'and again');
    const records = logged('log-1');
    expect(records.map((r) => r.type)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(texts('log-1')).toEqual(['hello there', 'You said: "hello there"', 'and again', 'You said: "and again"']);
    expect(records.every((r) => r.sessionId === 'log-1')).toBe(true);
    expect(records.filter((r) => r.type === 'assistant').map((r) => r.message.stop_reason)).toEqual(['end_turn', 'end_turn']);

    // The records are exactly those of the saved conversation, usage included.
    const saved = loadConversation(sandbox.stateDir, 'log-1');
    if (!saved.ok) throw new Error(saved.error);
    expect(saved.conversation.cwd).toBe(sandbox.cwd);
    expect(records).toEqual([...turnRecords(saved.conversation, 0), ...turnRecords(saved.conversation, 1)]);
    expect(records[3]!.message.usage).toEqual(turnUsage(saved.conversation, 1));
    expect(turnUsage(saved.conversation, 1).cache_read_input_tokens).toBe(turnUsage(saved.conversation, 0).cache_creation_input_tokens);
  });

  it('appends to the file on --resume, and starts a fork\'s file with the turns it kept', async () => {
    const first = sandbox.spawn({ args: ['--session-id', 'orig'] });
    await first.waitForText('demo · model');
    for (const prompt of ['one', 'two']) await say(first, prompt);
    await quit(first);
    const before = logText('orig');

    // Another model: a rewrite of the file would show it in the earlier turns' records.
    const resumed = sandbox.spawn({ args: ['--resume', 'orig', '--model', 'demo-2'] });
    await resumed.waitForText('● You said: "two"');
    await say(resumed, 'three');
    await quit(resumed);
    expect(logText('orig').startsWith(before)).toBe(true);
    expect(texts('orig').filter((_, i) => i % 2 === 0)).toEqual(['one', 'two', 'three']);

    const fork = sandbox.spawn({ args: ['--resume', 'orig', '--at-turn', '1', '--session-id', 'fork-1'] });
    await fork.waitForText('(forked from orig at turn 1)');
    expect(texts('fork-1')).toEqual(['one', 'You said: "one"']);
    await say(fork, 'four');
    expect(texts('fork-1')).toEqual(['one', 'You said: "one"', 'four', 'You said: "four"']);
    expect(logged('fork-1').every((r) => r.sessionId === 'fork-1')).toBe(true);
    expect(texts('orig')).toHaveLength(6);
  });
});
