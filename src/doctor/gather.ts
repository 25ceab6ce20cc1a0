/**
 * The effects of `hangar doctor`: everything it reads of the machine, gathered into
 * MachineFacts for the pure checks (doctor/checks.ts). It changes nothing: a probe file it
 * makes to see that a folder is writable is removed at once, and log_dir is not created.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, mkdtempSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { geminiDefaults, geminiDefaultsPath } from '../config/gemini-hooks.js';
import { cliOf, hookFlags } from '../config/hook-flags.js';
import { parseHost, remoteHostText, type RemoteHost } from '../config/host.js';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import { socketPath } from '../fs/fleet-files.js';
import { packagePath } from '../fs/package-root.js';
import { describeOwner, privateDirectoryProblem } from '../fs/private-directory.js';
import { argumentWords, programOf, sessionFolder } from './backend-use.js';
import type { DirectoryFacts, MachineFacts, Probe, ProgramFacts, RemoteAgentFacts, ServerState, SessionFolderFacts, SocketFacts, TerminalFacts, TransportFacts } from './facts.js';
import { askSynchronizedOutput } from './terminal-query.js';

/** How long `program --version` may take: it runs offline and prints one line. */
const VERSION_TIMEOUT_MS = 10_000;
/** How long `ssh -G` may take: it reads ssh's config and connects nowhere. */
const SSH_CONFIG_TIMEOUT_MS = 10_000;
/** How long loading node-pty and running `true` in a pty may take. */
const MODULES_TIMEOUT_MS = 20_000;

export interface GatherInput {
  /** null when it could not be loaded (configError says why) */
  config: FleetConfig | null;
  configError: string | null;
  /** the fleet server, as the command found it; null without a config */
  server: ServerState | null;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function gatherFacts(input: GatherInput): Promise<MachineFacts> {
  const { config, env } = input;
  const remotes = config ? remoteAgentsOf(config) : [];
  const transports = transportFacts(remotes, env, config?.project_dir ?? process.cwd());
  const [programs, modules, terminal, remoteAgents] = await Promise.all([
    config ? Promise.all(backendsInUse(config).map((name) => programFacts(name, config, env))) : Promise.resolve([]),
    probeModules(),
    terminalFacts(input),
    config ? Promise.all(remotes.map((r) => remoteAgentFacts(r, config, env, transports))) : Promise.resolve([]),
  ]);
  return {
    configError: input.configError,
    programs,
    sessionFolders: config ? sessionFolders(config) : [],
    ...modules,
    directories: config ? [directoryFacts('log_dir', config.log_dir), directoryFacts('state_dir', config.state_dir)] : [],
    socket: config && input.server ? socketFacts(config, input.server) : null,
    terminal,
    geminiDefaults: config ? geminiDefaultsFacts(config, env) : null,
    transports,
    remoteAgents,
  };
}

/** Whether the machine's Gemini system defaults file can be carried over into hangar's, as an agent's start does (fleet/session-plan.ts). */
function geminiDefaultsFacts(config: FleetConfig, env: NodeJS.ProcessEnv): MachineFacts['geminiDefaults'] {
  const runsGemini = localAgents(config).some((a) => config.backends[a.backend] && cliOf(config.backends[a.backend]!) === 'gemini');
  if (!runsGemini) return null;
  const path = geminiDefaultsPath(env, process.platform);
  let text: string | null = null;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { path, exists: true, problem: `cannot read ${path}: ${(err as Error).message}` };
  }
  const carried = geminiDefaults(text, path);
  return { path, exists: text !== null, problem: carried.ok ? null : carried.problem };
}

/** The agents that run on this machine: the others' programs and session folders are over there. */
function localAgents(config: FleetConfig): AgentConfig[] {
  return config.agents.filter((a) => remoteHostText(a, config.backends[a.backend]) === undefined);
}

/** The backends the config's local agents use, each once, in the agents' order. */
function backendsInUse(config: FleetConfig): string[] {
  return [...new Set(localAgents(config).map((a) => a.backend))].filter((name) => config.backends[name] !== undefined);
}

interface RemoteAgent {
  agent: AgentConfig;
  text: string;
  host: RemoteHost;
}

/** The agents on other machines, their hosts parsed (the config loader has checked each). */
function remoteAgentsOf(config: FleetConfig): RemoteAgent[] {
  return config.agents.flatMap((agent) => {
    const text = remoteHostText(agent, config.backends[agent.backend]);
    const parsed = text === undefined ? undefined : parseHost(text);
    return text !== undefined && parsed?.ok && parsed.host ? [{ agent, text, host: parsed.host }] : [];
  });
}

/** ssh and kubectl where agents find them (PATH, as the server that runs them does), each with the agents that need it. */
function transportFacts(remotes: readonly RemoteAgent[], env: NodeJS.ProcessEnv, cwd: string): TransportFacts[] {
  const out: TransportFacts[] = [];
  for (const program of ['ssh', 'kubectl'] as const) {
    const agents = remotes.filter((r) => (r.host.kind === 'ssh' ? 'ssh' : 'kubectl') === program).map((r) => r.agent.name);
    if (agents.length > 0) out.push({ program, path: findProgram(program, env, cwd), agents });
  }
  return out;
}

