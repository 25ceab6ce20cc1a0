import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseIndexPath } from '../../src/config/phase-index.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { EventFollower } from '../helpers/event-follower.js';
import { alive, killServer, pidGone, runHangar } from '../helpers/run-hangar.js';
import { DONE, PhaseProject } from '../watchdog/phase-project.js';
import { printFigures, serverFigures, serverPid } from './figures.js';

// kill -9 of the server in the middle of a phase move: the watchdog has seen p1 DONE, written
// the new index and begun stopping the loop agents to start them on p2 — and the server dies.
// The loop agents shrug off SIGTERM (their shell ignores it), so the stop waits out its 3 s
// grace: the kill lands inside the move, not by luck of timing. The next server must find one
// phase, whole, and start the loop on it.
const TERM_PROOF_DEMO = `sh -c 'trap \\"\\" TERM; hangar-demo \\"$@\\"; sleep 60' sh`;

interface AgentJson {
  name: string;
  status: string;
  pid: number | null;
  model: string;
}

describe('kill -9 of the server during a phase move', () => {
  const project = new PhaseProject({ phases: ['p1', 'p2'], kickoff: 'Phase {phase_id}: record progress in {status}.\n', bin: TERM_PROOF_DEMO });
  const env = { DEMO_THINK_MS: '100', XDG_STATE_HOME: join(project.dir, 'xdg'), DEMO_STATE_DIR: join(project.dir, 'demo-state') };
  const hangar = (...args: string[]) => runHangar(args, { cwd: project.dir, env });
  const logDir = join(project.dir, 'state');
  let follower: EventFollower;
  const agents = async () => (JSON.parse((await hangar('status', '--json')).stdout) as { agents: AgentJson[] }).agents;

  beforeAll(async () => {
    project.write('STATUS-p1.md', '# Status\n\nWorking on it.\n');
    follower = new EventFollower(project.dir, env);
    expect((await hangar('up', '-d', 'builder', 'adversary')).code).toBe(0);
    for (const name of ['builder', 'adversary']) expect((await hangar('wait', name, '--for', 'idle', '--timeout', '20')).code).toBe(0);
  });

  afterAll(async () => {
    follower.stop();
    await hangar('down');
    project.cleanup();
  });

  it('the new server finds the phase whole — the new one — and starts the loop on it', async () => {
    const config = project.config();
    expect(JSON.parse((await hangar('phase', 'show', '--json')).stdout)).toMatchObject({ current: 0 });
    const oldBuilder = (await agents()).find((a) => a.name === 'builder')!.pid!;
    const sent = Date.now();
    project.write('STATUS-p1.md', DONE());
    // the end of the builder's turn makes the watchdog look at the status file
    expect((await hangar('send', 'builder', 'hello', '--wait')).code).toBe(0);
    const advance = (await follower.next((e) => e.type === 'watchdog' && e.kind === 'phase-advance' && e.at >= sent && /p2/.test(e.message), 30_000)) as Extract<FleetEvent, { type: 'watchdog' }>;
    printFigures('phase move, server before its kill -9', serverFigures(serverPid(logDir)));
    // the move is stopping the old builder, whose process group had its SIGTERM and outlives it
    expect(alive(-oldBuilder)).toBe(true);
    await killServer(logDir);
    const killedAt = Date.now();
    // its pty closed with the server: the hangup ends it
    await pidGone(-oldBuilder);
    // killed inside the move: nothing was started on p2 yet
    expect(follower.events.filter((e) => e.type === 'started' && e.at >= advance.at)).toEqual([]);

    // one phase, whole: the index names p2 and nothing half-written lies beside it
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('1');
    const stateDir = join(logDir, 'state');
    expect(readdirSync(stateDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse((await hangar('phase', 'show', '--json')).stdout)).toMatchObject({ current: 1 });

    // the move resumes: up starts the loop agents with p2's kickoff and models
    const upFrom = Date.now();
    expect((await hangar('up', '-d', 'builder', 'adversary')).code).toBe(0);
    const upAt = Date.now();
    for (const name of ['builder', 'adversary']) expect((await hangar('wait', name, '--for', 'idle', '--timeout', '20')).code).toBe(0);
    expect(readFileSync(join(stateDir, 'kickoff-ph-builder.txt'), 'utf8')).toContain('Phase p2: record progress in STATUS-p2.md.');
    expect(readFileSync(join(stateDir, 'kickoff-ph-adversary.txt'), 'utf8')).toContain('Phase p2');
    const builder = (await agents()).find((a) => a.name === 'builder')!;
    expect(builder).toMatchObject({ status: 'idle', model: 'model-p2' });
    expect((await hangar('screen', 'builder')).stdout).toContain('Phase p2');
    expect(readFileSync(phaseIndexPath(config), 'utf8')).toBe('1');

    printFigures('phase move', {
      'advance to kill -9': `${killedAt - advance.at} ms`,
      'old loop agents gone (hangup) after the kill': `${upFrom - killedAt} ms`,
      'up on p2 answered in': `${upAt - upFrom} ms`,
      ...serverFigures(serverPid(logDir)),
    });
  }, 90_000);
});
