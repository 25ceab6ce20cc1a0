import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SERVER_MAIN } from '../../cli/ensure-server.js';
import type { FleetClient } from '../../client/fleet-client.js';
import { connectSocket } from '../../client/socket-client.js';
import { lockfilePath, socketPath } from '../../fs/fleet-files.js';
import { performance } from 'node:perf_hooks';
import { HANGAR_NODE_FLAGS } from '../../cli/node-flags.js';
import { OuterTerminal } from '../outer-terminal.js';
import { isAlive } from '../proc-stats.js';
import { runCommand, runOrThrow } from '../run-command.js';
import { makeScratchDir } from '../scratch-dir.js';
import { SHELL_ARGV, benchEnv, promptsReady, type Subject, type Workbench } from '../subject.js';
import { DEMO_READY_TEXT, HANGAR_BIN, countOnScreen } from './demo-agent.js';

/** Agent names in pane order: p1 is focused when the cockpit opens. */
export function paneName(index: number): string {
  return `p${index + 1}`;
}

/**
 * The agents.toml of a benchmark fleet: `count` agents of one backend, nothing watched. The
 * `program` backend runs `program` with the session's name after it, known busy by "esc to
 * interrupt" as the agent CLIs' built-in backends know theirs.
 */
export function fleetConfig(backend: 'sh' | 'demo' | 'program', count: number, scrollback: number, program: string[] = ['true']): string {
  const agents = Array.from({ length: count }, (_, i) => `[[agent]]\nname = "${paneName(i)}"\n`).join('\n');
  return `[defaults]
session_prefix = "bench-"
log_dir = "state"
dir = "work"
backend = "${backend}"
scrollback = ${scrollback}
watch = "none"

[backend.sh]
bin = "${SHELL_ARGV.join(' ')}"
prompt_delivery = "exec"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"

[backend.program]
bin = ${JSON.stringify([...program.map(shellWord), '{session}'].join(' '))}
prompt_delivery = "exec"
active_re = "esc to interrupt"

${agents}`;
}

/** A word of a command line, quoted for the shell when it needs to be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Start the fleet server the way `hangar up` does (detached, "ready" on fd 3), but with node
 * flags of our own — node refuses --cpu-prof in NODE_OPTIONS, so a profiled server is started here.
 */
async function startServer(dir: string, env: Record<string, string>, nodeArgs: string[]): Promise<void> {
  const child = spawn(process.execPath, [...nodeArgs, ...HANGAR_NODE_FLAGS, SERVER_MAIN, '--config', join(dir, 'agents.toml')], { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'pipe'], cwd: dir, env });
  const fd3 = child.stdio[3] as Readable;
  const line = await new Promise<string>((resolve) => {
    let text = '';
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    fd3.on('close', () => resolve(text));
  });
  fd3.destroy();
  child.unref();
  if (line !== 'ready') throw new Error(`the profiled fleet server did not start: ${line || 'it exited'}`);
}

/**
 * hangar as a person runs it: `hangar up` in the outer pty (bin/hangar run as a program, so
 * it starts node with hangar's own flags) starts the fleet's server and opens the cockpit on
 * it. With nodeArgs (e.g. --cpu-prof), cockpit and server run under those flags as well.
 */
async function openFleet(label: string, config: string, ready: (outer: OuterTerminal) => boolean, nodeArgs: string[]): Promise<Workbench> {
  const scratch = makeScratchDir(`hangar-${label}`);
  writeFileSync(join(scratch.path, 'agents.toml'), config);
  const env = benchEnv(scratch.xdgStateHome);
  const hangar = (...args: string[]) => runOrThrow(process.execPath, [HANGAR_BIN, ...args], { cwd: scratch.path, env });
  if (nodeArgs.length > 0) await startServer(scratch.path, env, nodeArgs);
  const outer =
    nodeArgs.length > 0
      ? new OuterTerminal({ file: process.execPath, args: [...nodeArgs, ...HANGAR_NODE_FLAGS, HANGAR_BIN, 'up'], cwd: scratch.path, env })
      : new OuterTerminal({ file: HANGAR_BIN, args: ['up'], cwd: scratch.path, env });
  let server: number | undefined;
  let client: FleetClient | null = null;
  const close = async (): Promise<void> => {
    client?.close();
    // detach first so a profiled cockpit exits normally and writes its profile
    outer.write('\x02d');
    await outer.waitForExit(3000).catch(() => undefined); // close() kills it otherwise
    await outer.close();
    await runCommand(process.execPath, [HANGAR_BIN, 'down'], { cwd: scratch.path, env });
    if (server !== undefined && isAlive(server)) process.kill(server, 'SIGKILL');
    scratch.dispose();
  };
  try {
    await outer.waitFor(`the cockpit (${label})`, () => ready(outer), 20_000);
    const fleet = { log_dir: join(scratch.path, 'state') }; // fleetConfig's log_dir
    const lock = JSON.parse(readFileSync(lockfilePath(fleet), 'utf8')) as { pid: number };
    server = lock.pid;
    return {
      outer,
      processes: { client: outer.pid, server },
      async runInPane(index, command) {
        await hangar('keys', '-l', paneName(index), command);
        await hangar('keys', paneName(index), 'Enter');
      },
      async askStatus() {
        client ??= await connectSocket(socketPath(fleet), { clientName: 'bench', timeoutMs: 10_000 });
        const start = performance.now();
        await client.request('status', {});
        return performance.now() - start;
      },
      async agentStatuses() {
        client ??= await connectSocket(socketPath(fleet), { clientName: 'bench', timeoutMs: 10_000 });
        const { agents } = await client.request('status', {});
        return [...agents].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })).map((a) => a.status);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Node flags that write a CPU profile of each hangar process into `<profileDir>/<label>/`. */
function profileArgs(profileDir: string | undefined, label: string): string[] {
  return profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, label)}`];
}

/** hangar; with profileDir, its cockpit and server run under --cpu-prof (one folder per workbench). */
export function hangarSubject(profileDir?: string): Subject {
  return {
    name: 'hangar',
    maxPanes: 8,
    openShells({ panes, scrollback }) {
      return openFleet('shells', fleetConfig('sh', panes, scrollback), (outer) => promptsReady(outer, panes), profileArgs(profileDir, `shells-${panes}`));
    },
    openDemoAgents(count) {
      return openFleet('demo', fleetConfig('demo', count, 2000), (outer) => countOnScreen(outer, DEMO_READY_TEXT) >= count, profileArgs(profileDir, `demo-${count}`));
    },
    openPrograms(argv, count, ready) {
      return openFleet('programs', fleetConfig('program', count, 2000, argv), ready, profileArgs(profileDir, `programs-${count}`));
    },
  };
}
