import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFollower } from '../helpers/event-follower.js';
import { runHangar } from '../helpers/run-hangar.js';
import { PhaseProject } from '../watchdog/phase-project.js';

// The real server's watchdog advances the loop when a demo builder writes DONE into its
// status file: no heavy tick needed (heavy_interval is left at 300 s), the end of the
// builder's turn is what makes the watchdog look.
describe('phase advance in the real server', () => {
  const project = new PhaseProject({ phases: ['p1', 'p2'], kickoff: 'Phase {phase_id}: record progress in {status}.\n' });
  let follower: EventFollower;
  const env = { DEMO_THINK_MS: '100', XDG_STATE_HOME: join(project.dir, 'xdg'), DEMO_STATE_DIR: join(project.dir, 'demo-state') };
  const hangar = (...args: string[]) => runHangar(args, { cwd: project.dir, env });

  beforeAll(async () => {
    project.write('STATUS-p1.md', '# Status\n\nWorking on it.\n');
    follower = new EventFollower(project.dir, env);
    expect((await hangar('up', '-d', 'builder', 'adversary')).code).toBe(0);
    for (const name of ['builder', 'adversary']) expect((await hangar('wait', name, '--for', 'idle', '--timeout', '15')).code).toBe(0);
  });

  afterAll(async () => {
    follower.stop();
    await hangar('down');
    project.cleanup();
  });

  it('a bare marker is not DONE; the marker plus a body advances to p2 and restarts the loop on it', async () => {
    const before = JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === 'builder').pid;
    expect((await hangar('send', 'builder', 'append STATUS-p1.md ## DONE', '--wait')).code).toBe(0);
    expect((await hangar('phase', 'show', '--json')).stdout).toMatch(/"current":\s*0/);
    expect((await hangar('send', 'builder', 'append STATUS-p1.md Every gate is green.', '--wait')).code).toBe(0);
    const advance = await follower.next((e) => e.type === 'watchdog' && e.kind === 'phase-advance' && /p2/.test((e as { message: string }).message));
    const movedAt = (advance as { at: number }).at;
    await follower.next((e) => e.type === 'started' && e.name === 'builder' && e.at >= movedAt);
    expect(readFileSync(join(project.dir, 'state', 'state', 'kickoff-ph-builder.txt'), 'utf8')).toContain('Phase p2: record progress in STATUS-p2.md.');
    const after = JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === 'builder');
    expect(after.pid).not.toBe(before);
    expect(after.model).toBe('model-p2');
  });
});
