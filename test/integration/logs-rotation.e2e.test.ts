import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HANGAR_BIN } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// `hangar logs -f` on a log that rotates several times while it follows: every line once, in order.
const CONFIG = `[defaults]
session_prefix = "lr-"
log_dir = "state"
dir = "work"
log_max = 65536
log_keep = 1

[[service]]
name = "counter"
enabled = false
command = "echo waiting-for-go; read _; seq 1 60000; echo counted; exec sleep 600"
`;

describe('hangar logs -f', () => {
  const fleet = new TestFleet('logs-rotation', CONFIG);
  afterAll(() => fleet.stop());

  it('follows across rotations: the rest of the old file, then the new one from its start', async () => {
    await fleet.up();
    // following before the log exists, from its first byte on
    const follower = spawn(process.execPath, [HANGAR_BIN, 'logs', 'counter', '-f'], { cwd: fleet.dir, env: { ...process.env, ...fleet.env } });
    let text = '';
    const seen = (word: string) =>
      new Promise<void>((resolve, reject) => {
        const look = () => text.includes(word) && resolve();
        follower.stdout.on('data', look);
        follower.on('exit', (code) => reject(new Error(`hangar logs -f exited ${code}: ${text.slice(-200)}`)));
        look();
      });
    follower.stdout.on('data', (d: Buffer) => (text += d.toString()));
    await fleet.hangar('up', '-d', 'counter');
    await seen('waiting-for-go'); // the follower follows: now the flood
    await fleet.hangar('keys', 'counter', 'Enter');
    await seen('counted');
    follower.kill('SIGINT');

    const logDir = join(fleet.dir, 'state');
    expect(readdirSync(logDir).filter((n) => n.startsWith('lr-counter.log')).sort()).toEqual(['lr-counter.log', 'lr-counter.log.1']);
    expect(existsSync(join(logDir, 'lr-counter.log.2'))).toBe(false);
    const numbers = [...text.matchAll(/^(\d+)\r?$/gm)].map((m) => Number(m[1]));
    // ~350 KB through a 64 KiB log: five rotations, and not a line lost or repeated
    expect(numbers).toEqual(Array.from({ length: 60_000 }, (_, i) => i + 1));
  }, 90_000);
});
