/**
 * The fuzzer's two kinds of connection to a server's socket: a raw one that writes whatever
 * bytes it is given and resolves once the connection is closed (by either side), and a
 * well-behaved one (hello, then one request) that checks the server still answers.
 */
import { connect, type Socket } from 'node:net';
import { encodeFrame, FrameDecoder } from '../../src/protocol/frame.js';
import { PROTOCOL_VERSION } from '../../src/protocol/messages.js';

/** A connection that ended, and what the server sent on it. */
export interface RawOutcome {
  bytesReceived: number;
  /** the connection failed (ECONNRESET, EPIPE, refused): the server closed it on us */
  error?: string;
}

/**
 * Connect, write each chunk in turn, half-close, and resolve once the socket is closed. A
 * server that answers a half-close by closing (node's default) ends it; so does one that
 * drops the connection for what it read. `hold` is awaited between writing and closing — a
 * partial frame left pending while other connections come and go.
 */
export function rawExchange(socketPath: string, chunks: Buffer[], hold?: Promise<void>): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket: Socket = connect(socketPath);
    let bytesReceived = 0;
    let error: string | undefined;
    socket.on('data', (d: Buffer) => (bytesReceived += d.length));
    socket.on('error', (err: NodeJS.ErrnoException) => (error ??= err.code ?? err.message));
    socket.on('close', () => resolve({ bytesReceived, ...(error !== undefined ? { error } : {}) }));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
      }
      await hold;
      socket.end();
    });
  });
}

/** The frames of a hello with this protocol version. */
export function helloFrame(client = 'fuzz'): Buffer {
  return encodeFrame({ t: 'hello', version: PROTOCOL_VERSION, client });
}

/** Say hello and ask `verb`; resolves with the response's result, rejects on anything else. */
export function request(socketPath: string, verb: string, args: Record<string, unknown> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const decoder = new FrameDecoder();
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`${verb}: ${why}`));
    };
    socket.on('error', (err) => fail(err.message));
    socket.on('close', () => fail('the server closed the connection'));
    socket.on('connect', () => socket.write(Buffer.concat([helloFrame('fuzz-check'), encodeFrame({ t: 'request', id: 1, verb, args })])));
    socket.on('data', (chunk: Buffer) => {
      for (const msg of decoder.push(chunk) as Array<{ t: string; id?: number; ok?: boolean; result?: unknown; error?: { message: string } }>) {
        if (msg.t !== 'response' || msg.id !== 1) continue;
        socket.removeAllListeners('close');
        socket.destroy();
        if (msg.ok) resolve(msg.result);
        else reject(new Error(`${verb}: ${msg.error?.message}`));
      }
    });
  });
}
