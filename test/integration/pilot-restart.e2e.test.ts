import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';
import { pidGone } from '../helpers/run-hangar.js';
import { DEMO_BACKEND } from '../helpers/demo-backend.js';

// A piloted agent goes on being piloted across its server's end — a clean `down` / `up -d` and
// a kill -9 in the middle of a turn — with no `hangar pilot` to repair it: the next turns are
// checkpoints on the same timeline, and the turn the killed server was in is recorded too.
const CONFIG = `
[defaults]
session_prefix = "prs-"
log_dir = "state"
dir = "work"
backend = "demo"

${DEMO_BACKEND}rewind = "resume"
rewind_resume = "--resume {id} --at-turn {turn}"

[[agent]]
name = "builder"
resume = true
prompt = "hello kickoff"
`;

describe('a piloted agent across server restarts', () => {
  let fleet: TestFleet;
  const idle = () => fleet.idle('builder');
  const turn = (prompt: string, label: string) => fleet.turn('builder', prompt, label);
  const cp = async (label: string) => (await fleet.checkpoints('builder')).find((c) => c.label === label)!;
  const runningId = () => fleet.demoConversationId('builder');

  beforeAll(async () => {
    // a turn long enough to kill the server in the middle of it
    fleet = new TestFleet('prs', CONFIG, { DEMO_THINK_MS: '1500' });
    await fleet.up(['builder']);
  });
  afterAll(() => fleet.stop());

  it('after down and up -d, the next turn is a checkpoint on the same timeline', async () => {
    await fleet.hangar('pilot', 'builder');
    await turn('write a.txt one', 'T1');
    await fleet.hangar('down');
    await fleet.hangar('up', '-d');
    await idle();
    await turn('write b.txt two', 'T2');
    const t2 = await cp('T2');
    expect(t2).toMatchObject({ parent: 'T1', prompt: 'write b.txt two' });
    expect(t2.conversationId).toBe(await runningId());
    expect(t2.tokens).toBeGreaterThan(0);
  }, 90_000);

  it('after a kill -9 in the middle of a turn, that turn is recorded and the next one follows it', async () => {
    const working = fleet.nextEvent((e) => e.type === 'status' && e.name === 'builder' && e.status === 'working');
    await fleet.hangar('send', 'builder', 'write c.txt three');
    await working();
    const serverPid = (JSON.parse(readFileSync(join(fleet.dir, 'state', 'server.pid'), 'utf8')) as { pid: number }).pid;
    process.kill(serverPid, 'SIGKILL');
    await pidGone(serverPid, 30_000);

    const interrupted = fleet.checkpointed('builder', 'T3');
    await fleet.hangar('up', '-d');
    await interrupted;
    await idle();
    expect(await cp('T3')).toMatchObject({ parent: 'T2', prompt: 'write c.txt three', interrupted: true });

    await turn('write d.txt four', 'T4');
    const t4 = await cp('T4');
    expect(t4).toMatchObject({ parent: 'T3', prompt: 'write d.txt four' });
    expect(t4.conversationId).toBe(await runningId());
    expect(t4.tokens).toBeGreaterThan(0);
    expect((await fleet.hangar('checkpoints', 'builder'))).toMatch(/T3 +\[interrupted\] write c\.txt three/);
  }, 90_000);
});
