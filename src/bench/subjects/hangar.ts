import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The agents.toml of a benchmark fleet: `count` agents of one backend, nothing watched. */
export function fleetConfig(backend: 'sh' | 'demo', count: number, scrollback: number): string {
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

${agents}`;
}

/**
 * hangar as a person runs it: `hangar up` in the outer pty starts the fleet's server and opens
 * the cockpit on it. Extra environment (e.g. NODE_OPTIONS=--cpu-prof) reaches cockpit and server.
 */
async function openFleet(label: string, config: string, ready: (outer: OuterTerminal) => boolean, extraEnv: Record<string, string>): Promise<Workbench> {
  const scratch = makeScratchDir(`hangar-${label}`);
  writeFileSync(join(scratch.path, 'agents.toml'), config);
  const env = benchEnv(scratch.xdgStateHome, extraEnv);
  const hangar = (...args: string[]) => runOrThrow(process.execPath, [HANGAR_BIN, ...args], { cwd: scratch.path, env: benchEnv(scratch.xdgStateHome) });
  const outer = new OuterTerminal({ file: process.execPath, args: [HANGAR_BIN, 'up'], cwd: scratch.path, env });
  let server: number | undefined;
  const close = async (): Promise<void> => {
    // detach first so a profiled cockpit exits normally and writes its profile
    outer.write('\x02d');
    await outer.waitForExit(3000);
    await outer.close();
    await runCommand(process.execPath, [HANGAR_BIN, 'down'], { cwd: scratch.path, env: benchEnv(scratch.xdgStateHome) });
    if (server !== undefined && isAlive(server)) process.kill(server, 'SIGKILL');
    scratch.dispose();
  };
  try {
    await outer.waitFor(`the cockpit (${label})`, () => ready(outer), 20_000);
    const lock = JSON.parse(readFileSync(join(scratch.path, 'state', 'server.pid'), 'utf8')) as { pid: number };
    server = lock.pid;
    return {
      outer,
      processes: { client: outer.pid, server },
      async runInPane(index, command) {
        await hangar('keys', '-l', paneName(index), command);
        await hangar('keys', paneName(index), 'Enter');
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** hangar with extra environment for its cockpit and server (used to profile them). */
export function hangarSubject(extraEnv: Record<string, string> = {}): Subject {
  return {
    name: 'hangar',
    maxPanes: 8,
    openShells({ panes, scrollback }) {
      return openFleet('shells', fleetConfig('sh', panes, scrollback), (outer) => promptsReady(outer, panes), extraEnv);
    },
    openDemoAgents(count) {
      return openFleet('demo', fleetConfig('demo', count, 2000), (outer) => countOnScreen(outer, DEMO_READY_TEXT) >= count, extraEnv);
    },
  };
}
