/**
 * The effects of `hangar doctor`: everything it reads of the machine, gathered into
 * MachineFacts for the pure checks (doctor/checks.ts). It changes nothing: a probe file it
 * makes to see that a folder is writable is removed at once, and log_dir is not created.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import type { FleetConfig } from '../config/types.js';
import { socketPath } from '../fs/fleet-files.js';
import { packagePath } from '../fs/package-root.js';
import { describeOwner, privateDirectoryProblem } from '../fs/private-directory.js';
import { argumentWords, programOf, sessionFolder } from './backend-use.js';
import type { DirectoryFacts, MachineFacts, Probe, ProgramFacts, ServerState, SessionFolderFacts, SocketFacts, TerminalFacts } from './facts.js';
import { askSynchronizedOutput } from './terminal-query.js';

/** How long `program --version` may take: it runs offline and prints one line. */
const VERSION_TIMEOUT_MS = 10_000;
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
  const [programs, modules, terminal] = await Promise.all([
    config ? Promise.all(backendsInUse(config).map((name) => programFacts(name, config, env))) : Promise.resolve([]),
    probeModules(),
    terminalFacts(input),
  ]);
  return {
    configError: input.configError,
    programs,
    sessionFolders: config ? sessionFolders(config) : [],
    ...modules,
    directories: config ? [directoryFacts('log_dir', config.log_dir), directoryFacts('state_dir', config.state_dir)] : [],
    socket: config && input.server ? socketFacts(config, input.server) : null,
    terminal,
  };
}

/** The backends the config's agents use, each once, in the agents' order. */
function backendsInUse(config: FleetConfig): string[] {
  return [...new Set(config.agents.map((a) => a.backend))].filter((name) => config.backends[name] !== undefined);
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
  const cwd = config.agents.find((a) => a.backend === backend)?.dir ?? config.project_dir;
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
  for (const agent of config.agents) {
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
