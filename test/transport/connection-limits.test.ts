import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSocket } from '../../src/client/socket-client.js';
import { MAX_CLIENT_FRAME_BYTES, MAX_FRAME_BYTES } from '../../src/protocol/frame.js';
import { DEFAULT_MAX_CONNECTIONS, ProtocolServer } from '../../src/server/protocol-server.js';
import { MAX_REQUESTS_IN_FLIGHT } from '../../src/server/server-connection.js';
import { identityFor, makeTempDir, RawPeer, RecordingHandler } from './harness.js';

/** What one client, or many, can make the server hold: connections, partial frames, time. */

let tmp: ReturnType<typeof makeTempDir>;
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(() => {
  tmp = makeTempDir();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  tmp.cleanup();
});

async function startServer(options: ConstructorParameters<typeof ProtocolServer>[2] = {}, handler = new RecordingHandler()): Promise<{ server: ProtocolServer; socketPath: string }> {
  const socketPath = join(tmp.dir, 'hangar.sock');
  const server = new ProtocolServer(handler, identityFor(socketPath), { helloTimeoutMs: 60_000, ...options });
  await server.listen(socketPath);
  cleanups.push(() => server.close());
  return { server, socketPath };
}

async function rawPeer(socketPath: string): Promise<RawPeer> {
  const peer = await RawPeer.connect(socketPath);
  cleanups.push(() => void peer.socket.destroy());
  return peer;
}

/** A header announcing `length`, and `sent` bytes of the body. */
function partialFrame(length: number, sent: number): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length, 0);
  return Buffer.concat([header, Buffer.alloc(sent, 0x20)]);
}

describe('connection cap', () => {
  it(`serves ${DEFAULT_MAX_CONNECTIONS} connections; the next hears too_many_connections and is closed; a slot that frees is taken again`, async () => {
    const { server, socketPath } = await startServer();
    const held: RawPeer[] = [];
    for (let i = 0; i < DEFAULT_MAX_CONNECTIONS; i++) held.push(await rawPeer(socketPath));
    expect((await held[0]!.handshake()) as object).toMatchObject({ t: 'welcome' });

    const extra = await rawPeer(socketPath);
    await extra.closed;
    expect(extra.frames).toEqual([
      { t: 'error', error: { code: 'too_many_connections', message: `the server serves ${DEFAULT_MAX_CONNECTIONS} connections already; try again when one closes` } },
    ]);
    // a real client says why
    await expect(connectSocket(socketPath, { clientName: 'late' })).rejects.toMatchObject({ code: 'too_many_connections' });

    held.pop()!.socket.destroy();
    while (server.connectionCount >= DEFAULT_MAX_CONNECTIONS) await new Promise((r) => setImmediate(r));
    const next = await connectSocket(socketPath, { clientName: 'next' });
    expect(await next.call('echo')).toMatchObject({ verb: 'echo' });
    next.close();
  });
});

describe('partial frames from clients', () => {
  it(`refuses from its header a client frame over ${MAX_CLIENT_FRAME_BYTES} bytes (it was ${MAX_FRAME_BYTES}): nothing of it is buffered`, async () => {
    const { socketPath } = await startServer();
    const peer = await rawPeer(socketPath);
    await peer.handshake();
    peer.write(partialFrame(MAX_CLIENT_FRAME_BYTES + 1, 0));
    await peer.closed;
    expect(peer.frames.at(-1)).toMatchObject({ t: 'error', error: { code: 'frame_too_large', message: `frame of ${MAX_CLIENT_FRAME_BYTES + 1} bytes exceeds ${MAX_CLIENT_FRAME_BYTES}` } });
  });

  it('takes the largest legitimate requests: a prompt of almost 1 MiB', async () => {
    const { socketPath } = await startServer();
    const client = await connectSocket(socketPath, { clientName: 'big' });
    cleanups.push(() => client.close());
    const text = 'x'.repeat(MAX_CLIENT_FRAME_BYTES - 200);
    expect(await client.call('echo', { text })).toMatchObject({ args: { text } });
  });

  it('a client refuses to send a frame over the cap, saying so; its connection goes on', async () => {
    const { socketPath } = await startServer();
    const client = await connectSocket(socketPath, { clientName: 'big' });
    cleanups.push(() => client.close());
    await expect(client.call('echo', { text: 'x'.repeat(MAX_CLIENT_FRAME_BYTES) })).rejects.toThrow(
      new RegExp(`^message of \\d+ bytes exceeds ${MAX_CLIENT_FRAME_BYTES}, the most a client may send to the server$`),
    );
    expect(await client.call('echo', { small: true })).toMatchObject({ args: { small: true } });
  });

  it('closes a client that stops sending in the middle of a frame; one idle between frames stays', async () => {
    const { socketPath } = await startServer({ partialFrameTimeoutMs: 50 });
    const idle = await rawPeer(socketPath);
    await idle.handshake();
    const stuck = await rawPeer(socketPath);
    await stuck.handshake();
    stuck.write(partialFrame(1000, 10));
    await stuck.closed;
    expect(stuck.frames.at(-1)).toMatchObject({ t: 'error', error: { code: 'bad_frame', message: 'nothing sent for 50 ms in the middle of a frame' } });
    // the idle one has waited longer than that by now, between frames: it is served
    idle.send({ t: 'request', id: 7, verb: 'echo', args: {} });
    expect(await idle.frame(1)).toMatchObject({ t: 'response', id: 7, ok: true });
  });

  it('a frame that keeps arriving, however slowly, is not cut off', async () => {
    const { socketPath } = await startServer({ partialFrameTimeoutMs: 200 });
    const peer = await rawPeer(socketPath);
    await peer.handshake();
    const body = Buffer.from(JSON.stringify({ t: 'request', id: 9, verb: 'echo', args: { slow: true } }));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length, 0);
    const bytes = Buffer.concat([header, body]);
    // a byte at a time, each on a later turn of the event loop
    for (const b of bytes) {
      peer.write(Buffer.from([b]));
      await new Promise((r) => setImmediate(r));
    }
    expect(await peer.frame(1)).toMatchObject({ t: 'response', id: 9, ok: true });
  });

});

describe('requests in flight', () => {
  it(`a connection may have ${MAX_REQUESTS_IN_FLIGHT} requests unanswered; one more closes it (too_many_requests), the others are served`, async () => {
    const handler = new RecordingHandler();
    const { socketPath } = await startServer({}, handler);
    const greedy = await rawPeer(socketPath);
    await greedy.handshake();
    for (let id = 1; id <= MAX_REQUESTS_IN_FLIGHT; id++) greedy.send({ t: 'request', id, verb: 'hang', args: {} });
    await handler.until('hanging', () => handler.hanging.length === MAX_REQUESTS_IN_FLIGHT);
    greedy.send({ t: 'request', id: MAX_REQUESTS_IN_FLIGHT + 1, verb: 'hang', args: {} });
    await greedy.closed;
    expect(greedy.frames.at(-1)).toEqual({ t: 'error', error: { code: 'too_many_requests', message: `more than ${MAX_REQUESTS_IN_FLIGHT} requests unanswered on one connection` } });
    expect(handler.hanging.length).toBe(MAX_REQUESTS_IN_FLIGHT);
    // another client is served as ever
    const other = await connectSocket(socketPath, { clientName: 'other' });
    cleanups.push(() => other.close());
    expect(await other.call('echo', { x: 1 })).toMatchObject({ args: { x: 1 } });
  });
});
