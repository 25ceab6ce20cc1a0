import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { FleetClient } from '../client/fleet-client.js';
import { CliFailure, type CommandContext } from '../cli/context.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, EXIT_USAGE, JSON_FLAG } from '../cli/command.js';
import { resumeIdPath } from '../fs/fleet-files.js';
import { locateTranscript } from '../pilot/transcript-source.js';
import type { TranscriptSource } from '../protocol/requests.js';
import { followTranscript } from '../transcript/follow-transcript.js';
import type { TranscriptEntry } from '../transcript/transcript-entry.js';
import { TranscriptFile } from '../transcript/transcript-file.js';
import { chooseTurns, parseTurnLabel, transcriptLines, type TurnChoice } from '../transcript/transcript-text.js';

/** The conversation id kept in state/<name>.id; null when there is none. */
function keptId(ctx: CommandContext, name: string): string | null {
  try {
    return readFileSync(resumeIdPath(ctx.config(), name), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * Where the agent's conversation is recorded: the running server knows every agent (those added
 * at run time too) and the id of the conversation each runs; without one, agents.toml names the
 * agents and state/<name>.id the conversation.
 */
async function transcriptSource(ctx: CommandContext, name: string, client: FleetClient | null): Promise<TranscriptSource> {
  if (client) return client.request('transcript', { name });
  const config = ctx.config();
  const agent = config.agents.find((a) => a.name === name);
  if (!agent) {
    const service = config.services.some((s) => s.name === name);
    throw new CliFailure(service ? `${name} is a service: only agents have a transcript` : `no agent named "${name}" in ${ctx.configPath}, and no hangar server is running that could know it`);
  }
  const taken = new Set(config.agents.flatMap((a) => (a.name === name ? [] : [keptId(ctx, a.name)].filter((id): id is string => id !== null))));
  return locateTranscript(agent, config.backends[agent.backend]?.session_file, keptId(ctx, name), ctx.io.env.HOME || homedir(), taken);
}

function turnChoice(flags: Record<string, unknown>): TurnChoice {
  const { turn, last } = flags;
  if (turn !== undefined && last !== undefined) throw new CliFailure('--turn and --last cannot be used together', EXIT_USAGE);
  if (typeof turn === 'string') {
    const n = parseTurnLabel(turn);
    if (n === null || n < 1) throw new CliFailure(`--turn ${turn}: expected a turn such as T3`, EXIT_USAGE);
    return { kind: 'turn', turn: n };
  }
  if (typeof last === 'number') {
    if (!Number.isInteger(last) || last < 1) throw new CliFailure(`--last ${last}: expected a whole number of turns, 1 or more`, EXIT_USAGE);
    return { kind: 'last', count: last };
  }
  return { kind: 'all' };
}

const transcript: CommandSpec = {
  name: 'transcript',
  summary: "an agent's conversation from its CLI's session file: prompts, replies, one line per tool call, tokens and cost per turn",
  description:
    "Reads the session file the agent's backend names (session_file: Claude Code, Codex, Gemini CLI and the demo agent are understood, each record recognised by its shape) for the conversation it runs — the running server says which; without one, state/<name>.id. " +
    'Each turn (Tn: the conversation\'s prompts counted from 1) shows its prompt, the assistant\'s text, each tool call as one line (the tool and its command, file path or pattern) with its result cut to a few lines (✗ marks an error), then its tokens and cost where the records state them. ' +
    "A streamed message counts once, a subagent's lines are marked ↳, a compaction, an API error, a record of an unknown type and a line over 8 MiB are shown as such. " +
    '--json prints the normalised entries, one JSON object a line, the same for every CLI: {turn, at, type: prompt|text|tool_call|tool_result|turn_end|compaction|error|unknown|skipped|file_reset, …}.',
  args: [{ name: 'name', required: true, summary: 'the agent' }],
  flags: [
    { name: 'turn', type: 'string', value: 'Tn', summary: 'only turn n (T1 is the first prompt of the conversation)' },
    { name: 'last', type: 'number', value: 'N', summary: 'only the last N turns' },
    { name: 'follow', short: 'f', type: 'boolean', summary: 'keep printing what is recorded, into a new session file too (Ctrl-C stops)' },
    JSON_FLAG,
  ],
  examples: ['hangar transcript builder', 'hangar transcript builder --last 2', 'hangar transcript builder --turn T3 --json', 'hangar transcript builder -f'],
  async run(ctx, parsed) {
    const name = parsed.args.name as string;
    const choice = turnChoice(parsed.flags);
    const follow = parsed.flags.follow === true;
    const client = await ctx.tryClient();
    const source = await transcriptSource(ctx, name, client);
    if (!source.path && !follow) throw new CliFailure(source.reason ?? `no transcript for ${name}`);

    const print = (entries: TranscriptEntry[]) => {
      if (entries.length === 0) return;
      if (ctx.json) ctx.io.stdout.write(entries.map((e) => JSON.stringify(e) + '\n').join(''));
      else ctx.io.stdout.write(transcriptLines(entries).map((l) => l + '\n').join(''));
    };
    if (!follow) {
      print(chooseTurns(new TranscriptFile(source.path!).read(true), choice));
      return EXIT_OK;
    }

    const file = source.path ? new TranscriptFile(source.path) : null;
    const first = file ? file.read() : [];
    print(chooseTurns(first, choice));
    if (!file && !ctx.json) ctx.io.stderr.write(`hangar: ${source.reason ?? 'no session file yet'}; waiting for one\n`);
    // from here on every new entry, but --turn keeps to its turn
    const keep = (entries: TranscriptEntry[]) => (choice.kind === 'turn' ? entries.filter((e) => e.turn === choice.turn) : entries);
    await followTranscript(file, {
      locate: async () => (await transcriptSource(ctx, name, client)).path,
      emit: (entries, from) => {
        if (from && !ctx.json) ctx.io.stdout.write(`── following ${from}\n`);
        print(keep(entries));
      },
    });
    return EXIT_OK;
  },
};

export default transcript;
