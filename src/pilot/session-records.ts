/**
 * What a CLI's session transcript (JSONL records, read by session-file.ts) says about one
 * turn: the tokens it used, its cost when the records state one, the model, and whether the
 * turn has ended. Pure. Two record shapes are understood, recognised by their fields, so no
 * format has to be configured. What each CLI writes changes between versions; a record that
 * is not there is simply not used (the turn then ends when the screen goes quiet):
 *
 * - Claude Code (`~/.claude/projects/<cwd slug>/<id>.jsonl`): `assistant` records carry
 *   `message.usage` (input, output, cache read and cache creation tokens) and `message.model`;
 *   streaming writes one message several times, so usage (and a top-level `costUSD`, where a
 *   version writes one) counts once per `message.id`, the last record winning. The turn has
 *   ended at an assistant message that stopped with `end_turn` (many versions leave
 *   stop_reason null), or at a `system` record of subtype `turn_duration` or
 *   `stop_hook_summary`; a tool call's result (a `user` record) or a hook's follow-up means
 *   it goes on. Subagent (`isSidechain`) records count tokens but never end the turn.
 * - Codex (`~/.codex/sessions/…/rollout-*.jsonl`): `event_msg` records of type `token_count`
 *   carry `info.last_token_usage` (counted once per new `total_token_usage`: Codex repeats the
 *   event), `turn_context` names the model; `task_complete` or `turn_aborted` ends the turn
 *   (Codex versions that persist neither give tokens only).
 *
 * A turn has ended only after this turn's own prompt was recorded (a `user` prompt, Codex's
 * `user_message`): an end record of the turn before, written late, ends nothing.
 * Anything else — other record types, lines that are not objects — is skipped.
 */

import type { TokenUsage } from '../protocol/pilot-view.js';

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

const NO_USAGE: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

export function totalTokens(u: TokenUsage): number {
  return u.input + u.output + u.cacheRead + u.cacheWrite;
}

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A token count: a whole number ≥ 0 (anything else counts nothing). */
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0);
const usd = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** Claude: a user record that is a person's prompt, not a tool's result or a hook's note. */
function isPrompt(r: Rec, message: Rec): boolean {
  if (r['isMeta'] === true || r['isSidechain'] === true) return false;
  const content = message['content'];
  if (typeof content === 'string') return true;
  return Array.isArray(content) && content.some((c) => isRec(c) && c['type'] === 'text');
}

/** Claude Code records a slash command it answers itself (/cost, /help) as a user message in these tags. */
const LOCAL_COMMAND = /^\s*<(command-name|command-message|local-command-stdout|local-command-stderr|local-command-caveat)>/;

/**
 * A record that is a turn of the conversation: a person's prompt the model answers (Claude
 * Code's user prompt, not a tool result, a hook's note, a subagent's, a compaction summary or
 * a slash command answered locally; Codex's `user_message`). Counting these in a session file
 * measures how many turns its conversation holds.
 */
export function isConversationTurn(record: unknown): boolean {
  if (!isRec(record)) return false;
  if (record['type'] === 'user' && isRec(record['message'])) {
    if (record['isCompactSummary'] === true || !isPrompt(record, record['message'])) return false;
    const content = record['message']['content'];
    const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((c) => (isRec(c) && typeof c['text'] === 'string' ? c['text'] : '')).join('') : '';
    return !LOCAL_COMMAND.test(text);
  }
  return record['type'] === 'event_msg' && isRec(record['payload']) && record['payload']['type'] === 'user_message';
}

const CLAUDE_END_SUBTYPES = new Set(['turn_duration', 'stop_hook_summary']);

/** Summarise the records of one turn, in the order they were written. */
export function summariseTurn(records: readonly unknown[]): TurnRecords {
  const claude = new Map<string, { usage: TokenUsage | null; cost: number | null }>();
  let anonymous = 0; // assistant messages without an id: each counts
  const codex: TokenUsage[] = [];
  let lastCodexTotal: string | null = null;
  let otherCost: number | null = null;
  let model: string | null = null;
  let prompted = false;
  let ended = false;
  let sawUsage = false;
  const end = (yes: boolean) => {
    ended = yes && prompted;
  };

  for (const r of records) {
    if (!isRec(r)) continue;
    const message = isRec(r['message']) ? r['message'] : null;
    const sidechain = r['isSidechain'] === true;
    if (r['type'] === 'assistant' && message) {
      if (typeof message['model'] === 'string' && message['model'] !== '<synthetic>') model = message['model'];
      const id = typeof message['id'] === 'string' ? message['id'] : `#${anonymous++}`;
      const usage = isRec(message['usage']) ? message['usage'] : null;
      if (usage) sawUsage = true;
      claude.set(id, {
        usage: usage
          ? { input: num(usage['input_tokens']), output: num(usage['output_tokens']), cacheRead: num(usage['cache_read_input_tokens']), cacheWrite: num(usage['cache_creation_input_tokens']) }
          : (claude.get(id)?.usage ?? null),
        cost: usd(r['costUSD']) ?? claude.get(id)?.cost ?? null,
      });
      if (!sidechain) end(message['stop_reason'] === 'end_turn' || message['stop_reason'] === 'stop_sequence');
    } else if (r['type'] === 'user' && message) {
      if (sidechain) continue;
      if (isPrompt(r, message)) prompted = true;
      end(false);
    } else if (r['type'] === 'system' && !sidechain && typeof r['subtype'] === 'string' && CLAUDE_END_SUBTYPES.has(r['subtype'])) {
      end(true);
    } else if (r['type'] === 'turn_context' && isRec(r['payload']) && typeof r['payload']['model'] === 'string') {
      model = r['payload']['model'];
    } else if (r['type'] === 'event_msg' && isRec(r['payload'])) {
      const p = r['payload'];
      if (p['type'] === 'task_complete' || p['type'] === 'turn_aborted') end(true);
      else if (p['type'] === 'user_message') {
        prompted = true;
        end(false);
      } else if (p['type'] === 'token_count' && isRec(p['info']) && isRec(p['info']['last_token_usage'])) {
        const total = JSON.stringify(p['info']['total_token_usage'] ?? null);
        if (total !== 'null' && total === lastCodexTotal) continue;
        lastCodexTotal = total;
        const u = p['info']['last_token_usage'];
        const cached = num(u['cached_input_tokens']);
        sawUsage = true;
        // Codex counts cached tokens inside input_tokens, and reasoning inside output_tokens
        codex.push({ input: Math.max(0, num(u['input_tokens']) - cached), output: num(u['output_tokens']), cacheRead: cached, cacheWrite: 0 });
      }
    } else if (usd(r['costUSD']) !== null) {
      otherCost = (otherCost ?? 0) + usd(r['costUSD'])!;
    }
  }
  const messages = [...claude.values()];
  const costs = messages.map((m) => m.cost).filter((c): c is number => c !== null);
  const cost = costs.length > 0 || otherCost !== null ? costs.reduce((a, b) => a + b, 0) + (otherCost ?? 0) : null;
  const usage = [...messages.map((m) => m.usage ?? NO_USAGE), ...codex].reduce(addUsage, NO_USAGE);
  return { usage, costUsd: cost, model, ended, sawUsage };
}

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite };
}

/** A record's own time (`timestamp`, ISO), or null when it has none. */
export function recordTime(record: unknown): number | null {
  if (!isRec(record) || typeof record['timestamp'] !== 'string') return null;
  const t = Date.parse(record['timestamp']);
  return Number.isNaN(t) ? null : t;
}
