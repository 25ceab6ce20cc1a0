import { createConnection, type Socket } from 'node:net';
import type { ClientMessage } from '../protocol/messages.js';
import { MAX_CLIENT_FRAME_BYTES } from '../protocol/frame.js';
import { socketChannel } from '../protocol/socket-channel.js';
import { ClientConnection } from './client-connection.js';
import { checkSocketOwner } from './socket-owner.js';
import type { OwnerView } from '../fs/private-directory.js';

export interface ConnectSocketOptions {
  /** how the socket's owner is checked (unit tests play another user); default: the real file system */
  ownerView?: OwnerView;
  /** Told to the server in hello (e.g. "cli", "cockpit"). */
  clientName: string;
  /** For connecting and the handshake together (default 5000 ms). */
  timeoutMs?: number;
}

/**
 * Connects to a fleet server's Unix socket. "No server" surfaces as the socket error
 * itself, with `code` ENOENT or ECONNREFUSED; a server of another protocol version as
 * RemoteError('version_mismatch'). A socket that is not the user's own, or lies in a directory
 * others can write, is refused before connecting (checkSocketOwner).
 */
export async function connectSocket(socketPath: string, options: ConnectSocketOptions): Promise<ClientConnection> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const started = Date.now();
  checkSocketOwner(socketPath, options.ownerView);
  const socket = await connectWithin(socketPath, timeoutMs);
  const remaining = Math.max(1, timeoutMs - (Date.now() - started));
  // a frame the server would refuse is refused here, with the reason, before it is sent
  return ClientConnection.open(socketChannel<ClientMessage>(socket, { maxOutgoingFrameBytes: MAX_CLIENT_FRAME_BYTES }), options.clientName, remaining);
}

function connectWithin(socketPath: string, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`connecting to ${socketPath} timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    const onError = (err: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
