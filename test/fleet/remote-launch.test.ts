import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHost, type RemoteHost } from '../../src/config/host.js';
import { loadConfig } from '../../src/config/load.js';
import { socketPath } from '../../src/fs/fleet-files.js';
import { kubectlArgv } from '../../src/fleet/kubectl-command.js';
import { planAgentSession } from '../../src/fleet/session-plan.js';
import { sshArgv } from '../../src/fleet/ssh-command.js';

/** test/fixtures/remote: stand-in `ssh` and `kubectl` that run the command here, in a bare environment */
const STAND_INS = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/remote');

const hostOf = (text: string): RemoteHost => {
  const parsed = parseHost(text);
  if (!parsed.ok || parsed.host === null) throw new Error(`not a remote host: ${text}`);
  return parsed.host;
};

describe('the argv of each transport', () => {
  it('ssh: -tt, the port, the socket forwarded back, the destination, --, then one word asking for sh', () => {
    const argv = sshArgv(hostOf('ssh://me@box:2222') as Extract<RemoteHost, { kind: 'ssh' }>, "cd '/w' && exec x", { remote: '/tmp/r.sock', local: '/l/hangar.sock' });
    expect(argv).toEqual([
      'ssh', '-tt', '-p', '2222', '-R', '/tmp/r.sock:/l/hangar.sock', 'me@box', '--', `sh -c 'cd '\\''/w'\\'' && exec x'`,
    ]);
    expect(sshArgv(hostOf('ssh://box') as Extract<RemoteHost, { kind: 'ssh' }>, 'x')).toEqual(['ssh', '-tt', 'box', '--', 'sh -c x']);
  });

  it('kubectl: the context, exec -i -t, the namespace, the pod, the container, --, then sh -c and the script as one word', () => {
    expect(kubectlArgv(hostOf('k8s://prod/agents/worker-0/cli') as Extract<RemoteHost, { kind: 'k8s' }>, 'cd /w && exec x')).toEqual([
      'kubectl', '--context', 'prod', 'exec', '-i', '-t', '-n', 'agents', 'worker-0', '-c', 'cli', '--', 'sh', '-c', 'cd /w && exec x',
    ]);
    expect(kubectlArgv(hostOf('k8s://agents/worker-0') as Extract<RemoteHost, { kind: 'k8s' }>, 'x')).toEqual([
      'kubectl', 'exec', '-i', '-t', '-n', 'agents', 'worker-0', '--', 'sh', '-c', 'x',
    ]);
  });

  // The real client parses the argv without connecting anywhere: `ssh -G` prints the settings it would use.
  it.skipIf(!existsSync('/usr/bin/ssh'))('the real OpenSSH client reads the ssh argv as meant (ssh -G, no connection)', () => {
    const argv = sshArgv(hostOf('ssh://me@box:2222') as Extract<RemoteHost, { kind: 'ssh' }>, 'exec x', { remote: '/tmp/r.sock', local: '/l/hangar.sock' });
    const settings = execFileSync('/usr/bin/ssh', ['-G', ...argv.slice(1)], { encoding: 'utf8' }).split('\n');
    expect(settings).toEqual(expect.arrayContaining(['user me', 'hostname box', 'port 2222', 'requesttty force', 'remoteforward /tmp/r.sock /l/hangar.sock']));
  });
});

// A directory, a prompt and a kickoff that would run code, split words or end a command if any
// quoting along the way were wrong: through planAgentSession, the local sh, the stand-in
// ssh/kubectl (which parse their options as the real ones do), and sh over there.
describe('an agent on another machine, run through stand-in ssh and kubectl', () => {
  const root = mkdtempSync(join(tmpdir(), 'hangar-remote-'));
  const hostile = `a b'c"d $(touch PWNED) \`touch PWNED2\`; touch PWNED3 & x\ny`;
  const dir = join(root, 'work', hostile);
  mkdirSync(dir, { recursive: true });
  const log = join(root, 'remote.log');
  const made: string[] = [];
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    for (const f of made) rmSync(f, { force: true });
  });

  const ECHO_BIN = `sh -c 'printf "[%s]\\n" "$PWD" "$HANGAR_AGENT" "$HANGAR_SESSION" "$TERM" "\${HANGAR_CONFIG-unset}" "\${HANGAR_SOCKET-unset}" "$1"' sh`;
  function run(host: string): { words: string[]; logged: string; socket: string } {
    const toml = `
[defaults]
session_prefix = "rm-"
log_dir = "state"

[backend.echo]
# prints where it runs, what it was given and the environment it sees, one word a line
bin = ${JSON.stringify(ECHO_BIN)}

[[agent]]
name = "far"
backend = "echo"
host = ${JSON.stringify(host)}
dir = ${JSON.stringify(join('work', hostile))}
prompt = ${JSON.stringify(`${hostile}\nsecond line 'quoted' "too"`)}
`;
    writeFileSync(join(root, 'agents.toml'), toml);
    const { config } = loadConfig({ path: join(root, 'agents.toml'), env: { HOME: root } });
    const plan = planAgentSession({ config, env: { PATH: process.env.PATH, HOME: root }, cols: 80, rows: 24 }, config.agents[0]!);
    const kickoffFile = /\/tmp\/hangar-kickoff-rm-far-[0-9a-f-]+\.md/.exec(plan.options.command)?.[0];
    expect(kickoffFile).toBeDefined();
    made.push(kickoffFile!);
    // nothing of this machine's disk is read over there: not the kickoff file under log_dir
    expect(plan.options.command).not.toContain(config.state_dir);
    rmSync(log, { force: true });
    const env = { ...plan.options.env, PATH: `${STAND_INS}:${plan.options.env.PATH}`, HANGAR_TEST_REMOTE_LOG: log };
    const out = execFileSync('/bin/sh', ['-c', plan.options.command], { cwd: plan.options.cwd, env, encoding: 'utf8' });
    return { words: out.replace(/\r/g, '').split(/\]\n\[|^\[|\]\n$/).filter((_, i, all) => i > 0 && i < all.length - 1), logged: readFileSync(log, 'utf8'), socket: socketPath(config) };
  }

  it('ssh: the agent runs in its directory over there, with its environment and its kickoff, and nothing in them runs', () => {
    const { words, logged, socket } = run('ssh://me@box:2222');
    const remoteSocket = words[5]!;
    expect(words).toEqual([dir, 'far', 'rm-far', 'xterm-256color', 'unset', remoteSocket, `${hostile}\nsecond line 'quoted' "too"`]);
    expect(remoteSocket).toMatch(/^\/tmp\/hangar-rm-far-[0-9a-f-]+\.sock$/);
    expect(logged).toBe(`ssh dest=me@box port=2222 forward=${remoteSocket}:${socket}\n`);
    for (const f of ['PWNED', 'PWNED2', 'PWNED3']) expect(existsSync(join(dir, f)) || existsSync(join(root, f))).toBe(false);
  });

  it('kubectl: the same, with no socket forwarded (its hooks fall back to the screen)', () => {
    const { words, logged } = run('k8s://prod/agents/worker-0/cli');
    expect(words).toEqual([dir, 'far', 'rm-far', 'xterm-256color', 'unset', 'unset', `${hostile}\nsecond line 'quoted' "too"`]);
    expect(logged).toBe('kubectl context=prod namespace=agents pod=worker-0 container=cli\n');
    for (const f of ['PWNED', 'PWNED2', 'PWNED3']) expect(existsSync(join(dir, f)) || existsSync(join(root, f))).toBe(false);
  });
});
