import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { residentBytes } from '../../src/bench/proc-stats.js';
import { residentPages } from '../../src/bench/resident-pages.js';

const MB = 1024 * 1024;
const children: ChildProcess[] = [];

/** A node process that holds `mb` MB of its own (touched) memory, once it says so. */
async function nodeHolding(mb: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', `globalThis.b = Buffer.alloc(${mb} * 1024 * 1024, 1); console.log('ready'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  return child.pid!;
}

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('residentPages', () => {
  it('agrees with VmRSS for one process', async () => {
    const pid = await nodeHolding(8);
    const pages = residentPages([pid]);
    expect(Math.abs(pages.total - residentBytes(pid))).toBeLessThan(2 * MB);
    expect(pages.own[0]).toBeGreaterThan(8 * MB); // the buffer is its own memory
  });

  it("counts once the pages of node's binary that two node processes both map, and each one's own memory for it", async () => {
    const [a, b] = [await nodeHolding(8), await nodeHolding(16)];
    const pages = residentPages([a, b]);
    const alone = [residentPages([a]), residentPages([b])];
    const summed = residentBytes(a) + residentBytes(b);
    expect(pages.total).toBeLessThan(summed - 10 * MB); // node's binary: ~30 MB resident in each
    expect(pages.sharedOnce).toBeGreaterThanOrEqual(Math.max(alone[0]!.sharedOnce, alone[1]!.sharedOnce));
    expect(pages.sharedOnce).toBeLessThan(alone[0]!.sharedOnce + alone[1]!.sharedOnce);
    expect(pages.own[1]! - pages.own[0]!).toBeGreaterThan(6 * MB); // b holds 8 MB more
  });
});
