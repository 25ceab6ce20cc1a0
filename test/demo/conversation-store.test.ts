import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationPath, forkConversation, loadConversation, saveConversation, type Conversation } from '../../src/demo/conversation-store.js';

describe('conversation store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-demo-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const conversation: Conversation = { id: 'c1', model: 'demo-1', cwd: '/w', turns: [{ prompt: 'p', reply: 'r', at: '2025-01-01T00:00:00.000Z' }] };

  it('saves to <stateDir>/<id>.json and loads it back, leaving no temp files', () => {
    const stateDir = join(dir, 'made', 'on', 'demand');
    saveConversation(stateDir, conversation);
    expect(conversationPath(stateDir, 'c1')).toBe(join(stateDir, 'c1.json'));
    expect(readdirSync(stateDir)).toEqual(['c1.json']);
    expect(loadConversation(stateDir, 'c1')).toEqual({ ok: true, conversation });
  });

  it('explains a missing, broken or foreign file', () => {
    expect(loadConversation(dir, 'nope')).toEqual({ ok: false, error: `no conversation nope in ${dir}` });
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(loadConversation(dir, 'bad')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    writeFileSync(join(dir, 'shape.json'), JSON.stringify({ id: 'shape', model: 'm', cwd: '/', turns: [{ prompt: 1 }] }));
    expect(loadConversation(dir, 'shape')).toMatchObject({ ok: false, error: expect.stringContaining('not a demo conversation') });
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ ...conversation, id: 'c1' }));
    expect(loadConversation(dir, 'other')).toMatchObject({ ok: false, error: expect.stringContaining('holds conversation c1') });
  });

  it('keeps where a fork came from across a save and a load, and refuses a malformed origin', () => {
    const fork: Conversation = { ...conversation, id: 'f1', forkedFrom: { id: 'c1', turn: 1 } };
    saveConversation(dir, fork);
    expect(loadConversation(dir, 'f1')).toEqual({ ok: true, conversation: fork });
    writeFileSync(join(dir, 'odd.json'), JSON.stringify({ ...conversation, id: 'odd', forkedFrom: { id: 'c1', turn: -1 } }));
    expect(loadConversation(dir, 'odd')).toMatchObject({ ok: false, error: expect.stringContaining('not a demo conversation') });
  });

  it("keeps the file command a turn ran across a save and a load, and refuses a malformed one", () => {
    const withTool: Conversation = { ...conversation, id: 't1', turns: [{ prompt: 'write a.txt x', reply: 'Wrote a.txt (2 bytes)', at: '2025-01-01T00:00:00.000Z', tool: { kind: 'write', path: 'a.txt', text: 'x' } }] };
    saveConversation(dir, withTool);
    expect(loadConversation(dir, 't1')).toEqual({ ok: true, conversation: withTool });
    writeFileSync(join(dir, 't2.json'), JSON.stringify({ ...withTool, id: 't2', turns: [{ ...withTool.turns[0], tool: { kind: 'write', path: 'a.txt' } }] }));
    expect(loadConversation(dir, 't2')).toMatchObject({ ok: false, error: expect.stringContaining('not a demo conversation') });
  });

  it("keeps a scripted turn's steps across a save and a load, and refuses a malformed one", () => {
    const steps = [
      { tool: { kind: 'write' as const, path: 'a.txt', text: 'x' }, result: 'Wrote a.txt (2 bytes)' },
      { tool: { kind: 'mcp' as const, server: 'hangar', name: 'list', input: {}, isError: false }, result: '[]' },
    ];
    const scripted: Conversation = { ...conversation, id: 's1', turns: [{ prompt: 'write a.txt x\n/tool list {}', reply: 'Ran 2 steps.', at: '2025-01-01T00:00:00.000Z', steps }] };
    saveConversation(dir, scripted);
    expect(loadConversation(dir, 's1')).toEqual({ ok: true, conversation: scripted });
    writeFileSync(join(dir, 's2.json'), JSON.stringify({ ...scripted, id: 's2', turns: [{ ...scripted.turns[0], steps: [{ tool: steps[0]!.tool }] }] }));
    expect(loadConversation(dir, 's2')).toMatchObject({ ok: false, error: expect.stringContaining('not a demo conversation') });
  });
});

describe('forkConversation', () => {
  const at = (n: number): string => `2025-01-01T00:00:0${n}.000Z`;
  const source: Conversation = {
    id: 'orig',
    model: 'demo-1',
    cwd: '/old',
    turns: [1, 2, 3].map((n) => ({ prompt: `p${n}`, reply: `r${n}`, at: at(n) })),
  };
  const fork = (atTurn: number | undefined, id = 'new') => forkConversation(source, { id, atTurn, model: 'demo-2', cwd: '/new' });

  it('keeps the first N turns under the new id, with this run\'s model and working dir', () => {
    expect(fork(1)).toEqual({
      ok: true,
      conversation: { id: 'new', model: 'demo-2', cwd: '/new', turns: [source.turns[0]], forkedFrom: { id: 'orig', turn: 1 } },
    });
    expect(fork(2)).toMatchObject({ ok: true, conversation: { turns: source.turns.slice(0, 2), forkedFrom: { turn: 2 } } });
  });

  it('keeps no turn at 0 and every turn at the end or without a turn', () => {
    expect(fork(0)).toMatchObject({ ok: true, conversation: { turns: [], forkedFrom: { id: 'orig', turn: 0 } } });
    expect(fork(3)).toMatchObject({ ok: true, conversation: { turns: source.turns, forkedFrom: { turn: 3 } } });
    expect(fork(undefined)).toMatchObject({ ok: true, conversation: { turns: source.turns, forkedFrom: { turn: 3 } } });
  });

  it('leaves the source as it was', () => {
    const before = structuredClone(source);
    fork(1);
    expect(source).toEqual(before);
  });

  it('refuses a turn past the end, a negative or fractional turn, and the source\'s own id', () => {
    expect(fork(4)).toEqual({ ok: false, error: 'conversation orig has 3 turns; cannot resume at turn 4' });
    expect(fork(-1)).toMatchObject({ ok: false, error: expect.stringContaining('not a whole number') });
    expect(fork(1.5)).toMatchObject({ ok: false, error: expect.stringContaining('not a whole number') });
    expect(fork(1, 'orig')).toEqual({ ok: false, error: 'a fork of orig needs a new session id' });
  });
});
