/**
 * The checks of `hangar doctor`, as one table of pure decisions over the facts gathered
 * (doctor/gather.ts): each turns what was seen into findings, every one that is not ok with
 * the fix. Nothing here reads the machine, so each verdict is tested on made-up facts.
 */
import { CLI_VERSION_FACTS, olderThan, parseVersion } from './cli-versions.js';
import type { DirectoryFacts, MachineFacts, ProgramFacts, RemoteAgentFacts, TransportFacts } from './facts.js';
import { fail, ok, warn, type Finding } from './finding.js';

export interface Check {
  /** what the check is about, for its tests */
  name: string;
  decide(facts: MachineFacts): Finding[];
}

function programFindings(p: ProgramFacts): Finding[] {
  const check = `backend ${p.backend}`;
  if (!p.path) {
    return [fail(check, `\`${p.program}\` is not on PATH`, `install ${p.program}, or set [backend.${p.backend}] bin to its full path`)];
  }
  const found = ok(check, `${p.path}${p.version ? ` — ${p.version}` : ''}`);
  const facts = (CLI_VERSION_FACTS[p.backend] ?? []).filter((f) => p.words.includes(f.word));
  if (facts.length === 0) return [found];
  const version = p.version ? parseVersion(p.version) : null;
  const words = facts.map((f) => f.word).join(' ');
  if (!version) {
    const why = p.versionError ?? `it printed no version (${JSON.stringify(p.version ?? '')})`;
    return [found, warn(`${check} version`, `cannot tell whether ${p.program} has ${words}: \`${p.program} --version\` failed: ${why}`, `run \`${p.path} --version\` yourself; hangar passes it ${words}`)];
  }
  const missing = facts.filter((f) => olderThan(version, parseVersion(f.since)!));
  if (missing.length === 0) return [found, ok(`${check} version`, `${version.join('.')} has ${words}`)];
  const needed = missing.map((f) => f.since).sort((a, b) => (olderThan(parseVersion(a)!, parseVersion(b)!) ? 1 : -1))[0]!;
  const lacks = `${p.program} ${version.join('.')} lacks ${missing.map((f) => `${f.word} (since ${f.since}: ${f.source})`).join('; ')}`;
  // a version that only loses something still runs the fleet: a warning saying what it loses
  if (missing.every((f) => f.degrades)) {
    return [found, warn(`${check} version`, `${lacks}: ${missing.map((f) => f.degrades).join('; ')}`, `update ${p.program} to ${needed} or later`)];
  }
  return [found, fail(`${check} version`, lacks, `update ${p.program} to ${needed} or later, or drop ${missing.map((f) => f.word).join(' ')} from [backend.${p.backend}]`)];
}

function directoryFindings(d: DirectoryFacts): Finding[] {
  // state_dir is <log_dir>/state: the way out of either is another log_dir
  const another = d.key === 'log_dir' ? 'choose a log_dir of your own' : 'choose another log_dir (state_dir is <log_dir>/state)';
  if (d.ownerProblem) return [fail(d.key, d.ownerProblem, `${another} (--set defaults.log_dir=PATH), or remove ${d.path} and let hangar make it`)];
  if (d.writeError) {
    const where = d.exists ? d.path : `the folder ${d.path} would be made in`;
    return [fail(d.key, `cannot write in ${where}: ${d.writeError}`, `make ${d.exists ? d.path : 'that folder'} writable by you, or ${another} (--set defaults.log_dir=PATH)`)];
  }
  return [ok(d.key, d.exists ? `${d.path} is yours and writable` : `${d.path} will be made (the folder it goes in is writable)`)];
}

/** How to get each transport, for the finding that it is missing. */
const INSTALL: Record<TransportFacts['program'], string> = {
  ssh: 'install the OpenSSH client (Debian/Ubuntu: apt install openssh-client; Fedora: dnf install openssh-clients; macOS has it)',
  kubectl: 'install kubectl (kubernetes.io/docs/tasks/tools) with a kubeconfig for the cluster',
};

function transportFindings(t: TransportFacts): Finding {
  const agents = `agent${t.agents.length === 1 ? '' : 's'} ${t.agents.join(', ')}`;
  return t.path
    ? ok(t.program, `${t.path} (${agents})`)
    : fail(t.program, `\`${t.program}\` is not on PATH: ${agents} cannot start`, `${INSTALL[t.program]}, or run ${t.agents.length === 1 ? 'that agent' : 'those agents'} here (host = "")`);
}

