import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { ConnectionClosed, RemoteError } from '../../src/client/fleet-client.js';
import type { ClientConnection } from '../../src/client/client-connection.js';
import { connectInProcess } from '../../src/client/in-process-client.js';
import { connectSocket } from '../../src/client/socket-client.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { ProtocolServer } from '../../src/server/protocol-server.js';
import { identityFor, makeTempDir, RecordingHandler } from './harness.js';

/** The same client behaviour over both transports: the in-process one must not drift. */

interface TransportCase {
  transport: 'socket' | 'in-process';
  connect(server: ProtocolServer, socketPath: string, name: string): Promise<ClientConnection>;
}

const transports: TransportCase[] = [
  { transport: 'socket', connect: (_server, path, name) => connectSocket(path, { clientName: name, timeoutMs: 5000 }) },
  { transport: 'in-process', connect: (server, _path, name) => connectInProcess(server, name) },
];

/** Collects a client's events; `next()` awaits the next one without polling. */
function eventLog(): { events: FleetEvent[]; push(e: FleetEvent): void; next(): Promise<FleetEvent> } {
  const events: FleetEvent[] = [];
  const waiters: Array<(e: FleetEvent) => void> = [];
  let read = 0;
  return {
    events,
    push(e) {
      events.push(e);
      const w = waiters.shift();
      if (w) w(events[read++]!);
    },
    next() {
      if (read < events.length) return Promise.resolve(events[read++]!);
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

const screen = (name: string, text: string): FleetEvent => ({
  type: 'screen',
  update: { name, cols: 10, rows: 2, full: true, lines: [{ y: 0, text }], cursor: { x: 0, y: 0, visible: true } },
});

describe.each(transports)('over the $transport transport', ({ transport, connect }) => {
  let tmp: ReturnType<typeof makeTempDir>;
  let handler: RecordingHandler;
  let server: ProtocolServer;
  let socketPath: string;
  const clients: ClientConnection[] = [];

  const open = async (name = 'test'): Promise<ClientConnection> => {
    const c = await connect(server, socketPath, name);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    tmp = makeTempDir();
    socketPath = join(tmp.dir, 'hangar.sock');
    handler = new RecordingHandler();
    server = new ProtocolServer(handler, identityFor(socketPath));
    if (transport === 'socket') await server.listen(socketPath);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.close();
    tmp.cleanup();
  });

  it('completes the handshake and learns who the server is', async () => {
    const client = await open('cockpit');
    expect(client.server).toEqual(identityFor(socketPath));
    await client.call('echo');
    expect(handler.connections[0]).toMatchObject({ client: 'cockpit', transport });
  });

  it('answers a request with the handler result', async () => {
    const client = await open();
    const result = await client.call('echo', { name: 'worker', n: 3, nested: { ok: true } });
    expect(result).toEqual({ verb: 'echo', args: { name: 'worker', n: 3, nested: { ok: true } }, client: 'test' });
  });

  it('turns an undefined result into null', async () => {
    const client = await open();
    expect(await client.call('nothing')).toBeNull();
  });

  it('fails a request with the code the handler threw', async () => {
    const client = await open();
    const err = await client.call('missing', { name: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ code: 'not_found', message: 'no agent named nope' });
    await expect(client.call('throw-sync')).rejects.toMatchObject({ code: 'bad_args' });
  });

  it('passes an unknown_verb code through and maps other errors to internal', async () => {
    const client = await open();
    await expect(client.call('no-such-verb')).rejects.toMatchObject({ code: 'unknown_verb', message: 'unknown request "no-such-verb"' });
    await expect(client.call('crash')).rejects.toMatchObject({ code: 'internal', message: 'handler exploded' });
    // the connection survives failed requests
    expect(await client.call('echo')).toMatchObject({ verb: 'echo' });
  });

  it('matches responses to requests answered out of order', async () => {
    const client = await open();
    const slow = client.call('hang');
    await handler.until('hanging', () => handler.hanging.length === 1);
    const fast = await client.call('echo', { i: 2 });
    expect(fast).toMatchObject({ args: { i: 2 } });
    handler.hanging[0]!('slow done');
    expect(await slow).toBe('slow done');
  });

  it('delivers fleet events and only the screens each client watches', async () => {
    const eventsOnly = await open('events');
    const screensOnly = await open('screens');
    const a = eventLog();
    const b = eventLog();
    eventsOnly.subscribe({ events: true }, a.push);
    screensOnly.subscribe({ screens: ['w1'] }, b.push);
    await handler.until('subscribe', () => handler.subscribes.length === 2);
    expect(handler.subscribes.map((s) => s.screens).sort()).toEqual([[], ['w1']]);

    const status: FleetEvent = { type: 'status', name: 'w1', status: 'idle', prev: 'working', at: 1 };
    server.publish(screen('w1', 'one'));
    server.publish(screen('w2', 'two'));
    server.publish(status);
    server.publish(screen('w1', 'three'));

    // Delivery is ordered, so the first event each sees proves what it skipped.
    expect(await a.next()).toEqual(status);
    expect(await b.next()).toEqual(screen('w1', 'one'));
    expect(await b.next()).toEqual(screen('w1', 'three'));
    expect(a.events).toEqual([status]);
    expect(b.events.every((e) => e.type === 'screen' && e.update.name === 'w1')).toBe(true);
  });

  it('widens a subscription and routes each event to the listeners that asked', async () => {
    const client = await open();
    const first = eventLog();
    const second = eventLog();
    client.subscribe({ screens: ['w1'] }, first.push);
    client.subscribe({ events: true, screens: ['w2'] }, second.push);
    await handler.until('subscribe', () => handler.subscribes.length === 2);
    expect(handler.subscribes[1]!.screens).toEqual(['w1', 'w2']);

    const log: FleetEvent = { type: 'log', level: 'info', message: 'hi', at: 2 };
    server.publish(screen('w2', 'x'));
    server.publish(log);
    server.publish(screen('w1', 'y'));
    expect(await first.next()).toEqual(screen('w1', 'y'));
    expect(second.events).toEqual([screen('w2', 'x'), log]);
  });

  it('sends to one client with publishTo', async () => {
    const one = await open('one');
    const two = await open('two');
    const a = eventLog();
    const b = eventLog();
    one.subscribe({ screens: ['w1'] }, a.push);
    two.subscribe({ screens: ['w1'] }, b.push);
    await handler.until('subscribe', () => handler.subscribes.length === 2);
    const target = handler.subscribes.find((s) => s.conn.client === 'two')!.conn;
    server.publishTo(target, screen('w1', 'only two'));
    server.publish(screen('w1', 'both'));
    expect(await b.next()).toEqual(screen('w1', 'only two'));
    expect(await a.next()).toEqual(screen('w1', 'both'));
  });

  it('hands input and resize to the handler', async () => {
    const client = await open('pilot');
    client.input('worker', '\x1b[A\r');
    client.resize('worker', 132, 43);
    await handler.until('resize', () => handler.resizes.length === 1);
    expect(handler.inputs).toEqual([{ name: 'worker', data: '\x1b[A\r' }]);
    expect(handler.resizes[0]).toMatchObject({ name: 'worker', cols: 132, rows: 43, conn: { client: 'pilot', transport } });
  });

  it('tells the handler when a client leaves, and the client its close', async () => {
    const client = await open('leaver');
    const closed = new Promise<Error | undefined>((resolve) => client.onClose(resolve));
    client.close();
    expect(await closed).toBeUndefined();
    await handler.until('disconnect', () => handler.disconnects.length === 1);
    expect(handler.disconnects[0]).toMatchObject({ client: 'leaver', transport });
    await expect(client.call('echo')).rejects.toBeInstanceOf(ConnectionClosed);
  });

  it("aborts a leaving client's closed signal, so its pending requests stop waiting", async () => {
    const client = await open('leaver');
    void client.call('hang').catch(() => undefined);
    await handler.until('hanging', () => handler.hanging.length === 1);
    const { closed } = handler.connections.at(-1)!;
    expect(closed.aborted).toBe(false);
    const aborted = once(closed, 'abort');
    client.close();
    await aborted;
    expect(closed.aborted).toBe(true);
  });

  it('rejects pending requests when the server closes', async () => {
    const client = await open();
    const pending = client.call('hang');
    await handler.until('hanging', () => handler.hanging.length === 1);
    const closed = new Promise<void>((resolve) => client.onClose(() => resolve()));
    await server.close();
    await expect(pending).rejects.toBeInstanceOf(ConnectionClosed);
    await closed;
  });
});

describe('in-process transport without a socket', () => {
  it('serves a server that never listens', async () => {
    const handler = new RecordingHandler();
    const server = new ProtocolServer(handler, identityFor('/nonexistent/hangar.sock'));
    const client = await connectInProcess(server, 'no-daemon');
    expect(await client.call('echo', { x: 1 })).toMatchObject({ args: { x: 1 }, client: 'no-daemon' });
    expect(server.connectionCount).toBe(1);
    client.close();
    await once(handler, 'disconnect');
    expect(server.connectionCount).toBe(0);
    await server.close();
  });
});
