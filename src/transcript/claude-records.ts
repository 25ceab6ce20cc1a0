/**
 * Claude Code's session file (`~/.claude/projects/<cwd slug>/<id>.jsonl`; the demo agent writes
 * the same shape) as transcript pieces. Pure but for the memory of what was seen. Shapes, as
 * Claude Code writes them and ccusage reads them:
 * - `user` records: `message.content` a string (a prompt) or blocks — `text` (a prompt),
 *   `tool_result` {tool_use_id, content, is_error} (a tool's answer). `isMeta` (a hook's or the
 *   CLI's own note), `isCompactSummary` (the summary a compaction starts from) and slash
 *   commands the CLI answers itself (`<command-name>` …) are no prompt of the person's.
 * - `assistant` records: one content block each as it streams (`text`, `tool_use` {id, name,
 *   input}, `thinking`), every one repeating the message's `usage`; so a block already seen is
 *   shown once, and tokens count once per message id + request id (the last record wins: its
 *   output count is final). `stop_reason: end_turn` ends the turn. `isApiErrorMessage` marks an
 *   API error the CLI recorded as a reply (a 429: "API Error: 429 …").
 * - `system` records: `compact_boundary` (compactMetadata {trigger, preTokens}), `api_error`
 *   (a request failed and is retried), `turn_duration` / `stop_hook_summary` (the turn is over).
 * - `isSidechain: true` on every record of a subagent (the Task tool) written inline.
 * - bookkeeping records (`summary`, `file-history-snapshot`, …) say nothing of the conversation.
 */
import { contentText, cutResult, keyArgument } from './tool-text.js';
import { count, dollars, isRec, stamp, str, type Piece, type PieceBody, type Rec } from './record-piece.js';

/** Record types Claude Code writes that hold nothing of the conversation. */
const BOOKKEEPING = new Set(['summary', 'file-history-snapshot', 'queue-operation', 'custom-title', 'progress', 'agent-name', 'tag']);
/** Claude Code records a slash command it answers itself as a user message in these tags. */
const LOCAL_COMMAND = /^\s*<(command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat)>/;
const END_SUBTYPES = new Set(['turn_duration', 'stop_hook_summary']);

const CLAUDE_TYPES = new Set(['user', 'assistant', 'system', ...BOOKKEEPING]);

/** Whether a record is Claude Code's: one of its types, and a `message` where a message belongs. */
export function isClaudeRecord(r: Rec): boolean {
  const type = r['type'];
  if (type === 'user' || type === 'assistant') return isRec(r['message']);
  return typeof type === 'string' && CLAUDE_TYPES.has(type) && !('payload' in r);
}

export class ClaudeRecords {
  /** content blocks already shown (a streamed record repeats none of them, a rewritten one may) */
  private readonly shown = new Set<string>();

  pieces(r: Rec): Piece[] {
    const at = stamp(r);
    const side = r['isSidechain'] === true ? ({ sidechain: true } as const) : {};
    const out = (bodies: PieceBody[]): Piece[] => bodies.map((b) => ({ ...b, at, ...side }) as Piece);
    const message = isRec(r['message']) ? r['message'] : null;
    switch (r['type']) {
      case 'user':
        return out(message ? this.user(r, message) : []);
      case 'assistant':
        return out(message ? this.assistant(r, message) : []);
      case 'system':
        return out(this.system(r));
      default:
        return [];
    }
  }

  private user(r: Rec, message: Rec): PieceBody[] {
    if (r['isMeta'] === true || r['isCompactSummary'] === true) return [];
    const content = message['content'];
    const bodies: PieceBody[] = [];
    const blocks = Array.isArray(content) ? content : [content];
    const prompt = blocks.filter((b) => typeof b === 'string' || (isRec(b) && b['type'] !== 'tool_result'));
    const text = contentText(prompt).trim();
    if (text !== '' && !LOCAL_COMMAND.test(text)) bodies.push({ type: 'prompt', text });
    for (const b of blocks) {
      if (!isRec(b) || b['type'] !== 'tool_result') continue;
      const id = str(b['tool_use_id']);
      if (id !== null && !this.firstTime(`result:${id}`)) continue;
      bodies.push({ type: 'tool_result', id, tool: null, ...cutResult(contentText(b['content'])), is_error: b['is_error'] === true });
    }
    return bodies;
  }

