import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { FleetConfig } from '../../src/config/types.js';
import { resolveAddedAgent } from '../../src/fleet/added-agent.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { agentWorktrees } from '../../src/pilot/agent-worktree.js';
import type { FleetEvent } from '../../src/protocol/messages.js';

// Agents added at run time (hangar add, C-b c): made as the loader makes a [[agent]], started
// at once, listed, never written to agents.toml.
const CONFIG = `
[defaults]
session_prefix = "ad-"
log_dir = "state"
dir = "work"
backend = "cat"
model = "m-default"
scrollback = 2000

[backend.cat]
bin = "echo kickoff={kickoff}; exec cat"
prompt_delivery = "exec"

[backend.other]
bin = "exec cat"
prompt_delivery = "exec"

[[agent]]
name = "first"

[[service]]
name = "svc"
command = "exec cat"
`;

describe('agents added at run time', () => {
  let dir: string;
  let config: FleetConfig;
  const load = () => loadConfig({ path: join(dir, 'agents.toml') }).config;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-add-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    config = load();
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('resolveAddedAgent (the loader\'s own rules)', () => {
    it('merges [defaults] and schema defaults, as one more [[agent]] would get', () => {
      const agent = resolveAddedAgent(config, { name: 'second', prompt: 'do things' }, ['first', 'svc']);
      expect(agent).toMatchObject({
        name: 'second',
        backend: 'cat',
        model: 'm-default',
        prompt: 'do things',
        kind: 'persistent',
        session: 'ad-second',
        dir: join(dir, 'work'),
        scrollback: 2000,
        enabled: true,
      });
      expect(resolveAddedAgent(config, { name: 'third', backend: 'other' }, []).backend).toBe('other');
    });

    it('refuses a name already taken (an agent, a service, an agent added earlier), naming the field', () => {
      expect(() => resolveAddedAgent(config, { name: 'first' }, ['first', 'svc'])).toThrow(/^name: "first" is already taken/);
      expect(() => resolveAddedAgent(config, { name: 'svc' }, ['first', 'svc'])).toThrow(/^name: "svc" is already taken/);
      expect(() => resolveAddedAgent(config, { name: '  ' }, [])).toThrow(/^name: must not be empty/);
    });

    it('refuses a name outside the one name rule: "..", a slash, a space, too long (hangar add ..)', () => {
      expect(() => resolveAddedAgent(config, { name: '..' }, [])).toThrow('name: ".." cannot be used: it is ".."');
      expect(() => resolveAddedAgent(config, { name: 'a/b' }, [])).toThrow('name: "a/b" cannot be used: it holds "/"');
      expect(() => resolveAddedAgent(config, { name: 'a b' }, [])).toThrow('name: "a b" cannot be used: it holds " "');
      expect(() => resolveAddedAgent(config, { name: 'x'.repeat(65) }, [])).toThrow('cannot be used: it is 65 characters long (at most 64)');
      expect(resolveAddedAgent(config, { name: 'ok.name_2-x' }, []).session).toBe('ad-ok.name_2-x');
    });

    it('refuses an unknown backend, naming the field and the known ones', () => {
      const err = (() => {
        try {
          resolveAddedAgent(config, { name: 'x', backend: 'nope' }, []);
        } catch (e) {
          return e as Error & { code: string };
        }
        throw new Error('no error');
      })();
      expect(err.code).toBe('bad_args');
      expect(err.message).toBe('backend "nope" is not defined (known: cat, other)');
    });

    it('refuses a session name another member already uses', () => {
      writeFileSync(join(dir, 'agents.toml'), `${CONFIG}\n[[agent]]\nname = "odd"\nsession = "ad-clash"\n`);
      expect(() => resolveAddedAgent(load(), { name: 'clash' }, [])).toThrow(/session "ad-clash" is also used/);
    });
  });

  describe('Fleet.addAgent', () => {
    let fleet: Fleet;
    beforeEach(() => {
      fleet = new Fleet(config, { stopGraceMs: 300 });
    });
    afterEach(async () => {
      await fleet.shutdown();
    });

    it('starts the agent, says so with a started event, and lists it as added at run time', async () => {
      const events: FleetEvent[] = [];
      fleet.onEvent((e) => events.push(e));
      const info = await fleet.addAgent({ name: 'second', prompt: 'hello' });
      expect(info).toMatchObject({ name: 'second', backend: 'cat', state: 'RUNNING', addedAtRunTime: true });
      expect(events.some((e) => e.type === 'started' && e.name === 'second')).toBe(true);
      expect(fleet.list().agents.map((a) => [a.name, a.addedAtRunTime ?? false])).toEqual([
        ['first', false],
        ['second', true],
      ]);
      expect(fleet.isRunning('second')).toBe(true);
    });

    it('refuses a second agent of the same name, and an unknown backend, starting nothing', async () => {
      await fleet.addAgent({ name: 'second' });
      await expect(fleet.addAgent({ name: 'second' })).rejects.toThrow(/^name: "second" is already taken/);
      await expect(fleet.addAgent({ name: 'third', backend: 'nope' })).rejects.toThrow(/backend "nope" is not defined/);
      expect(fleet.names()).toEqual(['first', 'svc', 'second']);
    });

    it('adds no agent whose worktree cannot be made (worktree = true, its dir in no git repository), and says why', async () => {
      mkdirSync(join(dir, 'work'), { recursive: true });
      const trees = new Fleet(config, { stopGraceMs: 300, worktrees: agentWorktrees(() => config, Date.now) });
      try {
        await expect(trees.addAgent({ name: 'tree', worktree: true })).rejects.toThrow(`tree: worktree = true, but its dir ${join(dir, 'work')} is not in a git repository`);
        await expect(trees.addAgent({ name: 'far', worktree: true, host: 'ssh://box' })).rejects.toThrow('far: worktree = true works on this machine only, and far runs on ssh://box (leave one of them out)');
        expect(trees.names()).toEqual(['first', 'svc']);
      } finally {
        await trees.shutdown();
      }
    });

    it('starts the others when one worktree agent cannot start; that one is crashed, with the reason', async () => {
      writeFileSync(join(dir, 'agents.toml'), `${CONFIG}\n[[agent]]\nname = "tree"\nworktree = true\n`);
      mkdirSync(join(dir, 'work'), { recursive: true });
      const reloaded = load();
      const trees = new Fleet(reloaded, { stopGraceMs: 300, worktrees: agentWorktrees(() => reloaded, Date.now) });
      try {
        const events: FleetEvent[] = [];
        trees.onEvent((e) => events.push(e));
        expect((await trees.up()).sort()).toEqual(['first', 'svc', 'tree']);
        expect(trees.isRunning('first')).toBe(true);
        expect(trees.isRunning('tree')).toBe(false);
        const reason = `tree: worktree = true, but its dir ${join(dir, 'work')} is not in a git repository (run git init there and commit, or leave worktree out)`;
        expect(trees.info('tree')).toMatchObject({ status: 'crashed', detail: reason });
        expect(trees.statusOf('tree').status).toBe('crashed');
        expect(events).toContainEqual(expect.objectContaining({ type: 'status', name: 'tree', status: 'crashed', prev: 'stopped' }));
        expect(events).toContainEqual(expect.objectContaining({ type: 'log', level: 'error', message: reason, name: 'tree' }));
        await expect(trees.restart('tree')).rejects.toThrow(reason);
      } finally {
        await trees.shutdown();
      }
    });

    it("marks a worker with the orchestrator that delegated it: a parent that is an agent; after a restart a new agent of a worker's name is nobody's; none when agents.toml takes the name over", async () => {
      expect((await fleet.addAgent({ name: 'w1', parent: 'first' })).parent).toBe('first');
      await expect(fleet.addAgent({ name: 'w2', parent: 'svc' })).rejects.toThrow('parent: no agent named "svc" (agents: first, w1)');
      await expect(fleet.addAgent({ name: 'w2', parent: 'nobody' })).rejects.toThrow(/^parent: no agent named "nobody"/);
      expect(fleet.names()).toEqual(['first', 'svc', 'w1']);
      expect(await fleet.addAgent({ name: 'solo' })).not.toHaveProperty('parent');
      await fleet.shutdown();
      fleet = new Fleet(config, { stopGraceMs: 300 });
      expect(await fleet.addAgent({ name: 'w1' })).not.toHaveProperty('parent'); // a new agent of that name is nobody's worker
      expect(fleet.parentOf('w1')).toBeUndefined();
      await fleet.addAgent({ name: 'w3', parent: 'first' });
      writeFileSync(join(dir, 'agents.toml'), `${CONFIG}\n[[agent]]\nname = "w3"\n`);
      fleet.reconfigure(load());
      expect(fleet.list().agents.find((a) => a.name === 'w3')).not.toHaveProperty('parent');
    });

    it('survives a reload of agents.toml, until agents.toml declares it itself', async () => {
      await fleet.addAgent({ name: 'second' });
      fleet.reconfigure(load());
      expect(fleet.list().agents.find((a) => a.name === 'second')?.addedAtRunTime).toBe(true);
      writeFileSync(join(dir, 'agents.toml'), `${CONFIG}\n[[agent]]\nname = "second"\n`);
      fleet.reconfigure(load());
      const listed = fleet.list().agents.filter((a) => a.name === 'second');
      expect(listed).toHaveLength(1);
      expect(listed[0]!.addedAtRunTime).toBeUndefined();
    });
  });
});
