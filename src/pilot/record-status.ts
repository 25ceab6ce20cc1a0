/**
 * What one session-file record says about the agent's status, as hook-meaning.ts says it for a
 * hook. Pure. Only records whose meaning is certain say anything:
 *
 * - working: a person's prompt recorded (Claude Code's user prompt, Codex's `user_message`),
 *   Codex's `task_started` (versions that persist it), a tool call or its result going back to
 *   the model (Claude's assistant `stop_reason: "tool_use"`, a user `tool_result`);
 * - idle: the turn's end recorded (Claude's `system` `turn_duration` / `stop_hook_summary`, an
 *   assistant message that stopped with `end_turn`, Codex's `task_complete` / `turn_aborted`),
 *   an interrupt (Claude's "[Request interrupted by user…]" user record), or a prompt refused
 *   (Claude's synthetic `isApiErrorMessage` record — a usage limit, an overload — or a Codex
 *   rate-limit window at 100 %: the watchdog holds the limit itself).
 *
 * A subagent's (`isSidechain`) records, a streamed part (`stop_reason` null), Codex's
 * `agent_message` (it comes mid-turn too) and everything else say nothing.
 *
 * Codex's record names are those its rollout writer persists (codex-rs/core/src/rollout/policy.rs:
 * `user_message`, `token_count`, `turn_aborted`, …; `task_started` / `task_complete` only in
 * the versions that persist them — where none does, its notify hook or the screen tells the end).
 */
import type { SessionStatus } from '../protocol/messages.js';
import { isConversationTurn } from './session-records.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const CLAUDE_END_SUBTYPES = new Set(['turn_duration', 'stop_hook_summary']);
const CODEX_WORKING = new Set(['user_message', 'task_started']);
const CODEX_ENDED = new Set(['task_complete', 'turn_aborted']);

/** Claude Code records an interrupt (Esc) as a user message with this text: the turn is over. */
const INTERRUPTED = /^\s*\[Request interrupted by user/;

function userText(message: Rec): string {
  const content = message['content'];
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((c) => (isRec(c) && typeof c['text'] === 'string' ? c['text'] : '')).join('') : '';
}

export function recordStatus(record: unknown): SessionStatus | null {
  if (!isRec(record) || record['isSidechain'] === true) return null;
  const message = isRec(record['message']) ? record['message'] : null;
  switch (record['type']) {
    case 'user':
      if (!message) return null;
      if (INTERRUPTED.test(userText(message))) return 'idle';
      if (isConversationTurn(record)) return 'working';
      // a tool's result going back to the model: the turn goes on
      return Array.isArray(message['content']) && message['content'].some((c) => isRec(c) && c['type'] === 'tool_result') ? 'working' : null;
    case 'assistant':
      if (record['isApiErrorMessage'] === true) return 'idle';
      if (!message) return null;
      return message['stop_reason'] === 'end_turn' ? 'idle' : message['stop_reason'] === 'tool_use' ? 'working' : null;
    case 'system':
      return typeof record['subtype'] === 'string' && CLAUDE_END_SUBTYPES.has(record['subtype']) ? 'idle' : null;
    case 'event_msg': {
      const payload = isRec(record['payload']) ? record['payload'] : {};
      const type = payload['type'];
      if (typeof type !== 'string') return null;
      if (CODEX_WORKING.has(type)) return 'working';
      if (CODEX_ENDED.has(type)) return 'idle';
      return type === 'token_count' && windowFull(payload['rate_limits']) ? 'idle' : null;
    }
    default:
      return null;
  }
}

/** A Codex rate-limit window at 100 %: the prompt was refused. */
function windowFull(rateLimits: unknown): boolean {
  if (!isRec(rateLimits)) return false;
  return ['primary', 'secondary'].some((k) => {
    const w = rateLimits[k];
    return isRec(w) && typeof w['used_percent'] === 'number' && w['used_percent'] >= 100;
  });
}

/**
 * What a batch of records says, in the order written, each change once: a short turn read in one
 * batch (its prompt and its end) says working, then idle — the turn is seen, not only its end
 * (whoever follows the status waits for a working that ends: turns, the id kept for resume).
 * A batch `restarted` (session-feed.ts) says only its last word.
 */
export function recordWords(records: readonly unknown[], restarted = false): SessionStatus[] {
  const words: SessionStatus[] = [];
  for (const r of records) {
    const said = recordStatus(r);
    if (said !== null && said !== words.at(-1)) words.push(said);
  }
  // a file read again from its start (replaced, another file taken): its turns are no news, only where it stands now
  return restarted ? words.slice(-1) : words;
}
