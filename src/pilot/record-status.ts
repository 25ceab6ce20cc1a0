/**
 * What one session-file record says about the agent's status, as hook-meaning.ts says it for a
 * hook. Pure. Only records whose meaning is certain say anything: a person's prompt recorded
 * (Claude's user prompt, Codex's `user_message` or `task_started`) or a tool's result coming
 * back means it works; a turn's end (Claude's `turn_duration` / `stop_hook_summary`, an
 * assistant message that stopped with `end_turn`, Codex's `task_complete` / `turn_aborted`)
 * means it waits, and so does a prompt refused — an API error record (Claude's synthetic
 * `isApiErrorMessage` one: a usage limit, an overload), Codex's `error` event or a rate-limit
 * window at 100 % (the watchdog holds the limit itself). Subagent records and everything else
 * say nothing.
 */
import type { SessionStatus } from '../protocol/messages.js';
import { isConversationTurn } from './session-records.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const CLAUDE_END_SUBTYPES = new Set(['turn_duration', 'stop_hook_summary']);

/** Claude Code records an interrupt (Esc) as a user message with this text: the turn is over. */
const INTERRUPTED = /^\s*\[Request interrupted/;

function userText(message: Rec): string {
  const content = message['content'];
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((c) => (isRec(c) && typeof c['text'] === 'string' ? c['text'] : '')).join('') : '';
}

export function recordStatus(record: unknown): SessionStatus | null {
  if (!isRec(record) || record['isSidechain'] === true) return null;
  if (record['type'] === 'user' && isRec(record['message']) && INTERRUPTED.test(userText(record['message']))) return 'idle';
  if (isConversationTurn(record)) return 'working';
  const message = isRec(record['message']) ? record['message'] : null;
  switch (record['type']) {
    case 'user':
      // a tool's result going back to the model: the turn goes on
      return message && Array.isArray(message['content']) && message['content'].some((c) => isRec(c) && c['type'] === 'tool_result') ? 'working' : null;
    case 'assistant':
      if (record['isApiErrorMessage'] === true) return 'idle';
      if (!message) return null;
      return message['stop_reason'] === 'end_turn' ? 'idle' : message['stop_reason'] === 'tool_use' ? 'working' : null;
    case 'system':
      return typeof record['subtype'] === 'string' && CLAUDE_END_SUBTYPES.has(record['subtype']) ? 'idle' : null;
    case 'event_msg': {
      const payload = isRec(record['payload']) ? record['payload'] : {};
      if (payload['type'] === 'task_started') return 'working';
      if (payload['type'] === 'token_count') return windowFull(payload['rate_limits']) ? 'idle' : null;
      return payload['type'] === 'task_complete' || payload['type'] === 'turn_aborted' || payload['type'] === 'error' ? 'idle' : null;
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

/** The last word a batch of records says (in the order written); null: none says anything. */
export function lastRecordStatus(records: readonly unknown[]): SessionStatus | null {
  let said: SessionStatus | null = null;
  for (const r of records) said = recordStatus(r) ?? said;
  return said;
}
