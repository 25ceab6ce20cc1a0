import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, runHangar } from '../helpers/run-hangar.js';
import { DONE, PhaseProject, TEMPLATE } from '../watchdog/phase-project.js';

// `hangar phase` through the built CLI: offline (files only), then against a real server
// whose loop agents are demo agents in real ptys.
describe('hangar phase', () => {
  let project: PhaseProject;
  let env: NodeJS.ProcessEnv;
  const hangar = (...args: string[]) => runHangar(args, { cwd: project.dir, env });
  const indexFile = () => readFileSync(join(project.dir, 'state', 'state', 'phase-idx'), 'utf8');
  const kickoffOf = (name: string) => readFileSync(join(project.dir, 'state', 'state', `kickoff-ph-${name}.txt`), 'utf8');
  const agent = async (name: string) => JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === name);

  beforeAll(() => {
    project = new PhaseProject();
    env = { DEMO_THINK_MS: '100', DEMO_STATE_DIR: join(project.dir, 'demo-state'), XDG_STATE_HOME: join(project.dir, 'xdg') };
  });

  afterAll(async () => {
    await hangar('down');
    project.cleanup();
  });

  it('shows the phases without a server', async () => {
    project.write('STATUS-p1.md', TEMPLATE);
    const r = await hangar('phase');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('phase p1 [1/3] · auto_advance on · done marker "## DONE" · loop agents: builder, adversary');
    expect(r.stdout).toMatch(/▶\s+0\s+p1\s+in progress\s+STATUS-p1\.md\s+"## DONE" at line 3 holds only a placeholder: "Not yet\."/);
    expect(r.stdout).toMatch(/\n\s+2\s+p3\s+to do\s+STATUS-p3\.md\s+no status file yet/);
    const json = JSON.parse((await hangar('phase', 'show', '--json')).stdout);
    expect(json).toMatchObject({ current: 0, complete: false, loopAgents: ['builder', 'adversary'] });
    expect(json.phases.map((p: { id: string; done: boolean }) => [p.id, p.done])).toEqual([['p1', false], ['p2', false], ['p3', false]]);
  });

  it('moves the index without a server; the loop agents start on it with up', async () => {
    const r = await hangar('phase', 'set', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('phase now p2 [2/3] (no server running: the loop agents start on it with `hangar up`)');
    expect(indexFile()).toBe('1');
    // the server that moved it was started for that and is gone again, cleanly
    expect(JSON.parse((await hangar('status', '--json')).stdout).server).toEqual({ running: false });
    const bad = await hangar('phase', 'set', '3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('hangar: phase: phase 3 is out of range; valid: 0..2 (0=p1, 1=p2, 2=p3)\n');
    expect(indexFile()).toBe('1');

    const up = await hangar('up', '-d');
    expect(up.code).toBe(0);
    expect((await hangar('wait', 'builder', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    expect(kickoffOf('builder')).toBe('Phase p2: follow plans/p2.md, record progress in STATUS-p2.md. You are the builder.\nYou build.\n');
    expect((await agent('builder')).model).toBe('model-p2');
  });

  it('show reads DONE from the status file the builder wrote', async () => {
    project.write('STATUS-p2.md', DONE('p2 shipped: parser and printer'));
    const json = JSON.parse((await hangar('phase', '--json')).stdout);
    expect(json.current).toBe(1);
    expect(json.phases[1]).toMatchObject({ id: 'p2', current: true, done: true, detail: 'line 3: p2 shipped: parser and printer' });
    expect((await hangar('phase')).stdout).toMatch(/▶\s+1\s+p2\s+DONE\s+STATUS-p2\.md\s+line 3: p2 shipped: parser and printer/);
    expect((await hangar('status')).stdout).toMatch(/^ {2}phase: p2 \[2\/3\] plan=plans\/p2\.md \(## DONE\)\n/);
  });

  it('next stops the loop agents, moves on and starts them with the next kickoff and model', async () => {
    const before = await agent('builder');
    const r = await hangar('phase', 'next', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.report.current).toBe(2);
    expect(result.failures).toEqual([]);
    expect(result.actions.filter((a: { type: string }) => a.type !== 'note')).toEqual([
      { type: 'stop', name: 'builder', reason: 'phase moved by hand: p2 → p3' },
      { type: 'stop', name: 'adversary', reason: 'phase moved by hand: p2 → p3' },
      { type: 'start', name: 'builder', reason: 'phase moved by hand: p2 → p3' },
      { type: 'start', name: 'adversary', reason: 'phase moved by hand: p2 → p3' },
    ]);
    expect(indexFile()).toBe('2');
    const after = await agent('builder');
    expect(after).toMatchObject({ state: 'RUNNING', model: 'model-base' });
    expect(after.pid).not.toBe(before.pid);
    expect(alive(before.pid)).toBe(false);
    expect(kickoffOf('adversary')).toBe('Phase p3: follow plans/p3.md, record progress in STATUS-p3.md. You are the adversary.\nYou attack.\n');
    expect((await agent('finisher')).state).toBe('stopped (disabled)'); // not a loop agent
  });

  it('next at the last phase is refused, and changes nothing', async () => {
    const pid = (await agent('builder')).pid;
    const r = await hangar('phase', 'next');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('hangar: already at the last phase, p3 [3/3]; nothing follows it (append a [[loop.phases]] or use: hangar phase set N)\n');
    expect((await agent('builder')).pid).toBe(pid);
  });

  it('set takes an index or a phase id; out of range names the valid range', async () => {
    const byId = await hangar('phase', 'set', 'p1');
    expect(byId.code).toBe(0);
    expect(byId.stdout).toMatch(/^phase now p1 \[1\/3\]: restarted builder, adversary\n/);
    expect(indexFile()).toBe('0');
    expect(kickoffOf('builder')).toContain('Phase p1:');

    const pid = (await agent('builder')).pid;
    for (const n of ['3', '-1']) {
      const r = await hangar('phase', 'set', n);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`hangar: phase ${n} is out of range; valid: 0..2 (0=p1, 1=p2, 2=p3)\n`);
    }
    const unknown = await hangar('phase', 'set', 'p9');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('hangar: no phase "p9"; valid: 0..2 (0=p1, 1=p2, 2=p3)\n');
    expect(indexFile()).toBe('0');
    expect((await agent('builder')).pid).toBe(pid);
  });

  it('sees a phase appended to agents.toml while the server runs', async () => {
    project.writeConfig(['p1', 'p2', 'p3', 'p4']);
    const r = await hangar('phase', 'set', '3', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).report).toMatchObject({ current: 3 });
    expect(kickoffOf('builder')).toContain('Phase p4:');
  });

  it('usage errors exit 2', async () => {
    const missing = await hangar('phase', 'set');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('hangar: phase: set needs N, the phase to move to (an index or a phase id)\n');
    const unknown = await hangar('phase', 'jump');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('hangar: phase: unknown action "jump" (show, next or set N)\n');
    const extra = await hangar('phase', 'next', '2');
    expect(extra.code).toBe(2);
  });
});

describe('hangar phase without phases', () => {
  it('says so', async () => {
    const project = new PhaseProject({ phases: [] });
    try {
      const show = await runHangar(['phase'], { cwd: project.dir, env: { XDG_STATE_HOME: join(project.dir, 'xdg') } });
      expect(show.code).toBe(0);
      expect(show.stdout).toBe('no [loop] phases are configured\n');
      const next = await runHangar(['phase', 'next'], { cwd: project.dir, env: { XDG_STATE_HOME: join(project.dir, 'xdg') } });
      expect(next.code).toBe(1);
      expect(next.stderr).toBe('hangar: no [loop] phases are configured\n');
    } finally {
      project.cleanup();
    }
  });
});
