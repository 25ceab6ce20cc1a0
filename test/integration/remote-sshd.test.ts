import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestFleet } from '../helpers/test-fleet.js';

// One agent on "another machine" through the real OpenSSH: a real sshd on 127.0.0.1 (its own
// host key, config and authorized key in a temporary folder), the real ssh client (a wrapper
// first on PATH only adds `-F` with that folder's client config), and the fake claude over
// there. Its hooks run `hangar hook` on the far side and reach the fleet server through the
// unix socket ssh forwards back (-R): status_source "hook" is only possible that way.
// Runs where sshd can be started here (it is installed and we are root, as its privilege
// separation needs); elsewhere the stand-ins of remote-agent.e2e.test.ts cover the commands.
const SSHD = '/usr/sbin/sshd';
const SSH = '/usr/bin/ssh';
const KEYGEN = '/usr/bin/ssh-keygen';
const CAN_RUN = [SSHD, SSH, KEYGEN].every((p) => existsSync(p)) && process.getuid?.() === 0;

const CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));
const HANGAR_BIN_DIR = fileURLToPath(new URL('../../bin', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** sshd -D -e until it says it listens; rejects with what it printed if it exits first. */
function startSshd(config: string): Promise<ChildProcess> {
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let said = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Server listening')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`sshd exited (${code}) before listening:\n${said}`)));
  });
}

describe.skipIf(!CAN_RUN)('an agent over a real ssh connection (sshd on 127.0.0.1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-sshd-'));
  const farHome = join(dir, 'far-home');
  const wrappers = join(dir, 'bin');
  let sshd: ChildProcess | undefined;
  const fleet = new TestFleet(
    'sshd',
    `
[defaults]
session_prefix = "rs-"
log_dir = "state"
watch = "none"

[[agent]]
name = "far"
backend = "claude"
host = "ssh://box"
`,
    {},
  );

  beforeAll(async () => {
    mkdirSync(farHome);
    mkdirSync(wrappers);
    for (const key of ['host_key', 'client_key']) execFileSync(KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // its privilege separation folder
    const port = await freePort();
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'host_key')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'AllowStreamLocalForwarding yes',
        // "the other machine" has hangar and the CLI installed, and a home of its own
        `SetEnv PATH=${HANGAR_BIN_DIR}:${CLIS}:/usr/local/bin:/usr/bin:/bin HOME=${farHome} FAKE_CLI_HOOK_LOG=${join(dir, 'hooks.jsonl')}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'ssh_config'),
      [
        'Host box',
        '  HostName 127.0.0.1',
        `  Port ${port}`,
        `  User ${userInfo().username}`,
        `  IdentityFile ${join(dir, 'client_key')}`,
        '  IdentitiesOnly yes',
        '  StrictHostKeyChecking no',
        '  UserKnownHostsFile /dev/null',
        '  BatchMode yes',
        '  LogLevel ERROR',
        '',
      ].join('\n'),
    );
    writeFileSync(join(wrappers, 'ssh'), `#!/bin/sh\nexec ${SSH} -F ${join(dir, 'ssh_config')} "$@"\n`);
    chmodSync(join(wrappers, 'ssh'), 0o755);
    sshd = await startSshd(join(dir, 'sshd_config'));
    Object.assign(fleet.env, { PATH: `${wrappers}:${process.env.PATH ?? ''}` });
    await fleet.up(['far']);
  });
  afterAll(async () => {
    await fleet.stop();
    sshd?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    // the kickoff and the forwarded socket "over there", which is this machine's /tmp here
    for (const f of readdirSync('/tmp')) if (/^hangar-(kickoff-)?rs-far-/.test(f)) rmSync(join('/tmp', f), { force: true });
  });

  it('starts over ssh, and its status comes from its hooks, back through the forwarded socket', { timeout: 120_000 }, async () => {
    const far = async () => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: Array<{ name: string; status: string; status_source?: string }> }).agents.find((a) => a.name === 'far');
    await fleet.hangar('send', 'far', 'work');
    await fleet.hangar('wait', 'far', '--for', 'working', '--timeout', '60');
    expect(await far()).toMatchObject({ status: 'working', status_source: 'hook' });
    // keys typed here reach it over there: a question, answered
    await fleet.hangar('send', 'far', 'ask');
    await fleet.hangar('wait', 'far', '--for', 'needs-input', '--timeout', '60');
    expect(await far()).toMatchObject({ status: 'needs-input', status_source: 'hook' });
    await fleet.hangar('send', 'far', 'yes');
    await fleet.hangar('wait', 'far', '--for', 'idle', '--timeout', '60');
    expect(await far()).toMatchObject({ status: 'idle', status_source: 'hook' });
    // it ran over there: its hooks ran there, and its transcript is in the far home
    const ran = readFileSync(join(dir, 'hooks.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; status: number; stderr: string });
    expect(ran.filter((h) => h.command === 'hangar hook').map((h) => [h.status, h.stderr])).toContainEqual([0, '']);
    expect(ran.every((h) => h.stderr === '')).toBe(true);
    expect(execFileSync('find', [join(farHome, '.claude', 'projects'), '-name', '*.jsonl'], { encoding: 'utf8' }).trim()).not.toBe('');
  });
});
