import type { CommandSpec, FlagSpec, ParsedArgs } from './command.js';
import { GLOBAL_FLAGS } from './command.js';

export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Find a verb by name, alias or unique prefix (as tmux's cmd_find does). */
export function findCommand(table: readonly CommandSpec[], word: string): CommandSpec {
  const exact = table.find((c) => c.name === word || c.aliases?.includes(word));
  if (exact) return exact;
  const byPrefix = table.filter((c) => c.name.startsWith(word));
  if (byPrefix.length === 1) return byPrefix[0]!;
  if (byPrefix.length > 1) {
    throw new UsageError(`ambiguous verb "${word}": ${byPrefix.map((c) => c.name).join(', ')}`);
  }
  throw new UsageError(`unknown verb "${word}" (see: hangar help)`);
}

/** Parse the words after the verb against its spec. Pure. */
export function parseArgs(spec: CommandSpec, words: readonly string[]): ParsedArgs {
  const flagSpecs = [...GLOBAL_FLAGS, ...spec.flags];
  const flags: ParsedArgs['flags'] = {};
  const positional: string[] = [];
  const findFlag = (word: string): FlagSpec | undefined =>
    word.startsWith('--')
      ? flagSpecs.find((f) => f.name === word.slice(2))
      : flagSpecs.find((f) => f.short !== undefined && f.short === word.slice(1));

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (word.length > 1 && word.startsWith('-') && !/^-\d/.test(word)) {
      const eq = word.startsWith('--') ? word.indexOf('=') : -1;
      const name = eq > 0 ? word.slice(0, eq) : word;
      const flag = findFlag(name);
      if (!flag) throw new UsageError(`${spec.name}: unknown flag ${name}`, spec.name);
      let value: string | number | boolean;
      if (flag.type === 'boolean') {
        if (eq > 0) throw new UsageError(`${spec.name}: ${name} takes no value`, spec.name);
        value = true;
      } else {
        const raw = eq > 0 ? word.slice(eq + 1) : words[++i];
        if (raw === undefined) {
          throw new UsageError(`${spec.name}: ${name} needs a value${flag.value ? ` (${flag.value})` : ''}`, spec.name);
        }
        if (flag.type === 'number') {
          const n = Number(raw);
          if (!Number.isFinite(n)) throw new UsageError(`${spec.name}: ${name} must be a number, got "${raw}"`, spec.name);
          value = n;
        } else {
          value = raw;
        }
      }
      if (flag.repeat) {
        const prev = flags[flag.name];
        flags[flag.name] = [...(Array.isArray(prev) ? prev : []), String(value)];
      } else {
        flags[flag.name] = value;
      }
      continue;
    }
    positional.push(word);
  }

  const args: ParsedArgs['args'] = {};
  let p = 0;
  for (const arg of spec.args) {
    if (arg.variadic) {
      args[arg.name] = positional.slice(p);
      p = positional.length;
      if (arg.required && (args[arg.name] as string[]).length === 0 && !flags.help) {
        throw new UsageError(`${spec.name}: missing ${arg.name.toUpperCase()}`, spec.name);
      }
      continue;
    }
    const value = positional[p++];
    if (value === undefined && arg.required && !flags.help) {
      throw new UsageError(`${spec.name}: missing ${arg.name.toUpperCase()}`, spec.name);
    }
    args[arg.name] = value;
  }
  if (p < positional.length) {
    throw new UsageError(`${spec.name}: unexpected argument "${positional[p]}"`, spec.name);
  }
  return { args, flags };
}
