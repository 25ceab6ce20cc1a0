import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { UsageError } from '../cli/parse-args.js';
import { renderTextTable } from '../cli/text-table.js';
import { COSTS_BY, type CostsBy, type CostsTotal, type Result } from '../protocol/requests.js';
import { costText } from '../text/status-text.js';

/**
 * `--since DATE`: a local day (YYYY-MM-DD or YYYYMMDD, from its midnight) or an ISO time;
 * epoch ms, or null when it is no date.
 */
function parseSince(text: string): number | null {
  const day = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const at = new Date(y, m - 1, d);
    return at.getFullYear() === y && at.getMonth() === m - 1 && at.getDate() === d ? at.getTime() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

const tokens = (n: number) => n.toLocaleString('en-US');
const cost = (t: CostsTotal) => (t.cost_usd !== null ? costText(t.cost_usd) : t.entries === 0 ? '-' : 'unknown');

function renderCosts(result: Result<'costs'>): string {
  const row = (key: string, t: CostsTotal) => [key, tokens(t.usage.input), tokens(t.usage.output), tokens(t.usage.cache_read), tokens(t.usage.cache_write), cost(t), t.cost_source];
  const header = [result.by.toUpperCase(), 'INPUT', 'OUTPUT', 'CACHE READ', 'CACHE WRITE', 'COST', 'SOURCE'];
  if (result.rows.length === 0) return 'nothing spent yet (no agent\'s session file recorded tokens)';
  return renderTextTable(header, [...result.rows.map((r) => row(r.key, r)), row('total', result.total)]);
}

const costs: CommandSpec = {
  name: 'costs',
  summary: "the fleet's tokens and cost per agent, model or day, kept across restarts",
  description:
    "Added up from the fleet's usage ledger (<log_dir>/state/usage.jsonl): every spend an agent's session file recorded — Claude Code, Codex, the demo — " +
    'whether the agent is piloted, watched or neither, each counted once however often the file is read. A cost is the one the session file states, ' +
    'else its tokens priced by [price.NAME]; a sum with a part nobody can price says unknown. The ledger is capped like events.jsonl (log_max, log_keep). ' +
    'Days are local days.',
  args: [],
  flags: [
    { name: 'since', type: 'string', value: 'DATE', summary: 'only what was spent from this local day (YYYY-MM-DD) or ISO time on' },
    { name: 'by', type: 'string', value: 'agent|model|day', summary: 'what to add up by (default agent)' },
    JSON_FLAG,
  ],
  examples: ['hangar costs', 'hangar costs --by model', 'hangar costs --by day --since 2026-12-01 --json'],
  async run(ctx, parsed) {
    const by = (parsed.flags.by ?? 'agent') as string;
    if (!(COSTS_BY as readonly string[]).includes(by)) throw new UsageError(`costs: --by must be one of ${COSTS_BY.join(', ')}, got "${by}"`, 'costs');
    const sinceText = parsed.flags.since as string | undefined;
    const since = sinceText === undefined ? undefined : parseSince(sinceText);
    if (since === null) throw new UsageError(`costs: --since must be a day (YYYY-MM-DD) or an ISO time, got "${sinceText}"`, 'costs');
    const client = await ctx.client();
    const result = await client.request('costs', { by: by as CostsBy, ...(since !== undefined ? { since } : {}) });
    if (ctx.json) ctx.printJson(result);
    else ctx.out(renderCosts(result));
    return EXIT_OK;
  },
};

export default costs;