/** How an agent on another machine is followed: its hooks' way back, and what stays on this machine. */
function remoteAgentFindings(r: RemoteAgentFacts): Finding[] {
  const check = `remote ${r.agent}`;
  const where = r.kind === 'ssh' ? `ssh ${r.host.slice('ssh://'.length)}` : 'kubectl exec';
  const config = r.sshConfig && 'error' in r.sshConfig ? r.sshConfig : null;
  const found = config
    ? fail(check, `\`ssh -G\` cannot read ssh's config for ${r.host}: ${config.error}`, 'fix ~/.ssh/config (ssh -G HOST prints what ssh makes of it); the agent starts through that same config')
    : ok(check, `${r.host}: runs \`${r.program}\` over there through ${where} (doctor does not look there: it needs ${r.program} and sh on the PATH of that machine)`);
  return [found, hooksFinding(r), localOnlyFinding(r)];
}

function hooksFinding(r: RemoteAgentFacts): Finding {
  const check = `remote ${r.agent} hooks`;
  if (!r.hooks) return ok(check, `backend ${r.backend} passes no hooks to a remote agent: its status comes from the screen, as it would here`);
  if (r.kind === 'k8s') {
    // said as a finding of what to expect: kubectl exec has no way back, whatever is installed
    return warn(check, 'kubectl exec forwards no socket: its hooks cannot reach this fleet, so its status comes from the screen only (the patterns)', 'for status from hooks, run it over ssh:// (the fleet socket is forwarded back) or on this machine (host = "")');
  }
  if (!r.socketForwardable) {
    return warn(check, "the fleet socket's path holds a ':', which ssh -R cannot forward (it splits at ':'): its hooks cannot come back, its status comes from the screen", "choose a log_dir whose path has no ':' (the socket is <log_dir>/hangar.sock)");
  }
  if (r.sshConfig && 'clearAllForwardings' in r.sshConfig && r.sshConfig.clearAllForwardings) {
    return warn(check, `ssh's config sets ClearAllForwardings for ${r.host}: the socket is not forwarded, its hooks cannot come back, its status comes from the screen`, 'set ClearAllForwardings no for that host in ~/.ssh/config');
  }
  return ok(check, 'come back through the fleet socket, forwarded by ssh -R to a new /tmp/hangar-SESSION-ID.sock over there (they need `hangar` on the PATH of that machine, and sshd allowing stream-local forwarding, its default)');
}

function localOnlyFinding(r: RemoteAgentFacts): Finding {
  const sessionFile = r.sessionFile ? `its session_file is not read (it is on that machine): turns end by the quiet period, tokens and limits come from the screen; ` : '';
  return ok(`remote ${r.agent} local-only`, `${sessionFile}the pilot (checkpoints, goto, undo, branch) and process_name healing work only for agents on this machine`);
}

