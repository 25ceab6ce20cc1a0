import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { renderTextTable } from '../cli/text-table.js';
import type { Result } from '../protocol/requests.js';

/** A watcher's own settings in one cell: `threshold=3 lookback=30`. */
function settingsText(settings: Record<string, unknown>): string {
  return Object.entries(settings)
    .filter(([k]) => k !== 'kind' && k !== 'message_role')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ');
}

function renderWatchers(result: Result<'watchers'>): string {
  const lines: string[] = [];
  if (result.resumed) lines.push(`${result.resumed} resumed`);
  if (result.agents.length === 0) return [...lines, 'no agent has watchers (README, Watchers: [[watcher]] or an agent\'s watchers = [...])'].join('\n');
  const rows = result.agents.flatMap((a) =>
    a.watchers.map((w, i) => [
      i === 0 ? a.name : '',
      w.kind,
      w.from,
      w.role,
      settingsText(w.settings),
      String(w.turns),
      String(w.fired),
      w.last ? `${w.last.action} (turn ${w.last.turn}): ${w.last.reason}` : '-',
    ]),
  );
  lines.push(renderTextTable(['AGENT', 'WATCHER', 'FROM', 'ROLE', 'SETTINGS', 'TURNS', 'FIRED', 'LAST'], rows));
  for (const a of result.agents) if (a.paused) lines.push(`${a.name} is paused: ${a.paused} (hangar watchers --resume ${a.name})`);
  return lines.join('\n');
}

const watchers: CommandSpec = {
  name: 'watchers',
  summary: "each agent's watchers: turns judged, times fired, last action; --resume lifts a pause",
  description:
    'The watchers over each agent ([[watcher]] for every agent, an agent\'s own watchers = [...]): their settings, how many finished turns each judged, ' +
    'how many times it fired and its last action (nudge, pause, abort) with the reason. A watcher\'s pause holds the agent — nothing is typed into it, ' +
    'not a wake, a ping or a nudge — until a person resumes it with --resume NAME.',
  args: [],
  flags: [{ name: 'resume', type: 'string', value: 'NAME', summary: "lift a watcher's pause of agent NAME" }, JSON_FLAG],
  examples: ['hangar watchers', 'hangar watchers --json', 'hangar watchers --resume orchestrator'],
  async run(ctx, parsed) {
    const resume = parsed.flags.resume as string | undefined;
    const client = await ctx.client();
    const result = await client.request('watchers', resume !== undefined ? { resume } : {});
    if (ctx.json) ctx.printJson(result);
    else ctx.out(renderWatchers(result));
    return EXIT_OK;
  },
};

export default watchers;