  private assistant(r: Rec, message: Rec): PieceBody[] {
    const messageId = str(message['id']);
    const key = messageId === null ? null : `${messageId}:${str(r['requestId']) ?? ''}`;
    const bodies: PieceBody[] = [];
    const model = str(message['model']);
    if (model !== null && model !== '<synthetic>') bodies.push({ type: 'model', model });
    if (r['isApiErrorMessage'] === true) {
      const text = contentText(message['content']).trim() || str(r['error']) || 'API error';
      // the CLI gave up on the request: the turn is over
      return r['isSidechain'] === true ? [{ type: 'error', text }] : [{ type: 'error', text }, { type: 'end' }];
    }
    const content = Array.isArray(message['content']) ? message['content'] : [message['content']];
    for (const b of content) {
      if (typeof b === 'string' && b.trim() !== '') {
        if (this.firstTime(`text:${key}:${b}`)) bodies.push({ type: 'text', text: b.trim() });
      } else if (isRec(b) && b['type'] === 'text' && typeof b['text'] === 'string' && b['text'].trim() !== '') {
        if (this.firstTime(`text:${key}:${b['text']}`)) bodies.push({ type: 'text', text: b['text'].trim() });
      } else if (isRec(b) && (b['type'] === 'tool_use' || b['type'] === 'server_tool_use')) {
        const id = str(b['id']);
        if (id === null || this.firstTime(`call:${id}`)) bodies.push({ type: 'tool_call', id, tool: str(b['name']) ?? '?', arg: keyArgument(b['input']) });
      }
      // thinking and redacted_thinking blocks: the model's own notes, not shown
    }
    const usage = isRec(message['usage']) ? message['usage'] : null;
    if (usage || dollars(r['costUSD']) !== null) {
      bodies.push({
        type: 'usage',
        key,
        usage: {
          input: count(usage?.['input_tokens']),
          output: count(usage?.['output_tokens']),
          cache_read: count(usage?.['cache_read_input_tokens']),
          cache_write: count(usage?.['cache_creation_input_tokens']),
        },
        cost_usd: dollars(r['costUSD']),
      });
    }
    const stop = message['stop_reason'];
    if ((stop === 'end_turn' || stop === 'stop_sequence') && r['isSidechain'] !== true) bodies.push({ type: 'end' });
    return bodies;
  }

  private system(r: Rec): PieceBody[] {
    const subtype = r['subtype'];
    if (subtype === 'compact_boundary') {
      const meta = isRec(r['compactMetadata']) ? r['compactMetadata'] : {};
      return [{ type: 'compaction', trigger: str(meta['trigger']), tokens_before: typeof meta['preTokens'] === 'number' ? count(meta['preTokens']) : null }];
    }
    if (subtype === 'api_error') {
      const error = isRec(r['error']) ? r['error'] : {};
      const cause = str(error['message']) ?? str(r['content']) ?? (typeof r['error'] === 'string' ? r['error'] : null) ?? 'request failed';
      const status = typeof error['status'] === 'number' ? `${error['status']} ` : '';
      const retry = typeof r['retryAttempt'] === 'number' ? ` (retry ${r['retryAttempt']}${typeof r['maxRetries'] === 'number' ? `/${r['maxRetries']}` : ''})` : '';
      return [{ type: 'error', text: `API error ${status}${cause}${retry}`.replace(/\s+/g, ' ') }];
    }
    if (typeof subtype === 'string' && END_SUBTYPES.has(subtype) && r['isSidechain'] !== true) return [{ type: 'end' }];
    return [];
  }

  private firstTime(key: string): boolean {
    if (this.shown.has(key)) return false;
    this.shown.add(key);
    return true;
  }
}
