import { createServer, type Server, type Socket } from 'node:net';
import { rmSync, statSync, chmodSync } from 'node:fs';
import type { MessageChannel } from '../protocol/channel.js';
import type { FleetEvent, ServerIdentity, ServerMessage } from '../protocol/messages.js';
import { MAX_CLIENT_FRAME_BYTES } from '../protocol/frame.js';
import { DEFAULT_MAX_PENDING_BYTES, socketChannel } from '../protocol/socket-channel.js';
import type { ConnectionInfo, RequestHandler, Transport } from './request-handler.js';
import { ServerConnection } from './server-connection.js';
import { prepareSocketPath } from './socket-file.js';

export { ServerAlreadyRunning } from './server-already-running.js';
export type { ConnectionInfo, RequestHandler, Transport } from './request-handler.js';

export const DEFAULT_MAX_CONNECTIONS = 64;
const DEFAULT_PARTIAL_FRAME_TIMEOUT_MS = 30_000;

/** One connection too many: it hears why, then is closed, without a ServerConnection of its own. */
function refuse(socket: Socket, channel: MessageChannel<ServerMessage>, message: string): void {
  socket.on('error', () => {}); // the peer may be gone already
  channel.send({ t: 'error', error: { code: 'too_many_connections', message } });
  channel.end();
}

export interface ProtocolServerOptions {
  /** A client with more unsent output than this is disconnected (default 16 MiB). */
  maxPendingOutputBytes?: number;
  /** How long close() lets clients drain before cutting them off (default 2000 ms). */
  closeGraceMs?: number;
  /** How long a new client may take to say hello before it is closed (default 10 s). */
  helloTimeoutMs?: number;
  /** Socket clients served at once; the next is told `too_many_connections` and closed (default 64). */
  maxConnections?: number;
  /** A client that stops sending in the middle of a frame for this long is closed (default 30 s). */
  partialFrameTimeoutMs?: number;
  /** Errors thrown by handler hooks (input, resize, onSubscribe, onDisconnect) or by publishing. */
  onError?(err: unknown, conn: ConnectionInfo | null): void;
}

/**
 * The fleet server's end of the wire: owns the listening socket and every client
 * connection, socket or in-process, and fans published events out to subscribers.
 */
export class ProtocolServer {
  private readonly connections = new Set<ServerConnection>();
  private listener: Server | null = null;
  private socketPath: string | null = null;
  /** Inode of our socket file, so close() never deletes a successor's socket. */
  private socketIno: number | null = null;
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly handler: RequestHandler,
    readonly identity: ServerIdentity,
    private readonly options: ProtocolServerOptions = {},
  ) {}

  /** Number of open connections, handshaken or not. */
  get connectionCount(): number {
    return this.connections.size;
  }

  async listen(socketPath: string): Promise<void> {
    if (this.listener || this.closing) throw new Error('ProtocolServer: listen() called twice or after close()');
    await prepareSocketPath(socketPath);
    const listener = createServer((socket: Socket) => {
      const channel = socketChannel<ServerMessage>(socket, {
        maxPendingBytes: this.maxPending(),
        // what one client can make the server hold: a small partial frame, for a while
        maxIncomingFrameBytes: MAX_CLIENT_FRAME_BYTES,
        partialFrameTimeoutMs: this.options.partialFrameTimeoutMs ?? DEFAULT_PARTIAL_FRAME_TIMEOUT_MS,
      });
      const max = this.options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
      if (this.socketConnections() >= max) refuse(socket, channel, `the server serves ${max} connections already; try again when one closes`);
      else this.accept(channel, 'socket');
    });
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(socketPath, () => {
        listener.off('error', reject);
        resolve();
      });
    });
    listener.on('error', (err) => this.reportError(err, null));
    chmodSync(socketPath, 0o600);
    this.listener = listener;
    this.socketPath = socketPath;
    this.socketIno = statSync(socketPath).ino;
  }

  /** Serves one client over `channel`; the socket listener and the in-process transport both come here. */
  accept(channel: MessageChannel<ServerMessage>, transport: Transport): void {
    if (this.closing) {
      channel.destroy();
      return;
    }
    const conn = new ServerConnection(this.nextId++, transport, channel, {
      handler: this.handler,
      identity: this.identity,
      reportError: (err, info) => this.reportError(err, info),
      onGone: (c) => this.connections.delete(c),
      helloTimeoutMs: this.options.helloTimeoutMs ?? 10_000,
    });
    this.connections.add(conn);
    channel.open(conn);
  }

  /** Sends `event` to every client subscribed to it. */
  publish(event: FleetEvent): void {
    // One message object for all: the socket channel encodes it once.
    const msg = { t: 'event', event } as const;
    for (const conn of this.connections) conn.deliver(msg);
  }

  /** Sends `event` to one client (if it is subscribed to it), e.g. a first full screen. */
  publishTo(target: ConnectionInfo, event: FleetEvent): void {
    for (const conn of this.connections) {
      if (conn.id === target.id) conn.deliverEvent(event);
    }
  }

  /** Ends every connection (flushing what was sent), stops listening, removes the socket file. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const drained = this.drainConnections();
    const listener = this.listener;
    this.listener = null;
    if (listener) await new Promise<void>((resolve) => listener.close(() => resolve()));
    await drained;
    this.removeSocketFile();
  }

  private async drainConnections(): Promise<void> {
    const open = [...this.connections];
    if (open.length === 0) return;
    const allGone = Promise.all(open.map((c) => c.gone)).then(() => undefined);
    for (const c of open) c.close();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.closeGraceMs ?? 2000);
    });
    try {
      if ((await Promise.race([allGone, grace])) === 'timeout') {
        for (const c of open) c.destroy();
        await allGone;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private removeSocketFile(): void {
    const path = this.socketPath;
    if (!path) return;
    this.socketPath = null;
    try {
      // libuv usually unlinks it on close already; only remove what is still ours.
      if (statSync(path).ino === this.socketIno) rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  private socketConnections(): number {
    let n = 0;
    for (const c of this.connections) if (c.transport === 'socket') n++;
    return n;
  }

  private maxPending(): number {
    return this.options.maxPendingOutputBytes ?? DEFAULT_MAX_PENDING_BYTES;
  }

  private reportError(err: unknown, conn: ConnectionInfo | null): void {
    if (this.options.onError) this.options.onError(err, conn);
    else console.error(`hangar server: ${conn ? `client ${conn.client}#${conn.id}: ` : ''}${String(err)}`);
  }
}
