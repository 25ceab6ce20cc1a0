import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFollower } from '../helpers/event-follower.js';
import { runHangar } from '../helpers/run-hangar.js';
import { demoConversationPrompts, pilotFleetConfig } from '../helpers/pilot-fleet.js';

// Pilot mode end to end through the CLI: a demo agent in a folder that is not a git
// repository (so the pilot keeps a private one), three turns that write files, then goto,
// undo, a branch in the tree, and a second agent branched from a checkpoint.
const CONFIG = pilotFleetConfig('pi-');

interface Cp {
  label: string;
  parent: string | null;
  kind: string;
  prompt: string;
}

describe('pilot mode through the CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let follower: EventFollower;
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });
  const work = (file: string) => join(dir, 'work', file);
  const read = (file: string) => (existsSync(work(file)) ? readFileSync(work(file), 'utf8') : null);
  /** The turns the demo's current conversation holds, from its state file. */
  const conversationPrompts = (agent = 'builder') => demoConversationPrompts(join(dir, 'state', 'state'), agent, join(dir, 'demo-state'));
  const checkpointed = (label: string) => follower.next((e) => e.type === 'pilot' && e.current === label && e.message.startsWith(`builder ${label} —`), 20_000);
  const timeline = async () => JSON.parse((await hangar('checkpoints', 'builder', '--json')).stdout) as { current: string; checkpoints: Cp[] };
  const turn = async (prompt: string, label: string) => {
    expect((await hangar('send', 'builder', prompt, '--wait')).code).toBe(0);
    await checkpointed(label);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-pilot-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    env = { DEMO_THINK_MS: '100', DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
    follower = new EventFollower(dir, env);
    expect((await hangar('up', '-d')).code).toBe(0);
    expect((await hangar('wait', 'builder', '--for', 'idle', '--timeout', '15')).code).toBe(0);
  });

  afterAll(async () => {
    follower.stop();
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${join(dir, 'work')}-builder-T2`, { recursive: true, force: true });
  });

  it('checkpoints three turns, goes back to T1 with files and conversation, undoes, returns to T3, branches the tree', async () => {
    const begun = await hangar('pilot', 'builder');
    expect(begun.code).toBe(0);
    expect(begun.stdout).toContain('builder — at root');

    await turn('write a.txt one', 'T1');
    await turn('write b.txt two', 'T2');
    await turn('write a.txt three', 'T3');
    let tl = await timeline();
    expect(tl.current).toBe('T3');
    expect(tl.checkpoints.map((c) => [c.label, c.parent, c.prompt])).toEqual([
      ['root', null, ''],
      ['T1', 'root', 'write a.txt one'],
      ['T2', 'T1', 'write b.txt two'],
      ['T3', 'T2', 'write a.txt three'],
    ]);
    expect(conversationPrompts()).toEqual(['write a.txt one', 'write b.txt two', 'write a.txt three']);

    const back = await hangar('goto', 'builder', 'T1');
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/builder is back at T1 \(files restored; conversation: resume\)/);
    expect([read('a.txt'), read('b.txt')]).toEqual(['one\n', null]);
    expect((await hangar('wait', 'builder', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    expect(conversationPrompts()).toEqual(['write a.txt one']);

    const undone = await hangar('undo', 'builder');
    expect(undone.stdout).toMatch(/back at root/);
    expect([read('a.txt'), read('b.txt')]).toEqual([null, null]);

    expect((await hangar('goto', 'builder', 'T3')).code).toBe(0);
    expect([read('a.txt'), read('b.txt')]).toEqual(['three\n', 'two\n']);
    expect((await hangar('wait', 'builder', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    expect(conversationPrompts()).toEqual(['write a.txt one', 'write b.txt two', 'write a.txt three']);

    // a turn after going back to T1 starts a branch; the old turns stay reachable
    expect((await hangar('goto', 'builder', 'T1')).code).toBe(0);
    expect((await hangar('wait', 'builder', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    await turn('write c.txt four', 'T4');
    tl = await timeline();
    expect(tl.checkpoints.find((c) => c.label === 'T4')).toMatchObject({ parent: 'T1', kind: 'turn' });
    expect(tl.checkpoints.find((c) => c.label === 'T2')).toMatchObject({ parent: 'T1' });
    const tree = (await hangar('checkpoints', 'builder')).stdout;
    expect(tree).toMatch(/T4/);
    expect(tree).toMatch(/T3/);

    const history = (await hangar('history', 'builder')).stdout;
    expect(history).toMatch(/^T1  ❯ write a\.txt one/m);
    expect(history).toMatch(/^T4  ❯ write c\.txt four/m);
    expect(history).not.toMatch(/T2/); // the other branch is not on the path to the present

    const stat = await hangar('diff', 'builder', 'T1', 'T3', '--stat');
    expect(stat.stdout).toMatch(/modified\s+\+1 −1\s+a\.txt/);
    expect(stat.stdout).toMatch(/added\s+\+1 −0\s+b\.txt/);
  }, 90_000);

  it('branch T2: a second agent in a copy holding T2\'s files, running beside the first', async () => {
    const r = await hangar('branch', 'builder', 'T2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/builder-T2 started from builder T2/);
    const copy = `${join(dir, 'work')}-builder-T2`;
    expect(readFileSync(join(copy, 'a.txt'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(copy, 'b.txt'), 'utf8')).toBe('two\n');
    expect((await hangar('wait', 'builder-T2', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    expect(conversationPrompts('builder-T2')).toEqual(['write a.txt one', 'write b.txt two']);
    const status = JSON.parse((await hangar('status', '--json')).stdout);
    expect(status.agents.map((a: { name: string; state: string; restarts: number }) => [a.name, a.state, a.restarts])).toEqual([
      ['builder', 'RUNNING', 0], // a rewind starts it on its rewound conversation: no restart
      ['builder-T2', 'RUNNING', 0], // started once, on T2's conversation
    ]);
  }, 30_000);
});
