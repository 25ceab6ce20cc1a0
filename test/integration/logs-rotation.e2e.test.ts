import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HANGAR_BIN } from '../helpers/run-hangar.js';
import { TestFleet } from '../helpers/test-fleet.js';

// `hangar logs -f` on a log that rotates several times while it follows: every line once, in order.
// The counter prints its 60000 lines in ten chunks of 6000 (≤ 42 KB, less than log_max), each
// when the test has seen the follower print the chunk before: a follower can only lose what
// log_keep no longer keeps, and one that the machine's load held back for three rotations of
// one unpaced flood did (two whole files, with log_keep = 1). Paced so, it is never more than
// two rotations behind — the file it holds open, and NAME.1 — which it reads in full.
const CHUNKS = 10;
const CONFIG = `[defaults]
session_prefix = "lr-"
log_dir = "state"
dir = "work"
log_max = 65536
log_keep = 1

[[service]]
name = "counter"
enabled = false
command = "echo waiting-for-go; i=0; while [ $i -lt ${CHUNKS} ]; do read _; seq $((i * 6000 + 1)) $((i * 6000 + 6000)); i=$((i + 1)); echo chunk $i done; done; echo counted; exec sleep 600"
`;

describe('hangar logs -f', () => {
  const fleet = new TestFleet('logs-rotation', CONFIG);
  afterAll(() => fleet.stop());

  it('follows across rotations: the rest of the old file, then the new one from its start', async () => {
    await fleet.up();
    // following before the log exists, from its first byte on
    const follower = spawn(process.execPath, [HANGAR_BIN, 'logs', 'counter', '-f'], { cwd: fleet.dir, env: { ...process.env, ...fleet.env } });
    let text = '';
    let exited: string | null = null;
    let waiting: { word: string; resolve: () => void; reject: (e: Error) => void } | null = null;
    const look = () => {
      if (waiting && text.includes(waiting.word)) waiting.resolve();
      else if (waiting && exited !== null) waiting.reject(new Error(`hangar logs -f exited ${exited}: ${text.slice(-200)}`));
    };
    follower.stdout.on('data', (d: Buffer) => ((text += d.toString()), look()));
    follower.on('exit', (code) => ((exited = String(code)), look()));
    const seen = (word: string) => new Promise<void>((resolve, reject) => ((waiting = { word, resolve, reject }), look()));
    await fleet.hangar('up', '-d', 'counter');
    await seen('waiting-for-go'); // the follower follows: now the chunks, each once it has the last
    for (let chunk = 1; chunk <= CHUNKS; chunk++) {
      await fleet.hangar('keys', 'counter', 'Enter');
      await seen(`chunk ${chunk} done`);
    }
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
