import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHangar } from '../helpers/run-hangar.js';

// `hangar add`: an agent that is not in agents.toml, through the real CLI and server.
const CONFIG = `
[defaults]
session_prefix = "add-"
log_dir = "state"
dir = "work"
backend = "demo"
model = "demo-3"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
model_flag = "--model {model}"

[backend.sh]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "alpha"
prompt = "first kickoff"
`;

describe('hangar add', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-add-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    env = { DEMO_THINK_MS: '200', DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
    expect((await hangar('up', '-d')).code).toBe(0);
  });

  afterAll(async () => {
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a new agent from a backend, a prompt and [defaults], without touching agents.toml', async () => {
    const r = await hangar('add', 'gamma', '--prompt', 'third kickoff', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'gamma', backend: 'demo', model: 'demo-3', state: 'RUNNING', addedAtRunTime: true });
    expect((await hangar('wait', 'gamma', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    expect((await hangar('screen', 'gamma')).stdout).toContain('You said: "third kickoff"');
    expect(readFileSync(join(dir, 'agents.toml'), 'utf8')).toBe(CONFIG);

    const table = (await hangar('status')).stdout;
    expect(table).toMatch(/gamma .*RUNNING \(added at run time, not in agents\.toml\)/);
    expect(table).not.toMatch(/alpha .*added at run time/);
    const other = await hangar('add', 'shelly', '--backend', 'sh');
    expect(other.code).toBe(0);
    // sh runs no model: [defaults] model is not its model
    expect(other.stdout).toMatch(/^added shelly \(sh\/—, pid \d+\): not in agents.toml, gone after hangar down/);
  });

  it('refuses a taken name or an unknown backend with an error naming the field (exit 2)', async () => {
    const dup = await hangar('add', 'alpha');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/^hangar: name: "alpha" is already taken/);
    const bad = await hangar('add', 'delta', '--backend', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('hangar: backend "nope" is not defined (known: demo, sh)\n');
    const names = JSON.parse((await hangar('status', '--json')).stdout).agents.map((a: { name: string }) => a.name);
    expect(names).not.toContain('delta');
  });

  it('takes its dir, model and watch as [[agent]] keys would (what the MCP delegate tool passes too); a bad value names the key', async () => {
    mkdirSync(join(dir, 'work', 'api'), { recursive: true });
    const r = await hangar('add', 'epsilon', '--dir', 'work/api', '--model', 'demo-4', '--watch', 'heal', '--prompt', 'write made.txt here', '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'epsilon', model: 'demo-4', watch: 'heal' });
    expect((await hangar('wait', 'epsilon', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    expect(readFileSync(join(dir, 'work', 'api', 'made.txt'), 'utf8')).toBe('here\n');
    expect((await hangar('screen', 'epsilon')).stdout).toContain('demo-4');
    const bad = await hangar('add', 'zeta', '--watch', 'always');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hangar: key "watch" must be one of /);
    expect(bad.stderr).toContain('heal+stall');
  });

  it("hangar logs prints an added agent's log (the server knows its path), and names an unknown agent", async () => {
    const log = await hangar('logs', 'gamma');
    expect(log.stderr).toBe('');
    expect(log.code).toBe(0);
    expect(log.stdout).toContain('third kickoff');
    const unknown = await hangar('logs', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('hangar: no agent or service named "nope" (known: alpha, gamma, shelly, epsilon)\n');
  });

  it('hangar logs without a server reads agents.toml: a declared agent\'s log is still there, an added one is gone', async () => {
    expect((await hangar('down')).code).toBe(0);
    const declared = await hangar('logs', 'alpha');
    expect(declared.code).toBe(0);
    expect(declared.stdout).toContain('first kickoff');
    const added = await hangar('logs', 'gamma');
    expect(added.code).toBe(1);
    expect(added.stderr).toBe(`hangar: no agent or service named "gamma" in agents.toml, and no hangar server is running that could know it\n`);
  });

  it('is gone after down: agents.toml is what a new server starts from', async () => {
    expect((await hangar('down')).code).toBe(0);
    expect((await hangar('up', '-d')).code).toBe(0);
    const names = JSON.parse((await hangar('status', '--json')).stdout).agents.map((a: { name: string }) => a.name);
    expect(names).toEqual(['alpha']);
  });
});
