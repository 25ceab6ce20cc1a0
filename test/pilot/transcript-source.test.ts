import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateTranscript } from '../../src/pilot/transcript-source.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'hangar-transcript-source-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';
const CLAUDE = '~/.claude/projects/{cwd_slug}/{id}.jsonl';
const agent = { name: 'builder', backend: 'claude', dir: '/work/app' };

/** A session file with its cwd recorded, written `age` seconds ago. */
function session(path: string, age: number): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify({ type: 'user', cwd: '/work/app', message: { role: 'user', content: 'hi' } }) + '\n');
  const t = Date.now() / 1000 - age;
  utimesSync(path, t, t);
  return path;
}

describe("where an agent's transcript is", () => {
  it('is the session file of the conversation it runs', () => {
    const a = session(join(home, '.claude/projects/-work-app', `${ID_A}.jsonl`), 100);
    session(join(home, '.claude/projects/-work-app', `${ID_B}.jsonl`), 1); // newer, another conversation
    expect(locateTranscript(agent, CLAUDE, ID_A, home)).toEqual({ name: 'builder', backend: 'claude', conversationId: ID_A, path: a });
    expect(locateTranscript(agent, CLAUDE, '33333333-3333-4333-8333-333333333333', home)).toMatchObject({ path: null, reason: expect.stringContaining('no session file for conversation 3333') });
  });

  it("with no id known, is the newest session file of the agent's directory that is no other agent's", () => {
    const a = session(join(home, '.claude/projects/-work-app', `${ID_A}.jsonl`), 100);
    session(join(home, '.claude/projects/-work-app', `${ID_B}.jsonl`), 1);
    expect(locateTranscript(agent, CLAUDE, null, home, new Set([ID_B]))).toMatchObject({ conversationId: ID_A, path: a });
  });

  it('of a template without {id} (Gemini CLI) is the newest file it matches', () => {
    const chats = join(home, '.gemini/tmp', createHash('sha256').update('/work/app').digest('hex'), 'chats');
    session(join(chats, 'session-2025-11-05T08-00-aaaaaaaa.jsonl'), 100);
    const newest = session(join(chats, 'session-2025-11-05T09-00-bbbbbbbb.jsonl'), 1);
    expect(locateTranscript({ ...agent, backend: 'gemini' }, '~/.gemini/tmp/{cwd_sha256}/chats/session-*.jsonl', null, home)).toMatchObject({ path: newest });
  });

  it('says why there is none: no session_file, or no file yet', () => {
    expect(locateTranscript({ ...agent, backend: 'sh' }, undefined, null, home)).toMatchObject({ path: null, reason: expect.stringContaining('backend "sh" has no session_file') });
    expect(locateTranscript(agent, CLAUDE, null, home)).toMatchObject({ path: null, reason: expect.stringContaining('no conversation of builder known yet') });
  });
});
