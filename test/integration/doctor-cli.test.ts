import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/doctor/finding.js';
import { runHangar } from '../helpers/run-hangar.js';

/** test/fixtures/remote: stand-in `ssh` (which also answers -G from $HOME/.ssh/config) and `kubectl` */
const STAND_INS = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/remote');

// `hangar doctor` through the real binary: a stand-in `claude` first on PATH that prints a
// version, a program that is nowhere, a log_dir that cannot be written, a running server.
const config = (over: { bin?: string; logDir?: string; backend?: string } = {}) => `
[defaults]
session_prefix = "doc-"
log_dir = "${over.logDir ?? 'logs'}"
dir = "work"
backend = "${over.backend ?? 'claude'}"

[backend.claude]
bin = "${over.bin ?? 'claude'}"
flags = "--permission-mode acceptEdits"
session_id_flag = "--session-id {new_id}"
session_file = "~/.claude/projects/{cwd_slug}/{id}.jsonl"

[backend.sh]
bin = "sh"
prompt_delivery = "exec"

[[agent]]
name = "builder"
prompt = "build"
`;

describe('hangar doctor', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  /** A project folder holding `toml` as agents.toml; doctor runs there. */
  const project = (name: string, toml: string) => {
    const at = join(dir, name);
    mkdirSync(join(at, 'work'), { recursive: true });
    writeFileSync(join(at, 'agents.toml'), toml);
    return at;
  };
  const doctor = async (cwd: string, ...args: string[]) => {
    const r = await runHangar(['doctor', ...args], { cwd, env });
    return { ...r, findings: args.includes('--json') ? (JSON.parse(r.stdout) as Finding[]) : [] };
  };
  const find = (findings: Finding[], check: string) => findings.find((f) => f.check === check);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-doctor-'));
    const fakeBin = join(dir, 'fake-bin');
    mkdirSync(fakeBin);
    // Claude Code prints `2.1.3 (Claude Code)` for --version
    writeFileSync(join(fakeBin, 'claude'), '#!/bin/sh\n[ "$1" = --version ] && echo "2.1.3 (Claude Code)" && exit 0\nexit 3\n');
    writeFileSync(join(fakeBin, 'claude-old'), '#!/bin/sh\necho "1.0.50 (Claude Code)"\n');
    chmodSync(join(fakeBin, 'claude'), 0o755);
    chmodSync(join(fakeBin, 'claude-old'), 0o755);
    env = { HOME: join(dir, 'home'), PATH: `${fakeBin}:${process.env.PATH}`, XDG_STATE_HOME: join(dir, 'xdg'), TERM: 'xterm-256color', COLORTERM: 'truecolor', TMUX: '' };
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the CLI on PATH with its version, checks its flags, and passes a machine that has everything', async () => {
    const at = project('good', config());
    mkdirSync(join(dir, 'home', '.claude', 'projects', join(at, 'work').replace(/[^A-Za-z0-9]/g, '-')), { recursive: true });
    const text = await doctor(at);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^✓ backend claude +.*fake-bin\/claude — 2\.1\.3 \(Claude Code\)$/m);
    expect(text.stdout).toMatch(/^✓ backend claude version +2\.1\.3 has --settings --session-id$/m);
    expect(text.stdout).toMatch(/^✓ node-pty +loads, and ran `true` in a pseudo-terminal$/m);
    expect(text.stdout).toMatch(/^✓ log_dir +.*\/good\/logs will be made/m);
    expect(text.stdout).toMatch(/^! synchronized output +unknown: stdout is not a terminal/m);
    expect(text.stdout).toMatch(/^this machine can run this fleet \(\d warnings?\)$/m);
    expect(text.code).toBe(0);

    const json = await doctor(at, '--json');
    expect(json.code).toBe(0);
    for (const f of json.findings) {
      expect(Object.keys(f).sort()).toEqual(['check', 'detail', 'fix', 'status']);
      expect(['ok', 'warn', 'fail']).toContain(f.status);
      expect(f.fix === null).toBe(f.status === 'ok');
    }
    expect(find(json.findings, 'session folder claude')).toMatchObject({ status: 'ok' });
    expect(find(json.findings, '@xterm/headless')).toMatchObject({ status: 'ok' });
    expect(find(json.findings, 'server')).toMatchObject({ status: 'ok', detail: 'not running (hangar up starts it)' });
    expect(find(json.findings, 'truecolor')).toMatchObject({ status: 'ok', detail: 'COLORTERM=truecolor' });
  });

  it('fails a program that is nowhere on PATH, and one too old for the flags it is given (exit 1)', async () => {
    const missing = await doctor(project('missing', config({ bin: 'no-such-agent-cli' })), '--json');
    expect(missing.code).toBe(1);
    expect(find(missing.findings, 'backend claude')).toEqual({ check: 'backend claude', status: 'fail', detail: '`no-such-agent-cli` is not on PATH', fix: 'install no-such-agent-cli, or set [backend.claude] bin to its full path' });

    const old = await doctor(project('old', config({ bin: 'claude-old' })));
    expect(old.code).toBe(1);
    // a program not named claude gets no hook --settings (config/hook-flags.ts): --session-id is what it lacks
    expect(old.stdout).toMatch(/^✗ backend claude version +claude-old 1\.0\.50 lacks --session-id \(since 2\.0\.73/m);
    expect(old.stdout).toMatch(/→ update claude-old to 2\.0\.73 or later/);
    expect(old.stdout).toMatch(/^1 problem blocks this fleet/m);
  });

  it('fails a log_dir that cannot be written, and says a session folder is missing', async () => {
    const at = project('blocked', config({ logDir: 'blocker/logs' }));
    writeFileSync(join(at, 'blocker'), 'a file where log_dir would go\n');
    const r = await doctor(at, '--json');
    expect(r.code).toBe(1);
    expect(find(r.findings, 'log_dir')).toMatchObject({ status: 'fail', detail: `cannot write in the folder ${join(at, 'blocker/logs')} would be made in: ${join(at, 'blocker')} is not a directory` });
    expect(find(r.findings, 'session folder claude')).toMatchObject({ status: 'warn', detail: expect.stringContaining('does not exist (agent builder)') });
  });

  it.runIf(process.getuid?.() === 0)("fails a log_dir another user owns, with the server's own refusal", async () => {
    const at = project('owned', config());
    mkdirSync(join(at, 'logs'));
    chownSync(join(at, 'logs'), 4242, 4242);
    const r = await doctor(at, '--json');
    expect(r.code).toBe(1);
    expect(find(r.findings, 'log_dir')).toMatchObject({ status: 'fail', detail: expect.stringContaining('is owned by uid 4242') });
  });

  it('reports a config that does not load as the one failure and still checks the machine', async () => {
    const r = await doctor(project('broken', '[defaults]\nbackend = 3\n'), '--json');
    expect(r.code).toBe(1);
    expect(r.findings[0]).toMatchObject({ check: 'config', status: 'fail' });
    expect(find(r.findings, 'node-pty')).toMatchObject({ status: 'ok' });
  });

  it('says whether a server is running and reachable', async () => {
    const at = project('running', config({ backend: 'sh' }));
    expect((await runHangar(['up', '-d'], { cwd: at, env })).code).toBe(0);
    try {
      const r = await doctor(at, '--json');
      expect(find(r.findings, 'server')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^running \(pid \d+\), reachable at .*\/running\/logs\/hangar\.sock$/) });
      expect(find(r.findings, 'log_dir')).toMatchObject({ status: 'ok', detail: `${join(at, 'logs')} is yours and writable` });
    } finally {
      await runHangar(['down'], { cwd: at, env });
    }
  });

  it("gemini: its version against hooks on by default, and a warning when the machine's Gemini defaults file cannot be carried over", async () => {
    const at = project('gemini', `[defaults]\nsession_prefix = "docg-"\nlog_dir = "logs"\ndir = "work"\n\n[[agent]]\nname = "gm"\nbackend = "gemini"\n`);
    const bin = join(at, 'bin');
    mkdirSync(bin);
    // Gemini CLI prints its bare version for --version
    writeFileSync(join(bin, 'gemini'), '#!/bin/sh\n[ "$1" = --version ] && echo "0.26.0" && exit 0\nexit 3\n');
    chmodSync(join(bin, 'gemini'), 0o755);
    const system = join(at, 'etc-gemini-cli');
    mkdirSync(system);
    const geminiEnv = { ...env, PATH: `${bin}:${env.PATH}`, GEMINI_CLI_SYSTEM_SETTINGS_PATH: join(system, 'settings.json') };
    const fine = JSON.parse((await runHangar(['doctor', '--json'], { cwd: at, env: geminiEnv })).stdout) as Finding[];
    expect(find(fine, 'backend gemini version')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^gemini 0\.26\.0 lacks GEMINI_CLI_SYSTEM_DEFAULTS_PATH \(since 0\.27\.0/), fix: 'update gemini to 0.27.0 or later' });
    expect(find(fine, 'gemini hooks')).toMatchObject({ status: 'ok' });
    writeFileSync(join(system, 'system-defaults.json'), '{ // set by the admins\n  "general": {} }\n');
    const r = await runHangar(['doctor', '--json'], { cwd: at, env: geminiEnv });
    expect(find(JSON.parse(r.stdout) as Finding[], 'gemini hooks')).toMatchObject({ status: 'warn', detail: expect.stringContaining(`${join(system, 'system-defaults.json')} is not plain JSON`) });
    expect(r.code).toBe(0);
  });

  describe('agents on other machines', () => {
    // builder runs here; far over ssh and pod over kubectl run codex, which is not installed on this machine
    const remoteConfig = `${config()}
[[agent]]
name = "far"
backend = "codex"
host = "ssh://me@box:2222"
dir = "/srv/far"

[[agent]]
name = "pod"
backend = "codex"
host = "k8s://agents/worker-0/cli"
`;
    const withStandIns = () => ({ ...env, PATH: `${STAND_INS}:${env.PATH}` });

    it('finds ssh and kubectl, says the hooks come back over ssh and not over kubectl, and what stays local; the CLI over there is not looked for here', async () => {
      const at = project('remote', remoteConfig);
      const r = await runHangar(['doctor', '--json'], { cwd: at, env: withStandIns() });
      const findings = JSON.parse(r.stdout) as Finding[];
      expect(find(findings, 'ssh')).toEqual({ check: 'ssh', status: 'ok', detail: `${join(STAND_INS, 'ssh')} (agent far)`, fix: null });
      expect(find(findings, 'kubectl')).toMatchObject({ status: 'ok', detail: `${join(STAND_INS, 'kubectl')} (agent pod)` });
      expect(find(findings, 'remote far')).toMatchObject({ status: 'ok', detail: expect.stringContaining('runs `codex` over there through ssh me@box:2222') });
      expect(find(findings, 'remote far hooks')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^come back through the fleet socket, forwarded by ssh -R/) });
      expect(find(findings, 'remote pod hooks')).toMatchObject({ status: 'warn', detail: expect.stringContaining('status comes from the screen only') });
      expect(find(findings, 'remote far local-only')).toMatchObject({ status: 'ok', detail: expect.stringContaining('its session_file is not read') });
      // codex runs only over there: not a missing program here, and no session folder of this disk
      expect(find(findings, 'backend codex')).toBeUndefined();
      expect(find(findings, 'session folder codex')).toBeUndefined();
      expect(r.code).toBe(0);
    });

    it("warns when ssh's config clears forwardings, fails when ssh cannot read its config (exit 1)", async () => {
      const at = project('remote-cfg', remoteConfig);
      const home = join(dir, 'home');
      mkdirSync(join(home, '.ssh'), { recursive: true });
      try {
        writeFileSync(join(home, '.ssh', 'config'), 'Host box\nClearAllForwardings yes\n');
        const cleared = JSON.parse((await runHangar(['doctor', '--json'], { cwd: at, env: withStandIns() })).stdout) as Finding[];
        expect(find(cleared, 'remote far hooks')).toMatchObject({ status: 'warn', detail: expect.stringContaining('ClearAllForwardings') });
        writeFileSync(join(home, '.ssh', 'config'), 'Bogus yes\n');
        const broken = await runHangar(['doctor'], { cwd: at, env: withStandIns() });
        expect(broken.code).toBe(1);
        expect(broken.stdout).toMatch(/^✗ remote far +`ssh -G` cannot read ssh's config for ssh:\/\/me@box:2222: .*Bad configuration option: Bogus$/m);
      } finally {
        rmSync(join(home, '.ssh'), { recursive: true, force: true });
      }
    });

    it('fails when ssh and kubectl are not on PATH, with how to install them', async () => {
      const at = project('remote-none', remoteConfig);
      // only the stand-in claude on PATH: no ssh, no kubectl
      const r = await runHangar(['doctor', '--json'], { cwd: at, env: { ...env, PATH: join(dir, 'fake-bin') } });
      const findings = JSON.parse(r.stdout) as Finding[];
      expect(find(findings, 'ssh')).toMatchObject({ status: 'fail', detail: '`ssh` is not on PATH: agent far cannot start', fix: expect.stringContaining('apt install openssh-client') });
      expect(find(findings, 'kubectl')).toMatchObject({ status: 'fail', fix: expect.stringContaining('install kubectl') });
      expect(r.code).toBe(1);
    });
  });
});
