import { fleetRegistry } from '../../src/config/model-layers.js';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { priceUsage } from '../../src/pilot/price-usage.js';
import { NO_USAGE_FOLD, usageEntries, type UsageEntry } from '../../src/pilot/usage-entries.js';
import { UsageLedger } from '../../src/pilot/usage-ledger.js';
import { totalOf, totalsBy } from '../../src/pilot/usage-totals.js';

// Usage and cost from session-file records (Claude Code and Codex shapes), kept once each in the
// fleet's ledger, added up with figures computed by hand.

const T = Date.UTC(2026, 11, 5, 12, 0);
const at = (ms: number) => new Date(ms).toISOString();
/** A Claude Code assistant record: one message, streamed as several records (same id and requestId). */
const claude = (id: string, req: string | null, usage: Record<string, number>, more: Record<string, unknown> = {}) => ({
  type: 'assistant',
  timestamp: at(T),
  ...(req ? { requestId: req } : {}),
  message: { id, model: 'claude-sonnet-4-5-20250929', usage, content: [] },
  ...more,
});
const codexCount = (last: Record<string, number>, total: Record<string, number>) => ({
  type: 'event_msg',
  timestamp: at(T + 1000),
  payload: { type: 'token_count', info: { last_token_usage: last, total_token_usage: total }, rate_limits: null },
});

describe('usageEntries: what each record adds', () => {
  it('Claude: a streamed message counts once (message id + request id, as ccusage keys it); a subagent counts; an API error adds nothing', () => {
    const u = { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 20 };
    const records = [
      claude('msg_1', 'req_1', u),
      claude('msg_1', 'req_1', u), // the same message, streamed again
      claude('msg_2', 'req_2', { input_tokens: 3, output_tokens: 1 }, { isSidechain: true }),
      { type: 'assistant', timestamp: at(T), isApiErrorMessage: true, message: { id: 'e', model: '<synthetic>', usage: { input_tokens: 0, output_tokens: 0 } } },
      { type: 'user', timestamp: at(T), message: { content: 'go' } },
    ];
    const { entries } = usageEntries('a', null, records, NO_USAGE_FOLD, T);
    expect(entries.map((e) => e.key)).toEqual(['claude:msg_1:req_1', 'claude:msg_1:req_1', 'claude:msg_2:req_2']);
    const ledger = new Set(entries.map((e) => e.key));
    expect(ledger.size).toBe(2);
    expect(entries[0]).toMatchObject({ agent: 'a', model: 'claude-sonnet-4-5-20250929', at: T, usage: { input: 10, output: 5, cacheRead: 100, cacheWrite: 20 }, statedUsd: null });
  });

  it('Claude: a stated costUSD is kept; a record without an id is keyed by its content (the same line read twice has one key)', () => {
    const stated = usageEntries('a', null, [claude('msg_9', 'req_9', { input_tokens: 1, output_tokens: 1 }, { costUSD: 0.25 })], NO_USAGE_FOLD, T).entries;
    expect(stated[0]!.statedUsd).toBe(0.25);
    const anonymous = { type: 'assistant', timestamp: at(T), message: { usage: { input_tokens: 4, output_tokens: 2 } } };
    const [a, b] = [usageEntries('a', null, [anonymous], NO_USAGE_FOLD, T), usageEntries('a', null, [{ ...anonymous }], NO_USAGE_FOLD, T)];
    expect(a.entries[0]!.key).toMatch(/^record:/);
    expect(a.entries[0]!.key).toBe(b.entries[0]!.key);
  });

  it('Codex: last_token_usage (cached tokens out of input), keyed by the conversation and the running total; the model from turn_context', () => {
    const records = [
      { type: 'turn_context', timestamp: at(T), payload: { model: 'gpt-5-codex', cwd: '/w' } },
      codexCount({ input_tokens: 120, cached_input_tokens: 100, output_tokens: 30 }, { input_tokens: 120, cached_input_tokens: 100, output_tokens: 30, total_tokens: 150 }),
      codexCount({ input_tokens: 120, cached_input_tokens: 100, output_tokens: 30 }, { input_tokens: 120, cached_input_tokens: 100, output_tokens: 30, total_tokens: 150 }), // repeated
      { type: 'event_msg', timestamp: at(T), payload: { type: 'token_count', info: null, rate_limits: { primary: { used_percent: 10 } } } },
    ];
    const first = usageEntries('cx', 'conv-1', records.slice(0, 2), NO_USAGE_FOLD, T);
    expect(first.entries).toEqual([{ key: expect.stringMatching(/^codex:conv-1:/), agent: 'cx', model: 'gpt-5-codex', at: T + 1000, usage: { input: 20, output: 30, cacheRead: 100, cacheWrite: 0 }, statedUsd: null }]);
    // the model carries over to the next read
    const next = usageEntries('cx', 'conv-1', records.slice(2), first.fold, T);
    expect(next.entries.map((e) => [e.key, e.model])).toEqual([[first.entries[0]!.key, 'gpt-5-codex']]);
  });
});

