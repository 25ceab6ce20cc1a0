import type { PaletteVerbs } from '../ui/palette.js';
import type { CommandSpec } from './command.js';
import { CommandContext } from './context.js';
import { findCommand, parseArgs } from './parse-args.js';

/** Verbs the palette offers: every CLI verb except the ones that take over the terminal or follow a file until Ctrl-C (C-b t shows a transcript). */
function paletteCommands(commands: readonly CommandSpec[]): CommandSpec[] {
  return commands.filter((c) => !['attach', 'logs', 'transcript', 'reset-terminal', 'help'].includes(c.name));
}

/** Split a palette line into words, honouring "double" and 'single' quotes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/**
 * The cockpit's palette over the CLI's command table: a line runs through the same table and
 * parser as the CLI, as a client of the fleet the cockpit shows (its config and instance).
 */
export function paletteVerbs(commands: readonly CommandSpec[], fleet: { path: string; instance: string }): PaletteVerbs {
  const verbs = paletteCommands(commands);
  return {
    matches(input) {
      const [first = ''] = splitWords(input);
      return verbs
        .filter((c) => c.name.startsWith(first) || c.aliases?.some((a) => a.startsWith(first)))
        .map((c) => `${c.name} ${c.args.map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`)).join(' ')} — ${c.summary}`);
    },
    async run(line) {
      const words = splitWords(line);
      if (words.length === 0) return { ok: false, output: 'type a verb, e.g. restart builder' };
      let output = '';
      const sink = { write: (t: string) => void (output += t) };
      let ctx: CommandContext | undefined;
      try {
        const spec = findCommand(verbs, words[0]!);
        // from the palette nothing takes over the terminal: `up` is always detached, `pilot` prints
        const extra = spec.name === 'up' ? ['-d'] : spec.name === 'pilot' ? ['--tree'] : [];
        const parsed = parseArgs(spec, [...words.slice(1), ...extra, '--config', fleet.path, '--instance', fleet.instance]);
        ctx = new CommandContext(parsed, { stdout: sink, stderr: sink, stdin: process.stdin, env: process.env }, commands);
        const code = await spec.run(ctx, parsed);
        return { ok: code === 0, output: output.trim() || `${spec.name}: done` };
      } catch (err) {
        return { ok: false, output: (output + (err instanceof Error ? err.message : String(err))).trim() };
      } finally {
        ctx?.close();
      }
    },
  };
}
