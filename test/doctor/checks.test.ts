import { describe, expect, it } from 'vitest';
import { blocksFleet, CHECKS, diagnose } from '../../src/doctor/checks.js';
import { CLI_VERSION_FACTS, olderThan, parseVersion } from '../../src/doctor/cli-versions.js';
import type { MachineFacts, ProgramFacts, RemoteAgentFacts } from '../../src/doctor/facts.js';
import type { Finding } from '../../src/doctor/finding.js';

// hangar doctor's verdicts, on made-up machines: the checks read facts only, so each case is
// the facts a machine would give.

const claude = (over: Partial<ProgramFacts> = {}): ProgramFacts => ({
  backend: 'claude',
  program: 'claude',
  path: '/usr/local/bin/claude',
  version: '2.1.3 (Claude Code)',
  versionError: null,
  words: ['--dangerously-skip-permissions', '--session-id', '{new_id}', '--settings', '{hooks}'],
  ...over,
});

function healthy(over: Partial<MachineFacts> = {}): MachineFacts {
  return {
    configError: null,
    programs: [claude()],
    sessionFolders: [{ backend: 'claude', agent: 'builder', folder: '/home/u/.claude/projects/-work-app', exists: true }],
    nodePty: { ok: true },
    xterm: { ok: true },
    directories: [
      { key: 'log_dir', path: '/work/app/.hangar', exists: true, ownerProblem: null, writeError: null },
      { key: 'state_dir', path: '/work/app/.hangar/state', exists: false, ownerProblem: null, writeError: null },
    ],
    socket: { path: '/work/app/.hangar/hangar.sock', bytes: 29, maxBytes: 107, server: { state: 'none' } },
    terminal: { tty: true, term: 'xterm-256color', colorterm: 'truecolor', tmux: false, synchronizedOutput: 'supported' },
    geminiDefaults: null,
    transports: [],
    remoteAgents: [],
    ...over,
  };
}

const byCheck = (findings: Finding[], check: string) => findings.filter((f) => f.check === check);
const only = (findings: Finding[], check: string): Finding => {
  const found = byCheck(findings, check);
  expect(found, check).toHaveLength(1);
  return found[0]!;
};

