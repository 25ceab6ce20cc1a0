import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { UsageError } from '../cli/parse-args.js';
import { renderTextTable } from '../cli/text-table.js';
import { budgetPercent } from '../protocol/messages.js';
import type { BudgetLine, Result } from '../protocol/requests.js';
import { costText } from '../text/status-text.js';

const percent = (l: BudgetLine) => (l.budget_usd === null ? '-' : `${budgetPercent(l.spent_usd, l.budget_usd)}%`);

function renderBudgets(result: Result<'budget'>): string {
  const row = (l: BudgetLine) => [l.name ?? 'fleet', costText(l.spent_usd), l.budget_usd === null ? '-' : costText(l.budget_usd), percent(l), l.held ? 'held' : ''];
  return renderTextTable(['AGENT', 'SPENT', 'BUDGET', 'USED', 'HOLD'], [...result.agents.map(row), row(result.fleet)]);
}

const budget: CommandSpec = {
  name: 'budget',
  summary: 'what each agent and the fleet spent of its budget_usd; --raise adds to a budget and lifts its hold',
  description:
    'budget_usd ([[agent]], [defaults], and [watchdog] for the whole fleet) is what an agent may spend: its cost as `hangar status` shows it, ' +
    "added up from the fleet's usage ledger (a cost hangar cannot price counts as nothing). At 80 % a `budget` event and a `$ 82%` badge; " +
    'at 100 % the agent is held — it finishes what it is doing, but hangar types nothing more into it: wakes, usage-limit nudges and handoff pings wait. ' +
    'The fleet budget holds every agent. `--raise X` adds X dollars to the agent\'s budget (without NAME: the fleet\'s) and lifts the hold at once; ' +
    'raises are kept across restarts (<log_dir>/state/budget.json) until budget_usd is edited, and a higher budget_usd in agents.toml lifts a hold too ' +
    '(read again by `hangar up`, `hangar restart` and the watchdog every heavy_interval).',
  args: [{ name: 'name', summary: 'the agent (default: every agent and the fleet)' }],
  flags: [{ name: 'raise', type: 'number', value: 'USD', summary: "add this many dollars to the agent's budget (the fleet's without NAME) and lift its hold" }, JSON_FLAG],
  examples: ['hangar budget', 'hangar budget builder --raise 5', 'hangar budget --raise 20 --json'],
  async run(ctx, parsed) {
    const name = parsed.args.name as string | undefined;
    const raise = parsed.flags.raise as number | undefined;
    if (raise !== undefined && !(raise >= 0.01)) throw new UsageError(`budget: --raise must be at least 0.01 (dollars), got ${raise}`, 'budget');
    const client = await ctx.client();
    const result = await client.request('budget', { ...(name !== undefined ? { name } : {}), ...(raise !== undefined ? { raise } : {}) });
    if (ctx.json) ctx.printJson(result);
    else ctx.out(renderBudgets(result));
    return EXIT_OK;
  },
};

export default budget;
