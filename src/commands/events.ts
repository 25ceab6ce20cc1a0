import type { CommandContext } from '../cli/context.js';
import { clockTime, eventText } from '../text/event-text.js';
import { followFile, readLog } from '../cli/follow-file.js';
import { eventsLogPath } from '../fs/fleet-files.js';
import { parseEventLines } from '../protocol/event-lines.js';
import type { FleetEvent } from '../protocol/messages.js';
import { JSON_FLAG, type CommandSpec } from '../cli/command.js';
import { EXIT_OK } from '../cli/command.js';

/** One event as the verb prints it: a JSON line, or a timed line of text. */
function show(ctx: CommandContext, json: boolean, e: FleetEvent): void {
  if (json) return ctx.out(JSON.stringify(e));
  const text = eventText(e);
  if (text !== null && 'at' in e) ctx.out(`${clockTime(e.at)}  ${text}`);
}

/** Prints events as they are appended, keeping a partial last line for the next chunk. */
function follower(ctx: CommandContext, json: boolean, keep: (e: FleetEvent) => boolean): (text: string) => void {
  let partial = '';
  return (text) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const e of parseEventLines(lines).filter(keep)) show(ctx, json, e);
  };
}

const events: CommandSpec = {
  name: 'events',
  summary: "print the fleet's event log (<log_dir>/events.jsonl): starts, exits, statuses, watchdog actions",
  description:
    'Everything the server and its watchdog did, oldest first: restarts and why, usage-limit holds and probes, wakes, handoff pings, phase moves. Works whether or not the server runs. ' +
    'The log is capped like a session log ([defaults] log_max, log_keep): the rotated files events.jsonl.N … .1 are read first, and -f goes on across a rotation.',
  args: [{ name: 'name', summary: 'only events about this agent or service' }],
  flags: [
    { name: 'follow', short: 'f', type: 'boolean', summary: 'keep printing events as they happen (Ctrl-C stops)' },
    { name: 'lines', short: 'n', type: 'number', value: 'N', summary: 'start with the last N events (default 40; 0 = all)' },
    { name: 'watchdog', short: 'w', type: 'boolean', summary: "only the watchdog's actions" },
    JSON_FLAG,
  ],
  examples: ['hangar events', 'hangar events builder -f', 'hangar events -w --json'],
  async run(ctx, parsed) {
    const config = ctx.config();
    const path = eventsLogPath(config);
    const name = parsed.args.name as string | undefined;
    const keep = (e: FleetEvent) =>
      e.type !== 'screen' && (!name || ('name' in e && e.name === name)) && (!parsed.flags.watchdog || e.type === 'watchdog');
    const json = parsed.flags.json === true;
    // the rotated files too (events.jsonl.N … .1): the last N events may span a rotation
    let all = '';
    const end = readLog(path, (text) => (all += text));
    const lines = all.split('\n').filter(Boolean);
    const wanted = parseEventLines(lines).filter(keep);
    const n = typeof parsed.flags.lines === 'number' ? parsed.flags.lines : 40;
    for (const e of n > 0 ? wanted.slice(-n) : wanted) show(ctx, json, e);
    if (parsed.flags.follow) await followFile(path, end, follower(ctx, json, keep));
    return EXIT_OK;
  },
};

export default events;
