import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Fleet } from '../../src/fleet/fleet.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { Conversations } from '../../src/pilot/conversations.js';

// Which conversation an agent runs when the CLI chooses its id (no session_id_flag): the newest
// session file written since its session started. The fleet is a stand-in holding one agent "a"
// whose backend's session_file is <dir>/state/{id}.jsonl; the test starts its sessions and
// writes the files the CLI would.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-convs-'));
  mkdirSync(join(dir, 'state'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';

/** A session file for conversation `id`, written at `mtimeMs` (epoch ms). */
function writeConversation(id: string, mtimeMs: number): void {
  const path = join(dir, 'state', `${id}.jsonl`);
  writeFileSync(path, JSON.stringify({ type: 'user', sessionId: id, cwd: join(dir, 'work'), message: { content: 'go' } }) + '\n');
  utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
}

/** A stand-in fleet of one agent; `start(at)` begins a session whose conversation's id the CLI chooses. */
function fleetOfOne() {
  const listeners: ((e: FleetEvent) => void)[] = [];
  let conversation: Conversation | null = null;
  const learnt: string[] = [];
  const none = { dispose: () => undefined };
  const fleet = {
    names: () => ['a'],
    isRunning: () => conversation !== null,
    agents: () => [{ name: 'a', backend: 'b', dir: join(dir, 'work') }],
    currentConfig: { backends: { b: { session_file: '../state/{id}.jsonl' } } },
    session: () => ({ onPrompt: () => none, onSubmit: () => none }),
    conversation: () => conversation,
    learnConversationId: (_: string, id: string) => {
      conversation!.id = id;
      learnt.push(id);
    },
    onEvent: (listener: (e: FleetEvent) => void) => {
      listeners.push(listener);
      return none;
    },
  } as unknown as Fleet;
  const start = (at: number) => {
    conversation = { id: null, turnsAtStart: 0, startedAt: at };
    for (const l of listeners) l({ type: 'started', name: 'a', pid: 1, at });
  };
  return { fleet, start, learnt };
}

describe('the conversation a session runs, when the CLI chooses its id', () => {
  it('is not the conversation before it, written a moment before the restart (a goto forking it)', () => {
    const { fleet, start, learnt } = fleetOfOne();
    const conversations = new Conversations(fleet);
    const t = Date.now();
    writeConversation(A, t - 600); // the last turn before the goto, 0.6 s before the restart
    start(t);
    // the fork's file is not written yet: no id, rather than the old conversation's for good
    expect(conversations.id('a')).toBeNull();
    writeConversation(B, t + 300);
    expect(conversations.id('a')).toBe(B);
    expect(learnt).toEqual([B]);
  });

  it('a file there before the start that is written again since is the one the session runs', () => {
    const { fleet, start } = fleetOfOne();
    const conversations = new Conversations(fleet);
    const t = Date.now();
    writeConversation(A, t - 600);
    start(t);
    writeConversation(A, t + 400); // the CLI carried on in that file (a resume whose id hangar was not told)
    expect(conversations.id('a')).toBe(A);
  });
});
