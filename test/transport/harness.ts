import { EventEmitter, once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, FrameDecoder } from '../../src/protocol/frame.js';
import { PROTOCOL_VERSION, type ServerIdentity } from '../../src/protocol/messages.js';
import type { ConnectionInfo, RequestHandler } from '../../src/server/request-handler.js';
import { RequestError } from '../../src/server/request-error.js';

/** Shared pieces for the transport tests: temp dirs, a recording handler, a raw socket peer. */

export function makeTempDir(): { dir: string; cleanup(): void } {
  // Short prefix: socket paths must stay under ~107 bytes.
  const dir = mkdtempSync(join(tmpdir(), 'hgw-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function identityFor(socket: string): ServerIdentity {
  return { pid: process.pid, socket, version: '0.0.0-test', startedAt: '2026-01-01T00:00:00.000Z', config: '/tmp/agents.toml' };
}

/**
 * A handler with a few verbs that exercise the protocol, recording every hook call and
 * emitting it so tests await calls instead of sleeping.
 */
export class RecordingHandler extends EventEmitter implements RequestHandler {
  readonly inputs: Array<{ name: string; data: string }> = [];
  readonly resizes: Array<{ conn: ConnectionInfo; name: string; cols: number; rows: number }> = [];
  readonly subscribes: Array<{ conn: ConnectionInfo; screens: string[] }> = [];
  readonly disconnects: ConnectionInfo[] = [];
  readonly caughtUp: Array<{ conn: ConnectionInfo; screens: string[] }> = [];
  readonly connections: ConnectionInfo[] = [];
  /** Requests to the `hang` verb, resolvable by the test. */
  readonly hanging: Array<(result: unknown) => void> = [];

  async request(verb: string, args: Record<string, unknown>, conn: ConnectionInfo): Promise<unknown> {
    this.connections.push(conn);
    switch (verb) {
      case 'echo':
        return { verb, args, client: conn.client };
      case 'nothing':
        return undefined;
      case 'missing':
        throw new RequestError('not_found', `no agent named ${String(args.name)}`);
      case 'crash':
        throw new Error('handler exploded');
      case 'throw-sync':
        // a plain object with a code, thrown before any await
        throw Object.assign(new Error('bad'), { code: 'bad_args' });
      case 'hang':
        return new Promise((resolve) => {
          this.hanging.push(resolve);
          this.emit('hanging');
        });
      default:
        throw Object.assign(new Error(`unknown request "${verb}"`), { code: 'unknown_verb' });
    }
  }

  input(name: string, data: string): void {
    this.inputs.push({ name, data });
    this.emit('input');
  }

  resize(conn: ConnectionInfo, name: string, cols: number, rows: number): void {
    this.resizes.push({ conn, name, cols, rows });
    this.emit('resize');
  }

  onSubscribe(conn: ConnectionInfo, screens: string[]): void {
    this.subscribes.push({ conn, screens });
    this.emit('subscribe');
  }

  onCaughtUp(conn: ConnectionInfo, screens: string[]): void {
    this.caughtUp.push({ conn, screens });
    this.emit('caught-up');
  }

  onDisconnect(conn: ConnectionInfo): void {
    this.disconnects.push(conn);
    this.emit('disconnect', conn);
  }

  /** Resolves once `predicate` holds, re-checking each time `event` is emitted. */
  async until(event: string, predicate: () => boolean): Promise<void> {
    while (!predicate()) await once(this, event);
  }
}

/** A bare socket speaking frames by hand, to misbehave in ways a real client cannot. */
export class RawPeer {
  readonly frames: unknown[] = [];
  readonly closed: Promise<void>;
  private readonly decoder = new FrameDecoder();
  private readonly arrivals = new EventEmitter();
  private isClosed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const f of this.decoder.push(chunk)) {
        this.frames.push(f);
        this.arrivals.emit('frame');
      }
    });
    // The server may reset us after it stops reading: that is a close like any other here.
    socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        this.arrivals.emit('frame');
        resolve();
      }),
    );
  }

  static async connect(path: string): Promise<RawPeer> {
    const socket = connect(path);
    await once(socket, 'connect');
    return new RawPeer(socket);
  }

  send(msg: unknown): void {
    this.socket.write(encodeFrame(msg));
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** The `n`th frame received (0-based), once it arrives. */
  async frame(n: number): Promise<unknown> {
    while (this.frames.length <= n) {
      if (this.isClosed) throw new Error(`connection closed after ${this.frames.length} frames`);
      await once(this.arrivals, 'frame');
    }
    return this.frames[n];
  }

  async handshake(version = PROTOCOL_VERSION): Promise<unknown> {
    this.send({ t: 'hello', version, client: 'raw' });
    return this.frame(0);
  }
}
