import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/protocol/requests.js';
import { TestFleet } from '../helpers/test-fleet.js';
import { whenDir } from '../helpers/watch-dir.js';
import { DEMO_BACKEND, DEMO_PRICE } from '../helpers/demo-backend.js';

// Usage and cost for every agent, from the one follower of its session file, in a real fleet:
// a demo agent (its session file holds Claude-shaped records with usage; [price."demo-1"] prices
// them) and the fake codex (first on PATH, HOME a temp folder), neither piloted nor watched.
// Figures are computed here by hand from the records the demo wrote.
const CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));

const CONFIG = `
[defaults]
session_prefix = "uc-"
log_dir = "state"
dir = "work"

${DEMO_BACKEND}
${DEMO_PRICE}
[[agent]]
name = "builder"
backend = "demo"
watch = "none"
resume = true

[[agent]]
name = "cx"
backend = "codex"
watch = "none"
`;

interface AgentJson {
  name: string;
  status: string;
  status_source?: string;
  usedPercent?: number;
  usage?: { input: number; output: number; cache_read: number; cache_write: number };
  cost_usd?: number;
  cost_source?: string;
}
type Usage = { input: number; output: number; cache_read: number; cache_write: number };

describe('usage and cost of every agent (demo, fake codex)', () => {
  const fleet = new TestFleet('usage', CONFIG, {});
  const stateDir = () => join(fleet.dir, 'state', 'state');
  const ledger = () => {
    try {
      return readFileSync(join(stateDir(), 'usage.jsonl'), 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  /** The ledger holds `n` lines (the spends read so far). */
  const ledgerHas = (n: number) => whenDir(stateDir(), () => (ledger().length >= n ? true : undefined), 30_000, () => ledger().join('\n'));
  const demoFile = () => {
    const dir = join(fleet.dir, 'demo-state');
    return join(dir, readdirSync(dir).find((f) => f.endsWith('.jsonl'))!);
  };
  /** The usage of every assistant record the demo wrote, added up here. */
  const demoUsage = (): Usage => {
    const sum = { input: 0, output: 0, cache_read: 0, cache_write: 0 };
    for (const line of readFileSync(demoFile(), 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line) as { type: string; message?: { usage?: Record<string, number> } };
      const u = r.type === 'assistant' ? r.message?.usage : undefined;
      if (!u) continue;
      sum.input += u['input_tokens']!;
      sum.output += u['output_tokens']!;
      sum.cache_read += u['cache_read_input_tokens']!;
      sum.cache_write += u['cache_creation_input_tokens']!;
    }
    return sum;
  };
  /** The assistant records with usage the demo wrote: one ledger entry each (a file command's turn writes two: its tool call, then its answer). */
  const demoRecords = () => readFileSync(demoFile(), 'utf8').split('\n').filter((l) => l.includes('"type":"assistant"') && l.includes('"usage"')).length;
  /** [price."demo-1"] by hand: $3, $15, $0.30 and $3.75 per million. */
  const demoCost = (u: Usage) => (u.input * 3 + u.output * 15 + u.cache_read * 0.3 + u.cache_write * 3.75) / 1_000_000;
  const status = async () => (JSON.parse(await fleet.hangar('status', '--json')) as { agents: AgentJson[] }).agents;
  const costs = async (...args: string[]) => JSON.parse(await fleet.hangar('costs', '--json', ...args)) as Result<'costs'>;

  beforeAll(async () => {
    Object.assign(fleet.env, { PATH: `${CLIS}:${process.env.PATH ?? ''}`, HOME: fleet.dir });
    await fleet.up(['builder', 'cx']);
  });
  afterAll(() => fleet.stop());

  it("status: a demo agent's tokens and their cost priced by hand; the COST column", async () => {
    await fleet.hangar('send', 'builder', 'write a.txt one', '--wait');
    await fleet.hangar('send', 'builder', 'write b.txt two', '--wait');
    await ledgerHas(demoRecords());
    const builder = (await status()).find((a) => a.name === 'builder')!;
    const used = demoUsage();
    expect(used.input).toBeGreaterThan(0);
    expect(builder).toMatchObject({ usage: used, cost_source: 'priced' });
    expect(builder.cost_usd).toBeCloseTo(demoCost(used), 12);
    const text = await fleet.hangar('status');
    expect(text).toMatch(/RESTARTS +COST/);
    expect(text).toMatch(new RegExp(`builder .* \\$${demoCost(used).toFixed(4).replace('.', '\\.')}`));
  });

  it("an agent neither piloted nor watched: Codex's usage window and tokens from its rollout; no price, so its cost is unknown", async () => {
    await fleet.hangar('send', 'cx', 'hello', '--wait');
    await ledgerHas(demoRecords() + 1);
    const cx = (await status()).find((a) => a.name === 'cx')!;
    // the fake's token_count: 20 input, 9 output, primary window 42 % used
    expect(cx).toMatchObject({ usedPercent: 42, usage: { input: 20, output: 9, cache_read: 0, cache_write: 0 }, cost_source: 'unknown' });
    expect(cx.cost_usd).toBeUndefined();
  });

  it('costs --by model adds up to the sum of the turns', async () => {
    const byModel = await costs('--by', 'model');
    const used = demoUsage();
    expect(byModel.rows.map((r) => [r.key, r.usage, r.cost_source])).toEqual([
      ['-', { input: 20, output: 9, cache_read: 0, cache_write: 0 }, 'unknown'],
      ['demo-1', used, 'priced'],
    ]);
    expect(byModel.rows[1]!.cost_usd).toBeCloseTo(demoCost(used), 12);
    expect(byModel.total).toMatchObject({ usage: { input: used.input + 20, output: used.output + 9, cache_read: used.cache_read, cache_write: used.cache_write }, cost_usd: null, cost_source: 'unknown', entries: demoRecords() + 1 });
    const byAgent = await costs();
    expect(byAgent.rows.map((r) => [r.key, r.entries])).toEqual([['builder', demoRecords()], ['cx', 1]]);
    expect(await fleet.hangar('costs', '--by', 'model')).toMatch(/^\s*MODEL +INPUT +OUTPUT +CACHE READ +CACHE WRITE +COST +SOURCE/);
  });

  it('totals are unchanged across a real server restart (the resumed file read again) and a replaced session file', async () => {
    const before = await costs();
    await fleet.hangar('down');
    await fleet.hangar('up', '-d');
    await fleet.idle('builder');
    await fleet.idle('cx');
    // the resumed conversation's last records are read again (what the last server might have missed): counted once
    await fleet.hangar('send', 'builder', 'write d.txt four', '--wait');
    await ledgerHas(demoRecords() + 1);
    const file = demoFile();
    writeFileSync(`${file}.tmp`, readFileSync(file));
    renameSync(`${file}.tmp`, file); // the same records under a new inode: read again from the start
    await fleet.hangar('send', 'builder', 'write e.txt five', '--wait');
    await ledgerHas(demoRecords() + 1);
    const after = await costs();
    const used = demoUsage();
    expect(after.rows.map((r) => [r.key, r.entries])).toEqual([['builder', demoRecords()], ['cx', 1]]);
    expect(after.rows[0]!.usage).toEqual(used);
    expect(after.rows[0]!.cost_usd).toBeCloseTo(demoCost(used), 12);
    expect(after.rows[1]).toEqual(before.rows[1]);
    expect(ledger()).toHaveLength(demoRecords() + 1);
  });

  it('--since leaves out what was spent before; a date it cannot read is a usage error', async () => {
    expect((await costs('--since', '2999-01-01')).rows).toEqual([]);
    expect((await costs('--since', '2000-01-01')).total.entries).toBe(demoRecords() + 1);
    const bad = await fleet.run('costs', '--since', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since must be a day/);
  });
});