describe('priceUsage: the one price function', () => {
  const prices = fleetRegistry({}, { 'claude-sonnet-4-5': { input_per_million: 3, output_per_million: 15, cache_read_per_million: 0.3, cache_write_per_million: 3.75 } }, []);
  it('prices a dated model name by its undated entry (through the model registry); unknown without one', () => {
    const usage = { input: 1_000_000, output: 100_000, cacheRead: 2_000_000, cacheWrite: 400_000 };
    // 3 + 1.5 + 0.6 + 1.5 = 6.6
    expect(priceUsage(prices, 'claude-sonnet-4-5-20250929', usage)).toEqual({ usd: expect.closeTo(6.6, 10), source: 'priced' });
    expect(priceUsage(prices, 'gpt-5-codex', usage)).toEqual({ usd: null, source: 'unknown' });
    expect(priceUsage(prices, null, usage)).toEqual({ usd: null, source: 'unknown' });
  });
});

describe('totals: per agent, model or day', () => {
  const entry = (key: string, agent: string, model: string | null, input: number, output: number, statedUsd: number | null = null, when = T): UsageEntry => ({
    key,
    agent,
    model,
    at: when,
    usage: { input, output, cacheRead: 0, cacheWrite: 0 },
    statedUsd,
  });
  const prices = fleetRegistry({}, { sonnet: { input_per_million: 3, output_per_million: 15 }, haiku: { input_per_million: 1, output_per_million: 5 } }, []);

  it('--by model adds up to the sum of the spends (figures by hand)', () => {
    const entries = [entry('1', 'a', 'sonnet', 1000, 200), entry('2', 'b', 'haiku', 4000, 1000), entry('3', 'a', 'sonnet', 2000, 100), entry('4', 'b', 'sonnet', 0, 0, 0.5)];
    const rows = totalsBy(entries, 'model', prices);
    // haiku: 4000×1 + 1000×5 = 9000 µ$ = 0.009; sonnet: (1000×3 + 200×15) + (2000×3 + 100×15) = 6000 + 7500 µ$ = 0.0135, plus the stated 0.5
    expect(rows.map((r) => [r.key, r.usage.input, r.usage.output, r.costUsd, r.costSource, r.entries])).toEqual([
      ['haiku', 4000, 1000, expect.closeTo(0.009, 12), 'priced', 1],
      ['sonnet', 3000, 300, expect.closeTo(0.5135, 12), 'priced', 3],
    ]);
    const all = totalOf(entries, prices);
    expect(all.costUsd).toBeCloseTo(rows.reduce((s, r) => s + r.costUsd!, 0), 12);
    expect(all.usage).toEqual({ input: 7000, output: 1300, cacheRead: 0, cacheWrite: 0 });
  });

  it('a sum is stated when all of it was stated, unknown (no figure) as soon as a part cannot be priced', () => {
    expect(totalOf([entry('1', 'a', null, 1, 1, 0.1), entry('2', 'a', null, 1, 1, 0.2)], prices)).toMatchObject({ costUsd: expect.closeTo(0.3, 12), costSource: 'stated' });
    expect(totalOf([entry('1', 'a', 'sonnet', 1, 1), entry('2', 'a', 'opus-x', 1, 1)], prices)).toMatchObject({ costUsd: null, costSource: 'unknown' });
    expect(totalOf([], prices)).toMatchObject({ costUsd: null, costSource: 'unknown', entries: 0 });
  });

  it('--by day: local days', () => {
    const noon = new Date(2026, 11, 5, 12).getTime();
    const rows = totalsBy([entry('1', 'a', 'sonnet', 1, 0, null, noon), entry('2', 'a', 'sonnet', 1, 0, null, noon + 86_400_000)], 'day', prices);
    expect(rows.map((r) => r.key)).toEqual(['2026-12-05', '2026-12-06']);
  });
});

describe('the usage ledger (state/usage.jsonl)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-ledger-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const e = (key: string, input: number, when = T): UsageEntry => ({ key, agent: 'a', model: 'sonnet', at: when, usage: { input, output: 1, cacheRead: 2, cacheWrite: 3 }, statedUsd: null });

  it('writes each key once, and a new ledger on the same file (a restarted server) reads them back and still refuses them', () => {
    const path = join(dir, 'usage.jsonl');
    const first = new UsageLedger(path, { maxBytes: 1 << 20, keep: 2 });
    expect(first.add([e('k1', 10), e('k1', 10), e('k2', 20, T + 5)]).map((x) => x.key)).toEqual(['k1', 'k2']);
    expect(first.add([e('k2', 20)])).toEqual([]);
    first.close();
    appendFileSync(path, '{"key":"torn'); // a crash mid-line
    const second = new UsageLedger(path, { maxBytes: 1 << 20, keep: 2 });
    expect(second.entries()).toEqual([e('k1', 10), e('k2', 20, T + 5)]);
    expect(second.lastAt('a')).toBe(T + 5);
    expect(second.lastAt('b')).toBeNull();
    expect(second.add([e('k1', 10), e('k3', 5)]).map((x) => x.key)).toEqual(['k3']);
    second.close();
    expect(readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('"k1"'))).toHaveLength(1);
  });

  it('is capped and rotated like events.jsonl, the rotated files read back first', () => {
    const path = join(dir, 'usage.jsonl');
    writeFileSync(path, '');
    const ledger = new UsageLedger(path, { maxBytes: 300, keep: 1 });
    for (let i = 0; i < 6; i++) ledger.add([e(`key-${i}`, i)]);
    ledger.close();
    const again = new UsageLedger(path, { maxBytes: 300, keep: 1 });
    const keys = again.entries().map((x) => x.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length).toBeLessThan(6); // the oldest were rotated away
    expect(keys).toEqual([...keys].sort()); // oldest first
    expect(keys.at(-1)).toBe('key-5');
  });
});