async function remoteAgentFacts(r: RemoteAgent, config: FleetConfig, env: NodeJS.ProcessEnv, transports: readonly TransportFacts[]): Promise<RemoteAgentFacts> {
  const backend = config.backends[r.agent.backend];
  const facts: RemoteAgentFacts = {
    agent: r.agent.name,
    backend: r.agent.backend,
    host: r.text,
    kind: r.host.kind,
    program: backend ? programOf(backend.bin) : r.agent.backend,
    hooks: backend ? hookFlags(backend) !== '' : false,
    socketForwardable: !socketPath(config).includes(':'),
    sessionFile: backend?.session_file !== undefined,
  };
  const ssh = transports.find((t) => t.program === 'ssh')?.path;
  if (r.host.kind === 'ssh' && ssh) facts.sshConfig = await readSshConfig(ssh, r.host, env);
  return facts;
}

/**
 * `ssh -G [-p PORT] [user@]box`: the options ssh would use for this host, from its config
 * files, without connecting. Read for ClearAllForwardings, which drops the socket forward the
 * hooks come back through.
 */
function readSshConfig(ssh: string, host: Extract<RemoteHost, { kind: 'ssh' }>, env: NodeJS.ProcessEnv): Promise<RemoteAgentFacts['sshConfig']> {
  const argv = ['-G', ...(host.port !== undefined ? ['-p', String(host.port)] : []), host.user !== undefined ? `${host.user}@${host.box}` : host.box];
  return new Promise((done) => {
    const child = execFile(ssh, argv, { env, timeout: SSH_CONFIG_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        done({ error: err.killed ? `no answer within ${SSH_CONFIG_TIMEOUT_MS / 1000} s` : firstLine(`${stderr}`) ?? err.message });
        return;
      }
      done({ clearAllForwardings: /^clearallforwardings yes$/im.test(`${stdout}`) });
    });
    child.stdin?.end();
  });
}

/** Where a program is found as agents find it: hangar's bin/ first, then PATH (fleet/child-env.ts). */
function findProgram(program: string, env: NodeJS.ProcessEnv, cwd: string): string | null {
  if (program.includes('/')) return executable(isAbsolute(program) ? program : resolve(cwd, program));
  const dirs = [packagePath('bin'), ...(env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter)].filter((d) => d !== '');
  for (const dir of dirs) {
    const found = executable(join(dir, program));
    if (found) return found;
  }
  return null;
}

