/**
 * `hangar hook [JSON]`: what an agent CLI's hook runs (config/hook-flags.ts says which). It reads
 * the hook's JSON — the argument when there is one (Codex's notify passes it so), else stdin
 * (Claude Code's hooks) — and tells the fleet server at $HANGAR_SOCKET what it means for agent
 * $HANGAR_AGENT (protocol/hook-report.ts keeps the few fields hangar uses).
 *
 * It runs inside the CLI's turn, so it must never hold it up or fail it: its own bundle
 * (dist/hangar-hook.js: no config, no node-pty, no ink), every wait bounded, stdout left
 * empty (Claude Code reads a hook's stdout as context) but for one answer, and exit code 0
 * whatever happens — a dead server, no socket, garbage on stdin — with at most one line on
 * stderr. The screen rules stand in for any hook that does not arrive.
 *
 * The answer: at a turn's end (Stop) the server may hand back a watcher's system-role nudge
 * (watchers/watcher-driver.ts, waited for at most 2 s); it is printed as Claude Code's Stop
 * hook output {"decision": "block", "reason": …}, which makes the model go on with the reason
 * as its next instruction (code.claude.com/docs/en/hooks, "Stop" decision control).
 */
import { restoreExtraCaCerts } from '../base/extra-ca-certs.js';
import { connectSocket } from '../client/socket-client.js';
import { hookReportFrom } from '../protocol/hook-report.js';

/** The longest a hook may take, whatever it waits on. */
const HOOK_DEADLINE_MS = 3000;
/** Read at most this much of stdin: a PreToolUse carries the tool's whole input. */
const STDIN_MAX_BYTES = 4 * 1024 * 1024;

async function runHook(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const deadline = setTimeout(() => done('no answer in time'), HOOK_DEADLINE_MS);
  deadline.unref();
  try {
    const agent = env.HANGAR_AGENT;
    const socket = env.HANGAR_SOCKET;
    if (!agent || !socket) return done('not started by hangar (HANGAR_AGENT / HANGAR_SOCKET unset)');
    const text = argv.length > 0 ? argv[argv.length - 1]! : await readStdin();
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return done('the hook input is not JSON');
    }
    const report = hookReportFrom(payload);
    if (!report) return done('the hook input names no event');
    const conn = await connectSocket(socket, { clientName: 'hook', timeoutMs: HOOK_DEADLINE_MS });
    try {
      const answer = await conn.request('hook', { name: agent, ...report });
      const text = answer.continueWith ? `${JSON.stringify({ decision: 'block', reason: answer.continueWith })}\n` : '';
      // written whole before the exit below
      if (text) await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
    } finally {
      conn.close();
    }
    done();
  } catch (err) {
    done((err as Error).message);
  }
}

function done(problem?: string): void {
  if (problem) process.stderr.write(`hangar hook: ${problem}\n`);
  process.exit(0);
}

/** stdin as text, up to STDIN_MAX_BYTES; '' when it is a terminal (nobody piped a payload). */
function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).toString('utf8'));
    process.stdin.on('data', (chunk: Buffer) => {
      if (size >= STDIN_MAX_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    process.stdin.once('end', finish);
    process.stdin.once('error', finish);
  });
}

restoreExtraCaCerts(process.env); // as bin/hangar held it aside
void runHook(process.argv.slice(3), process.env);
