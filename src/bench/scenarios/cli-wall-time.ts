import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdExtraCaCerts } from '../../base/extra-ca-certs.js';
import { CLI_NODE_FLAGS } from '../../cli/node-flags.js';
import { connectSocket } from '../../client/socket-client.js';
import { socketPath } from '../../fs/fleet-files.js';
import type { BenchClock } from '../clock.js';
import type { Figures } from '../figures.js';
import { median } from '../percentiles.js';
import { runCommand, runOrThrow } from '../run-command.js';
import { makeScratchDir } from '../scratch-dir.js';
import { SHELL_ARGV, benchEnv } from '../subject.js';
import { HANGAR_BIN } from '../subjects/demo-agent.js';
import { fleetConfig, paneName } from '../subjects/hangar.js';

/** GNU time: a child's CPU time and peak memory, which node's child_process does not report. */
const GNU_TIME = '/usr/bin/time';

/** What an agent CLI's hook hands `hangar hook`: an event that changes nothing the scenario reads. */
const HOOK_PAYLOAD = JSON.stringify({ hook_event_name: 'Notification' });

/** Wall times in ms, one entry per run, of each thing the CLI scenario times. */
export interface CliSamples {
  /** `node -e 0` started as bin/hangar starts node for status (its flags, its environment): a process that loads nothing */
  nodeStart: number[];
  /** plain `node -e 0` in the user's environment (NODE_EXTRA_CA_CERTS read, if set): node's own start before the launcher's choices */
  nodeStartAsIs: number[];
  /** `hangar --version`: node start + loading the CLI bundle (dist/hangar.js and what it imports statically) */
  version: number[];
  /** `hangar status`: all of the above + config, connect, the request, printing */
  status: number[];
  /** `tmux list-panes` against a running tmux server with one pane */
  tmux: number[];
  /** `hangar hook` as an agent CLI's hook runs it: its own bundle, connect, one hook request */
  hook: number[];
  /** connect + hello on the fleet's socket, timed from a warm process (the bench's own) */
  connect: number[];
  /** one `status` request over an open connection, from the same warm process */
  request: number[];
  /**
   * CPU time (user + system, ms) and peak resident memory (KiB) of one `hangar status`, from
   * /usr/bin/time — steadier than wall time on a loaded machine; empty without /usr/bin/time
   */
  statusCpu: number[];
  statusMaxRssKb: number[];
}

/** The medians, and where a `hangar status` spends its time (each part a difference of medians). */
export interface CliBreakdown {
  status: number;
  tmux: number;
  hook: number;
  nodeStart: number;
  nodeStartAsIs: number;
  /** version − nodeStart */
  bundleLoad: number;
  connect: number;
  request: number;
  /** status − version − connect − request: config load and validation, printing, exit */
  rest: number;
  /** medians of /usr/bin/time's figures for a status; NaN without it */
  statusCpu: number;
  statusMaxRssKb: number;
}

export function cliBreakdown(s: CliSamples): CliBreakdown {
  const m = (xs: number[]) => median(xs);
  const status = m(s.status);
  const version = m(s.version);
  const connect = m(s.connect);
  const request = m(s.request);
  return {
    status,
    tmux: m(s.tmux),
    hook: m(s.hook),
    nodeStart: m(s.nodeStart),
    nodeStartAsIs: m(s.nodeStartAsIs),
    bundleLoad: version - m(s.nodeStart),
    connect,
    request,
    rest: status - version - connect - request,
    statusCpu: m(s.statusCpu),
    statusMaxRssKb: m(s.statusMaxRssKb),
  };
}

export function renderCliBreakdown(b: CliBreakdown, runs: number): string[] {
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  return [
    `hangar status: median ${f(b.status)} over ${runs} runs; tmux list-panes: ${f(b.tmux)} (${(b.status / b.tmux).toFixed(1)}x)`,
    `where a status goes (differences of medians): node start ${f(b.nodeStart)}, bundle load ${f(b.bundleLoad)}, ` +
      `connect ${f(b.connect)}, request ${f(b.request)} (both timed from a warm process), config + printing + exit ${f(b.rest)}`,
    `node -e 0 as the user's shell starts it (no flags, the environment as is): ${f(b.nodeStartAsIs)}; hangar hook: ${f(b.hook)}`,
    ...(Number.isNaN(b.statusCpu) ? [] : [`hangar status CPU time (user + system): median ${f(b.statusCpu)}; peak resident memory ${(b.statusMaxRssKb / 1024).toFixed(1)} MB`]),
  ];
}

