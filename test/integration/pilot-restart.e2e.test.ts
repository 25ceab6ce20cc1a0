import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { EventFollower } from '../helpers/event-follower.js';
import { pidGone, runHangar } from '../helpers/run-hangar.js';

// A piloted agent goes on being piloted across its server's end — a clean `down` / `up -d` and
// a kill -9 in the middle of a turn — with no `hangar pilot` to repair it: the next turns are
// checkpoints on the same timeline, and the turn the killed server was in is recorded too.
const CONFIG = `
[defaults]
session_prefix = "prs-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
flags = "--state-dir ../demo-state"
active_re = "esc to interrupt"
supports_resume = true
resume_flag = "--resume {id}"
session_id_flag = "--session-id {new_id}"
session_file = "../demo-state/{id}.jsonl"
rewind = "resume"
rewind_resume = "--resume {id} --at-turn {turn}"

[[agent]]
name = "builder"
resume = true
prompt = "hello kickoff"
`;

interface Cp {
  label: string;
  parent: string | null;
  prompt: string;
  conversationId: string | null;
  tokens?: number;
  interrupted?: boolean;
}

describe('a piloted agent across server restarts', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let follower: EventFollower;
  const hangar = async (...args: string[]) => {
    const r = await runHangar(args, { cwd: dir, env });
    if (r.code !== 0) throw new Error(`hangar ${args.join(' ')} → ${r.code}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  };
  const checkpointed = (label: string) => follower.next((e) => e.type === 'pilot' && e.current === label && e.message.startsWith(`builder ${label} —`), 30_000);
  const idle = () => hangar('wait', 'builder', '--for', 'idle', '--timeout', '30');
  const checkpoints = async () => (JSON.parse(await hangar('checkpoints', 'builder', '--json')) as { checkpoints: Cp[] }).checkpoints;
  const runningId = async () => /session ([0-9a-f-]{8,})/.exec((await hangar('screen', 'builder')).split('\n').filter(Boolean).at(-1) ?? '')?.[1];
  const turn = async (prompt: string, label: string) => {
    const done = checkpointed(label);
    await hangar('send', 'builder', prompt, '--wait');
    await done;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-prs-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    // a turn long enough to kill the server in the middle of it
    env = { DEMO_THINK_MS: '1500', XDG_STATE_HOME: join(dir, 'xdg') };
    follower = new EventFollower(dir, env);
    await hangar('up', '-d');
    await idle();
  });

  afterAll(async () => {
    follower.stop();
    await runHangar(['down'], { cwd: dir, env });
    rmSync(dir, { recursive: true, force: true });
  });

  it('after down and up -d, the next turn is a checkpoint on the same timeline', async () => {
    await hangar('pilot', 'builder');
    await turn('write a.txt one', 'T1');
    await hangar('down');
    await hangar('up', '-d');
    await idle();
    await turn('write b.txt two', 'T2');
    const t2 = (await checkpoints()).find((c) => c.label === 'T2')!;
    expect(t2).toMatchObject({ parent: 'T1', prompt: 'write b.txt two' });
    expect(t2.conversationId).toBe(await runningId());
    expect(t2.tokens).toBeGreaterThan(0);
  }, 90_000);

  it('after a kill -9 in the middle of a turn, that turn is recorded and the next one follows it', async () => {
    const from = follower.events.length;
    const working = follower.next((e: FleetEvent) => follower.events.indexOf(e) >= from && e.type === 'status' && e.name === 'builder' && e.status === 'working', 30_000);
    await hangar('send', 'builder', 'write c.txt three');
    await working;
    const serverPid = (JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')) as { pid: number }).pid;
    process.kill(serverPid, 'SIGKILL');
    await pidGone(serverPid, 30_000);

    const interrupted = checkpointed('T3');
    await hangar('up', '-d');
    await interrupted;
    await idle();
    expect((await checkpoints()).find((c) => c.label === 'T3')).toMatchObject({ parent: 'T2', prompt: 'write c.txt three', interrupted: true });

    await turn('write d.txt four', 'T4');
    const t4 = (await checkpoints()).find((c) => c.label === 'T4')!;
    expect(t4).toMatchObject({ parent: 'T3', prompt: 'write d.txt four' });
    expect(t4.conversationId).toBe(await runningId());
    expect(t4.tokens).toBeGreaterThan(0);
    expect((await hangar('checkpoints', 'builder'))).toMatch(/T3 +\[interrupted\] write c\.txt three/);
  }, 90_000);
});
