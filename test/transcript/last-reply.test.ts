import { describe, expect, it } from 'vitest';
import { lastReply } from '../../src/transcript/last-reply.js';
import type { TranscriptEntry } from '../../src/transcript/transcript-entry.js';

const at = null;

describe("an agent's last reply (check)", () => {
  it("is the assistant's text of the newest turn that has any, its parts joined", () => {
    const entries: TranscriptEntry[] = [
      { turn: 1, at, type: 'prompt', text: 'one' },
      { turn: 1, at, type: 'text', text: 'first answer' },
      { turn: 2, at, type: 'prompt', text: 'two' },
      { turn: 2, at, type: 'text', text: 'Looking.' },
      { turn: 2, at, type: 'tool_call', id: 'a', tool: 'Bash', arg: 'ls' },
      { turn: 2, at, type: 'text', text: 'Done: two files.\n' },
      { turn: 2, at, type: 'turn_end', usage: null, cost_usd: null, model: null },
      // a turn that said nothing yet (it only called a tool): the last words are the turn before's
      { turn: 3, at, type: 'prompt', text: 'three' },
      { turn: 3, at, type: 'tool_call', id: 'b', tool: 'Bash', arg: 'make' },
    ];
    expect(lastReply(entries)).toBe('Looking.\n\nDone: two files.');
  });

  it("leaves a subagent's text out, and is null when nothing was said", () => {
    expect(lastReply([{ turn: 1, at, type: 'text', text: 'from a subagent', sidechain: true }])).toBeNull();
    expect(lastReply([{ turn: 1, at, type: 'prompt', text: 'hi' }])).toBeNull();
  });
});