/** Time one program run from spawn to exit; a failure stops the scenario (a wrong figure is worse than none). */
async function timed(clock: BenchClock, file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const start = clock.now();
  const result = await runCommand(file, args, opts);
  const ms = clock.now() - start;
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} failed (${result.code}): ${result.stderr || result.stdout}`);
  return ms;
}

/** CPU ms (user + system) and peak RSS KiB of one run, by /usr/bin/time; null when it is not there. */
async function cpuAndMemory(file: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ cpu: number; maxRssKb: number } | null> {
  if (!existsSync(GNU_TIME)) return null;
  const result = await runCommand(GNU_TIME, ['-f', 'hangar-bench %U %S %M', file, ...args], opts);
  const m = /hangar-bench (\S+) (\S+) (\d+)/.exec(result.stderr);
  if (result.code !== 0 || !m) throw new Error(`${GNU_TIME} ${file} ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return { cpu: (Number(m[1]) + Number(m[2])) * 1000, maxRssKb: Number(m[3]) };
}

/** (h)'s rows: status against tmux list-panes, and where a status goes (judged: the status only). */
export function cliFigures(b: CliBreakdown): Figures {
  return {
    hangar: { cliStatusMs: b.status, cliNodeStartMs: b.nodeStart, cliBundleLoadMs: b.bundleLoad, cliConnectMs: b.connect + b.request, cliRestMs: b.rest, cliHookMs: b.hook, cliStatusCpuMs: b.statusCpu },
    tmux: { cliStatusMs: b.tmux },
  };
}

/**
 * `--scenario cli`, and (h) of a full run: the wall time of `hangar status` (bin/hangar run as a person runs it) against
 * `tmux list-panes`, hyperfine-style: a few warm-up runs, then `runs` of each, taking turns so a
 * machine getting busier weighs on each alike; the median is the figure.
 */
export async function measureCliWallTime(clock: BenchClock, runs: number, warmup = 3): Promise<CliSamples> {
  const scratch = makeScratchDir('cli');
  writeFileSync(join(scratch.path, 'agents.toml'), fleetConfig('sh', 1, 1000));
  const env = benchEnv(scratch.xdgStateHome);
  const opts = { cwd: scratch.path, env };
  const socket = socketPath({ log_dir: join(scratch.path, 'state') });
  // node as bin/hangar starts it for a verb that exits: its flags, NODE_EXTRA_CA_CERTS held aside
  const launched = { cwd: scratch.path, env: holdExtraCaCerts(env) };
  const hookOpts = { cwd: scratch.path, env: { ...env, HANGAR_AGENT: paneName(0), HANGAR_SOCKET: socket } };
  const tmuxSocket = `bench-cli${process.pid}`;
  const tmuxArgs = ['-L', tmuxSocket, '-f', '/dev/null'];
  try {
    await runOrThrow(HANGAR_BIN, ['up', '-d'], opts);
    await runOrThrow('tmux', [...tmuxArgs, 'new-session', '-d', '-s', 'bench', ...SHELL_ARGV], opts);
    const samples: CliSamples = { nodeStart: [], nodeStartAsIs: [], version: [], status: [], tmux: [], hook: [], connect: [], request: [], statusCpu: [], statusMaxRssKb: [] };
    for (let i = 0; i < warmup + runs; i++) {
      const nodeStart = await timed(clock, process.execPath, [...CLI_NODE_FLAGS, '-e', '0'], launched);
      const nodeStartAsIs = await timed(clock, process.execPath, ['-e', '0'], opts);
      const version = await timed(clock, HANGAR_BIN, ['--version'], opts);
      const status = await timed(clock, HANGAR_BIN, ['status'], opts);
      const tmux = await timed(clock, 'tmux', [...tmuxArgs, 'list-panes', '-t', 'bench'], opts);
      const hook = await timed(clock, HANGAR_BIN, ['hook', HOOK_PAYLOAD], hookOpts);
      const connectStart = clock.now();
      const client = await connectSocket(socket, { clientName: 'bench', timeoutMs: 10_000 });
      const connect = clock.now() - connectStart;
      const requestStart = clock.now();
      await client.request('status', {});
      const request = clock.now() - requestStart;
      client.close();
      const usage = await cpuAndMemory(HANGAR_BIN, ['status'], opts);
      if (i < warmup) continue;
      if (usage) {
        samples.statusCpu.push(usage.cpu);
        samples.statusMaxRssKb.push(usage.maxRssKb);
      }
      samples.nodeStart.push(nodeStart);
      samples.nodeStartAsIs.push(nodeStartAsIs);
      samples.hook.push(hook);
      samples.version.push(version);
      samples.status.push(status);
      samples.tmux.push(tmux);
      samples.connect.push(connect);
      samples.request.push(request);
    }
    return samples;
  } finally {
    await runCommand(HANGAR_BIN, ['down'], opts);
    await runCommand('tmux', [...tmuxArgs, 'kill-server'], opts);
    scratch.dispose();
  }
}
