import type { RemoteHost } from '../config/host.js';
import { shellQuote } from '../config/template.js';

type SshHost = Extract<RemoteHost, { kind: 'ssh' }>;

/**
 * A unix socket forwarded from the other machine back to this one (`ssh -R remote:local`):
 * the channel an agent's hooks reach the fleet server through. sshd makes the remote end 0600
 * (its StreamLocalBindMask, 0177 by default); its name is new for every start, so no old one
 * is in the way. A server that will not forward prints a warning and the session goes on
 * (ExitOnForwardFailure is off by default): the agent's status then comes from its screen.
 */
export interface ReverseSocket {
  remote: string;
  local: string;
}

/**
 * `ssh -tt [-p PORT] [-R remote.sock:local.sock] [user@]box -- 'sh -c SCRIPT'`. ssh joins the
 * words after the destination with spaces and hands them to the login shell over there, so
 * the script goes as one word that asks for sh: the script runs in sh whatever that shell is.
 * `-tt` gives the agent a terminal even though ssh's own stdin is hangar's pty. The host's
 * parts were checked by config/host.ts (none starts with `-`), so none is read as an option.
 */
export function sshArgv(host: SshHost, script: string, socket?: ReverseSocket): string[] {
  const argv = ['ssh', '-tt'];
  if (host.port !== undefined) argv.push('-p', String(host.port));
  if (socket) {
    argv.push('-R', `${socket.remote}:${socket.local}`);
  }
  argv.push(host.user !== undefined ? `${host.user}@${host.box}` : host.box, '--', `sh -c ${shellQuote(script)}`);
  return argv;
}
