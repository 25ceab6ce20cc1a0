import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConversation } from '../../src/demo/conversation-store.js';
import { TestFleet } from '../helpers/test-fleet.js';

// goto brings back exactly the conversation of the checkpoint, however hangar learns the id of
// each conversation the agent runs: given by hangar (session_id_flag), read off the screen
// (session_id_re), or found as the newest session file. A turn typed into the pane before
// piloting counts; a command the CLI answers without a turn (/history) is no checkpoint; after
// each goto the next turn's checkpoint names the conversation that really runs, with its tokens.
const KICKOFF = 'hello kickoff';
const TYPED = 'write typed.txt by hand';

export type IdSource = 'given' | 'screen' | 'file';

function config(prefix: string, source: IdSource): string {
  const lines = [
    '[defaults]',
    `session_prefix = "${prefix}"`,
    'log_dir = "state"',
    'dir = "work"',
    'backend = "demo"',
    '',
    '[backend.demo]',
    'bin = "hangar-demo"',
    'flags = "--state-dir ../demo-state"',
    'active_re = "esc to interrupt"',
    'model_flag = "--model {model}"',
    'rewind = "resume"',
    'rewind_resume = "--resume {id} --at-turn {turn}"',
    ...(source === 'given' ? ['session_id_flag = "--session-id {new_id}"'] : []),
    ...(source === 'screen' ? ['session_id_re = "session: ([0-9a-f-]{8,})"'] : ['session_file = "../demo-state/{id}.jsonl"']),
    '',
    '[price."demo-1"]',
    'input_per_million = 3.0',
    'output_per_million = 15.0',
    '',
    '[[agent]]',
    'name = "builder"',
    'model = "demo-1"',
    `prompt = "${KICKOFF}"`,
    '',
  ];
  return lines.join('\n');
}

/** The whole reproduction, for one way of learning the conversation's id (a file each, run in parallel). */
export function describeGotoConversation(source: IdSource, prefix: string): void {
  describe(`goto brings back the conversation (id ${source})`, () => {
    let fleet: TestFleet;
    const hangar = (...args: string[]) => fleet.hangar(...args);
    const idle = () => fleet.idle('builder');
    const turn = (prompt: string, label: string) => fleet.turn('builder', prompt, label);
    const cp = async (label: string) => (await fleet.checkpoints('builder')).find((c) => c.label === label)!;
    const labels = async () => (await fleet.checkpoints('builder')).map((c) => c.label);
    const runningId = () => fleet.demoConversationId('builder');
    /** The prompts of the conversation the agent runs, as the demo itself keeps it (the id its footer shows). */
    const conversation = async () => {
      const loaded = loadConversation(join(fleet.dir, 'demo-state'), (await runningId()) ?? '?');
      if (!loaded.ok) throw new Error(loaded.error);
      return loaded.conversation.turns.map((t) => t.prompt);
    };
    /**
     * The demo's /history, a command it answers without a turn: no checkpoint where a session
     * file measures the conversation (without one, hangar cannot tell it from a turn).
     */
    const history = async () => {
      if (source === 'screen') return;
      const before = await labels();
      const reply = await hangar('send', 'builder', '/history', '--wait');
      const listed = reply.split('\n').map((l) => /^\s*\d+\. (.*)$/.exec(l)?.[1]).filter((p): p is string => p !== undefined);
      expect(listed).toEqual(await conversation());
      expect(await labels()).toEqual(before);
    };
    const goto = async (label: string) => {
      await hangar('goto', 'builder', label);
      await idle();
    };
    /** The checkpoint of a turn names the conversation that runs, and (with a session file) its tokens. */
    const expectRunning = async (label: string) => {
      const c = await cp(label);
      const seen = JSON.stringify((await fleet.checkpoints('builder')).map((x) => [x.label, x.parent, x.prompt, x.conversationId, x.tokens]));
      expect(c.conversationId, seen).toBe(await runningId());
      if (source !== 'screen') expect(c.tokens ?? 0, seen).toBeGreaterThan(0);
    };

    beforeAll(async () => {
      fleet = new TestFleet(`pc-${source}`, config(prefix, source), { DEMO_THINK_MS: '100' });
      await fleet.up(['builder']);
    });
    afterAll(() => fleet.stop());

    it('a typed turn before piloting counts; goto T1, a new branch, goto T3 and back to T4', async () => {
      // a turn typed into the pane, key by key, before piloting begins
      const working = fleet.nextEvent((e) => e.type === 'status' && e.name === 'builder' && e.status === 'working');
      await hangar('keys', 'builder', '-l', TYPED);
      await hangar('keys', 'builder', 'Enter');
      await working();
      await idle();
      await hangar('pilot', 'builder');
      expect(await conversation()).toEqual([KICKOFF, TYPED]);
      await history();

      await turn('write a.txt one', 'T1');
      await turn('write b.txt two', 'T2');
      await turn('write c.txt three', 'T3');

      await goto('T1');
      expect(await conversation()).toEqual([KICKOFF, TYPED, 'write a.txt one']);
      await history(); // the fork holds what T1 held: still no turn
      await turn('write d.txt four', 'T4');
      await expectRunning('T4');
      expect(await cp('T4')).toMatchObject({ parent: 'T1', prompt: 'write d.txt four' });

      await goto('T3');
      expect(await conversation()).toEqual([KICKOFF, TYPED, 'write a.txt one', 'write b.txt two', 'write c.txt three']);
      await goto('T4');
      expect(await conversation()).toEqual([KICKOFF, TYPED, 'write a.txt one', 'write d.txt four']);
      await turn('write e.txt five', 'T5');
      await expectRunning('T5');
      expect(await conversation()).toEqual([KICKOFF, TYPED, 'write a.txt one', 'write d.txt four', 'write e.txt five']);

      // the id hangar keeps for resume (state/builder.id) is the one that runs
      expect(readFileSync(join(fleet.dir, 'state', 'state', 'builder.id'), 'utf8').trim()).toBe(await runningId());
      expect(await labels()).toEqual(['root', 'T1', 'T2', 'T3', 'T4', 'T5']);
    }, 600_000); // a safety net, not a budget: three restarts and six turns took 190 s on a loaded 2-core machine
  });
}
