import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/doctor/finding.js';
import { runHangar } from '../helpers/run-hangar.js';

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
});
