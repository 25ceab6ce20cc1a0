import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveConversation, type Conversation } from '../../src/demo/conversation-store.js';
import { openConversation } from '../../src/demo/open-conversation.js';

describe('openConversation', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'hangar-demo-open-'));
    saveConversation(stateDir, saved);
  });
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  const saved: Conversation = {
    id: 'orig',
    model: 'demo-1',
    cwd: '/old',
    turns: ['one', 'two', 'three'].map((prompt) => ({ prompt, reply: `re ${prompt}`, at: '2025-01-01T00:00:00.000Z' })),
  };
  type Options = Parameters<typeof openConversation>[0];
  const open = (options: Partial<Options>) =>
    openConversation({ sessionId: undefined, resumeId: undefined, fork: false, atTurn: undefined, model: 'demo-2', stateDir, ...options }, '/here', () => 'made-up');

  it('starts a new, empty conversation under --session-id or a made-up id', () => {
    expect(open({})).toEqual({ ok: true, conversation: { id: 'made-up', model: 'demo-2', cwd: '/here', turns: [] } });
    expect(open({ sessionId: 'mine' })).toMatchObject({ ok: true, conversation: { id: 'mine', turns: [] } });
  });

  it('resumes a saved conversation under its own id', () => {
    expect(open({ resumeId: 'orig' })).toEqual({ ok: true, conversation: { ...saved, model: 'demo-2', cwd: '/here' } });
  });

  it('forks at a turn into a new id and only reads the saved file', () => {
    const opened = open({ resumeId: 'orig', fork: true, atTurn: 1 });
    expect(opened).toEqual({
      ok: true,
      conversation: { id: 'made-up', model: 'demo-2', cwd: '/here', turns: saved.turns.slice(0, 1), forkedFrom: { id: 'orig', turn: 1 } },
    });
    expect(open({ resumeId: 'orig', fork: true, sessionId: 'named' })).toMatchObject({ ok: true, conversation: { id: 'named', turns: saved.turns } });
    expect(readdirSync(stateDir)).toEqual(['orig.json']);
  });

  it('passes on a missing conversation and a turn past its end', () => {
    expect(open({ resumeId: 'gone' })).toEqual({ ok: false, error: `no conversation gone in ${stateDir}` });
    expect(open({ resumeId: 'gone', fork: true, atTurn: 0 })).toMatchObject({ ok: false, error: expect.stringContaining('no conversation gone') });
    expect(open({ resumeId: 'orig', fork: true, atTurn: 9 })).toEqual({ ok: false, error: 'conversation orig has 3 turns; cannot resume at turn 9' });
  });
});
