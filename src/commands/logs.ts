import { createReadStream, existsSync, mkdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { CliFailure, type CommandContext } from '../cli/context.js';
import type { CommandSpec } from './command.js';
import { EXIT_OK } from './command.js';

/** Copy bytes [from, to) of a file to the output. */
function copyRange(ctx: CommandContext, path: string, from: number, to: number): Promise<void> {
  if (to <= from) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { start: from, end: to - 1, encoding: 'utf8' });
    stream.on('data', (chunk) => ctx.io.stdout.write(chunk as string));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
}

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
    let offset = 0;
    const size = () => (existsSync(path) ? statSync(path).size : 0);
    const bytes = parsed.flags.bytes;
    if (typeof bytes === 'number') offset = Math.max(0, size() - bytes);
    const end = size();
    await copyRange(ctx, path, offset, end);
    offset = end;
    if (!parsed.flags.follow) return EXIT_OK;

    mkdirSync(config.log_dir, { recursive: true, mode: 0o700 }); // following a log before the first start
    return new Promise<number>((resolve) => {
      let busy = Promise.resolve();
      const watcher = watch(config.log_dir, (_event, file) => {
        if (file && file.toString() !== `${member.session}.log`) return;
        busy = busy.then(async () => {
          const now = size();
          if (now < offset) offset = 0; // truncated or replaced
          await copyRange(ctx, path, offset, now);
          offset = now;
        });
      });
      process.once('SIGINT', () => {
        watcher.close();
        resolve(EXIT_OK);
      });
    });
  },
};

export default logs;
