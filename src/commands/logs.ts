import { existsSync } from 'node:fs';
import { CliFailure, type CommandContext } from '../cli/context.js';
import { followFile, readLog } from '../cli/follow-file.js';
import { sessionLogPath } from '../fs/fleet-files.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK } from '../cli/command.js';

/**
 * Where the log of `name` is: the running server knows every agent, those added at run time
 * (`hangar add`, a pilot branch) too; without a server, agents.toml names the declared ones,
 * whose logs outlive the server.
 */
async function logPath(ctx: CommandContext, name: string): Promise<string> {
  const client = await ctx.tryClient();
  if (client) return (await client.request('logpath', { name })).path;
  const config = ctx.config();
  const member = [...config.agents, ...config.services].find((m) => m.name === name);
  if (!member) throw new CliFailure(`no agent or service named "${name}" in ${ctx.configPath}, and no hangar server is running that could know it`);
  return sessionLogPath(config, member.session);
}

const logs: CommandSpec = {
  name: 'logs',
  aliases: ['log'],
  summary: "print an agent's raw session log (<log_dir>/<session>.log); -f follows it",
  description:
    'The log is read with its rotated files (<session>.log.N … .log.1, then .log: at most log_max × (log_keep + 1) bytes), oldest first; -f goes on across a rotation. ' +
    'The running server says where the log is, so agents added at run time (hangar add, a pilot branch) have theirs too. Without a server, agents.toml names the agents, whose logs outlive it.',
  args: [{ name: 'name', required: true, summary: 'the agent or service' }],
  flags: [
    { name: 'follow', short: 'f', type: 'boolean', summary: 'keep printing what is appended (Ctrl-C stops)' },
    { name: 'bytes', type: 'number', value: 'N', summary: 'start N bytes before the end (default: everything kept)' },
  ],
  examples: ['hangar logs builder', 'hangar logs builder -f --bytes 4000'],
  async run(ctx, parsed) {
    const name = parsed.args.name as string;
    const path = await logPath(ctx, name);
    if (!existsSync(path) && !parsed.flags.follow) throw new CliFailure(`no log yet for ${name} (${path})`);
    const bytes = parsed.flags.bytes;
    const out = (text: string) => void ctx.io.stdout.write(text);
    const end = readLog(path, out, typeof bytes === 'number' ? bytes : undefined);
    if (parsed.flags.follow) await followFile(path, end, out);
    return EXIT_OK;
  },
};

export default logs;
