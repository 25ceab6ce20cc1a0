import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { alive, HANGAR_BIN, runHangar } from '../helpers/run-hangar.js';

// A real fleet: the built CLI starts a real server process on a private socket, which runs
// demo agents in real ptys. Everything is checked through the CLI, as a script would.
const CONFIG = `
[defaults]
session_prefix = "it-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
supports_resume = true
resume_flag = "--resume {id}"
session_id_re = "session: (\\\\S+)"
ask_re = "\\\\[y/n\\\\]"
model_flag = "--model {model}"

[backend.shell]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "alpha"
model = "demo-7"
prompt = "hello there"
resume = true

[[agent]]
name = "beta"

[[agent]]
name = "sh"
backend = "shell"

[[agent]]
name = "off"
enabled = false

[backend.demoping]
bin = "hangar-demo"
prompt_delivery = "ping"
connect_delay = 10
active_re = "esc to interrupt"

[[agent]]
name = "pinger"
backend = "demoping"
prompt = "the ping kickoff"

[[agent]]
name = "gamma"
enabled = false
prompt = "a kickoff that takes a turn"

[[service]]
name = "ticker"
command = "echo tick; sleep 600"
`;

describe('a fleet driven through the CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  // The fleet is started with --config fleet.toml; the other verbs find it without --config.
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-it-'));
    writeFileSync(join(dir, 'fleet.toml'), CONFIG);
    env = { DEMO_THINK_MS: '300', DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
  });

  afterAll(async () => {
    await hangar('down', '--config', 'fleet.toml');
    rmSync(dir, { recursive: true, force: true });
  });

  it('status works before any server runs: everything stopped', async () => {
    const r = await hangar('status', '--json', '--config', 'fleet.toml');
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status.agents.map((a: { name: string }) => a.name)).toEqual(['alpha', 'beta', 'sh', 'off', 'pinger', 'gamma']);
    expect(status.agents.every((a: { state: string }) => a.state.startsWith('stopped'))).toBe(true);
    // a backend that takes no model (exec without {model}, ping without model_env) has none to show
    expect(Object.fromEntries(status.agents.map((a: { name: string; model: unknown }) => [a.name, a.model]))).toMatchObject({ alpha: 'demo-7', beta: 'default', sh: null, pinger: null });
    expect(existsSync(join(dir, 'state', 'hangar.sock'))).toBe(false);
  });

  it('without --config and with no server, the missing ./agents.toml is the error', async () => {
    const r = await hangar('status');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^agents\.toml: no such file/m);
  });

  it('up -d starts the server and every enabled agent and service', async () => {
    const r = await hangar('up', '-d', '--config', 'fleet.toml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/started: alpha, beta, sh, pinger, ticker/);
    const waits = await Promise.all(['alpha', 'beta', 'sh'].map((n) => hangar('wait', n, '--for', 'idle', '--timeout', '15')));
    for (const w of waits) expect(w.code).toBe(0);
    const status = JSON.parse((await hangar('status', '--json')).stdout);
    const byName = Object.fromEntries(status.agents.map((a: { name: string }) => [a.name, a]));
    expect(byName.alpha).toMatchObject({ kind: 'persistent', backend: 'demo', model: 'demo-7', state: 'RUNNING', status: 'idle', restarts: 0 });
    expect(byName.alpha.pid).toBeGreaterThan(0);
    expect(byName.off).toMatchObject({ state: 'stopped (disabled)', pid: null });
    expect(byName.sh.model).toBeNull();
    expect((await hangar('status')).stdout).toMatch(/^ +sh +persistent +shell +— +/m);
    expect(status.services[0]).toMatchObject({ name: 'ticker', kind: 'service', state: 'RUNNING' });
  });

  it('the kickoff prompt reached the agent and the model flag was passed', async () => {
    const r = await hangar('screen', 'alpha');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hello there');
    expect(r.stdout).toContain('demo-7');
  });

  it('ping delivery types a boot message pointing at the kickoff file once the TUI is up', async () => {
    const follower = spawn(process.execPath, [HANGAR_BIN, 'logs', 'pinger', '-f'], { cwd: dir, env: { ...process.env, ...env } });
    try {
      const seen = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no boot message in the log:\n${text}`)), 15_000);
        follower.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (/You said: "Your full kickoff prompt is in/.test(text)) {
            clearTimeout(timer);
            resolve(text);
          }
        });
      });
      expect(seen).toContain('kickoff-it-pinger.txt');
      expect(readFileSync(join(dir, 'state', 'state', 'kickoff-it-pinger.txt'), 'utf8')).toBe('the ping kickoff');
    } finally {
      follower.kill('SIGINT');
    }
  });

  it('send --wait makes the demo agent write a file and prints its reply', async () => {
    const r = await hangar('send', 'beta', 'write notes.txt hello', '--wait', '--timeout', '20');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'work', 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(r.stdout).toMatch(/notes\.txt/);
  });

  it('send reads the message from stdin with -', async () => {
    const r = await runHangar(['send', 'beta', '-', '--wait', '--json'], { cwd: dir, env, input: 'write piped.txt from stdin\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'beta', confirmed: true, status: 'idle' });
    expect(readFileSync(join(dir, 'work', 'piped.txt'), 'utf8')).toBe('from stdin\n');
  });

  it('send --wait right after up waits out the kickoff turn and returns only its own reply', async () => {
    expect((await hangar('up', '-d', 'gamma')).code).toBe(0);
    const r = await hangar('send', 'gamma', 'write g.txt x', '--wait');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('● Wrote g.txt (2 bytes)');
  });

  // that the turn ends after the quiet period, not the start grace, is held on a manual clock
  // in test/fleet/send-wait-turn.test.ts (timed here, it failed on a loaded machine)
  it('a question makes the agent needs-input at once; keys answers it', async () => {
    const r = await hangar('send', 'gamma', '/ask proceed?', '--wait', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'needs-input', timedOut: false });
    expect((await hangar('keys', 'gamma', 'y')).code).toBe(0);
    expect((await hangar('wait', 'gamma', '--for', 'idle', '--timeout', '10')).code).toBe(0);
    expect((await hangar('screen', 'gamma')).stdout).toMatch(/answered yes/i);
  });

  it('an agent that crashes is exited, with its code in the status table', async () => {
    expect((await hangar('send', 'gamma', '/crash 3')).code).toBe(0);
    expect((await hangar('wait', 'gamma', '--for', 'exited', '--timeout', '10')).code).toBe(0);
    expect((await hangar('status')).stdout).toMatch(/gamma\s.*stopped \(disabled\)\s+exited \(3\)/);
  });

  it('peek shows status and the last lines', async () => {
    const r = await hangar('peek', 'beta', '--lines', '40', '--json');
    expect(r.code).toBe(0);
    const peek = JSON.parse(r.stdout);
    expect(peek.status).toBe('idle');
    expect(peek.lines.join('\n')).toContain('write notes.txt hello');
  });

  it('logs prints the raw session log', async () => {
    const r = await hangar('logs', 'ticker');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tick');
  });

  it('wait times out with a non-zero exit', async () => {
    const r = await hangar('wait', 'ticker', '--for', 'exited', '--timeout', '0.3');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/timed out/);
  });

  it('unknown names and verbs are clear errors', async () => {
    const r = await hangar('peek', 'nobody');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no agent or service named "nobody"/);
    const v = await hangar('frobnicate');
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/unknown verb "frobnicate"/);
  });

  it('restart gives a new process and counts it', async () => {
    const before = JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === 'sh');
    const r = await hangar('restart', 'sh', '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.restarts).toBe(1);
    expect(info.pid).not.toBe(before.pid);
    expect(alive(before.pid)).toBe(false);
  });

  it('resume: the conversation id seen on screen is saved, and a restart resumes it', async () => {
    const idFile = join(dir, 'state', 'state', 'alpha.id');
    const id = readFileSync(idFile, 'utf8').trim();
    expect((await hangar('screen', 'alpha')).stdout).toContain(`session: ${id}`);
    expect((await hangar('send', 'alpha', 'remember me', '--wait')).code).toBe(0);
    expect((await hangar('restart', 'alpha')).code).toBe(0);
    expect((await hangar('wait', 'alpha', '--for', 'idle', '--timeout', '10')).code).toBe(0);
    const screen = (await hangar('screen', 'alpha')).stdout;
    expect(screen).toContain(`session: ${id}`);
    expect(screen).toContain('remember me'); // the earlier turn, restored
    // beta does not resume: its restart would start a new conversation (and it has an id too)
    expect(readFileSync(join(dir, 'state', 'state', 'beta.id'), 'utf8').trim()).not.toBe(id);
  });

  it('AGENT_MODEL_x and --set apply to one invocation only', async () => {
    const once = await runHangar(['restart', 'alpha', '--json'], { cwd: dir, env: { ...env, AGENT_MODEL_alpha: 'zz-1' } });
    expect(JSON.parse(once.stdout).model).toBe('zz-1');
    expect((await hangar('screen', 'alpha')).stdout).toContain('zz-1');
    const set = await hangar('restart', 'alpha', '--json', '--set', 'agent.alpha.model=zz-2');
    expect(JSON.parse(set.stdout).model).toBe('zz-2');
    const plain = await hangar('restart', 'alpha', '--json');
    expect(JSON.parse(plain.stdout).model).toBe('demo-7');
  });

  it('down NAME stops that agent only; up NAME brings it back', async () => {
    const r = await hangar('down', 'alpha', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stopped: ['alpha'], server: 'running' });
    const status = JSON.parse((await hangar('status', '--json')).stdout);
    const byName = Object.fromEntries(status.agents.map((a: { name: string }) => [a.name, a]));
    expect(byName.alpha).toMatchObject({ state: 'stopped', status: 'stopped', pid: null });
    expect(byName.beta.state).toBe('RUNNING');
    const up = await hangar('up', '-d', 'alpha');
    expect(up.stdout).toMatch(/started: alpha/);
    expect((await hangar('wait', 'alpha', '--for', 'idle', '--timeout', '10')).code).toBe(0);
  });

  it('up is idempotent: a second up reuses the live server and starts nothing', async () => {
    const lock = JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8'));
    const r = await hangar('up', '-d');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nothing to start/);
    expect(JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')).pid).toBe(lock.pid);
  });

  it('AGENT_BACKEND_x on an up that starts nothing is not applied: up says so, status keeps what runs', async () => {
    const beta = async () => JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === 'beta');
    const before = await beta();
    expect(before).toMatchObject({ backend: 'demo', state: 'RUNNING' });
    const r = await runHangar(['up', '-d', 'beta'], { cwd: dir, env: { ...env, AGENT_BACKEND_beta: 'shell' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('nothing to start: everything named is running\n');
    expect(r.stderr).toBe(
      'beta is already running (backend demo, model default): AGENT_BACKEND_beta=shell not applied; to apply it: AGENT_BACKEND_beta=shell hangar restart beta\n',
    );
    expect(await beta()).toMatchObject({ backend: 'demo', pid: before.pid });
    // every agent an up without names leaves running, and --set too, with --json saying which
    const all = await runHangar(['up', '-d', '--json', '--set', 'agent.beta.model=zz-9'], { cwd: dir, env: { ...env, AGENT_MODEL_alpha: 'zz-8' } });
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({
      started: [],
      notApplied: [
        { name: 'alpha', overrides: ['AGENT_MODEL_alpha=zz-8'] },
        { name: 'beta', overrides: ['--set agent.beta.model=zz-9'] },
      ],
    });
    expect(await beta()).toMatchObject({ backend: 'demo', model: 'default', pid: before.pid });
  });

  it('status shows the backend a restart with AGENT_BACKEND_x started, after later requests without it', async () => {
    const restarted = await runHangar(['restart', 'beta', '--json'], { cwd: dir, env: { ...env, AGENT_BACKEND_beta: 'shell' } });
    expect(JSON.parse(restarted.stdout)).toMatchObject({ backend: 'shell' });
    expect((await hangar('up', '-d')).code).toBe(0); // reloads agents.toml, where beta is a demo agent
    const beta = JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === 'beta');
    expect(beta).toMatchObject({ backend: 'shell', state: 'RUNNING' });
    expect(JSON.parse((await hangar('restart', 'beta', '--json')).stdout)).toMatchObject({ backend: 'demo' });
  });

  it('down leaves no process behind', async () => {
    const status = JSON.parse((await hangar('status', '--json')).stdout);
    const pids: number[] = [...status.agents, ...status.services].map((a: { pid: number | null }) => a.pid).filter((p: number | null): p is number => p !== null);
    const server = JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')).pid as number;
    expect(pids.length).toBe(5);
    const r = await hangar('down');
    expect(r.code).toBe(0);
    expect(alive(server)).toBe(false);
    for (const pid of pids) {
      expect(alive(pid)).toBe(false);
      expect(alive(-pid)).toBe(false); // the whole process group
    }
    expect(existsSync(join(dir, 'state', 'hangar.sock'))).toBe(false);
    const after = JSON.parse((await hangar('status', '--json', '--config', 'fleet.toml')).stdout);
    expect(after.agents.every((a: { pid: number | null }) => a.pid === null)).toBe(true);
  });
});

describe('a broken config', () => {
  it('exits 2 naming FILE:LINE before anything starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hangar-bad-'));
    try {
      writeFileSync(join(dir, 'agents.toml'), '[defaults]\nsession_prefix = "x-"\nlog_dir = "s"\n\n[[agent]]\nname = "a"\nbackend = "clod"\n');
      const r = await runHangar(['up', '-d'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^agents\.toml:7: .*backend "clod" is not defined/m);
      expect(existsSync(join(dir, 's'))).toBe(false);
      writeFileSync(join(dir, 'syntax.toml'), '[defaults]\nsession_prefix = "x-"\nlog_dir = = "s"\n');
      const s = await runHangar(['status', '--config', 'syntax.toml'], { cwd: dir });
      expect(s.code).toBe(2);
      expect(s.stderr).toMatch(/^syntax\.toml:3:\d+: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warnings name FILE:LINE and do not stop the verb; unknown names fail before a server starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hangar-warn-'));
    try {
      writeFileSync(join(dir, 'agents.toml'), '[defaults]\nsession_prefix = "x-"\nlog_dir = "s"\n\n[backend.b]\nbin = "sh"\n\n[[agent]]\nname = "a"\nbackend = "b"\nmodle = "m"\n');
      const r = await runHangar(['status'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('agents.toml:11: warning: unknown key "modle" in [[agent]] "a" — did you mean "model"?\n');
      const up = await runHangar(['up', '-d', 'nosuch'], { cwd: dir });
      expect(up.code).toBe(1);
      expect(up.stderr).toMatch(/no agent or service named "nosuch"/);
      expect(existsSync(join(dir, 's'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a usage error exits 2 with the reason', async () => {
    const r = await runHangar(['send'], { cwd: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/send: missing NAME/);
  });
});
