import { spawn } from 'node:child_process';
import { closeSync, readFileSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { holdExtraCaCerts } from '../base/extra-ca-certs.js';
import { withoutAgentOverrides } from '../config/overrides.js';
import type { FleetConfig } from '../config/types.js';
import { connectSocket } from '../client/socket-client.js';
import type { FleetClient } from '../client/fleet-client.js';
import { HANGAR_NODE_FLAGS } from './node-flags.js';
import { packagePath } from '../fs/package-root.js';
import { preparePrivateDirectory } from '../fs/private-directory.js';
import { openLogForAppend, rotateFiles } from '../fs/rotating-file.js';
import { serverLogPath, socketPath } from '../fs/fleet-files.js';
import { processGone } from './process-gone.js';

/** The fleet server's program: the server's bundle (scripts/bundle.mjs), built with the CLI's. */
export const SERVER_MAIN = packagePath('dist', 'hangar-server.js');

/** True for the errors that mean "nobody is listening on that socket". */
function isNoServer(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED';
}

/** Connect to the fleet's server, or return null when none is running. */
export async function connectFleet(config: FleetConfig, clientName: string): Promise<FleetClient | null> {
  try {
    return await connectSocket(socketPath(config), { clientName, timeoutMs: 5000 });
  } catch (err) {
    if (isNoServer(err)) return null;
    throw err;
  }
}

/**
 * Connect to the fleet's server, starting it first when none is running. The server is a
 * detached process of its own (it outlives this CLI); it says "ready" on fd 3 once it listens.
 */
export async function connectOrStartFleet(config: FleetConfig, clientName: string, runName?: string): Promise<FleetClient> {
  return (await connectFleet(config, clientName)) ?? (await startFleet(config, clientName, runName)).client;
}

/**
 * Start the fleet's server and connect to it. `started` is false when another server won the
 * race (another `up` started one meanwhile): the client is then connected to that one. The
 * server runs the config's instance (`config.instance`); `runName` names the run (`up --name`).
 */
export async function startFleet(config: FleetConfig, clientName: string, runName?: string): Promise<{ client: FleetClient; started: boolean }> {
  // refused before anything is written there (server.log below) when another user owns it
  preparePrivateDirectory(config.log_dir);
  const serverLog = serverLogPath(config);
  const out = openServerLog(serverLog, config);
  const child = spawn(
    process.execPath,
    [...HANGAR_NODE_FLAGS, SERVER_MAIN, '--config', config.path, '--instance', config.instance, ...(runName ? ['--name', runName] : [])],
    // one-off overrides travel with each request, not in the server's environment; NODE_EXTRA_CA_CERTS
    // is held aside for node's start (base/extra-ca-certs.ts) and the server puts it back for its agents
    { detached: true, stdio: ['ignore', out, out, 'pipe'], cwd: config.project_dir, env: holdExtraCaCerts(withoutAgentOverrides(process.env)) },
  );
  closeSync(out);
  const line = await readFirstLine(child.stdio[3] as Readable);
  child.unref();
  if (line !== 'ready' && line !== 'already-running') {
    throw new Error(`the fleet server did not start: ${line || 'it exited'}\n${tail(serverLog, 10)}`);
  }
  return { client: await connectSocket(socketPath(config), { clientName, timeoutMs: 5000 }), started: line === 'ready' };
}

/** Stop the whole server `client` is connected to (`down` without names) and wait until its process has ended. */
export async function stopFleet(client: FleetClient): Promise<void> {
  const closed = new Promise<void>((resolve) => client.onClose(() => resolve()));
  await client.request('down', { names: [] });
  await closed; // the server closes its connections once every child is gone …
  if (!(await processGone(client.server.pid, 5000))) {
    // … and then exits
    throw new Error(`the agents are stopped, but the server (pid ${client.server.pid}) has not exited after 5 s`);
  }
}

/**
 * server.log for the new server's stdout and stderr: rotated first when already at its cap,
 * so that the file the server starts writing (server/server-log.ts) is the one its early
 * output went to; never opened through a symbolic link.
 */
function openServerLog(path: string, config: FleetConfig): number {
  try {
    if (statSync(path).size >= config.log_max) rotateFiles(path, config.log_keep);
  } catch {
    // no server.log yet
  }
  return openLogForAppend(path).fd;
}

function readFirstLine(stream: Readable): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = () => {
      stream.removeAllListeners();
      stream.destroy();
      resolve(text.split('\n')[0]!.trim());
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) done();
    });
    stream.on('end', done);
    stream.on('error', done);
  });
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
