import type { RemoteHost } from '../config/host.js';
import { shellQuote } from '../config/template.js';
import { kubectlArgv } from './kubectl-command.js';
import { remoteScript } from './remote-script.js';
import { sshArgv } from './ssh-command.js';

/**
 * The variables of a child's environment that mean something on the other machine. The rest
 * of hangar's (PATH with hangar's bin/, HANGAR_CONFIG, the server's own environment) names
 * this machine's files, so it stays here.
 */
const REMOTE_ENV_KEYS = ['TERM', 'COLORTERM', 'HANGAR_AGENT', 'HANGAR_SESSION'] as const;

/** Where the kickoff is written over there: a fresh name per start, in /tmp, which every POSIX system has. */
export function remoteKickoffPath(session: string, unique: string): string {
  return `/tmp/hangar-kickoff-${session}-${unique}.md`;
}

/** Where the fleet's socket is forwarded to over ssh: HANGAR_SOCKET of the agent there. */
function remoteSocketPath(session: string, unique: string): string {
  return `/tmp/hangar-${session}-${unique}.sock`;
}

export interface RemoteLaunchInput {
  host: RemoteHost;
  /** the launch command as a local agent would run it, its kickoff path already the remote one */
  command: string;
  /** the agent's directory over there */
  dir: string;
  /** the child's environment as a local agent would get it */
  env: Readonly<Record<string, string>>;
  session: string;
  /** a fresh value per start: the remote file names */
  unique: string;
  /** the kickoff to write over there, when the command or the boot message reads it */
  kickoff?: { path: string; text: string };
  /** the fleet server's socket here, forwarded back over ssh */
  fleetSocket: string;
}

/**
 * The local shell line that runs an agent on another machine: `exec ssh …` or `exec kubectl
 * …`, every word quoted for the local sh, the remote script (remote-script.ts) one of them.
 * Pure: it builds text and touches nothing.
 */
export function remoteLaunchCommand(input: RemoteLaunchInput): string {
  const { host, session, unique } = input;
  const env: Record<string, string> = {};
  for (const k of REMOTE_ENV_KEYS) if (input.env[k] !== undefined) env[k] = input.env[k];
  // ssh splits -R at ':', so a socket path holding one cannot be forwarded: its hooks fall back to the screen
  const forward = host.kind === 'ssh' && !input.fleetSocket.includes(':');
  const socket = forward ? { remote: remoteSocketPath(session, unique), local: input.fleetSocket } : undefined;
  if (socket) env.HANGAR_SOCKET = socket.remote;
  const script = remoteScript({ command: input.command, dir: input.dir, env, kickoff: input.kickoff });
  const argv = host.kind === 'ssh' ? sshArgv(host, script, socket) : kubectlArgv(host, script);
  return `exec ${argv.map(shellQuote).join(' ')}`;
}
