import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliFailure } from '../cli/context.js';
import { fileSize, followFile, readRange } from '../cli/follow-file.js';
import type { CommandSpec } from './command.js';
import { EXIT_OK } from './command.js';

const logs: CommandSpec = {
  name: 'logs',
  aliases: ['log'],
  summary: "print an agent's raw session log (<log_dir>/<session>.log); -f follows it",
  args: [{ name: 'name', required: true, summary: 'the agent or service' }],
  flags: [
    { name: 'follow', short: 'f', type: 'boolean', summary: 'keep printing what is appended (Ctrl-C stops)' },
    { name: 'bytes', type: 'number', value: 'N', summary: 'start N bytes before the end (default: the whole log)' },
  ],
  examples: ['hangar logs builder', 'hangar logs builder -f --bytes 4000'],
  async run(ctx, parsed) {
    const config = ctx.config();
    const name = parsed.args.name as string;
    const member = [...config.agents, ...config.services].find((m) => m.name === name);
    if (!member) throw new CliFailure(`no agent or service named "${name}" in ${ctx.configPath}`);
    const path = join(config.log_dir, `${member.session}.log`);
    if (!existsSync(path) && !parsed.flags.follow) throw new CliFailure(`no log yet for ${name} (${path})`);
    const bytes = parsed.flags.bytes;
    const end = fileSize(path);
    const out = (text: string) => void ctx.io.stdout.write(text);
    await readRange(path, typeof bytes === 'number' ? Math.max(0, end - bytes) : 0, end, out);
    if (parsed.flags.follow) await followFile(path, end, out);
    return EXIT_OK;
  },
};

export default logs;
