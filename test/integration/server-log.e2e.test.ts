import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';

// server.log as the CLI that starts the server leaves it: the server's early failures in it
// (and in the CLI's "did not start" message), an old one past its cap rotated first, and
// never a symbolic link written through.
const CONFIG = `[defaults]
session_prefix = "sl-"
log_dir = "state"
log_max = 65536
log_keep = 1

[[service]]
name = "quiet"
command = "echo ready; exec sleep 600"
`;

let fleet: TestFleet;
afterEach(async () => fleet.stop());

describe('server.log', { timeout: 60_000 }, () => {
  it("holds what the server said when it could not start, and the CLI's message shows it", async () => {
    fleet = new TestFleet('server-log-fail', CONFIG);
    mkdirSync(join(fleet.dir, 'state', 'server.pid'), { recursive: true }); // its lockfile cannot be written
    const r = await fleet.run('up', '-d');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/the fleet server did not start: error: EISDIR/);
    // the tail of server.log, which the server wrote through its rotating writer
    expect(r.stderr).toMatch(/\nhangar server: EISDIR/);
    expect(readFileSync(join(fleet.dir, 'state', 'server.log'), 'utf8')).toMatch(/^hangar server: EISDIR/m);
  });

  it('an old server.log past its cap is rotated before a server starts', async () => {
    fleet = new TestFleet('server-log-old', CONFIG);
    mkdirSync(join(fleet.dir, 'state'), { recursive: true });
    writeFileSync(join(fleet.dir, 'state', 'server.log'), 'old line\n'.repeat(10_000)); // 90 KB: past 64 KiB
    await fleet.up();
    expect(readFileSync(join(fleet.dir, 'state', 'server.log.1'), 'utf8')).toBe('old line\n'.repeat(10_000));
    expect(statSync(join(fleet.dir, 'state', 'server.log')).size).toBeLessThan(65536);
  });

  it('a symbolic link planted as server.log is refused, and nothing is written through it', async () => {
    fleet = new TestFleet('server-log-link', CONFIG);
    mkdirSync(join(fleet.dir, 'state'), { recursive: true });
    writeFileSync(join(fleet.dir, 'victim'), 'untouched\n');
    symlinkSync(join(fleet.dir, 'victim'), join(fleet.dir, 'state', 'server.log'));
    const r = await fleet.run('up', '-d');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/refused .*server\.log: it is a symbolic link/);
    expect(readFileSync(join(fleet.dir, 'victim'), 'utf8')).toBe('untouched\n');
  });

  it('a FIFO planted as server.log is refused at once: the CLI neither hangs on it nor writes into it', async () => {
    fleet = new TestFleet('server-log-fifo', CONFIG);
    mkdirSync(join(fleet.dir, 'state'), { recursive: true });
    execFileSync('mkfifo', [join(fleet.dir, 'state', 'server.log')]);
    const r = await fleet.run('up', '-d');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/refused .*server\.log: it is not a regular file/);
  });
});
