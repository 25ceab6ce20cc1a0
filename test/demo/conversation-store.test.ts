import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationPath, loadConversation, saveConversation, type Conversation } from '../../src/demo/conversation-store.js';

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
});
