import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, lstatSync, mkdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/protocol/messages.js';
import { RemoteError } from '../../src/client/fleet-client.js';
import type { ClientConnection } from '../../src/client/client-connection.js';
import { connectSocket } from '../../src/client/socket-client.js';
import { encodeFrame, MAX_FRAME_BYTES } from '../../src/protocol/frame.js';
import { ProtocolServer, ServerAlreadyRunning } from '../../src/server/protocol-server.js';
import { identityFor, makeTempDir, RawPeer, RecordingHandler } from './harness.js';

/** The socket server itself: file modes, stale sockets, and clients that misbehave. */

let tmp: ReturnType<typeof makeTempDir>;
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(() => {
  tmp = makeTempDir();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  tmp.cleanup();
});

async function startServer(socketPath: string, options: ConstructorParameters<typeof ProtocolServer>[2] = {}) {
  const handler = new RecordingHandler();
  const server = new ProtocolServer(handler, identityFor(socketPath), options);
  await server.listen(socketPath);
  cleanups.push(() => server.close());
  return { handler, server };
}

async function client(socketPath: string, name = 'good'): Promise<ClientConnection> {
  const c = await connectSocket(socketPath, { clientName: name, timeoutMs: 5000 });
  cleanups.push(() => c.close());
  return c;
}

async function rawPeer(socketPath: string): Promise<RawPeer> {
  const peer = await RawPeer.connect(socketPath);
  cleanups.push(() => void peer.socket.destroy());
  return peer;
}

