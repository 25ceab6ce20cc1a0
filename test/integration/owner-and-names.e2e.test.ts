import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_MAIN } from '../../src/cli/ensure-server.js';
import { connectSocket } from '../../src/client/socket-client.js';
import { TestFleet } from '../helpers/test-fleet.js';

// Issue 11 §3/§4 through the real binary and server: names that cannot escape, a log_dir and a
// socket that belong to their owner.
const CONFIG = `
[defaults]
session_prefix = "on-"
log_dir = "logs"

[backend.sh]
bin = "exec cat"
prompt_delivery = "exec"

[[agent]]
name = "good"
backend = "sh"
`;

const asRoot = process.getuid?.() === 0;
/** a uid nobody here is: chown needs root, so those tests run only as root */
const STRANGER = 4242;

describe('names cannot escape, and a bad one never takes the fleet down', () => {
  const fleet = new TestFleet('names', CONFIG);
  afterAll(() => fleet.stop());

  it('hangar add .. is refused, and the server still answers', async () => {
    await fleet.up();
    const r = await fleet.run('add', '..', '--backend', 'sh');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('name: ".." cannot be used: it is ".."');
    expect(await fleet.hangar('status')).toContain('good');
  });

  it('an agents.toml edited to hold "x/y" is refused by up with file:line, exit 2; the running fleet goes on', async () => {
    writeFileSync(join(fleet.dir, 'agents.toml'), `${CONFIG}\n[[agent]]\nname = "x/y"\nbackend = "sh"\n`);
    const r = await fleet.run('up', 'x/y');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agents.toml:15: [[agent]] "x/y": name cannot be used: it holds "/"');
    // a client that skips the CLI's check meets the server's: the same rule, an error, no crash
    const client = await connectSocket(join(fleet.dir, 'logs', 'hangar.sock'), { clientName: 'test' });
    try {
      await expect(client.request('up', { names: ['x/y'] })).rejects.toThrow(/"x\/y": name cannot be used/);
      await expect(client.request('add', { name: '../../victim' })).rejects.toThrow(/cannot be used: it holds "\/"/);
      expect(JSON.stringify(await client.request('status', {}))).toContain('"good"');
    } finally {
      client.close();
    }
    writeFileSync(join(fleet.dir, 'agents.toml'), CONFIG);
    expect(await fleet.hangar('status')).toContain('good');
  });

  it('session = "../../victimfile" is refused before anything is written outside log_dir', async () => {
    writeFileSync(join(fleet.dir, 'agents.toml'), `${CONFIG}\n[[agent]]\nname = "v"\nbackend = "sh"\nsession = "../../victimfile"\n`);
    const r = await fleet.run('up', 'v');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[[agent]] "v": session "../../victimfile" cannot be used');
    expect(existsSync(join(fleet.dir, '..', 'victimfile.log'))).toBe(false);
    writeFileSync(join(fleet.dir, 'agents.toml'), CONFIG);
  });
});

describe('the socket and log_dir belong to their owner', () => {
  const fleet = new TestFleet('owner', CONFIG);
  afterAll(() => fleet.stop());
  const logDir = () => join(fleet.dir, 'logs');
  const socket = () => join(logDir(), 'hangar.sock');

  it.skipIf(!asRoot)('a log_dir another user owns is refused, naming it and its owner; nothing is written there', async () => {
    mkdirSync(logDir());
    chmodSync(logDir(), 0o777);
    chownSync(logDir(), STRANGER, STRANGER);
    const r = await fleet.run('up', '-d');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${logDir()} is owned by uid ${STRANGER}, not by you (uid 0 (root)); refusing to use it`);
    expect(readdirSync(logDir())).toEqual([]);
    chownSync(logDir(), 0, 0);
  });

  it.skipIf(!asRoot)('the server started by hand (not through the CLI) refuses such a log_dir before it writes there too', async () => {
    mkdirSync(logDir(), { recursive: true });
    chownSync(logDir(), STRANGER, STRANGER);
    const server = spawnSync(process.execPath, [SERVER_MAIN, '--config', join(fleet.dir, 'agents.toml')], { cwd: fleet.dir, encoding: 'utf8', timeout: 30_000 });
    expect(server.status).toBe(1);
    expect(server.stderr).toContain(`${logDir()} is owned by uid ${STRANGER}`);
    expect(readdirSync(logDir())).toEqual([]); // no server.log, no events.jsonl
    chownSync(logDir(), 0, 0);
  });

  it('a state/ that is a symlink is refused at server start', async () => {
    mkdirSync(logDir(), { recursive: true });
    mkdirSync(join(fleet.dir, 'elsewhere')); // a repository could ship .hangar/state -> ~/.ssh
    symlinkSync(join(fleet.dir, 'elsewhere'), join(logDir(), 'state'));
    const r = await fleet.run('up', '-d');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${join(logDir(), 'state')} is a symlink; refusing to write through it`);
    expect(readdirSync(join(fleet.dir, 'elsewhere'))).toEqual([]);
  });

  it('a client refuses a socket in a directory others can write, and (as root) one another user owns', async () => {
    rmSync(join(logDir(), 'state'), { force: true }); // the link the test above planted
    await fleet.up();
    expect(await fleet.hangar('status')).toContain('good');

    chmodSync(logDir(), 0o777);
    let r = await fleet.run('status');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`refusing to connect to ${socket()}: ${logDir()} can be written by other users (mode 777)`);
    chmodSync(logDir(), 0o700);

    if (asRoot) {
      chownSync(socket(), STRANGER, STRANGER);
      r = await fleet.run('status');
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`${socket()} is owned by uid ${STRANGER}, not by you (uid 0 (root)); refusing to connect`);
      chownSync(socket(), 0, 0);
    }
    expect(await fleet.hangar('status')).toContain('good');
    expect(readFileSync(join(logDir(), 'server.pid'), 'utf8')).toContain('"pid"');
  });
});
