/**
 * What `hangar doctor` gathers about this machine and this fleet (doctor/gather.ts, with
 * effects) and then judges (doctor/checks.ts, pure). Plain data, so the checks are tested on
 * made-up machines.
 */

/** A probe that either worked or says why not. */
export type Probe = { ok: true } | { ok: false; error: string };

/** One backend the config's agents use, and the program its `bin` starts. */
export interface ProgramFacts {
  backend: string;
  /** the program `bin` starts: its first word */
  program: string;
  /** where it was found (hangar's bin/ first, then PATH, as agents get it); null: not found */
  path: string | null;
  /** the first line `program --version` printed; null when it printed none or failed */
  version: string | null;
  /** why the version could not be read; null when it was */
  versionError: string | null;
  /** every word of the arguments hangar passes it (flags, session id, resume, rewind, model) */
  words: string[];
}

/** The folder a backend's `session_file` lives in, for one agent's working directory. */
export interface SessionFolderFacts {
  backend: string;
  agent: string;
  folder: string;
  exists: boolean;
}

/** log_dir or state_dir: whether hangar may and can write there. */
export interface DirectoryFacts {
  key: 'log_dir' | 'state_dir';
  path: string;
  exists: boolean;
  /** why it is not the user's own directory (fs/private-directory.ts); null when it is, or is missing */
  ownerProblem: string | null;
  /** why a file cannot be made there (or, when missing, in the folder it would be made in); null: it can */
  writeError: string | null;
}

export type ServerState = { state: 'running'; pid: number } | { state: 'none' } | { state: 'unreachable'; error: string };

export interface SocketFacts {
  path: string;
  /** the path's length in bytes */
  bytes: number;
  /** the longest path a Unix socket address holds on this system (sun_path less its NUL) */
  maxBytes: number;
  server: ServerState;
}

/** What the terminal answered, or that it was not asked (stdout not a terminal) or did not answer. */
export type TerminalAnswer = 'supported' | 'unsupported' | 'unknown';

export interface TerminalFacts {
  /** stdout and stdin are a terminal (queries are only sent then) */
  tty: boolean;
  term: string | null;
  colorterm: string | null;
  /** inside tmux ($TMUX set) */
  tmux: boolean;
  /** DEC 2026 synchronized output, from DECRQM `CSI ? 2026 $ p` */
  synchronizedOutput: TerminalAnswer;
}

/** A program an agent on another machine is reached through (ssh or kubectl), and the agents that need it. */
export interface TransportFacts {
  program: 'ssh' | 'kubectl';
  /** where it was found on PATH; null: not found */
  path: string | null;
  agents: string[];
}

/** An agent whose host is another machine (config/host.ts), and what of hangar reaches it there. */
export interface RemoteAgentFacts {
  agent: string;
  backend: string;
  /** the host as written (ssh://…, k8s://…) */
  host: string;
  kind: 'ssh' | 'k8s';
  /** the program its backend runs over there (not looked for here) */
  program: string;
  /** its backend passes hooks on the command line, so they run over there too (config/hook-flags.ts) */
  hooks: boolean;
  /** the fleet's socket path can be forwarded by `ssh -R` (ssh splits -R at ':') */
  socketForwardable: boolean;
  /** its backend has a session_file, which is on the other machine */
  sessionFile: boolean;
  /**
   * ssh only, when ssh was found: what `ssh -G` (ssh's own config, read offline) says of this
   * host — whether it clears every forwarding, or why ssh could not read its config
   */
  sshConfig?: { clearAllForwardings: boolean } | { error: string };
}

export interface MachineFacts {
  /** the config could not be loaded: the fleet's checks are skipped */
  configError: string | null;
  programs: ProgramFacts[];
  sessionFolders: SessionFolderFacts[];
  nodePty: Probe;
  xterm: Probe;
  directories: DirectoryFacts[];
  socket: SocketFacts | null;
  terminal: TerminalFacts;
  /**
   * When agents on this machine run Gemini CLI: the system defaults file it would read, which
   * hangar carries over into its own (config/gemini-hooks.ts), and why it cannot (null: it can)
   */
  geminiDefaults: { path: string; exists: boolean; problem: string | null } | null;
  /** ssh and kubectl, when agents run on other machines */
  transports: TransportFacts[];
  remoteAgents: RemoteAgentFacts[];
}
