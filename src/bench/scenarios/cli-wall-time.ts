import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectSocket } from '../../client/socket-client.js';
import { socketPath } from '../../fs/fleet-files.js';
import type { BenchClock } from '../clock.js';
import { median } from '../percentiles.js';
import { runCommand, runOrThrow } from '../run-command.js';
import { makeScratchDir } from '../scratch-dir.js';
import { SHELL_ARGV, benchEnv } from '../subject.js';
import { COCKPIT_NODE_FLAGS } from '../../cli/node-flags.js';
import { HANGAR_BIN } from '../subjects/demo-agent.js';
import { fleetConfig } from '../subjects/hangar.js';

/** GNU time: a child's CPU time and peak memory, which node's child_process does not report. */
const GNU_TIME = '/usr/bin/time';

/** bin/hangar's own node flags (its first line), so "node start" is the same node hangar runs. */
const LAUNCHER_NODE_FLAGS = COCKPIT_NODE_FLAGS;

/** Wall times in ms, one entry per run, of each thing the CLI scenario times. */
export interface CliSamples {
  /** `node -e 0` with bin/hangar's flags: a process that loads nothing */
  nodeStart: number[];
  /** `hangar --version`: node start + loading the CLI bundle (dist/hangar.js and what it imports statically) */
  version: number[];
  /** `hangar status`: all of the above + config, connect, the request, printing */
  status: number[];
  /** `tmux list-panes` against a running tmux server with one pane */
  tmux: number[];
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
  nodeStart: number;
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
    nodeStart: m(s.nodeStart),
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

/**
 * `--scenario cli`: the wall time of `hangar status` (bin/hangar run as a person runs it) against
 * `tmux list-panes`, hyperfine-style: a few warm-up runs, then `runs` of each, taking turns so a
 * machine getting busier weighs on each alike; the median is the figure.
 */
export async function measureCliWallTime(clock: BenchClock, runs: number, warmup = 3): Promise<CliSamples> {
  const scratch = makeScratchDir('cli');
  writeFileSync(join(scratch.path, 'agents.toml'), fleetConfig('sh', 1, 1000));
  const env = benchEnv(scratch.xdgStateHome);
  const opts = { cwd: scratch.path, env };
  const tmuxSocket = `bench-cli${process.pid}`;
  const tmuxArgs = ['-L', tmuxSocket, '-f', '/dev/null'];
  try {
    await runOrThrow(HANGAR_BIN, ['up', '-d'], opts);
    await runOrThrow('tmux', [...tmuxArgs, 'new-session', '-d', '-s', 'bench', ...SHELL_ARGV], opts);
    const samples: CliSamples = { nodeStart: [], version: [], status: [], tmux: [], connect: [], request: [], statusCpu: [], statusMaxRssKb: [] };
    const socket = socketPath({ log_dir: join(scratch.path, 'state') });
    for (let i = 0; i < warmup + runs; i++) {
      const nodeStart = await timed(clock, process.execPath, [...LAUNCHER_NODE_FLAGS, '-e', '0'], opts);
      const version = await timed(clock, HANGAR_BIN, ['--version'], opts);
      const status = await timed(clock, HANGAR_BIN, ['status'], opts);
      const tmux = await timed(clock, 'tmux', [...tmuxArgs, 'list-panes', '-t', 'bench'], opts);
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