describe('hangar doctor: the checks', () => {
  it('finds nothing to fix on a machine that has everything, apart from OSC 52, which no terminal reports', () => {
    const findings = diagnose(healthy());
    expect(findings.filter((f) => f.status !== 'ok').map((f) => f.check)).toEqual(['OSC 52']);
    expect(blocksFleet(findings)).toBe(false);
    expect(findings.filter((f) => f.status === 'ok').every((f) => f.fix === null)).toBe(true);
    expect(only(findings, 'backend claude').detail).toBe('/usr/local/bin/claude — 2.1.3 (Claude Code)');
    expect(only(findings, 'backend claude version')).toMatchObject({ status: 'ok', detail: '2.1.3 has --settings --session-id' });
  });

  it('fails a backend whose program is not on PATH, and says how to fix it', () => {
    const findings = diagnose(healthy({ programs: [claude({ path: null, version: null })] }));
    expect(only(findings, 'backend claude')).toEqual({
      check: 'backend claude',
      status: 'fail',
      detail: '`claude` is not on PATH',
      fix: 'install claude, or set [backend.claude] bin to its full path',
    });
    expect(byCheck(findings, 'backend claude version')).toEqual([]);
    expect(blocksFleet(findings)).toBe(true);
  });

  it('fails a version older than the flags the backend passes, naming each flag, its version and the source', () => {
    const f = only(diagnose(healthy({ programs: [claude({ version: '1.0.50 (Claude Code)' })] })), 'backend claude version');
    expect(f.status).toBe('fail');
    expect(f.detail).toMatch(/^claude 1\.0\.50 lacks --settings \(since 1\.0\.61: Claude Code CHANGELOG\.md 1\.0\.61.*\); --session-id \(since 2\.0\.73/);
    // the newest of the versions needed
    expect(f.fix).toBe('update claude to 2.0.73 or later, or drop --settings --session-id from [backend.claude]');
  });

  it('checks only the flags the definition passes: an old claude without --settings/--session-id in its arguments is fine', () => {
    const findings = diagnose(healthy({ programs: [claude({ version: '1.0.50', words: ['--model', '{model}'] })] }));
    expect(byCheck(findings, 'backend claude version')).toEqual([]);
    expect(blocksFleet(findings)).toBe(false);
  });

  it('warns (does not fail) when the version cannot be read, and says why', () => {
    const f = only(diagnose(healthy({ programs: [claude({ version: null, versionError: 'no answer within 10 s' })] })), 'backend claude version');
    expect(f.status).toBe('warn');
    expect(f.detail).toContain('no answer within 10 s');
    expect(only(diagnose(healthy({ programs: [claude({ version: 'claude (dev build)' })] })), 'backend claude version').status).toBe('warn');
  });

  it('knows only "on PATH" of a backend it has no facts for', () => {
    const findings = diagnose(healthy({ programs: [{ backend: 'mine', program: 'my-agent', path: '/opt/bin/my-agent', version: null, versionError: 'exit 2', words: ['--session-id', 'x'] }] }));
    expect(only(findings, 'backend mine')).toMatchObject({ status: 'ok', detail: '/opt/bin/my-agent' });
    expect(byCheck(findings, 'backend mine version')).toEqual([]);
  });

  it('keeps a version fact for each built-in CLI, each with a source and a version it can parse', () => {
    expect(Object.keys(CLI_VERSION_FACTS).sort()).toEqual(['aider', 'claude', 'codex', 'gemini', 'opencode']);
    for (const fact of Object.values(CLI_VERSION_FACTS).flat()) {
      expect(parseVersion(fact.since), fact.word).not.toBeNull();
      expect(fact.source.length, fact.word).toBeGreaterThan(10);
    }
    expect(parseVersion('codex-cli 0.39.0')).toEqual([0, 39, 0]);
    expect(olderThan([0, 38, 9], [0, 39, 0])).toBe(true);
    expect(olderThan([0, 39, 0], [0, 39, 0])).toBe(false);
    expect(olderThan([1, 0, 0], [0, 39, 0])).toBe(false);
  });

  it('fails a codex without the resume subcommand a resume_flag of "resume {id}" needs', () => {
    const codex: ProgramFacts = { backend: 'codex', program: 'codex', path: '/usr/bin/codex', version: 'codex-cli 0.38.0', versionError: null, words: ['resume', '{id}'] };
    expect(only(diagnose(healthy({ programs: [codex] })), 'backend codex version').status).toBe('fail');
    expect(only(diagnose(healthy({ programs: [{ ...codex, version: 'codex-cli 0.39.0' }] })), 'backend codex version').status).toBe('ok');
  });

  it("warns (does not fail) about a gemini older than 0.27.0: it starts, but runs hangar's hooks only where the user turned hooks on", () => {
    const gemini: ProgramFacts = { backend: 'gemini', program: 'gemini', path: '/usr/bin/gemini', version: '0.26.0', versionError: null, words: ['--prompt-interactive', 'GEMINI_CLI_SYSTEM_DEFAULTS_PATH'] };
    const old = only(diagnose(healthy({ programs: [gemini] })), 'backend gemini version');
    expect(old).toMatchObject({ status: 'warn', fix: 'update gemini to 0.27.0 or later' });
    expect(old.detail).toMatch(/^gemini 0\.26\.0 lacks GEMINI_CLI_SYSTEM_DEFAULTS_PATH \(since 0\.27\.0: .*#17247.*\): hangar's hooks run only where hooksConfig\.enabled is true/);
    expect(only(diagnose(healthy({ programs: [{ ...gemini, version: '0.27.0' }] })), 'backend gemini version')).toMatchObject({ status: 'ok', detail: '0.27.0 has GEMINI_CLI_SYSTEM_DEFAULTS_PATH' });
  });

  it('warns about a missing session folder: the fleet runs, turns come from the screen', () => {
    const f = only(diagnose(healthy({ sessionFolders: [{ backend: 'claude', agent: 'builder', folder: '/home/u/.claude/projects/-work-app', exists: false }] })), 'session folder claude');
    expect(f.status).toBe('warn');
    expect(f.detail).toContain('/home/u/.claude/projects/-work-app does not exist (agent builder)');
  });

  it('fails when node-pty or @xterm/headless does not load, with the error', () => {
    const findings = diagnose(healthy({ nodePty: { ok: false, error: 'posix_spawnp failed.' }, xterm: { ok: false, error: 'Cannot find module' } }));
    expect(only(findings, 'node-pty')).toMatchObject({ status: 'fail', detail: 'posix_spawnp failed.' });
    expect(only(findings, 'node-pty').fix).toContain('npm ci');
    expect(only(findings, '@xterm/headless')).toMatchObject({ status: 'fail', detail: 'Cannot find module' });
  });

  it("fails a log_dir someone else owns, or one that cannot be written, with the owner rule's own words", () => {
    const owned = diagnose(healthy({ directories: [{ key: 'log_dir', path: '/x', exists: true, ownerProblem: '/x is owned by uid 1001 (alice), not by you (uid 1000 (bob)); refusing to use it (choose another log_dir)', writeError: null }] }));
    expect(only(owned, 'log_dir')).toMatchObject({ status: 'fail', detail: expect.stringContaining('owned by uid 1001 (alice)') });
    const readOnly = diagnose(healthy({ directories: [{ key: 'state_dir', path: '/ro/state', exists: false, ownerProblem: null, writeError: 'EROFS: read-only file system' }] }));
    expect(only(readOnly, 'state_dir')).toMatchObject({ status: 'fail', detail: 'cannot write in the folder /ro/state would be made in: EROFS: read-only file system' });
    expect(blocksFleet(readOnly)).toBe(true);
  });

  it('fails a socket path longer than a Unix socket address, and tells a running server from a dead one', () => {
    const long = diagnose(healthy({ socket: { path: `/${'d'.repeat(120)}/hangar.sock`, bytes: 133, maxBytes: 107, server: { state: 'none' } } }));
    expect(only(long, 'socket path')).toMatchObject({ status: 'fail', detail: expect.stringContaining('is 133 bytes; a Unix socket address holds 107') });
    const sock = healthy().socket!;
    expect(only(diagnose(healthy({ socket: { ...sock, server: { state: 'running', pid: 42 } } })), 'server')).toMatchObject({ status: 'ok', detail: 'running (pid 42), reachable at /work/app/.hangar/hangar.sock' });
    expect(only(diagnose(healthy()), 'server').detail).toBe('not running (hangar up starts it)');
    expect(only(diagnose(healthy({ socket: { ...sock, server: { state: 'unreachable', error: 'connect ETIMEDOUT' } } })), 'server').status).toBe('warn');
  });

  it('fails a config that does not load and skips the fleet checks, keeping the machine ones', () => {
    const findings = diagnose(healthy({ configError: 'agents.toml:3: unknown key', programs: [], sessionFolders: [], directories: [], socket: null }));
    expect(findings[0]).toMatchObject({ check: 'config', status: 'fail', detail: 'agents.toml:3: unknown key' });
    expect(findings.map((f) => f.check)).toEqual(['config', 'node-pty', '@xterm/headless', 'TERM', 'truecolor', 'synchronized output', 'OSC 52']);
  });

  it('reads truecolor from COLORTERM, DEC 2026 from the answer or says unknown, and explains tmux', () => {
    const term = healthy().terminal;
    const t = (over: Partial<MachineFacts['terminal']>) => diagnose(healthy({ terminal: { ...term, ...over } }));
    expect(only(t({ colorterm: '24bit' }), 'truecolor').status).toBe('ok');
    expect(only(t({ colorterm: null }), 'truecolor')).toMatchObject({ status: 'warn', detail: expect.stringContaining('COLORTERM is not set') });
    expect(only(t({ synchronizedOutput: 'unsupported' }), 'synchronized output').status).toBe('warn');
    expect(only(t({ tty: false, synchronizedOutput: 'unknown' }), 'synchronized output').detail).toBe('unknown: stdout is not a terminal, so it was not asked');
    expect(only(t({ synchronizedOutput: 'unknown' }), 'synchronized output').detail).toBe('the terminal did not answer the DEC 2026 query');
    expect(only(t({ term: null }), 'TERM').status).toBe('warn');
    const tmux = t({ tmux: true });
    expect(only(tmux, 'synchronized output').detail).toContain('tmux answered, not the terminal outside it');
    expect(only(tmux, 'OSC 52').fix).toContain('set -g set-clipboard on');
    expect(only(tmux, 'tmux')).toMatchObject({ status: 'ok', detail: expect.stringContaining('not needed by hangar') });
    expect(byCheck(diagnose(healthy()), 'tmux')).toEqual([]);
  });

  it('has a name for every check and gives every finding that is not ok a fix', () => {
    expect(new Set(CHECKS.map((c) => c.name)).size).toBe(CHECKS.length);
    const broken = diagnose(
      healthy({
        configError: 'x',
        programs: [claude({ path: null }), claude({ backend: 'old', version: '0.1.0' })],
        nodePty: { ok: false, error: 'e' },
        terminal: { tty: false, term: null, colorterm: null, tmux: true, synchronizedOutput: 'unknown' },
      }),
    );
    for (const f of broken.filter((f) => f.status !== 'ok')) expect(f.fix, f.check).toMatch(/\S/);
  });

  it("gemini hooks: said given (and the machine's defaults file carried over), or a warning when that file cannot be carried over", () => {
    expect(byCheck(diagnose(healthy()), 'gemini hooks')).toEqual([]);
    const path = '/etc/gemini-cli/system-defaults.json';
    expect(only(diagnose(healthy({ geminiDefaults: { path, exists: false, problem: null } })), 'gemini hooks')).toMatchObject({ status: 'ok', detail: "given in hangar's own system defaults file (GEMINI_CLI_SYSTEM_DEFAULTS_PATH)" });
    expect(only(diagnose(healthy({ geminiDefaults: { path, exists: true, problem: null } })), 'gemini hooks').detail).toMatch(/, \/etc\/gemini-cli\/system-defaults\.json carried over into it$/);
    const bad = only(diagnose(healthy({ geminiDefaults: { path, exists: true, problem: `${path} is not plain JSON (Unexpected token)` } })), 'gemini hooks');
    expect(bad).toMatchObject({ status: 'warn', detail: expect.stringContaining('hangar gives its gemini agents no hooks'), fix: `make ${path} plain JSON (no comments), or move what it sets into ~/.gemini/settings.json` });
  });

  describe('agents on other machines', () => {
    const far = (over: Partial<RemoteAgentFacts> = {}): RemoteAgentFacts => ({
      agent: 'far', backend: 'claude', host: 'ssh://me@box:2222', kind: 'ssh', program: 'claude', hooks: true, socketForwardable: true, sessionFile: true,
      sshConfig: { clearAllForwardings: false }, ...over,
    });
    const pod = (over: Partial<RemoteAgentFacts> = {}): RemoteAgentFacts => far({ agent: 'pod', host: 'k8s://agents/worker-0', kind: 'k8s', sshConfig: undefined, ...over });
    const remote = (agents: RemoteAgentFacts[], transports: MachineFacts['transports'] = [
      { program: 'ssh', path: '/usr/bin/ssh', agents: ['far'] }, { program: 'kubectl', path: '/usr/local/bin/kubectl', agents: ['pod'] },
    ]) => diagnose(healthy({ transports, remoteAgents: agents }));

    it('finds ssh and kubectl on PATH, naming the agents that need each; a missing one fails with how to install it', () => {
      const found = remote([far(), pod()]);
      expect(only(found, 'ssh')).toEqual({ check: 'ssh', status: 'ok', detail: '/usr/bin/ssh (agent far)', fix: null });
      expect(only(found, 'kubectl')).toMatchObject({ status: 'ok', detail: '/usr/local/bin/kubectl (agent pod)' });
      const missing = remote([far({ sshConfig: undefined }), far({ agent: 'far2', sshConfig: undefined })], [{ program: 'ssh', path: null, agents: ['far', 'far2'] }]);
      expect(only(missing, 'ssh')).toEqual({
        check: 'ssh', status: 'fail', detail: '`ssh` is not on PATH: agents far, far2 cannot start',
        fix: 'install the OpenSSH client (Debian/Ubuntu: apt install openssh-client; Fedora: dnf install openssh-clients; macOS has it), or run those agents here (host = "")',
      });
      expect(only(remote([pod()], [{ program: 'kubectl', path: null, agents: ['pod'] }]), 'kubectl').fix).toMatch(/^install kubectl .*or run that agent here/);
      expect(blocksFleet(missing)).toBe(true);
    });

    it('over ssh: hooks come back through the forwarded socket', () => {
      const findings = remote([far()]);
      expect(only(findings, 'remote far')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^ssh:\/\/me@box:2222: runs `claude` over there through ssh me@box:2222 \(doctor does not look there/) });
      expect(only(findings, 'remote far hooks')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^come back through the fleet socket, forwarded by ssh -R/) });
      expect(blocksFleet(findings)).toBe(false);
    });

    it("over ssh: a socket path ssh cannot forward, or a config that clears forwardings, leaves the status to the screen (a warning); a config ssh cannot read fails", () => {
      expect(only(remote([far({ socketForwardable: false })]), 'remote far hooks')).toMatchObject({ status: 'warn', fix: expect.stringContaining("log_dir whose path has no ':'") });
      const cleared = only(remote([far({ sshConfig: { clearAllForwardings: true } })]), 'remote far hooks');
      expect(cleared).toMatchObject({ status: 'warn', detail: expect.stringContaining('ClearAllForwardings'), fix: 'set ClearAllForwardings no for that host in ~/.ssh/config' });
      const broken = remote([far({ sshConfig: { error: '/home/u/.ssh/config: line 3: Bad configuration option: bogus' } })]);
      expect(only(broken, 'remote far')).toMatchObject({ status: 'fail', detail: expect.stringContaining('Bad configuration option: bogus') });
      expect(blocksFleet(broken)).toBe(true);
    });

    it('over kubectl: status from the screen only, said as a warning (not a failure); a backend with no hooks loses nothing', () => {
      const findings = remote([pod()]);
      expect(only(findings, 'remote pod hooks')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^kubectl exec forwards no socket: .*status comes from the screen only/) });
      expect(blocksFleet(findings)).toBe(false);
      expect(only(remote([pod({ hooks: false, backend: 'gemini' })]), 'remote pod hooks')).toMatchObject({ status: 'ok', detail: expect.stringContaining('backend gemini passes no hooks to a remote agent') });
    });

    it('says which features stay on this machine: the session file (when the backend has one) and the pilot', () => {
      expect(only(remote([far()]), 'remote far local-only')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^its session_file is not read .*turns end by the quiet period.*the pilot \(checkpoints, goto, undo, branch\)/) });
      expect(only(remote([far({ sessionFile: false })]), 'remote far local-only').detail).toMatch(/^the pilot/);
    });
  });
});