/** A socket file whose server died without unlinking it, left by a real killed process. */
async function leaveStaleSocket(socketPath: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['-e', `require('node:net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('listening'))`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(child.stdout, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
  expect(lstatSync(socketPath).isSocket()).toBe(true);
}

describe('socket files', () => {
  it('makes the socket 0600 inside a 0700 directory', async () => {
    const dir = join(tmp.dir, 'logs');
    const socketPath = join(dir, 'hangar.sock');
    await startServer(socketPath);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
  });

  it('tightens an existing log directory to 0700', async () => {
    const dir = join(tmp.dir, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    await startServer(join(dir, 'hangar.sock'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a socket path over the OS limit, naming it', async () => {
    const socketPath = join(tmp.dir, 'x'.repeat(120), 'hangar.sock');
    const server = new ProtocolServer(new RecordingHandler(), identityFor(socketPath));
    await expect(server.listen(socketPath)).rejects.toThrow(socketPath);
  });

  it('replaces a stale socket left by a dead server', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    await leaveStaleSocket(socketPath);
    await expect(connectSocket(socketPath, { clientName: 'x' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await startServer(socketPath);
    expect(await (await client(socketPath)).call('echo')).toMatchObject({ verb: 'echo' });
  });

  it('throws ServerAlreadyRunning when a live server owns the socket', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    const { handler } = await startServer(socketPath);
    const second = new ProtocolServer(new RecordingHandler(), identityFor(socketPath));
    const err = await second.listen(socketPath).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerAlreadyRunning);
    expect((err as ServerAlreadyRunning).socketPath).toBe(socketPath);
    // the first server is untouched
    expect(await (await client(socketPath)).call('echo')).toMatchObject({ verb: 'echo' });
    expect(handler.connections).toHaveLength(1);
  });

  it('will not delete a file that is not a socket', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    writeFileSync(socketPath, 'precious');
    const server = new ProtocolServer(new RecordingHandler(), identityFor(socketPath));
    await expect(server.listen(socketPath)).rejects.toThrow(/not a socket/);
    expect(existsSync(socketPath)).toBe(true);
  });

  it('removes the socket file on close', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    const { server } = await startServer(socketPath);
    await server.close();
    expect(existsSync(socketPath)).toBe(false);
  });

  it('reports "no server" as ENOENT', async () => {
    await expect(connectSocket(join(tmp.dir, 'none.sock'), { clientName: 'x' })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('misbehaving clients', () => {
  let socketPath: string;
  let good: ClientConnection;

  beforeEach(async () => {
    socketPath = join(tmp.dir, 'hangar.sock');
    await startServer(socketPath);
    good = await client(socketPath);
  });

  /** The peer was closed, its last frame was an error with `code`, and the good client is unaffected. */
  async function closedWith(peer: RawPeer, code: string): Promise<void> {
    await peer.closed;
    expect(peer.frames.at(-1)).toMatchObject({ t: 'error', error: { code } });
    expect(await good.call('echo', { still: 'here' })).toMatchObject({ args: { still: 'here' } });
  }

  it('closes a peer that sends garbage bytes (an absurd length)', async () => {
    const peer = await rawPeer(socketPath);
    peer.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await closedWith(peer, 'frame_too_large');
  });

  it('closes a peer that announces an oversized frame, without waiting for its body', async () => {
    const peer = await rawPeer(socketPath);
    await peer.handshake();
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
    peer.write(header);
    await closedWith(peer, 'frame_too_large');
  });

  it('closes a peer whose frame is not JSON', async () => {
    const peer = await rawPeer(socketPath);
    await peer.handshake();
    const body = Buffer.from('not json at all');
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length, 0);
    peer.write(Buffer.concat([header, body]));
    await closedWith(peer, 'bad_frame');
  });

  it('closes a peer that sends an invalid message', async () => {
    const peer = await rawPeer(socketPath);
    await peer.handshake();
    peer.send({ t: 'request', id: 'one', verb: 'echo', args: {} });
    await closedWith(peer, 'bad_message');
  });

  it('closes a peer with the wrong protocol version', async () => {
    const peer = await rawPeer(socketPath);
    expect(await peer.handshake(999)).toMatchObject({ t: 'error', error: { code: 'version_mismatch' } });
    await closedWith(peer, 'version_mismatch');
  });

  it('closes a peer that does not start with hello', async () => {
    const peer = await rawPeer(socketPath);
    peer.send({ t: 'request', id: 1, verb: 'echo', args: {} });
    await closedWith(peer, 'not_hello');
  });

  it('welcomes a well-behaved raw peer and answers it', async () => {
    const peer = await rawPeer(socketPath);
    expect(await peer.handshake()).toMatchObject({ t: 'welcome', version: PROTOCOL_VERSION, server: { socket: socketPath } });
    peer.send({ t: 'request', id: 41, verb: 'echo', args: { a: 1 } });
    expect(await peer.frame(1)).toEqual({ t: 'response', id: 41, ok: true, result: { verb: 'echo', args: { a: 1 }, client: 'raw' } });
  });
});

describe('hello timeout', () => {
  it('closes a peer that connects and says nothing', async () => {
    const socketPath = join(tmp.dir, 'silent.sock');
    await startServer(socketPath, { helloTimeoutMs: 100 });
    const peer = await rawPeer(socketPath);
    await peer.closed;
    expect(peer.frames.at(-1)).toMatchObject({ t: 'error', error: { code: 'not_hello', message: 'no hello within 100 ms' } });
  });
});

describe('output bound', () => {
  it('disconnects a client that stops reading instead of buffering without limit', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    const { server, handler } = await startServer(socketPath, { maxPendingOutputBytes: 256 * 1024 });
    const good = await client(socketPath);
    let goodEvents = 0;
    let gotEvent: () => void = () => {};
    good.subscribe({ events: true }, () => {
      goodEvents++;
      gotEvent();
    });

    const stalled = await rawPeer(socketPath);
    await stalled.handshake();
    stalled.send({ t: 'subscribe', events: true, screens: [] });
    await handler.until('subscribe', () => handler.subscribes.length === 2);
    stalled.socket.pause();
    let stalledGone = false;
    handler.on('disconnect', (c: { client: string }) => {
      if (c.client === 'raw') stalledGone = true;
    });

    // Paced by the reading client, so only the stalled one piles up output.
    const message = 'x'.repeat(64 * 1024);
    let published = 0;
    while (!stalledGone && published < 128) {
      const received = new Promise<void>((resolve) => (gotEvent = resolve));
      server.publish({ type: 'log', level: 'info', message, at: published++ });
      await received;
    }
    expect(stalledGone).toBe(true);
    stalled.socket.resume();
    await stalled.closed;
    expect(stalled.frames.length).toBeLessThan(published + 1);

    // the reading client got everything and carries on
    expect(await good.call('echo')).toMatchObject({ verb: 'echo' });
    expect(goodEvents).toBe(published);
  });
});

describe('a client that falls behind', () => {
  /** A screen frame of `name` with rows of `width` characters. */
  const frame = (name: string, seq: number, width: number) => ({
    type: 'screen' as const,
    update: { name, cols: width, rows: 4, full: false, lines: [0, 1, 2, 3].map((y) => ({ y, text: `${seq}`.padEnd(width, 'x') })), cursor: { x: 0, y: 0, visible: true } },
  });

  it('misses screen frames instead of piling them up, keeps its other events, and is told to catch up', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    const { server, handler } = await startServer(socketPath, { maxPendingOutputBytes: 4 * 1024 * 1024 });
    const slow = await rawPeer(socketPath);
    await slow.handshake();
    slow.send({ t: 'subscribe', events: true, screens: ['a', 'b'] });
    await handler.until('subscribe', () => handler.subscribes.length === 1);
    slow.socket.pause();

    // far more than the hard bound of frames, while the client reads nothing
    let published = 0;
    for (; published < 400; published++) {
      server.publish(frame('a', published, 16 * 1024));
      if (published % 50 === 0) server.publish({ type: 'log', level: 'info', message: `log ${published}`, at: published });
      await new Promise((resolve) => setImmediate(resolve));
    }
    server.publish(frame('b', 0, 1024)); // b falls behind too: its frame comes while the backlog is high
    expect(handler.disconnects).toEqual([]); // 400 × 64 KB of frames did not cost it its connection
    expect(handler.caughtUp).toEqual([]);

    slow.socket.resume();
    await handler.until('caught-up', () => handler.caughtUp.length === 1);
    expect(handler.caughtUp[0]!.screens.sort()).toEqual(['a', 'b']);
    server.publish({ type: 'log', level: 'info', message: 'last', at: 1000 });
    const isLast = (f: unknown) => (f as { event?: { message?: string } }).event?.message === 'last';
    while (!slow.frames.some(isLast)) await slow.frame(slow.frames.length);
    const screens = slow.frames.filter((f) => (f as { event?: { type: string } }).event?.type === 'screen');
    const logs = slow.frames.filter((f) => (f as { event?: { type: string } }).event?.type === 'log');
    expect(screens.length).toBeGreaterThan(0);
    expect(screens.length).toBeLessThan(published / 2);
    expect(logs).toHaveLength(9); // every other event still went out

    // caught up: frames flow again
    server.publish(frame('a', 999, 100));
    await slow.frame(slow.frames.length);
    expect(slow.frames.at(-1)).toMatchObject({ event: { type: 'screen', update: { name: 'a' } } });
  });
});

describe('closing the server', () => {
  it('flushes a last response to a client before closing it', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    const { server, handler } = await startServer(socketPath);
    const c = await client(socketPath);
    const reply = c.call('hang');
    await handler.until('hanging', () => handler.hanging.length === 1);
    // Like `hangar down`: answer, then shut down on the next turn of the loop. The reply is
    // far bigger than the kernel's socket buffer, so close() must flush, not cut.
    const big = 'z'.repeat(4 * 1024 * 1024);
    handler.hanging[0]!(big);
    await new Promise((resolve) => setImmediate(resolve));
    await server.close();
    expect(await reply).toBe(big);
  });

  it('cuts off a client that will not drain once the grace period is over', async () => {
    const socketPath = join(tmp.dir, 'hangar.sock');
    const { server, handler } = await startServer(socketPath, { closeGraceMs: 50 });
    const stalled = await rawPeer(socketPath);
    await stalled.handshake();
    stalled.send({ t: 'subscribe', events: true, screens: [] });
    await handler.until('subscribe', () => handler.subscribes.length === 1);
    stalled.socket.pause();
    const message = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 64; i++) server.publish({ type: 'log', level: 'info', message, at: i });
    await server.close();
    expect(handler.disconnects).toHaveLength(1);
    stalled.socket.resume();
    await stalled.closed;
  });
});

describe('client handshake against other servers', () => {
  it('rejects with RemoteError version_mismatch when the server refuses our version', async () => {
    const socketPath = join(tmp.dir, 'old.sock');
    const fake = createServer((s) => {
      s.once('data', () => s.end(encodeFrame({ t: 'error', error: { code: 'version_mismatch', message: 'server speaks 0' } })));
    });
    await new Promise<void>((resolve) => fake.listen(socketPath, resolve));
    cleanups.push(() => new Promise<void>((resolve) => fake.close(() => resolve())));
    const err = await connectSocket(socketPath, { clientName: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ code: 'version_mismatch' });
  });

  it('times out when the server never answers hello', async () => {
    const socketPath = join(tmp.dir, 'mute.sock');
    const held: Array<{ destroy(): void }> = [];
    const fake = createServer((s) => void held.push(s));
    await new Promise<void>((resolve) => fake.listen(socketPath, resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const s of held) s.destroy();
      fake.close(() => resolve());
    }));
    await expect(connectSocket(socketPath, { clientName: 'x', timeoutMs: 100 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });
});