export const CHECKS: readonly Check[] = [
  {
    name: 'config',
    decide: (f) => (f.configError ? [fail('config', f.configError, 'fix agents.toml (each error says its file:line), or pass --config PATH')] : []),
  },
  { name: 'backends', decide: (f) => f.programs.flatMap(programFindings) },
  {
    name: 'session folders',
    decide: (f) =>
      f.sessionFolders.map((s) =>
        s.exists
          ? ok(`session folder ${s.backend}`, s.folder)
          : warn(
              `session folder ${s.backend}`,
              `${s.folder} does not exist (agent ${s.agent}): turns and costs come from the screen until it does`,
              `run the ${s.backend} CLI once in that agent's folder (it makes the folder), or check [backend.${s.backend}] session_file`,
            ),
      ),
  },
  {
    name: 'node-pty',
    decide: (f) => [f.nodePty.ok ? ok('node-pty', 'loads, and ran `true` in a pseudo-terminal') : fail('node-pty', f.nodePty.error, 'reinstall hangar (npm ci) so node-pty builds for this node and platform; on Linux it needs python3, make and a C++ compiler when no prebuilt binary fits')],
  },
  {
    name: '@xterm/headless',
    decide: (f) => [f.xterm.ok ? ok('@xterm/headless', 'loads') : fail('@xterm/headless', f.xterm.error, 'reinstall hangar (npm ci)')],
  },
  {
    name: 'gemini hooks',
    decide: (f) => {
      const g = f.geminiDefaults;
      if (!g) return [];
      return [
        g.problem
          ? warn('gemini hooks', `${g.problem}: hangar gives its gemini agents no hooks (their status comes from the screen) rather than hide that file from them`, `make ${g.path} plain JSON (no comments), or move what it sets into ~/.gemini/settings.json`)
          : ok('gemini hooks', `given in hangar's own system defaults file (GEMINI_CLI_SYSTEM_DEFAULTS_PATH)${g.exists ? `, ${g.path} carried over into it` : ''}`),
      ];
    },
  },
  { name: 'remote transports', decide: (f) => f.transports.map(transportFindings) },
  { name: 'remote agents', decide: (f) => f.remoteAgents.flatMap(remoteAgentFindings) },
  { name: 'directories', decide: (f) => f.directories.flatMap(directoryFindings) },
  {
    name: 'socket',
    decide: (f) => {
      if (!f.socket) return [];
      const s = f.socket;
      const path =
        s.bytes <= s.maxBytes
          ? ok('socket path', `${s.path} (${s.bytes} of ${s.maxBytes} bytes)`)
          : fail('socket path', `${s.path} is ${s.bytes} bytes; a Unix socket address holds ${s.maxBytes}`, 'choose a shorter log_dir (--set defaults.log_dir=PATH): the socket is <log_dir>/hangar.sock');
      const server =
        s.server.state === 'running'
          ? ok('server', `running (pid ${s.server.pid}), reachable at ${s.path}`)
          : s.server.state === 'none'
            ? ok('server', 'not running (hangar up starts it)')
            : warn('server', `a socket is there but the server does not answer: ${s.server.error}`, 'hangar down, then hangar up (a server that died leaves its socket; up replaces it)');
      return [path, server];
    },
  },
  {
    name: 'terminal',
    decide: (f) => {
      const t = f.terminal;
      const term = t.term
        ? ok('TERM', t.term)
        : warn('TERM', 'TERM is not set', 'run hangar from a terminal emulator, or export TERM=xterm-256color');
      const colorterm = t.colorterm === 'truecolor' || t.colorterm === '24bit';
      const truecolor = colorterm
        ? ok('truecolor', `COLORTERM=${t.colorterm}`)
        : warn('truecolor', `COLORTERM is ${t.colorterm ? `"${t.colorterm}"` : 'not set'}: panes' 24-bit colours may be shown approximately`, 'use a terminal with 24-bit colour and export COLORTERM=truecolor (inside tmux: set -as terminal-features ",*:RGB")');
      const viaTmux = t.tmux ? ' (tmux answered, not the terminal outside it)' : '';
      const sync =
        t.synchronizedOutput === 'supported'
          ? ok('synchronized output', `DEC 2026 supported${viaTmux}`)
          : t.synchronizedOutput === 'unsupported'
            ? warn('synchronized output', `DEC 2026 not supported${viaTmux}: a redraw may be seen half drawn`, 'a terminal with synchronized output (kitty, WezTerm, foot, iTerm2, Ghostty, …) draws each frame whole')
            : warn('synchronized output', t.tty ? 'the terminal did not answer the DEC 2026 query' : 'unknown: stdout is not a terminal, so it was not asked', 'run hangar doctor in the terminal the cockpit will use');
      // history copy always writes OSC 52; panes' own clipboard writes only with [ui] clipboard = "on"
      const osc52 = warn(
        'OSC 52',
        `unknown: a terminal does not say whether it takes clipboard writes (history copy uses them)${t.tmux ? '; inside tmux they reach the outer terminal only when tmux passes them on' : ''}`,
        t.tmux ? 'in tmux: set -g set-clipboard on, and allow clipboard writes (OSC 52) in the outer terminal' : 'if copying does nothing, allow clipboard writes (OSC 52) in your terminal',
      );
      const tmux = t.tmux ? [ok('tmux', 'running inside tmux: not needed by hangar; OSC 52 and DEC 2026 pass through tmux, as its version and options allow')] : [];
      return [term, truecolor, sync, osc52, ...tmux];
    },
  },
];

/** Every finding about a machine, in the table's order. */
export function diagnose(facts: MachineFacts): Finding[] {
  return CHECKS.flatMap((c) => c.decide(facts));
}

/** The exit code: 1 when anything blocks the fleet. */
export function blocksFleet(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.status === 'fail');
}
