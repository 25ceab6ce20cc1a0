import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PtyScreen } from '../helpers/pty-screen.js';
import { HANGAR_BIN, pidGone, runHangar } from '../helpers/run-hangar.js';

const CONFIG = `
[defaults]
session_prefix = "live-"
log_dir = "state"
dir = "work"

[backend.sh]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "one"
backend = "sh"
`;

// Each step waits on what it needs (a screen, a line, a pid gone, a status); what load
// stretches is the number of them — a dozen CLI runs, each a node start — so the waits and the
// tests have safety nets well past what a loaded 2-core machine takes, not budgets.
const WAIT_MS = 30_000;
const TEST_MS = 90_000;

describe('hangar up without -d, and a server that died', () => {
  let dir: string;
  let env: Record<string, string>;
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-live-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    env = { XDG_STATE_HOME: join(dir, 'xdg') };
  });

  afterAll(async () => {
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
  });

  it('up in a terminal opens the cockpit; C-b d detaches and the fleet keeps running', async () => {
    const term = new PtyScreen({ file: process.execPath, args: [HANGAR_BIN, 'up'], cwd: dir, env, cols: 120, rows: 20 });
    try {
      await term.waitForScreen((s) => /╭ 1 one · sh\/— · idle/.test(s) && s.includes('ready'), WAIT_MS);
      term.write('\x02d');
      expect((await term.waitForExit()).exitCode).toBe(0);
    } finally {
      await term.dispose();
    }
    const status = JSON.parse((await hangar('status', '--json')).stdout);
    expect(status.agents[0]).toMatchObject({ name: 'one', state: 'RUNNING' });
  }, TEST_MS);

  it('up without a terminal prints a live status table until SIGINT, leaving the fleet running', async () => {
    const child = spawn(process.execPath, [HANGAR_BIN, 'up'], { cwd: dir, env: { ...process.env, ...env } });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no live table:\n${out}`)), WAIT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ctrl-C leaves')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(out).toMatch(/one\s+persistent\s+sh.*RUNNING/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(JSON.parse((await hangar('status', '--json')).stdout).agents[0].state).toBe('RUNNING');
  }, TEST_MS);

  it('after the server is killed, the stale socket is replaced by the next up', async () => {
    const first = JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')) as { pid: number };
    const agentPid = JSON.parse((await hangar('status', '--json')).stdout).agents[0].pid as number;
    process.kill(first.pid, 'SIGKILL');
    await pidGone(first.pid, WAIT_MS);
    // its ptys closed with it: the kernel hung up on the agents, so none is left orphaned
    await pidGone(agentPid, WAIT_MS);
    const dead = await hangar('send', 'one', 'hi');
    expect(dead.code).toBe(1);
    expect(dead.stderr).toMatch(/no hangar server is running/);

    // status says so, and since when, and fails; the dead server's registry entry goes
    const entry = join(dir, 'xdg', 'hangar', 'servers', `${first.pid}.json`);
    expect(existsSync(entry)).toBe(true);
    const status = await hangar('status');
    expect(status.code).toBe(1);
    const gone = new RegExp(`^hangar server not running: the last one \\(pid ${first.pid}, started [-0-9]+ [:0-9]+\\) ended without \`hangar down\`, some time after its last event at [-0-9]+ [:0-9]+`);
    expect(status.stdout).toMatch(gone);
    expect(status.stdout).toMatch(/one\s+persistent\s+sh.*stopped/);
    expect(existsSync(entry)).toBe(false);
    const json = await hangar('status', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).server).toMatchObject({ running: false, pid: first.pid, endedWithoutDown: true, startedAt: expect.any(String), lastEventAt: expect.any(String) });

    const up = await hangar('up', '-d');
    expect(up.code).toBe(0);
    const second = JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')) as { pid: number };
    expect(second.pid).not.toBe(first.pid);
    const wait = await hangar('wait', 'one', '--for', 'idle', '--timeout', String(WAIT_MS / 1000));
    expect(wait.code).toBe(0);
    // the new server has said that the last one ended without down
    const events = await hangar('events', '--watchdog');
    expect(events.stdout).toMatch(new RegExp(`watchdog unclean-exit \\(warn\\): the previous server \\(pid ${first.pid}, .*\\) ended without \`hangar down\``));
    const running = await hangar('status', '--json');
    expect(running.code).toBe(0);
    expect(JSON.parse(running.stdout).server).toMatchObject({ running: true, pid: second.pid });
  }, TEST_MS);
});
