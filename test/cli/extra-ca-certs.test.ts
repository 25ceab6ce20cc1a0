import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HELD_EXTRA_CA_CERTS } from '../../src/base/extra-ca-certs.js';
import { HANGAR_BIN } from '../helpers/run-hangar.js';

// Node 20 reads NODE_EXTRA_CA_CERTS as it starts (~35 ms here) and warns when the file is
// missing: the warning shows which processes read it. hangar's own must not (they open no TLS
// connection); the agents they start must get the variable as the user set it.
const MISSING_CA = '/nonexistent/hangar-test-ca.pem';
const NODE_READ_IT = 'Ignoring extra certs from';

describe('NODE_EXTRA_CA_CERTS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-ca-'));
  // the servers and instances registries in the test's folder, not the user's
  const env = { ...process.env, XDG_STATE_HOME: join(dir, 'xdg'), NODE_EXTRA_CA_CERTS: MISSING_CA };
  // bin/hangar run as a program, as from PATH: its shell line is what holds the variable aside
  const hangar = (args: string[]) => spawnSync(HANGAR_BIN, args, { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  afterAll(() => {
    hangar(['down']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not read by node as bin/hangar starts', () => {
    const run = hangar(['--version']);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.stderr).toBe('');
    // the same file started by node without the launcher's line: node reads it
    expect(spawnSync(process.execPath, [HANGAR_BIN, '--version'], { env, encoding: 'utf8' }).stderr).toContain(NODE_READ_IT);
  });

  it("reaches the fleet's children as set, and the server starts without reading it", () => {
    writeFileSync(join(dir, 'agents.toml'), '[defaults]\nsession_prefix = "ca-"\nlog_dir = "state"\ndir = "."\n\n[[service]]\nname = "idle"\ncommand = "sleep 600"\n');
    const up = hangar(['up', '-d']);
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).not.toContain(NODE_READ_IT);
    const { pid: serverPid } = JSON.parse(readFileSync(join(dir, 'state', 'server.pid'), 'utf8')) as { pid: number };
    const status = JSON.parse(hangar(['status', '--json']).stdout) as { services: Array<{ pid: number }> };
    const environ = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environ(serverPid)).toContain(`${HELD_EXTRA_CA_CERTS}=${MISSING_CA}`);
    expect(environ(serverPid).filter((v) => v.startsWith('NODE_EXTRA_CA_CERTS='))).toEqual([]);
    expect(environ(status.services[0]!.pid)).toContain(`NODE_EXTRA_CA_CERTS=${MISSING_CA}`);
    expect(environ(status.services[0]!.pid).filter((v) => v.startsWith(`${HELD_EXTRA_CA_CERTS}=`))).toEqual([]);
    expect(readFileSync(join(dir, 'state', 'server.log'), 'utf8')).not.toContain(NODE_READ_IT);
  });
});
