import type { CommandContext } from './context.js';

/** A flag a verb accepts. `--name VALUE`, `--name=VALUE`, or `-s VALUE`. */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'boolean' | 'string' | 'number';
  /** may be given several times; the values collect into an array */
  repeat?: boolean;
  /** placeholder shown in help, e.g. PATH */
  value?: string;
  summary: string;
}

export interface ArgSpec {
  name: string;
  required?: boolean;
  /** takes every remaining word */
  variadic?: boolean;
  summary: string;
}

export interface ParsedArgs {
  /** positional arguments by ArgSpec name (variadic ones are arrays) */
  args: Record<string, string | string[] | undefined>;
  flags: Record<string, string | number | boolean | string[] | undefined>;
}

/**
 * One verb of the CLI. The argument parser, `hangar help`, the README's CLI reference and
 * (later) the cockpit's command palette all read the one table of these (commands/table.ts).
 */
export interface CommandSpec {
  name: string;
  aliases?: string[];
  summary: string;
  /** a longer explanation for `hangar help VERB` */
  description?: string;
  args: ArgSpec[];
  flags: FlagSpec[];
  /** usage examples for help and the README */
  examples?: string[];
  run(ctx: CommandContext, parsed: ParsedArgs): Promise<number>;
}

/** Flags every verb accepts; declared once here so help and the parser agree. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'config', short: 'c', type: 'string', value: 'PATH', summary: 'the fleet config (default: $HANGAR_CONFIG, else ./agents.toml, else the one fleet running from this folder)' },
  { name: 'instance', type: 'string', value: 'NAME', summary: 'the copy of the fleet to run or reach (README, Instances): default $HANGAR_INSTANCE, else the one running, else default' },
  { name: 'set', type: 'string', repeat: true, value: 'KEY=VALUE', summary: 'override any config key for this invocation, e.g. --set defaults.model=x' },
  { name: 'help', short: 'h', type: 'boolean', summary: 'show help for this verb' },
];

export const JSON_FLAG: FlagSpec = { name: 'json', type: 'boolean', summary: 'print machine-readable JSON' };

/** `up --name` / `attach --name`: what `hangar instances` calls the run a started server begins. */
export const RUN_NAME_FLAG: FlagSpec = { name: 'name', type: 'string', value: 'LABEL', summary: 'name the run in hangar instances (default: the instance, else the config\'s folder)' };

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
