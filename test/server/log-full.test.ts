import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectInProcess } from '../../src/client/in-process-client.js';
import type { FleetClient } from '../../src/client/fleet-client.js';
import { renderStatus, statusJson } from '../../src/commands/status.js';
import { loadConfig } from '../../src/config/load.js';
import { RotatingFile } from '../../src/fs/rotating-file.js';
import { FleetServer } from '../../src/server/fleet-server.js';

// A full disk under log_dir, faked: every write to a file under it fails with ENOSPC. The
// server goes on, and `status` says which logs are not written and why.
const CONFIG = `
[defaults]
session_prefix = "t-"
log_dir = "state"
dir = "work"

[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "echo"
backend = "cat"
`;

/** Make writes to files under `dir` fail as on a full disk; other writes (the test's own output) go through. */
function fillDisk(dir: string): () => void {
  const real = fs.writeSync;
  const fdsUnder = (fd: number) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
    } catch {
      return false;
    }
  };
  const spy = vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
    if (fdsUnder(fd)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    return (real as (...a: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync);
  syncBuiltinESMExports();
  return () => {
    spy.mockRestore();
    syncBuiltinESMExports();
  };
}

describe('a full disk under log_dir', () => {
  let dir: string;
  let server: FleetServer;
  let client: FleetClient;
  let freeDisk: () => void = () => {};
  let serverLog: RotatingFile;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-full-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    const { config } = loadConfig({ path: join(dir, 'agents.toml') });
    serverLog = new RotatingFile(join(dir, 'state', 'server.log'), { maxBytes: config.log_max, keep: config.log_keep });
    server = new FleetServer(config, { stopGraceMs: 500, serverLog });
    client = await connectInProcess(server.protocol, 'test');
  });

  afterEach(async () => {
    freeDisk();
    client.close();
    await server.stop();
    serverLog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Type a line into the cat agent and wait until its echo has been through the log. */
  async function typeLine(text: string): Promise<void> {
    const session = server.fleet.session('echo');
    const echoed = new Promise<void>((resolve) => {
      const sub = session.onScreen(() => {
        if (session.screenText().split('\n').filter((l) => l === text).length >= 2) {
          sub.dispose();
          resolve();
        }
      });
    });
    await client.request('keys', { name: 'echo', keys: [`${text}\r`], literal: true });
    await echoed;
    await session.logFlushed();
  }

  it('keeps the server running and says in status which logs are not written and why, until they are again', async () => {
    await client.request('up', {});
    await client.request('wait', { name: 'echo', for: 'idle', timeoutMs: 10_000 });
    await typeLine('before');
    freeDisk = fillDisk(join(dir, 'state'));

    await typeLine('lost');
    server.fleet.log('info', 'an event while the disk is full');
    serverLog.write('a server message while the disk is full\n');
    const full = await client.request('status');
    expect(full.agents[0]!.logError).toMatch(/cannot write .*t-echo\.log: ENOSPC: no space left on device/);
    expect(full.problems?.join('\n')).toMatch(/events\.jsonl: ENOSPC/);
    expect(full.problems?.join('\n')).toMatch(/server\.log: ENOSPC/);
    const text = renderStatus(full);
    expect(text).toMatch(/echo: log not written: cannot write .*t-echo\.log: ENOSPC/);
    expect(text).toMatch(/log not written: cannot write .*events\.jsonl: ENOSPC/);
    expect(statusJson(full)).toMatchObject({ agents: [{ name: 'echo', logError: expect.stringMatching(/ENOSPC/) }], problems: [expect.stringMatching(/events\.jsonl/), expect.stringMatching(/server\.log/)] });

    freeDisk();
    freeDisk = () => {};
    await typeLine('after');
    const free = await client.request('status');
    expect(free.agents[0]!.logError).toBeUndefined();
    const log = readFileSync(join(dir, 'state', 't-echo.log'), 'utf8');
    expect(log).toContain('before');
    expect(log).not.toContain('lost');
    expect(log).toContain('after');
  });
});
