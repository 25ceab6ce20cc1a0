/**
 * The tokens (and stated cost) each session-file record adds to the fleet's usage, as entries
 * of the usage ledger, each with a KEY that names what was spent, not where it was read: the
 * same spend read twice — a streamed duplicate, a file read again from its start after a
 * restart or a replacement, a fork that copied the history — has the same key and counts once.
 * Pure: records in, entries out (the caller keeps the fold between reads).
 *
 * - Claude Code `assistant` records carry `message.usage`; streaming writes one message several
 *   times: the key is `message.id` + `requestId` (as ccusage keys them), the first one counts.
 *   Subagent (sidechain) records count: their tokens were spent. The synthetic record of an API
 *   error carries no tokens and adds nothing. A `costUSD` on the record is the stated cost.
 * - Codex `event_msg` `token_count` carries `info.last_token_usage` (input includes the cached
 *   tokens, output the reasoning) and the running `total_token_usage`: the key is the
 *   conversation and that running total (Codex repeats the event); `turn_context` names the model.
 * - A record with usage or a cost but neither (no message id): its key is a hash of the record.
 */
import { createHash } from 'node:crypto';
import type { TokenUsage } from '../protocol/pilot-view.js';
import { recordTime } from './session-records.js';

export interface UsageEntry {
  /** what was spent, whoever reads it and however often */
  key: string;
  agent: string;
  /** the model the record names; null when none does */
  model: string | null;
  /** epoch ms: the record's own time, else when it was read */
  at: number;
  usage: TokenUsage;
  /** USD, when the record states it */
  statedUsd: number | null;
}

/** What is carried from one read to the next: the model Codex named last. */
export interface UsageFold {
  model: string | null;
}

export const NO_USAGE_FOLD: UsageFold = { model: null };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0);
const usd = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const hashOf = (record: Rec) => createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32);
const spent = (u: TokenUsage) => u.input + u.output + u.cacheRead + u.cacheWrite > 0;

/**
 * The entries of `records` (in the order written) for `agent`, whose conversation is
 * `conversation` (null while unknown); `now` stamps records that carry no time.
 */
export function usageEntries(agent: string, conversation: string | null, records: readonly unknown[], fold: UsageFold, now: number): { entries: UsageEntry[]; fold: UsageFold } {
  const entries: UsageEntry[] = [];
  let { model } = fold;
  for (const r of records) {
    if (!isRec(r)) continue;
    const at = recordTime(r) ?? now;
    const message = isRec(r['message']) ? r['message'] : null;
    const stated = usd(r['costUSD']);
    if (r['type'] === 'turn_context' && isRec(r['payload'])) {
      model = str(r['payload']['model']) ?? model;
    } else if (r['type'] === 'assistant' && message && (isRec(message['usage']) || stated !== null)) {
      const u = isRec(message['usage']) ? message['usage'] : {};
      const usage = { input: num(u['input_tokens']), output: num(u['output_tokens']), cacheRead: num(u['cache_read_input_tokens']), cacheWrite: num(u['cache_creation_input_tokens']) };
      if (!spent(usage) && stated === null) continue;
      const id = str(message['id']);
      const key = id ? `claude:${id}:${str(r['requestId']) ?? ''}` : `record:${hashOf(r)}`;
      const named = str(message['model']);
      entries.push({ key, agent, model: named === '<synthetic>' ? null : named, at, usage, statedUsd: stated });
    } else if (r['type'] === 'event_msg' && isRec(r['payload']) && r['payload']['type'] === 'token_count' && isRec(r['payload']['info'])) {
      const info = r['payload']['info'];
      if (!isRec(info['last_token_usage'])) continue;
      const u = info['last_token_usage'];
      const cached = num(u['cached_input_tokens']);
      const usage = { input: Math.max(0, num(u['input_tokens']) - cached), output: num(u['output_tokens']), cacheRead: cached, cacheWrite: 0 };
      if (!spent(usage)) continue;
      const total = info['total_token_usage'];
      const key = isRec(total) ? `codex:${conversation ?? agent}:${JSON.stringify(total)}` : `record:${hashOf(r)}`;
      entries.push({ key, agent, model, at, usage, statedUsd: null });
    } else if (stated !== null) {
      entries.push({ key: `record:${hashOf(r)}`, agent, model: null, at, usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, statedUsd: stated });
    }
  }
  return { entries, fold: model === fold.model ? fold : { model } };
}
