import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { renderTextTable } from '../cli/text-table.js';
import type { InstanceRecord } from '../protocol/instance-record.js';
import { listInstances } from '../server/instance-registry.js';
import { costText } from '../text/status-text.js';

/** A local time to the second, `YYYY-MM-DD HH:MM:SS`. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function renderInstances(records: readonly InstanceRecord[]): string {
  const header = ['ID', 'NAME', 'INSTANCE', 'STATUS', 'STARTED', 'ENDED', 'AGENTS', 'TURNS', 'TOKENS', 'COST', 'CONFIG'];
  const rows = records.map((r) => {
    const t = r.totals;
    return [
      r.id,
      r.name,
      r.instance,
      r.status,
      localTime(r.started),
      r.ended ? localTime(r.ended) : '-',
      String(r.agents.length),
      String(t.turns),
      (t.input + t.output + t.cache_read + t.cache_write).toLocaleString('en-US'),
      t.cost_usd === null ? 'unknown' : costText(t.cost_usd),
      r.config,
    ];
  });
  return renderTextTable(header, rows);
}

const instances: CommandSpec = {
  name: 'instances',
  summary: "this machine's runs of fleets: the running ones, or every one with --all",
  description:
    'Every run of a fleet (hangar up) is an instance, recorded by its server in ${XDG_STATE_HOME:-~/.local/state}/hangar/instances/ ' +
    'and kept after it ends: its name (up --name), the copy of the config it runs (--instance), its log_dir, when it started and ended, ' +
    'its status (running; stopped by hangar down; completed or failed by its workers\' verdicts; crashed when its server died), ' +
    'the agents it started and its turns, tokens and cost (from the usage ledger, since it started).',
  args: [],
  flags: [{ name: 'all', short: 'a', type: 'boolean', summary: 'finished instances too' }, JSON_FLAG],
  examples: ['hangar instances', 'hangar instances --all', 'hangar instances --all --json'],
  async run(ctx, parsed) {
    const all = listInstances(ctx.io.env, new Date().toISOString());
    const shown = parsed.flags.all ? all : all.filter((r) => r.status === 'running');
    if (ctx.json) ctx.printJson({ instances: shown });
    else if (shown.length === 0) ctx.out(parsed.flags.all ? 'no instances recorded on this machine' : 'no instance is running (hangar instances --all shows the finished ones)');
    else ctx.out(renderInstances(shown));
    return EXIT_OK;
  },
};

export default instances;
