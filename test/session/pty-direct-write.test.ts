import { createHash } from 'node:crypto';
import pty, { type IPty } from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { directPtyWrite } from '../../src/session/pty-direct-write.js';

const children: IPty[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A child in a raw, silent pty running `script`; resolves with its output once `done` holds. */
function spawnRaw(script: string): { child: IPty; output: (done: (text: string) => boolean) => Promise<string> } {
  const child = pty.spawn('/bin/sh', ['-c', `stty raw -echo; ${script}`], { cols: 80, rows: 24, env: { PATH: process.env.PATH ?? '' } });
  children.push(child);
  let text = '';
  const waiters = new Set<() => void>();
  child.onData((d) => {
    text += d;
    for (const w of [...waiters]) w();
  });
  return {
    child,
    output: (done) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (!done(text)) return;
          waiters.delete(check);
          resolve(text);
        };
        waiters.add(check);
        check();
      }),
  };
}

/** node-pty's own write queue (what the direct write keeps out of the way). */
function queueOf(child: IPty): unknown[] {
  return (child as unknown as { _writeStream: { _writeQueue: unknown[] } })._writeStream._writeQueue;
}

describe('writing to a pty on this thread', () => {
  it('takes the fast path: node-pty’s thread-pool queue never holds a key', async () => {
    const { child, output } = spawnRaw('echo ready; head -c 3 | od -An -c');
    await output((t) => t.includes('ready'));
    const write = directPtyWrite(child);
    write('a');
    // node-pty's own write leaves the chunk in its queue until the thread pool's fs.write returns
    expect(queueOf(child)).toHaveLength(0);
    write(Buffer.from('b'));
    write('c');
    expect(queueOf(child)).toHaveLength(0);
    const text = await output((t) => /a\s+b\s+c/.test(t));
    expect(text).toMatch(/a\s+b\s+c/);
  });

  it('hands what the kernel will not take to node-pty’s queue, and keeps every byte in order', async () => {
    // the child reads nothing until told to: the pty's input buffer fills and writeSync takes part
    const size = 256 * 1024;
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i++) data[i] = 97 + ((i * 7 + (i >> 10)) % 26);
    const { child, output } = spawnRaw(`echo ready; read -r go; head -c ${size} | sha256sum`);
    await output((t) => t.includes('ready'));
    const write = directPtyWrite(child);
    write('go\n');
    write(data.subarray(0, size / 2));
    expect(queueOf(child).length).toBeGreaterThan(0); // the fallback took the rest
    write(data.subarray(size / 2)); // goes behind the queue, not past it
    const want = createHash('sha256').update(data).digest('hex');
    const text = await output((t) => /[0-9a-f]{64}/.test(t));
    expect(text.match(/[0-9a-f]{64}/)?.[0]).toBe(want);
  });
});
