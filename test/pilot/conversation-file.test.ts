import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionLogText } from '../../src/demo/session-log.js';
import { ConversationTurnCounter, conversationFile, newestConversation } from '../../src/pilot/conversation-file.js';
import { isConversationTurn } from '../../src/pilot/session-records.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-convfile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (r: unknown) => JSON.stringify(r) + '\n';
const prompt = (text: unknown, extra: Record<string, unknown> = {}) => ({ type: 'user', message: { role: 'user', content: text }, ...extra });
const fields = () => ({ cwd: join(dir, 'work'), home: join(dir, 'home') });
/** Write a file and give it a modification time (epoch ms). */
const file = (path: string, text: string, mtimeMs: number) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
};

describe('a turn of the conversation, in the records', () => {
  it("is a person's prompt the model answers: Claude Code's user prompt, Codex's user_message", () => {
    expect(isConversationTurn(prompt('write a.txt'))).toBe(true);
    expect(isConversationTurn(prompt([{ type: 'text', text: 'look at this' }, { type: 'image' }]))).toBe(true);
    expect(isConversationTurn({ type: 'event_msg', payload: { type: 'user_message', message: 'hi' } })).toBe(true);
  });

  it('is not a tool result, a hook note, a subagent, a compaction summary or a slash command answered locally', () => {
    expect(isConversationTurn(prompt([{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }]))).toBe(false);
    expect(isConversationTurn(prompt('note', { isMeta: true }))).toBe(false);
    expect(isConversationTurn(prompt('sub', { isSidechain: true }))).toBe(false);
    expect(isConversationTurn(prompt('summary of the above', { isCompactSummary: true }))).toBe(false);
    expect(isConversationTurn(prompt('<command-name>/cost</command-name>\n<command-args></command-args>'))).toBe(false);
    expect(isConversationTurn(prompt('<local-command-stdout>Total cost: $0.01</local-command-stdout>'))).toBe(false);
    expect(isConversationTurn({ type: 'assistant', message: { content: 'x' } })).toBe(false);
    expect(isConversationTurn({ type: 'event_msg', payload: { type: 'agent_message' } })).toBe(false);
    expect(isConversationTurn('garbage')).toBe(false);
  });

  it("counts the demo agent's records as its turns", () => {
    const conversation = { id: 'c1', model: 'demo-1', cwd: '/w', turns: ['one', 'two', 'three'].map((p) => ({ prompt: p, reply: `You said: "${p}"`, at: new Date(0).toISOString() })) };
    const records = sessionLogText(conversation).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(records.filter(isConversationTurn)).toHaveLength(3);
  });
});

describe('counting the turns in a session file', () => {
  it('counts what is there, then only what was added; a file replaced is counted again', () => {
    const path = join(dir, 'c1.jsonl');
    writeFileSync(path, line(prompt('one')) + line({ type: 'assistant', message: { content: 'a' } }) + line(prompt('two')));
    const counter = new ConversationTurnCounter();
    expect(counter.count(path)).toBe(2);
    appendFileSync(path, line(prompt([{ type: 'tool_result', content: 'x' }])) + line(prompt('three')) + '{"type":"user","mess');
    expect(counter.count(path)).toBe(3); // a line being written is counted once it is whole
    appendFileSync(path, 'age":{"content":"four"}}\n');
    expect(counter.count(path)).toBe(4);
    // cut back to its first turn (a fork written over the name): counted from its start
    writeFileSync(join(dir, 'new'), line(prompt('one')));
    renameSync(join(dir, 'new'), path);
    expect(counter.count(path)).toBe(1);
    expect(counter.count(join(dir, 'missing.jsonl'))).toBeNull();
  });
});

describe("finding a conversation's session file", () => {
  it('by its id, from a template that names it', () => {
    file(join(dir, 'state', 'c1.jsonl'), line(prompt('one')), 1000);
    expect(conversationFile('../state/{id}.jsonl', { ...fields(), id: 'c1' })).toBe(join(dir, 'state', 'c1.jsonl'));
    expect(conversationFile('../state/{id}.jsonl', { ...fields(), id: 'c2' })).toBeNull();
    expect(conversationFile('../state/{id}.jsonl', { ...fields(), id: null })).toBeNull();
  });

  it("from a template without {id}: only a file whose name holds the conversation's id", () => {
    file(join(dir, 'state', 'c1.jsonl'), line(prompt('one')), 1000);
    file(join(dir, 'state', 'c2.jsonl'), line(prompt('one')), 2000);
    expect(conversationFile('../state/*.jsonl', { ...fields(), id: 'c1' })).toBeNull(); // the newest is c2's
    expect(conversationFile('../state/*.jsonl', { ...fields(), id: 'c2' })).toBe(join(dir, 'state', 'c2.jsonl'));
  });

  it('the conversation a session began: the newest file written since, its id read off the name', () => {
    const started = 100_000;
    file(join(dir, 'state', 'old.jsonl'), '', started - 60_000);
    expect(newestConversation('../state/{id}.jsonl', fields(), started)).toBeNull(); // only an older one
    file(join(dir, 'state', '3f1c2a9e-0000-4000-8000-00000000000a.jsonl'), '', started + 500);
    file(join(dir, 'state', '3f1c2a9e-0000-4000-8000-00000000000b.jsonl'), '', started + 900);
    expect(newestConversation('../state/{id}.jsonl', fields(), started)).toEqual({
      id: '3f1c2a9e-0000-4000-8000-00000000000b',
      path: join(dir, 'state', '3f1c2a9e-0000-4000-8000-00000000000b.jsonl'),
    });
    expect(newestConversation('../state/*.jsonl', fields(), started)).toBeNull(); // no {id} to read
  });

  it("passes over another agent's conversation, and a file made in another directory", () => {
    const started = 100_000;
    const mine = join(dir, 'state', 'aaaaaaaa-0000-4000-8000-000000000001.jsonl');
    const others = join(dir, 'state', 'aaaaaaaa-0000-4000-8000-000000000002.jsonl');
    const elsewhere = join(dir, 'state', 'aaaaaaaa-0000-4000-8000-000000000003.jsonl');
    file(mine, line({ type: 'session_meta', payload: { id: '1', cwd: join(dir, 'work') } }), started + 100);
    file(others, line({ type: 'user', cwd: join(dir, 'work'), message: { content: 'x' } }), started + 200);
    file(elsewhere, line({ type: 'session_meta', payload: { cwd: '/somewhere/else' } }), started + 300);
    expect(newestConversation('../state/{id}.jsonl', fields(), started)?.path).toBe(others);
    expect(newestConversation('../state/{id}.jsonl', fields(), started, new Set(['aaaaaaaa-0000-4000-8000-000000000002']))?.path).toBe(mine);
  });

  it("Codex's rollout-<time>-<uuid>: the id is the uuid, though the time has dashes too", () => {
    const id = '5973b6c0-94b8-487b-a530-2aeb6098ae0e';
    const path = join(dir, 'home', '.codex', 'sessions', '2026', '12', '05', `rollout-2026-12-05T17-24-21-${id}.jsonl`);
    file(path, '', 5000);
    expect(newestConversation('~/.codex/sessions/*/*/*/rollout-*-{id}.jsonl', fields(), 4000)).toEqual({ id, path });
  });
});
