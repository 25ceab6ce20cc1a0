import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliFailure } from '../cli/context.js';
import { BUILTIN_BACKENDS } from '../config/builtin-backends.js';
import { scaffoldFiles } from '../config/scaffold.js';
import { findOnPath } from '../fs/find-on-path.js';
import { shellQuote } from '../config/template.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';

const init: CommandSpec = {
  name: 'init',
  summary: 'scaffold a starter agents.toml and prompts/ in a project folder; never overwrites',
  description:
    'Writes agents.toml (a builder/adversary loop pair and a supervisor on the demo backend, which runs ' +
    'with no network, and an agent for each agent CLI it finds on PATH: claude, codex, gemini, opencode, ' +
    'aider, whose backends are built in) and prompts/ (kickoff.md, builder.md, adversary.md, ' +
    'supervisor.md, wake.md). When any of these files exists, it names them and writes nothing.',
  args: [{ name: 'dir', summary: 'the project folder (default: the current folder); created when missing' }],
  flags: [JSON_FLAG],
  examples: ['hangar init', 'hangar init ~/src/myproject'],
  async run(ctx, parsed) {
    const given = (parsed.args.dir as string | undefined) ?? '.';
    const dir = resolve(given);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliFailure(`${given} is not a folder`, EXIT_FAILURE);
    const clis = Object.entries(BUILTIN_BACKENDS).filter(([, b]) => findOnPath(b.bin, ctx.io.env['PATH'])).map(([name]) => name);
    const files = scaffoldFiles(basename(dir), clis);
    const shown = (path: string) => join(given, path);

    const existing = files.filter((f) => existsSync(join(dir, f.path)));
    if (existing.length > 0) {
      const names = existing.map((f) => shown(f.path)).join(', ');
      throw new CliFailure(`refusing to overwrite ${names} (nothing was written)`, EXIT_FAILURE);
    }
    for (const f of files) {
      const path = join(dir, f.path);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.text, { flag: 'wx' }); // wx: a file that appeared meanwhile is not overwritten either
      } catch (err) {
        throw new CliFailure(`cannot write ${shown(f.path)}: ${(err as Error).message}`, EXIT_FAILURE);
      }
    }

    if (ctx.json) {
      ctx.printJson({ dir, files: files.map((f) => f.path), clis });
      return EXIT_OK;
    }
    const cd = given === '.' ? '' : `cd ${shellQuote(given)} && `;
    ctx.out([
      `wrote ${files.length} files in ${dir}:`,
      ...files.map((f) => `  ${f.path}`),
      '',
      `next: ${cd}hangar up    (the demo backend: no network, no API key)`,
      clis.length > 0
        ? `found on PATH: ${clis.join(', ')} (an agent each in agents.toml; set [defaults] backend to one to run the loop on it)`
        : 'no agent CLI found on PATH (claude, codex, gemini, opencode, aider): install one, then set [defaults] backend to it',
      'then: write PLAN.md',
    ].join('\n'));
    return EXIT_OK;
  },
};

export default init;
