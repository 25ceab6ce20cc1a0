import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { socketChannel } from '../../src/protocol/socket-channel.js';
import { makeTempDir } from './harness.js';

/** A connected pair of Unix sockets: `writer` wrapped as a channel, `reader` raw, counting its reads. */
async function pair(): Promise<{ server: Server; writer: Socket; reader: Socket; reads: Buffer[]; cleanup(): void }> {
  const temp = makeTempDir();
  const path = join(temp.dir, 's.sock');
  const server = createServer();
  server.listen(path);
  await once(server, 'listening');
  const accepted = once(server, 'connection');
  const reader = connect(path);
  const [writer] = (await accepted) as [Socket];
  await once(reader, 'connect').catch(() => undefined);
  const reads: Buffer[] = [];
  reader.on('data', (chunk: Buffer) => reads.push(chunk));
  return { server, writer, reader, reads, cleanup: temp.cleanup };
}

let open: Array<{ server: Server; writer: Socket; reader: Socket; cleanup(): void }> = [];
afterEach(() => {
  for (const p of open) {
    p.writer.destroy();
    p.reader.destroy();
    p.server.close();
    p.cleanup();
  }
  open = [];
});

describe('socketChannel', () => {
  it('writes the messages sent in one run of code with one write, losing none', async () => {
    const p = await pair();
    open.push(p);
    const channel = socketChannel<{ n: number }>(p.writer);
    // the stream hands the socket each write as _write (one chunk) or _writev (several)
    let writes = 0;
    const stream = p.writer as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
    for (const method of ['_write', '_writev'] as const) {
      const original = stream[method].bind(p.writer);
      stream[method] = (...args: unknown[]) => {
        writes++;
        return original(...args);
      };
    }
    for (let n = 0; n < 8; n++) channel.send({ n });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(writes).toBe(1);
    // and nothing is lost: all 8 frames arrive
    const text = () => Buffer.concat(p.reads).toString();
    while (!text().includes('{"n":7}')) await once(p.reader, 'data');
    for (let n = 0; n < 8; n++) expect(text()).toContain(`{"n":${n}}`);
  });

  it('tells a sender waiting for the drain once the batched messages are out', async () => {
    const p = await pair();
    open.push(p);
    const channel = socketChannel<{ n: number }>(p.writer);
    channel.send({ n: 1 });
    expect(channel.backlog()).toBeGreaterThan(0); // held for the batch
    const drained = new Promise<number>((resolve) => channel.onDrained(() => resolve(channel.backlog())));
    expect(await drained).toBe(0);
  });
});
