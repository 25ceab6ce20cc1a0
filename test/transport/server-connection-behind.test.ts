import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelReceiver, MessageChannel } from '../../src/protocol/channel.js';
import { PROTOCOL_VERSION, type ServerMessage } from '../../src/protocol/messages.js';
import { socketChannel } from '../../src/protocol/socket-channel.js';
import { SCREEN_BACKLOG_BYTES, ServerConnection } from '../../src/server/server-connection.js';
import { identityFor, makeTempDir, RecordingHandler } from './harness.js';

/** A channel whose backlog the test sets, and whose drain the test fires. */
class StuckChannel implements MessageChannel<ServerMessage> {
  sent: ServerMessage[] = [];
  pending = 0;
  drainedCallbacks: Array<() => void> = [];
  open(_receiver: ChannelReceiver): void {}
  send(msg: ServerMessage): void {
    this.sent.push(msg);
  }
  end(): void {}
  destroy(): void {}
  backlog(): number {
    return this.pending;
  }
  onDrained(cb: () => void): void {
    this.drainedCallbacks.push(cb);
  }
  drain(): void {
    for (const cb of this.drainedCallbacks.splice(0)) cb();
  }
}

const screen = (name: string) => ({ type: 'screen' as const, update: { name, cols: 10, rows: 1, full: false, lines: [{ y: 0, text: 'x' }], cursor: { x: 0, y: 0, visible: true } } });

function connected() {
  const channel = new StuckChannel();
  const handler = new RecordingHandler();
  const conn = new ServerConnection(1, 'socket', channel, { handler, identity: identityFor('/tmp/x.sock'), reportError: (err) => { throw err; }, onGone: () => {}, helloTimeoutMs: 60_000 });
  conn.message({ t: 'hello', version: PROTOCOL_VERSION, client: 'slow' });
  conn.message({ t: 'subscribe', events: true, screens: ['a'] });
  channel.sent.length = 0;
  return { channel, handler, conn };
}

describe('a connection that falls behind', () => {
  it('is told to catch up only once its backlog is really gone, however often it drains', () => {
    const { channel, handler, conn } = connected();
    channel.pending = SCREEN_BACKLOG_BYTES + 1;
    conn.deliverEvent(screen('a'));
    expect(channel.sent).toEqual([]);
    expect(channel.drainedCallbacks).toHaveLength(1);
    channel.drain(); // it drained, but more went out meanwhile
    expect(handler.caughtUp).toEqual([]);
    expect(channel.drainedCallbacks).toHaveLength(1); // waiting again
    channel.pending = 0;
    channel.drain();
    expect(handler.caughtUp.map((c) => c.screens)).toEqual([['a']]);
    conn.deliverEvent(screen('a'));
    expect(channel.sent).toHaveLength(1);
    conn.close();
  });
});

describe('socketChannel.onDrained', () => {
  const tmp = makeTempDir();
  afterEach(() => tmp.cleanup());

  it('never calls back for a socket that is going away (whose close will follow)', async () => {
    const path = join(tmp.dir, 'drain.sock');
    const server = createServer();
    server.listen(path);
    await once(server, 'listening');
    const accepted = once(server, 'connection');
    const client = connect(path);
    const [socket] = (await accepted) as [Socket];
    const channel = socketChannel<unknown>(socket);
    channel.open({ message() {}, violation() {}, closed() {} });
    socket.destroy();
    let called = 0;
    channel.onDrained(() => called++);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(called).toBe(0);
    client.destroy();
    server.close();
  });
});
