import { homedir } from 'node:os';
import { join } from 'node:path';

/** Everything the demo agent needs to know from its command line and environment. */
export interface DemoOptions {
  /** Session id to use for a new conversation; undefined means "make a random uuid". */
  sessionId: string | undefined;
  /** Session id of an earlier conversation to restore. */
  resumeId: string | undefined;
  /**
   * Restore `resumeId` into a new conversation (new id, the original left as it is) instead of
   * adding to it: --fork-session, or implied by --at-turn.
   */
  fork: boolean;
  /** With a fork: keep only the first N turns (0 = none); undefined keeps them all. */
  atTurn: number | undefined;
  model: string;
  thinkMs: number;
  stateDir: string;
  /** --mcp-config: MCP servers to connect to, as a JSON text or a file's path (mcp-servers.ts). */
  mcpConfig: string | undefined;
  /** First prompt, submitted automatically on start. */
  kickoff: string | undefined;
  /** Claude Code's --settings JSON text: its Stop hooks run at each turn's end (stop-hook.ts). */
  settings: string | undefined;
  help: boolean;
}

export type ParsedArgs = { ok: true; options: DemoOptions } | { ok: false; error: string };

const DEFAULT_MODEL = 'demo-1';
export const DEFAULT_THINK_MS = 1500;

export const DEMO_USAGE = `Usage: hangar-demo [options] [PROMPT]

A pretend agent CLI for trying hangar without a network or an API key.

Options:
  --session-id ID   id of the new conversation (default: a random uuid); with
                    --fork-session or --at-turn, the id of the fork
  --resume ID       restore conversation ID and keep adding to it
  --fork-session    with --resume: continue in a new conversation (a new session id),
                    leaving ID as it was
  --at-turn N       with --resume: a new conversation holding the first N turns of ID
                    (0 = none; implies --fork-session); ID keeps all its turns
  --model M         model name shown in the footer (default: ${DEFAULT_MODEL})
  --think MS        think time before each reply (default: ${DEFAULT_THINK_MS}; env DEMO_THINK_MS)
  --state-dir DIR   where conversations are kept (env DEMO_STATE_DIR;
                    default: \${XDG_STATE_HOME:-~/.local/state}/hangar-demo): ID.json,
                    and the session file ID.jsonl, which gets Claude Code's
                    user/assistant records (with token usage) as each turn ends
  --mcp-config FILE|JSON
                    MCP servers to connect to (stdio), as Claude Code takes them:
                    {"mcpServers": {NAME: {"command": …, "args": […], "env": {…}}}},
                    inline or in a file; their tools are called with /tool
  --settings JSON   Claude Code's settings option, for its hooks: each hooks.Stop
                    command runs at a turn's end with Claude's Stop payload on
                    stdin; one that prints {"decision":"block","reason":R} makes
                    R the next prompt
  --help            show this help

PROMPT, when given, is submitted as the first prompt.

In a prompt:
  write PATH TEXT…   create or overwrite PATH (relative to the working dir)
  append PATH TEXT…  append a line to PATH
  rm PATH            remove PATH
  /crash [CODE]      exit with CODE (default 1)
  /hang              stay alive and stop all output
  /limit SECONDS     pretend the usage limit is hit for SECONDS
  /wait SECONDS      print WAITING-UNTIL: <ISO time>
  /ask TEXT          ask a yes/no question and wait for y or n
  /history           list the turns this conversation holds, numbered (not itself a turn)
  /tool NAME {JSON}  call tool NAME of an --mcp-config server with those arguments; the
                     result is the reply, recorded as Claude Code records an MCP tool call

Keys: Enter submits, Esc interrupts, Ctrl-C clears the box (exits when empty), Ctrl-D exits.
`;

const VALUE_FLAGS = new Set(['--session-id', '--resume', '--at-turn', '--model', '--think', '--state-dir', '--mcp-config', '--settings']);

/** Parse argv (without node and script) and the environment. Pure: no filesystem access. */
export function parseDemoArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  const values = new Map<string, string>();
  const positionals: string[] = [];
  let help = false;
  let forkSession = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--fork-session') {
      forkSession = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(name)) {
      const value = name === arg ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) return { ok: false, error: `${name} needs a value` };
      values.set(name, value);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) return { ok: false, error: `unknown option ${arg}` };
    positionals.push(arg);
  }
  if (positionals.length > 1) {
    return { ok: false, error: `expected at most one prompt argument, got ${positionals.length} (quote the prompt)` };
  }

  const thinkText = values.get('--think') ?? env['DEMO_THINK_MS'];
  let thinkMs = DEFAULT_THINK_MS;
  if (thinkText !== undefined && thinkText !== '') {
    thinkMs = Number(thinkText);
    if (!Number.isFinite(thinkMs) || thinkMs < 0) return { ok: false, error: `think time must be a number of milliseconds >= 0, got "${thinkText}"` };
  }

  const sessionId = values.get('--session-id');
  const resumeId = values.get('--resume');
  const atTurnText = values.get('--at-turn');
  let atTurn: number | undefined;
  if (atTurnText !== undefined) {
    if (!/^\d+$/.test(atTurnText)) return { ok: false, error: `--at-turn must be a whole number of turns >= 0, got "${atTurnText}"` };
    atTurn = Number(atTurnText);
  }
  const fork = forkSession || atTurn !== undefined;
  if (fork && resumeId === undefined) {
    return { ok: false, error: `${atTurn !== undefined ? '--at-turn' : '--fork-session'} needs --resume ID (the conversation to start from)` };
  }
  if (fork && sessionId !== undefined && sessionId === resumeId) {
    return { ok: false, error: '--session-id names the new conversation of a fork, so it must differ from --resume' };
  }
  if (!fork && sessionId !== undefined && resumeId !== undefined && sessionId !== resumeId) {
    return { ok: false, error: '--session-id and --resume name different sessions (add --fork-session to continue ID under a new id)' };
  }
  for (const [flag, id] of [['--session-id', sessionId], ['--resume', resumeId]] as const) {
    // The id becomes a file name in the state dir, so it must not be able to point elsewhere.
    if (id !== undefined && !/^[A-Za-z0-9._-]+$/.test(id)) return { ok: false, error: `${flag}: invalid session id "${id}"` };
  }

  const model = values.get('--model') ?? DEFAULT_MODEL;
  if (model === '') return { ok: false, error: '--model must not be empty' };

  return {
    ok: true,
    options: {
      sessionId,
      resumeId,
      fork,
      atTurn,
      model,
      thinkMs,
      stateDir: values.get('--state-dir') ?? nonEmpty(env['DEMO_STATE_DIR']) ?? defaultStateDir(env),
      mcpConfig: values.get('--mcp-config'),
      kickoff: positionals[0],
      settings: values.get('--settings'),
      help,
    },
  };
}

function defaultStateDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = nonEmpty(env['XDG_STATE_HOME']) ?? join(nonEmpty(env['HOME']) ?? homedir(), '.local', 'state');
  return join(base, 'hangar-demo');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
