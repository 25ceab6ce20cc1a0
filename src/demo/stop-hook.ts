/**
 * The demo agent's hook channel, in Claude Code's shape so hangar talks to it as to Claude Code:
 * `--settings JSON` may hold `{"hooks": {"Stop": [{"hooks": [{"type": "command", "command": …,
 * "timeout": S}]}]}}` (code.claude.com/docs/en/hooks); at each turn's end — its records already
 * in the session file — every Stop command runs through sh with Claude's Stop payload on stdin
 * (session_id, transcript_path, cwd, hook_event_name, stop_hook_active). A command that prints
 * `{"decision": "block", "reason": R}` keeps the agent going: R is its next instruction, as
 * Claude Code feeds a blocking Stop hook's reason to the model. Other hooks are not run.
 */
import { spawn } from 'node:child_process';

export interface StopHook {
  command: string;
  timeoutS: number;
}

/** Claude Code's default hook timeout. */
const DEFAULT_TIMEOUT_S = 60;
/** A hook's output kept: a decision is small. */
const OUTPUT_MAX = 64 * 1024;

/** The Stop hooks of a --settings JSON text; an error message when it is not one. */
export function stopHooksOf(settings: string): StopHook[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(settings);
  } catch {
    return '--settings must be a JSON object';
  }
  const groups = (parsed as { hooks?: { Stop?: unknown } } | null)?.hooks?.Stop;
  if (groups === undefined) return [];
  if (!Array.isArray(groups)) return '--settings: hooks.Stop must be a list';
  return groups.flatMap((g: { hooks?: unknown }) =>
    (Array.isArray(g?.hooks) ? g.hooks : [])
      .filter((h: { type?: unknown; command?: unknown }) => h?.type === 'command' && typeof h.command === 'string')
      .map((h: { command: string; timeout?: unknown }) => ({ command: h.command, timeoutS: typeof h.timeout === 'number' && h.timeout > 0 ? h.timeout : DEFAULT_TIMEOUT_S })),
  );
}

/** The reason of a blocking decision a hook printed; null for anything else. */
export function blockReason(stdout: string): string | null {
  try {
    const answer = JSON.parse(stdout.trim()) as { decision?: unknown; reason?: unknown };
    return answer.decision === 'block' && typeof answer.reason === 'string' && answer.reason !== '' ? answer.reason : null;
  } catch {
    return null;
  }
}

/** Run the Stop hooks one after the other; the first blocking reason, or null. */
export async function runStopHooks(hooks: readonly StopHook[], payload: Record<string, unknown>): Promise<string | null> {
  for (const hook of hooks) {
    const reason = blockReason(await runHook(hook, JSON.stringify(payload)));
    if (reason !== null) return reason;
  }
  return null;
}

function runHook(hook: StopHook, stdin: string): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn('/bin/sh', ['-c', hook.command], { stdio: ['pipe', 'pipe', 'ignore'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), hook.timeoutS * 1000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (out.length < OUTPUT_MAX) out += chunk.toString('utf8');
    });
    child.once('error', () => {
      clearTimeout(timer);
      resolve('');
    });
    child.once('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    child.stdin.on('error', () => undefined); // a hook that does not read its stdin
    child.stdin.end(stdin);
  });
}
