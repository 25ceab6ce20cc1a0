/**
 * What a CLI's session transcript (JSONL records, read by session-file.ts) says about one
 * turn: the tokens it used, its cost when the records state one, the model, and whether the
 * turn has ended. Pure. Two record shapes are understood, recognised by their fields, so no
 * format has to be configured:
 *
 * - Claude Code (`~/.claude/projects/<cwd slug>/<id>.jsonl`): `assistant` records carry
 *   `message.usage` (input, output, cache read and cache creation tokens) and `message.model`;
 *   streaming writes one message several times, so usage counts once per `message.id` (the last
 *   record wins). The turn has ended when the last message is an assistant one that stopped
 *   with `end_turn` (a tool call stops with `tool_use`, and its result is a `user` record). A
 *   top-level `costUSD`, where a version writes it, is the cost.
 * - Codex (`~/.codex/sessions/…/rollout-*.jsonl`): `event_msg` records of type `token_count`
 *   carry `info.last_token_usage` (counted once per new `total_token_usage`: Codex repeats the
 *   event), `turn_context` records the model, and `task_complete` ends the turn.
 *
 * Anything else — other record types, lines that are not objects — is skipped.
 */

export interface TokenUsage {
  /** input tokens not read from a cache */
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface TurnRecords {
  usage: TokenUsage;
  /** USD, summed from the records that state it; null when none does */
  costUsd: number | null;
  /** the model the records name last; null when none does */
  model: string | null;
  /** the records say the turn is over */
  ended: boolean;
  /** whether any record carried usage: false means the tokens are not known */
  sawUsage: boolean;
}

export const NO_USAGE: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

export function totalTokens(u: TokenUsage): number {
  return u.input + u.output + u.cacheRead + u.cacheWrite;
}

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** Summarise the records of one turn, in the order they were written. */
export function summariseTurn(records: readonly unknown[]): TurnRecords {
  const claude = new Map<string, TokenUsage>();
  let anonymous = 0; // assistant messages without an id: each counts
  const codex: TokenUsage[] = [];
  let lastCodexTotal: string | null = null;
  let cost: number | null = null;
  let model: string | null = null;
  let ended = false;
  let sawUsage = false;

  for (const r of records) {
    if (!isRec(r)) continue;
    if (typeof r['costUSD'] === 'number') cost = (cost ?? 0) + num(r['costUSD']);
    const message = isRec(r['message']) ? r['message'] : null;
    if (r['type'] === 'assistant' && message) {
      if (typeof message['model'] === 'string' && message['model'] !== '<synthetic>') model = message['model'];
      if (isRec(message['usage'])) {
        const u = message['usage'];
        sawUsage = true;
        const id = typeof message['id'] === 'string' ? message['id'] : `#${anonymous++}`;
        claude.set(id, {
          input: num(u['input_tokens']),
          output: num(u['output_tokens']),
          cacheRead: num(u['cache_read_input_tokens']),
          cacheWrite: num(u['cache_creation_input_tokens']),
        });
      }
      ended = message['stop_reason'] === 'end_turn' || message['stop_reason'] === 'stop_sequence';
    } else if (r['type'] === 'user' && message) {
      ended = false;
    } else if (r['type'] === 'turn_context' && isRec(r['payload']) && typeof r['payload']['model'] === 'string') {
      model = r['payload']['model'];
    } else if (r['type'] === 'event_msg' && isRec(r['payload'])) {
      const p = r['payload'];
      if (p['type'] === 'task_complete') ended = true;
      else if (p['type'] === 'user_message') ended = false;
      else if (p['type'] === 'token_count' && isRec(p['info']) && isRec(p['info']['last_token_usage'])) {
        const total = JSON.stringify(p['info']['total_token_usage'] ?? null);
        if (total !== 'null' && total === lastCodexTotal) continue;
        lastCodexTotal = total;
        const u = p['info']['last_token_usage'];
        const cached = num(u['cached_input_tokens']);
        sawUsage = true;
        // Codex counts cached tokens inside input_tokens, and reasoning inside output_tokens
        codex.push({ input: Math.max(0, num(u['input_tokens']) - cached), output: num(u['output_tokens']), cacheRead: cached, cacheWrite: 0 });
      }
    }
  }
  return { usage: [...claude.values(), ...codex].reduce(addUsage, NO_USAGE), costUsd: cost, model, ended, sawUsage };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite };
}

/** A record's own time (`timestamp`, ISO), or null when it has none. */
export function recordTime(record: unknown): number | null {
  if (!isRec(record) || typeof record['timestamp'] !== 'string') return null;
  const t = Date.parse(record['timestamp']);
  return Number.isNaN(t) ? null : t;
}