function executable(path: string): string | null {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

async function programFacts(backend: string, config: FleetConfig, env: NodeJS.ProcessEnv): Promise<ProgramFacts> {
  const definition = config.backends[backend]!;
  const program = programOf(definition.bin);
  const cwd = localAgents(config).find((a) => a.backend === backend)?.dir ?? config.project_dir;
  const path = findProgram(program, env, cwd);
  const words = argumentWords(definition);
  if (!path) return { backend, program, path, version: null, versionError: null, words };
  const { version, error } = await readVersion(path, env);
  return { backend, program, path, version, versionError: error, words };
}

/** The first line `path --version` prints (stdout, else stderr), time-bounded, stdin closed. */
function readVersion(path: string, env: NodeJS.ProcessEnv): Promise<{ version: string | null; error: string | null }> {
  return new Promise((done) => {
    const child = execFile(path, ['--version'], { env, timeout: VERSION_TIMEOUT_MS, maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      const line = firstLine(`${stdout}`) ?? (err ? null : firstLine(`${stderr}`));
      if (err && !line) {
        const why = err.killed ? `no answer within ${VERSION_TIMEOUT_MS / 1000} s` : firstLine(`${stderr}`) ?? err.message;
        done({ version: null, error: why });
      } else done({ version: line, error: null });
    });
    child.stdin?.end();
  });
}

function firstLine(text: string): string | null {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? null;
}

function sessionFolders(config: FleetConfig): SessionFolderFacts[] {
  const seen = new Set<string>();
  const out: SessionFolderFacts[] = [];
  for (const agent of localAgents(config)) {
    const template = config.backends[agent.backend]?.session_file;
    if (!template) continue;
    const folder = sessionFolder(template, agent.dir, homedir());
    if (seen.has(`${agent.backend}\0${folder}`)) continue;
    seen.add(`${agent.backend}\0${folder}`);
    out.push({ backend: agent.backend, agent: agent.name, folder, exists: isDirectory(folder) });
  }
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// Runs in a node of its own, so a native addon that crashes takes only the probe down.
const MODULE_PROBE = `
const [ptyPath, xtermPath] = process.argv.slice(1);
const out = {};
const message = (e) => String(e && e.message || e).split('\\n')[0];
try { const { Terminal } = require(xtermPath); const t = new Terminal({ cols: 20, rows: 2, allowProposedApi: true }); t.write('ok'); t.dispose(); out.xterm = { ok: true }; }
catch (e) { out.xterm = { ok: false, error: message(e) }; }
const done = () => { process.stdout.write(JSON.stringify(out)); process.exit(0); };
try {
  const p = require(ptyPath).spawn('true', [], { cols: 20, rows: 2 });
  p.onData(() => {});
  p.onExit(({ exitCode }) => { out.pty = exitCode === 0 ? { ok: true } : { ok: false, error: '\`true\` in a pty exited with ' + exitCode }; done(); });
} catch (e) { out.pty = { ok: false, error: message(e) }; done(); }
`;

/** Loads node-pty (and runs `true` in a pty with it) and @xterm/headless, in a child node. */
async function probeModules(): Promise<{ nodePty: Probe; xterm: Probe }> {
  const require = createRequire(import.meta.url);
  const where = (name: string): string | Probe => {
    try {
      return require.resolve(name);
    } catch (err) {
      return { ok: false, error: `cannot find ${name}: ${(err as Error).message.split('\n')[0]}` };
    }
  };
  const [pty, xterm] = [where('node-pty'), where('@xterm/headless')];
  const answer = await new Promise<{ nodePty?: Probe; xterm?: Probe; error?: string }>((done) => {
    execFile(process.execPath, ['-e', MODULE_PROBE, typeof pty === 'string' ? pty : '', typeof xterm === 'string' ? xterm : ''], { timeout: MODULES_TIMEOUT_MS }, (err, stdout, stderr) => {
      try {
        const parsed = JSON.parse(`${stdout}`) as { pty?: Probe; xterm?: Probe };
        done({ nodePty: parsed.pty, xterm: parsed.xterm });
      } catch {
        done({ error: firstLine(`${stderr}`) ?? (err ? (err.killed ? `no answer within ${MODULES_TIMEOUT_MS / 1000} s` : err.message) : 'the probe printed nothing') });
      }
    });
  });
  const failed: Probe = { ok: false, error: answer.error ?? 'the probe gave no answer' };
  return {
    nodePty: typeof pty === 'string' ? (answer.nodePty ?? failed) : pty,
    xterm: typeof xterm === 'string' ? (answer.xterm ?? failed) : xterm,
  };
}

/**
 * log_dir under the rules the server applies before it writes there (fs/private-directory.ts):
 * the user's own directory, or a symlink the user made to one; state_dir, which hangar makes
 * itself, must be no symlink at all. Either must take a new file (a missing one: its parent).
 */
function directoryFacts(key: DirectoryFacts['key'], path: string): DirectoryFacts {
  const uid = process.getuid?.() ?? 0;
  let ownerProblem: string | null = null;
  let exists = true;
  try {
    const link = lstatSync(path);
    if (key === 'state_dir' && link.isSymbolicLink()) ownerProblem = `${path} is a symlink (hangar makes this folder itself: remove the link)`;
    else ownerProblem = privateDirectoryProblem(path, link, link.isSymbolicLink() ? statSync(path) : link, uid);
  } catch (err) {
    // ENOTDIR: a file where one of its parents should be, said by the write probe below
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') ownerProblem = `${path}: ${(err as Error).message}`;
    exists = false;
  }
  const writeError = ownerProblem ? null : canWriteIn(exists ? path : nearestExisting(path));
  return { key, path, exists, ownerProblem, writeError };
}

function nearestExisting(path: string): string {
  let at = dirname(path);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

/** null when a folder can be made in `dir` (made and removed again); why not otherwise. */
function canWriteIn(dir: string): string | null {
  try {
    rmdirSync(mkdtempSync(join(dir, '.hangar-doctor-')));
    return null;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EACCES' || e.code === 'EPERM') {
      try {
        return `${dir} is owned by ${describeOwner(statSync(dir).uid)} and you may not write there (${e.code})`;
      } catch {
        // fall through to the plain message
      }
    }
    if (e.code === 'ENOTDIR') return `${dir} is not a directory`;
    return e.message;
  }
}

/** sun_path is 108 bytes on Linux, 104 on macOS and the BSDs, each with its closing NUL. */
function socketFacts(config: FleetConfig, server: ServerState): SocketFacts {
  const path = socketPath(config);
  const maxBytes = process.platform === 'linux' ? 107 : 103;
  return { path, bytes: Buffer.byteLength(path), maxBytes, server };
}

async function terminalFacts(input: GatherInput): Promise<TerminalFacts> {
  const tty = input.stdout.isTTY === true && input.stdin.isTTY === true;
  return {
    tty,
    term: input.env.TERM || null,
    colorterm: input.env.COLORTERM || null,
    tmux: Boolean(input.env.TMUX),
    synchronizedOutput: tty ? await askSynchronizedOutput(input.stdin, input.stdout) : 'unknown',
  };
}
