import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/protocol/messages.js';
import { killServer, pidGone } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// Agents added at run time (an orchestrator's workers, `hangar add`) outlive a server that dies:
// the next server adds them again — their parent kept — and starts those that were running; one
// stopped on purpose stays stopped. `hangar down` of the whole fleet forgets them.
const CONFIG = `
[defaults]
session_prefix = "ar-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"

[[agent]]
name = "lead"
prompt = "lead the way"
`;

describe('agents added at run time, across a server that dies', () => {
  const fleet = new TestFleet('ar', CONFIG, { DEMO_THINK_MS: '100' });
  afterAll(() => fleet.stop());
  const agents = async () => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: SessionInfo[] }).agents;

  it('a kill -9 of the server: the next one brings back the workers that ran; one stopped on purpose stays stopped', async () => {
    await fleet.up(['lead']);
    await fleet.hangar('add', 'w1', '--prompt', 'first task');
    await fleet.hangar('add', 'w2', '--prompt', 'second task');
    await fleet.hangar('end', 'w2', 'completed', 'done');
    const before = await agents();
    const pids = before.map((a) => a.pid).filter((p): p is number => p !== null);

    await killServer(join(fleet.dir, 'state'));
    for (const pid of pids) await pidGone(pid);
    await fleet.hangar('up', '-d');

    const after = await agents();
    expect(after.map((a) => [a.name, a.addedAtRunTime ?? false, a.pid !== null])).toEqual([
      ['lead', false, true],
      ['w1', true, true],
      ['w2', true, false],
    ]);
  }, 120_000);

  it('hangar down of the whole fleet forgets them: the next up has only agents.toml', async () => {
    await fleet.hangar('down');
    await fleet.hangar('up', '-d');
    expect((await agents()).map((a) => a.name)).toEqual(['lead']);
  }, 120_000);
});
