/**
 * Codex's rollout file (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`) as transcript
 * pieces. Every line is `{timestamp, type, payload}` (codex-rs RolloutItem; which items are
 * persisted: core/src/rollout/policy.rs):
 * - `event_msg` `user_message` {message}: the person's prompt (the `response_item` user messages
 *   repeat it beside the environment and instructions Codex sends, so they are not shown);
 *   `token_count` {info: {total_token_usage, last_token_usage}}: the last request's tokens,
 *   counted once per new cumulative total (Codex repeats the event), input counting cached
 *   tokens and output counting reasoning; `task_complete` / `turn_aborted`: the turn is over;
 *   `context_compacted`: a compaction; `error`: an error.
 * - `response_item` `message` (role assistant: the reply's text), `function_call` {name,
 *   arguments: a JSON string, call_id}, `function_call_output` {call_id, output: text, JSON
 *   {output, metadata.exit_code}, content items, or {content, success}}, `custom_tool_call`
 *   {name, input} (apply_patch) and its `_output`, `local_shell_call` {action.command},
 *   `web_search_call` {action.query}; `reasoning` and `ghost_snapshot` are not shown.
 * - `compacted` {message}: a compaction; `turn_context` {model}; `session_meta`.
 */
import { contentText, cutResult, keyArgument } from './tool-text.js';
import { count, isRec, stamp, str, type Piece, type PieceBody, type Rec } from './record-piece.js';

const CODEX_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);
/** Items that hold nothing a person reads in a transcript. */
const QUIET_ITEMS = new Set(['reasoning', 'ghost_snapshot', 'agent_message', 'agent_reasoning', 'agent_reasoning_raw_content', 'task_started', 'entered_review_mode', 'exited_review_mode', 'undo_completed', 'warning']);

/** Whether a record is Codex's: `{type, payload}` with one of its record types. */
export function isCodexRecord(r: Rec): boolean {
  return typeof r['type'] === 'string' && CODEX_TYPES.has(r['type']) && isRec(r['payload']);
}

export class CodexRecords {
  private lastTotal: string | null = null;

  pieces(r: Rec): Piece[] {
    const at = stamp(r);
    const p = r['payload'] as Rec;
    const out = (bodies: PieceBody[]): Piece[] => bodies.map((b) => ({ ...b, at }) as Piece);
    switch (r['type']) {
      case 'event_msg':
        return out(this.event(p));
      case 'response_item':
        return out(this.item(p));
      case 'compacted':
        return out([{ type: 'compaction', trigger: null, tokens_before: null }]);
      case 'turn_context':
        return out(typeof p['model'] === 'string' ? [{ type: 'model', model: p['model'] }] : []);
      default:
        return [];
    }
  }

  private event(p: Rec): PieceBody[] {
    const type = str(p['type']);
    switch (type) {
      case 'user_message': {
        const text = (str(p['message']) ?? '').trim();
        return text === '' ? [] : [{ type: 'prompt', text }];
      }
      case 'token_count':
        return this.tokens(p);
      case 'task_complete':
        return [{ type: 'end' }];
      case 'turn_aborted':
        return [{ type: 'error', text: `turn aborted${typeof p['reason'] === 'string' ? ` (${p['reason']})` : ''}` }, { type: 'end' }];
      case 'context_compacted':
        return [{ type: 'compaction', trigger: null, tokens_before: null }];
      case 'error':
      case 'stream_error':
        return [{ type: 'error', text: str(p['message']) ?? type }];
      default:
        return type === null || QUIET_ITEMS.has(type) ? [] : [{ type: 'unknown', record_type: `event_msg/${type}` }];
    }
  }

  private tokens(p: Rec): PieceBody[] {
    const info = isRec(p['info']) ? p['info'] : null;
    const last = info && isRec(info['last_token_usage']) ? info['last_token_usage'] : null;
    if (!info || !last) return [];
    const total = JSON.stringify(info['total_token_usage'] ?? null);
    if (total !== 'null' && total === this.lastTotal) return [];
    this.lastTotal = total;
    const cached = count(last['cached_input_tokens']);
    // Codex counts cached tokens inside input_tokens, and reasoning inside output_tokens
    return [{ type: 'usage', key: null, usage: { input: Math.max(0, count(last['input_tokens']) - cached), output: count(last['output_tokens']), cache_read: cached, cache_write: 0 }, cost_usd: null }];
  }

  private item(p: Rec): PieceBody[] {
    const type = str(p['type']);
    const id = str(p['call_id']) ?? str(p['id']);
    switch (type) {
      case 'message': {
        if (p['role'] !== 'assistant') return [];
        const text = contentText(p['content']).trim();
        return text === '' ? [] : [{ type: 'text', text }];
      }
      case 'function_call':
        return [{ type: 'tool_call', id, tool: str(p['name']) ?? '?', arg: keyArgument(p['arguments']) }];
      case 'custom_tool_call':
        return [{ type: 'tool_call', id, tool: str(p['name']) ?? '?', arg: keyArgument(p['input']) }];
      case 'local_shell_call': {
        const action = isRec(p['action']) ? p['action'] : {};
        return [{ type: 'tool_call', id, tool: 'shell', arg: keyArgument({ command: action['command'] }) }];
      }
      case 'web_search_call': {
        const action = isRec(p['action']) ? p['action'] : {};
        return [{ type: 'tool_call', id, tool: 'web_search', arg: keyArgument({ query: action['query'] }) }];
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        return [{ type: 'tool_result', id, tool: null, ...callOutput(p['output']) }];
      case 'compaction':
        return [{ type: 'compaction', trigger: null, tokens_before: null }];
      default:
        return type === null || QUIET_ITEMS.has(type) ? [] : [{ type: 'unknown', record_type: `response_item/${type}` }];
    }
  }
}

/** A call's output in any of the shapes Codex versions wrote, with whether it failed. */
function callOutput(output: unknown): { text: string; lines: number; is_error: boolean } {
  if (isRec(output)) {
    // {content, success} (some versions)
    return { ...cutResult(contentText(output['content'] ?? output)), is_error: output['success'] === false };
  }
  if (Array.isArray(output)) return { ...cutResult(contentText(output)), is_error: false };
  const text = typeof output === 'string' ? output : '';
  if (text.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isRec(parsed) && typeof parsed['output'] === 'string') {
        const meta = isRec(parsed['metadata']) ? parsed['metadata'] : {};
        const code = meta['exit_code'];
        return { ...cutResult(parsed['output']), is_error: typeof code === 'number' && code !== 0 };
      }
    } catch {
      // plain text that starts with a brace
    }
  }
  // "Exit code: 1\nWall time: …\nOutput:\n…" (the shell_command tool's text)
  const code = /^Exit code: (-?\d+)/.exec(text);
  return { ...cutResult(text), is_error: code !== null && code[1] !== '0' };
}
